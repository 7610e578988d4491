// The desktop's own picker of screens and windows: chooses one, cancels (button and Esc), keeps
// focus inside, and shows other programs' window titles as text, never as markup.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createAppI18n, loadLaterMessages } from '@/i18n'
import type { ScreenSource } from '@shared/screen'
import CallScreenPicker from './CallScreenPicker.vue'

// The component loads with the views' words (withLaterMessages), as in the app.
let i18n: ReturnType<typeof createAppI18n>
beforeEach(async () => {
  i18n = createAppI18n()
  await loadLaterMessages()
})

const PNG = 'data:image/png;base64,iVBORw0KGgo='

const sources: ScreenSource[] = [
  { id: 'screen:0:0', kind: 'screen', name: 'Entire screen', thumbnail: PNG },
  { id: 'window:5:0', kind: 'window', name: 'Slides', thumbnail: PNG },
  {
    id: 'window:6:0',
    kind: 'window',
    name: '<img src=x onerror="window.__pwned=1"><b>Bold</b>',
    // Not an image: no <img> may carry it.
    thumbnail: 'javascript:alert(1)',
  },
  { id: 'window:7:0', kind: 'window', name: '', thumbnail: null },
]

function render(list: ScreenSource[] | Error = sources) {
  return mount(CallScreenPicker, {
    props: { sources: list },
    global: { plugins: [i18n] },
    attachTo: document.body,
  })
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('CallScreenPicker', () => {
  it('lists screens and windows by name with their thumbnails, and chooses one', async () => {
    const wrapper = render()
    const dialog = wrapper.get('[role="dialog"]')
    expect(dialog.attributes('aria-modal')).toBe('true')
    expect(wrapper.get('#screen-picker-title').text()).toBe('Choose what to share')
    expect(wrapper.get('section[aria-label="Screens"]').text()).toContain('Entire screen')
    const windows = wrapper.get('section[aria-label="Windows"]').findAll('button')
    expect(windows.map((b) => b.text())).toEqual([
      'Slides',
      '<img src=x onerror="window.__pwned=1"><b>Bold</b>',
      'Untitled window',
    ])
    await windows[0]!.trigger('click')
    expect(wrapper.emitted('choose')).toEqual([['window:5:0']])
    expect(wrapper.emitted('cancel')).toBeUndefined()
  })

  it('shows hostile names as text and only image thumbnails', () => {
    const wrapper = render()
    expect(wrapper.find('b').exists()).toBe(false)
    expect(wrapper.find('img[src="x"]').exists()).toBe(false)
    expect((window as { __pwned?: number }).__pwned).toBeUndefined()
    const images = wrapper.findAll('img').map((i) => i.attributes('src'))
    expect(images).toEqual([PNG, PNG])
  })

  it('starts on the first source, keeps Tab inside, and cancels with Esc or Cancel', async () => {
    const wrapper = render()
    await flushPromises()
    const buttons = wrapper.findAll('button')
    expect(document.activeElement).toBe(buttons[0]!.element)
    // Shift+Tab from the first control goes to the last (Cancel), Tab from there to the first.
    await buttons[0]!.trigger('keydown', { key: 'Tab', shiftKey: true })
    expect(document.activeElement?.textContent?.trim()).toBe('Cancel')
    await buttons[buttons.length - 1]!.trigger('keydown', { key: 'Tab' })
    expect(document.activeElement).toBe(buttons[0]!.element)

    await wrapper.get('[role="dialog"]').trigger('keydown', { key: 'Escape' })
    expect(wrapper.emitted('cancel')).toHaveLength(1)
    await buttons[buttons.length - 1]!.trigger('click')
    expect(wrapper.emitted('cancel')).toHaveLength(2)
    expect(wrapper.emitted('choose')).toBeUndefined()
  })

  it('says so when there is nothing to share, or the list failed', () => {
    expect(render([]).text()).toContain('There is no screen or window to share.')
    document.body.innerHTML = ''
    const failed = render(new Error('no portal'))
    expect(failed.get('[role="alert"]').text()).toBe('The screens and windows could not be listed.')
    expect(failed.findAll('button').map((b) => b.text())).toEqual(['Cancel'])
  })
})
