import { describe, expect, it } from 'vitest'
import { MAX_TOOLTIP, trayIcon, trayMenu, trayModel, trayTooltip } from './tray-model'
import type { TrayMenuItem } from './tray-model'
import { badgeCount, initialShellState } from './types'
import type { ShellState } from './types'

const bob = { name: 'Bob', address: 'sip:bob@example.com' }
const carol = { name: '', address: '+12015550123' }

function state(patch: Partial<ShellState> = {}): ShellState {
  return { ...initialShellState(), connection: 'registered', ...patch }
}

function labels(menu: TrayMenuItem[]): string[] {
  return menu.map((item) => (item.type === 'separator' ? '—' : item.label))
}

describe('tray icon', () => {
  it.each<[string, Partial<ShellState>, string]>([
    ['available', {}, 'available'],
    ['away', { status: 'away' }, 'away'],
    ['busy', { status: 'busy' }, 'busy'],
    ['do not disturb', { status: 'dnd' }, 'dnd'],
    ['in a call', { call: { id: 'c1', state: 'connected', peer: bob } }, 'call'],
    ['appear offline', { status: 'invisible' }, 'offline'],
    ['not registered', { connection: 'connecting' }, 'offline'],
    ['registration failed', { connection: 'failed', status: 'away' }, 'offline'],
    ['unread messages', { unreadMessages: 2 }, 'unread'],
    ['missed calls', { missedCalls: 1, status: 'dnd' }, 'unread'],
    [
      'ringing beats everything',
      { ringing: { ...bob, callId: 'c1' }, unreadMessages: 3 },
      'ringing',
    ],
  ])('%s', (_name, patch, icon) => {
    expect(trayIcon(state(patch))).toBe(icon)
  })
})

describe('tray tooltip', () => {
  it('says the status', () => {
    expect(trayTooltip(state({ status: 'dnd' }))).toBe('Switchboard — Do not disturb')
    expect(trayTooltip(state({ connection: 'connecting' }))).toBe('Switchboard — Connecting')
  })

  it('names the current call and what waits', () => {
    expect(
      trayTooltip(
        state({
          call: { id: 'c1', state: 'held', peer: bob },
          unreadMessages: 1,
          missedCalls: 2,
        }),
      ),
    ).toBe('Switchboard — Available\nOn hold: Bob\n1 unread message, 2 missed calls')
    expect(trayTooltip(state({ ringing: { ...carol, callId: 'c2' } }))).toBe(
      'Switchboard — Available\nIncoming call: +12015550123',
    )
  })

  it('counts new voicemail in the tooltip, the menu and the badge; nothing when there is none', () => {
    const waiting = state({ missedCalls: 1, voicemail: 3 })
    expect(trayTooltip(waiting)).toBe('Switchboard — Available\n1 missed call, Voicemail: 3 new')
    expect(labels(trayMenu(waiting)).slice(0, 2)).toEqual(['Voicemail: 3 new', '—'])
    expect(badgeCount(waiting)).toBe(4)
    expect(labels(trayMenu(state())).join()).not.toMatch(/Voicemail/)
  })

  it('stays within what Windows shows', () => {
    const long = { name: 'x'.repeat(500), address: 'sip:x@example.com' }
    const tooltip = trayTooltip(
      state({
        call: { id: 'c', state: 'connected', peer: long },
        ringing: { ...long, callId: 'r' },
      }),
    )
    expect(tooltip.length).toBeLessThanOrEqual(MAX_TOOLTIP)
  })
})

describe('tray menu', () => {
  it('is status, recent calls, show and quit when idle', () => {
    expect(labels(trayMenu(state()))).toEqual([
      'My status',
      'Recent calls',
      '—',
      'Show Switchboard',
      'Quit',
    ])
  })

  it('offers Answer and Decline while ringing, for that call', () => {
    const menu = trayMenu(state({ ringing: { ...bob, callId: 'c7' } }))
    expect(labels(menu).slice(0, 3)).toEqual(['Answer Bob', 'Decline', '—'])
    expect(menu[0]).toMatchObject({ command: { kind: 'answer', callId: 'c7' } })
    expect(menu[1]).toMatchObject({ command: { kind: 'decline', callId: 'c7' } })
  })

  it('offers Hang up in a call', () => {
    const menu = trayMenu(state({ call: { id: 'c3', state: 'connected', peer: carol } }))
    expect(menu[0]).toEqual({
      type: 'normal',
      label: 'Hang up +12015550123',
      command: { kind: 'hangup', callId: 'c3' },
    })
  })

  it('checks the current status among all five', () => {
    const status = trayMenu(state({ status: 'away' })).find((i) => i.type === 'submenu')
    expect(status?.type === 'submenu' && status.submenu).toEqual([
      {
        type: 'radio',
        label: 'Available',
        checked: false,
        command: { kind: 'set-status', status: 'available' },
      },
      {
        type: 'radio',
        label: 'Away',
        checked: true,
        command: { kind: 'set-status', status: 'away' },
      },
      {
        type: 'radio',
        label: 'Busy',
        checked: false,
        command: { kind: 'set-status', status: 'busy' },
      },
      {
        type: 'radio',
        label: 'Do not disturb',
        checked: false,
        command: { kind: 'set-status', status: 'dnd' },
      },
      {
        type: 'radio',
        label: 'Appear offline',
        checked: false,
        command: { kind: 'set-status', status: 'invisible' },
      },
    ])
  })

  it('lists up to five distinct recent calls to redial', () => {
    const recent = [
      bob,
      { ...bob, address: 'SIP:BOB@example.com' },
      carol,
      ...'abcdef'.split('').map((c) => ({ name: c, address: `sip:${c}@x.org` })),
    ]
    const item = trayMenu(state({ recent })).find(
      (i) => i.type === 'submenu' && i.label === 'Recent calls',
    )
    expect(item).toMatchObject({ enabled: true })
    const submenu = item?.type === 'submenu' ? item.submenu : []
    expect(labels(submenu)).toEqual([
      'Bob (sip:bob@example.com)',
      '+12015550123',
      'a (sip:a@x.org)',
      'b (sip:b@x.org)',
      'c (sip:c@x.org)',
    ])
    expect(submenu[1]).toMatchObject({ command: { kind: 'redial', address: '+12015550123' } })
  })

  it('disables redial when offline or in a call', () => {
    for (const patch of [
      { connection: 'offline' as const },
      { call: { id: 'c', state: 'connected' as const, peer: carol } },
    ]) {
      const item = trayMenu(state({ recent: [bob], ...patch })).find(
        (i) => i.type === 'submenu' && i.label === 'Recent calls',
      )
      expect(item).toMatchObject({ enabled: false })
    }
  })
})

describe('tray model and badge', () => {
  it('puts the three together', () => {
    const model = trayModel(state({ unreadMessages: 4 }))
    expect(model.icon).toBe('unread')
    expect(model.tooltip).toContain('4 unread messages')
    expect(model.menu.at(-1)).toMatchObject({ label: 'Quit', command: { kind: 'quit' } })
  })

  it('counts unread messages plus missed calls', () => {
    expect(badgeCount({ unreadMessages: 3, missedCalls: 2 })).toBe(5)
    expect(badgeCount(initialShellState())).toBe(0)
  })
})

describe('several accounts', () => {
  const accounts: ShellState['accounts'] = [
    { name: 'Alice Liddell', connection: 'registered' },
    { name: 'Dave Lister', connection: 'connecting' },
  ]

  it("lists each account's state in the tooltip and, greyed, in the menu", () => {
    const s = state({ accounts })
    expect(trayTooltip(s)).toContain('Alice Liddell: Registered')
    expect(trayTooltip(s)).toContain('Dave Lister: Connecting')
    const labels = trayMenu(s).filter((i) => i.type === 'label')
    expect(labels.map((i) => (i as { label: string }).label)).toEqual([
      'Alice Liddell: Registered',
      'Dave Lister: Connecting',
    ])
  })

  it('says nothing more with one account', () => {
    const s = state({ accounts: accounts.slice(0, 1) })
    expect(trayMenu(s).some((i) => i.type === 'label')).toBe(false)
    expect(trayTooltip(s)).not.toContain('Alice Liddell')
  })
})

describe('busy lamps in the tray', () => {
  it('lists each lamp as the renderer worded it, with Pick up for a ringing one', () => {
    const menu = trayMenu(
      state({
        lamps: {
          title: 'Lamps',
          items: [
            { label: 'Dave: Ringing: Carol', address: 'sip:dave@example.com', pickUp: 'Pick up: Dave' },
            { label: 'Erin: Idle', address: 'sip:erin@example.com', pickUp: null },
          ],
        },
      }),
    )
    const lamps = menu.find((item) => item.type === 'submenu' && item.label === 'Lamps')
    expect(lamps && lamps.type === 'submenu' ? lamps.submenu : []).toEqual([
      { type: 'label', label: 'Dave: Ringing: Carol' },
      { type: 'normal', label: 'Pick up: Dave', command: { kind: 'pickup', address: 'sip:dave@example.com' } },
      { type: 'label', label: 'Erin: Idle' },
    ])
    expect(labels(trayMenu(state())).join()).not.toMatch(/Lamps/)
  })
})
