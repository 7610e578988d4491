import { describe, expect, it, vi } from 'vitest'
import type { DialRequest } from '@shared/ipc/push'
import { initialShellState } from '@shared/shell/types'
import type { AttentionEvent, ShellAction, ShellState } from '@shared/shell/types'
import { createBrowserShell } from './browser-shell'
import type { BrowserNotification, BrowserShellOptions } from './browser-shell'

function shell(href = 'http://127.0.0.1:8080/', overrides: Partial<BrowserShellOptions> = {}) {
  const address = { current: href }
  const shown: { notification: BrowserNotification; click: () => void }[] = []
  const badges: number[] = []
  let focused = false
  const made = createBrowserShell({
    page: { href: () => address.current, replace: (next) => (address.current = next) },
    show: (notification, click) => shown.push({ notification, click }),
    setBadge: (count) => badges.push(count),
    isFocused: () => focused,
    defaultRegion: async () => 'US',
    ...overrides,
  })
  return { made, address, shown, badges, focus: (value: boolean) => (focused = value) }
}

const caller = { name: 'Bob', address: 'sip:bob@example.com' }
const incoming: AttentionEvent = { kind: 'incoming-call', callId: 'c1', from: caller }
const state = (patch: Partial<ShellState>): ShellState => ({ ...initialShellState(), ...patch })

describe('browser shell', () => {
  it('delivers the page link once, after ready(), parsed with the default region', async () => {
    const { made, address } = shell('http://127.0.0.1:8080/?dial=tel%3A(201)%20555-0123')
    const seen: DialRequest[] = []
    made.onDialRequest((request) => seen.push(request))
    expect(seen).toEqual([])
    await made.ready()
    expect(seen).toHaveLength(1)
    expect(seen[0]?.result).toMatchObject({ ok: true, target: { dial: '+12015550123' } })
    expect(address.current).toBe('http://127.0.0.1:8080/')
    await made.ready()
    expect(seen).toHaveLength(1)
  })

  it('keeps the link for a listener that subscribes after ready()', async () => {
    const { made } = shell('http://127.0.0.1:8080/?dial=sip%3Abob%40example.com')
    await made.ready()
    const seen: DialRequest[] = []
    made.onDialRequest((request) => seen.push(request))
    expect(seen.map((r) => r.result.ok)).toEqual([true])
  })

  it('delivers a hostile link as an error, never the raw text', async () => {
    const { made } = shell('http://127.0.0.1:8080/?dial=javascript%3Aalert(1)')
    const seen: DialRequest[] = []
    made.onDialRequest((request) => seen.push(request))
    await made.ready()
    expect(seen).toEqual([
      { result: { ok: false, error: expect.objectContaining({ code: 'unsupported-scheme' }) } },
    ])
  })

  it('delivers nothing without a link', async () => {
    const { made } = shell()
    const seen = vi.fn()
    made.onDialRequest(seen)
    await made.ready()
    expect(seen).not.toHaveBeenCalled()
  })

  it('badges unread messages plus missed calls', async () => {
    const { made, badges } = shell()
    made.setShellState(state({ unreadMessages: 2, missedCalls: 1 }))
    made.setShellState(state({ unreadMessages: 4, missedCalls: 1 }))
    expect(badges).toEqual([3, 5])
  })

  it('sets the badge only when its count changes (not on every call or status change)', async () => {
    const { made, badges } = shell()
    made.setShellState(state({ unreadMessages: 0, missedCalls: 0 }))
    made.setShellState(state({ unreadMessages: 0, missedCalls: 0, status: 'busy' }))
    made.setShellState(state({ unreadMessages: 1, missedCalls: 0, status: 'busy' }))
    made.setShellState(state({ unreadMessages: 1, missedCalls: 0 }))
    expect(badges).toEqual([0, 1])
  })

  it('notifies an incoming call only when the page is not in front, and not in Do not disturb', async () => {
    const { made, shown, focus } = shell()
    focus(true)
    made.notifyShell(incoming)
    expect(shown).toEqual([])
    focus(false)
    made.notifyShell(incoming)
    expect(shown.map((s) => s.notification)).toEqual([
      { title: 'Incoming call', body: 'Bob (sip:bob@example.com)', tag: 'call:c1' },
    ])
    made.setShellState(state({ status: 'dnd' }))
    made.notifyShell({ kind: 'missed-call', callId: 'c2', from: caller })
    expect(shown).toHaveLength(1)
  })

  it('turns a notification click into the action it stands for (tray menus never fire)', async () => {
    const { made, shown } = shell()
    const actions: ShellAction[] = []
    made.onTrayAction((action) => actions.push(action))
    made.notifyShell({ kind: 'missed-call', callId: 'c2', from: caller })
    shown[0]?.click()
    expect(actions).toEqual([{ kind: 'show-call', callId: 'c2' }])
  })

  it('offers the protocol handlers for this page', async () => {
    const registerProtocolHandler = vi.fn()
    const { made } = shell('http://127.0.0.1:8080/?dial=x', {
      protocols: { registerProtocolHandler },
    })
    expect(made.registerProtocolHandlers()).toBe('offered')
    expect(registerProtocolHandler).toHaveBeenCalledWith('tel', 'http://127.0.0.1:8080/?dial=%s')
  })
})
