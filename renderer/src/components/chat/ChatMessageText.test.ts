// Issue 10 row 4: chat links show the host they open, and ask before opening when the message
// wrote something else.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { createAppI18n, loadLaterMessages } from '@/i18n'
import ChatMessageText from './ChatMessageText.vue'

let i18n: ReturnType<typeof createAppI18n>
// The chat view's words are in the part of English that loads after start-up.
beforeAll(async () => {
  i18n = createAppI18n()
  await loadLaterMessages()
})

function render(text: string) {
  return mount(ChatMessageText, {
    props: { text, domain: 'example.com' },
    global: { plugins: [i18n] },
    attachTo: document.body,
  })
}

afterEach(() => {
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

describe('ChatMessageText', () => {
  it('shows a mixed-script host as punycode and asks before opening it', async () => {
    const open = vi.spyOn(window, 'open').mockImplementation(() => null)
    const wrapper = render('log in at https://gооgle.com now')
    const link = wrapper.get('a')
    expect(link.text()).toBe('https://xn--ggle-55da.com')
    expect(link.attributes('href')).toBe('https://xn--ggle-55da.com/')
    await link.trigger('click')
    const dialog = wrapper.get('[role="dialog"]')
    expect(dialog.text()).toContain('https://gооgle.com')
    expect(dialog.text()).toContain('https://xn--ggle-55da.com/')
    // Cancel has the focus: Enter as the dialog opens opens nothing.
    expect(document.activeElement?.textContent?.trim()).toBe('Cancel')
    expect(open).not.toHaveBeenCalled()
    await wrapper.get('button.button-ok').trigger('click')
    expect(open).toHaveBeenCalledWith('https://xn--ggle-55da.com/', '_blank', 'noopener,noreferrer')
    expect(wrapper.find('[role="dialog"]').exists()).toBe(false)
  })

  it('shows the fraction-slash host under the domain it really opens', () => {
    const wrapper = render('https://google.com\u2044login.evil.com')
    expect(wrapper.get('a').text()).toMatch(/\.evil\.com$/)
    expect(wrapper.get('a').text()).not.toContain('\u2044')
  })

  it('removes bidi controls from the text and its links', () => {
    const wrapper = render('pay \u202eexe.txt https://example.com/\u202efdp')
    expect(wrapper.text()).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/)
  })

  it('opens a plain link without asking', async () => {
    const wrapper = render('see https://example.com/a')
    let prevented: boolean | null = null
    const stop = (event: Event) => {
      prevented = event.defaultPrevented
      event.preventDefault() // no navigation in the test DOM
    }
    window.addEventListener('click', stop)
    await wrapper.get('a').trigger('click')
    window.removeEventListener('click', stop)
    expect(prevented).toBe(false)
    expect(wrapper.find('[role="dialog"]').exists()).toBe(false)
  })

  it('cancels', async () => {
    const open = vi.spyOn(window, 'open').mockImplementation(() => null)
    const wrapper = render('https://gооgle.com')
    await wrapper.get('a').trigger('click')
    await wrapper.get('[role="dialog"] button:not(.button-ok)').trigger('click')
    expect(wrapper.find('[role="dialog"]').exists()).toBe(false)
    expect(open).not.toHaveBeenCalled()
  })
})
