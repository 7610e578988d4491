import { describe, expect, it } from 'vitest'
import { formatMessage, pluralIndex } from './format'
import { shellMessages } from './shell-messages'
import { APP_LOCALES } from './locales'
import { trayMenu, trayTooltip } from '../shell/tray-model'
import { decideNotification } from '../shell/notification-policy'
import { initialShellState } from '../shell/types'

describe('formatMessage (main process)', () => {
  it('fills named values and literals', () => {
    expect(formatMessage('en', 'Answer {name}', { name: 'Bob' })).toBe('Answer Bob')
    expect(formatMessage('en', "sip:alice{'@'}example.com")).toBe('sip:alice@example.com')
  })

  it.each([
    ['en', 1, '1 unread message'],
    ['en', 0, '0 unread messages'],
    ['fr', 0, '0 message non lu'],
    ['fr', 2, '2 messages non lus'],
    ['zh-CN', 7, '7 条未读消息'],
    ['ar', 0, 'لا رسائل غير مقروءة'],
    ['ar', 2, 'رسالتان غير مقروءتين'],
    ['ar', 5, '5 رسائل غير مقروءة'],
    ['ar', 11, '11 رسالة غير مقروءة'],
  ] as const)('%s, %i → %s', (locale, n, text) => {
    expect(formatMessage(locale, shellMessages[locale].tray.unread, { n })).toBe(text)
  })

  it('picks one form per CLDR category, or one/other', () => {
    expect(pluralIndex('ar', 1, 6)).toBe(1)
    expect(pluralIndex('ar', 3, 6)).toBe(3)
    expect(pluralIndex('de', 1, 2)).toBe(0)
    expect(pluralIndex('de', 2, 2)).toBe(1)
    expect(pluralIndex('zh-CN', 2, 1)).toBe(0)
  })
})

describe('the shell in every language', () => {
  const ringing = { ...initialShellState(), ringing: { name: 'Bob', address: 'sip:bob@x', callId: 'c1' } }

  it.each(APP_LOCALES)('%s: tray menu, tooltip and notification come from the catalogue', (locale) => {
    const text = shellMessages[locale]
    const language = { locale, text }
    const labels = trayMenu(ringing, language).flatMap((i) => ('label' in i ? [i.label] : []))
    expect(labels).toContain(text.tray.decline)
    expect(labels).toContain(text.tray.quit)
    expect(labels.some((l) => l.includes('Bob'))).toBe(true)
    expect(trayTooltip(ringing, language)).toContain('Bob')
    const spec = decideNotification(
      { kind: 'missed-call', callId: 'c1', from: { name: 'Bob', address: 'sip:bob@x' } },
      { status: 'available', windowFocused: false, openThread: null, actionsSupported: true, bodyIsMarkup: false, text: text.notification },
    )
    expect(spec?.title).toBe(text.notification.missedCall)
  })

  it('German reads German', () => {
    expect(trayMenu(ringing, { locale: 'de', text: shellMessages.de }).flatMap((i) => ('label' in i ? [i.label] : []))).toContain(
      'Anruf von Bob annehmen',
    )
  })
})
