import { describe, expect, it, vi } from 'vitest'
import { createApp, nextTick } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import type { MessageSummary } from '@shared/dialog/message-summary'
import { sessionsKey } from '@/composables/useSessions'
import type { Sessions } from '@/session/sessions'
import { useVoicemailStore } from './voicemail'

// The voicemail store without components: each session gets a box (the real module is the
// sip/ unit test's); the test plays the boxes' summaries and checks the count and what
// "Voicemail" dials.
const fakes = vi.hoisted(() => ({
  boxes: [] as { onSummary: (s: MessageSummary) => void }[],
  dialled: [] as unknown[][],
  number: '*97',
}))
vi.mock('@/sip', () => ({
  loadVoicemail: async () => ({
    VoicemailBox: class {
      extension = { name: 'voicemail', attach: () => {} }
      constructor(options: { onSummary: (s: MessageSummary) => void }) {
        fakes.boxes.push(options)
      }
    },
  }),
}))
vi.mock('./account', () => ({ useAccountStore: () => ({ defaultAccountId: 'a1' }) }))
vi.mock('./addresses', () => ({
  useAddressesStore: () => ({
    known: async (uri: string) => (uri ? { kind: 'sip', uri: `sip:${uri}@example.com` } : null),
  }),
}))
vi.mock('./calls', () => ({
  useCallsStore: () => ({ dial: (...args: unknown[]) => (fakes.dialled.push(args), true) }),
}))
vi.mock('./desk-settings', () => ({
  useDeskSettingsStore: () => ({ of: () => ({ voicemailNumber: fakes.number, pickupCode: '*8' }) }),
}))

function setup(accountIds: string[]) {
  const sessions = {
    each(open: (s: unknown) => () => void) {
      for (const id of accountIds) open({ id, sip: {}, extend: () => () => {} })
    },
  } as unknown as Sessions
  const app = createApp({})
  app.provide(sessionsKey, sessions)
  const pinia = createPinia()
  app.use(pinia)
  setActivePinia(pinia)
  return app.runWithContext(() => useVoicemailStore())
}

const summary = (voiceNew: number | null, waiting = voiceNew !== 0): MessageSummary => ({
  waiting,
  account: '',
  voice: voiceNew === null ? null : { new: voiceNew, old: 1, urgentNew: 0, urgentOld: 0 },
})

describe('voicemail store', () => {
  it('counts new voice messages over every account; a lit lamp without counts is one', async () => {
    fakes.boxes = []
    const voicemail = setup(['a1', 'a2'])
    await vi.waitFor(() => expect(fakes.boxes).toHaveLength(2))
    expect(voicemail.newCount).toBe(0)
    fakes.boxes[0]!.onSummary(summary(3))
    await nextTick()
    expect(voicemail.newCount).toBe(3)
    fakes.boxes[1]!.onSummary(summary(null, true))
    await nextTick()
    expect(voicemail.newCount).toBe(4)
    fakes.boxes[0]!.onSummary(summary(0))
    fakes.boxes[1]!.onSummary(summary(null, false))
    await nextTick()
    expect(voicemail.newCount).toBe(0)
  })

  it('"Voicemail" dials the configured number from the account; nothing when none is set', async () => {
    fakes.dialled = []
    const voicemail = setup(['a1'])
    fakes.number = '8500'
    expect(await voicemail.dial()).toBe(true)
    expect(fakes.dialled).toEqual([[{ kind: 'sip', uri: 'sip:8500@example.com' }, false, 'a1']])
    fakes.number = ''
    expect(await voicemail.dial('a1')).toBe(false)
    expect(fakes.dialled).toHaveLength(1)
  })
})
