import { describe, expect, it, vi } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { createAppI18n } from '@/i18n'
import { useChatStore } from '@/stores/chat'
import { storeTestApp } from '@/stores/testing/run-with'
import ChatComposer from './ChatComposer.vue'

// The composer's field after a send: empty, focused, and a new element (Chromium keeps a text
// field's whole undo history, nodes included, for as long as the field exists).

describe('ChatComposer', () => {
  function setup(sent: boolean) {
    const { pinia, provide, run } = storeTestApp()
    const chat = run(() => useChatStore())
    const send = vi.spyOn(chat, 'send').mockResolvedValue(sent)
    const wrapper = mount(ChatComposer, {
      attachTo: document.body,
      global: { plugins: [pinia, createAppI18n()], provide },
    })
    return { wrapper, send }
  }

  it('Enter sends; the sent text leaves with its field: a fresh, empty, focused one takes over', async () => {
    const { wrapper, send } = setup(true)
    const first = wrapper.get('textarea').element
    await wrapper.get('textarea').setValue('hello')
    await wrapper.get('textarea').trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(send).toHaveBeenCalledWith('hello')
    const now = wrapper.get('textarea').element
    expect(now).not.toBe(first)
    expect(now.value).toBe('')
    expect(document.activeElement).toBe(now)
    wrapper.unmount()
  })

  it('a refused send keeps the text in the same field', async () => {
    const { wrapper } = setup(false)
    const first = wrapper.get('textarea').element
    await wrapper.get('textarea').setValue('too long')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('textarea').element).toBe(first)
    expect(first.value).toBe('too long')
    wrapper.unmount()
  })
})
