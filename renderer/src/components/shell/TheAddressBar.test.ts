import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createAppI18n } from '@/i18n'
import { useCallsStore } from '@/stores/calls'
import { useChatStore } from '@/stores/chat'
import { storeTestApp } from '@/stores/testing/run-with'
import TheAddressBar from './TheAddressBar.vue'

// The address box after a call or message goes out: empty, and a new element that keeps the
// focus where it was (Chromium keeps a text field's whole undo history, a text node per edit,
// for as long as the field exists: one box for every call grew the DOM by a node per call).

function setup(outcome: boolean) {
  const { pinia, provide, run } = storeTestApp()
  const { calls, chat } = run(() => ({ calls: useCallsStore(), chat: useChatStore() }))
  const dial = vi.spyOn(calls, 'dial').mockReturnValue(outcome)
  const start = vi.spyOn(chat, 'startConversation').mockResolvedValue(outcome)
  const wrapper = mount(TheAddressBar, {
    attachTo: document.body,
    global: { plugins: [pinia, createAppI18n()], provide },
  })
  const input = () => wrapper.get<HTMLInputElement>('input[type=text]')
  const button = (name: string) => wrapper.findAll('button').find((b) => b.text() === name)!
  return { wrapper, dial, start, input, button }
}

describe('TheAddressBar', () => {
  it('Enter dials; the box empties into a fresh, focused field', async () => {
    const { wrapper, dial, input } = setup(true)
    const first = input().element
    first.focus()
    await input().setValue('sip:bob@example.com')
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(() => expect(dial).toHaveBeenCalled())
    await flushPromises()
    const now = input().element
    expect(now).not.toBe(first)
    expect(now.value).toBe('')
    expect(document.activeElement).toBe(now)
    wrapper.unmount()
  })

  it.each([['Video call'], ['Message']])(
    '"%s" empties the box into a fresh field too, leaving the focus on the button',
    async (name) => {
      const { wrapper, dial, start, input, button } = setup(true)
      const first = input().element
      await input().setValue('sip:bob@example.com')
      button(name).element.focus()
      await button(name).trigger('click')
      await vi.waitFor(() => expect(dial.mock.calls.length + start.mock.calls.length).toBe(1))
      await flushPromises()
      expect(input().element).not.toBe(first)
      expect(input().element.value).toBe('')
      expect(document.activeElement).toBe(button(name).element)
      wrapper.unmount()
    },
  )

  it('a call that could not be dialled keeps the text in the same field', async () => {
    const { wrapper, dial, input } = setup(false)
    const first = input().element
    await input().setValue('sip:bob@example.com')
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(() => expect(dial).toHaveBeenCalled())
    await flushPromises()
    expect(input().element).toBe(first)
    expect(first.value).toBe('sip:bob@example.com')
    wrapper.unmount()
  })
})
