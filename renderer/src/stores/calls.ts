import { computed, markRaw, ref, shallowRef, watch, watchEffect } from 'vue'
import { defineStore } from 'pinia'
import type {
  CallManager,
  DialError,
  CallQuality,
  CallSnapshot,
  DtmfMethod,
  TransferRequest,
} from '@/sip'
import type { Address } from '@shared/address'
import { loadDatabase } from '@/db/load'
import { CallHistory, HISTORY_LIST_LIMIT } from '@/db/call-history'
import { toStoredCall } from '@/db/call-schema'
import type { StoredCall } from '@/db/call-schema'
import { CallTones, wantedTones } from '@/media/call-tones'
import { TonePlayer, browserToneEnvironment } from '@/media/tones'
import { usePlatform } from '@/composables/usePlatform'
import { useSessions } from '@/composables/useSessions'
import type { CallSettings } from '@shared/settings'
import { useAccountStore } from './account'
import { useDevicesStore } from './devices'
import { useNoticesStore } from './notices'
import { PostDial } from './post-dial'

/** A call as the UI shows it: the engine's snapshot and the account it came to or left from. */
export type CallView = CallSnapshot & { accountId: string }

const QUALITY_POLL_MS = 1000
/** How long "Microphone disconnected …" and the like stay up. */
const DEVICE_NOTICE_MS = 10_000

/**
 * Calls of every account as the UI sees them: plain snapshots mirrored from each session's calls
 * module; actions go to the session the call belongs to. The sessions (and the SIP.js sessions
 * and media streams they hold) stay out of reactive state.
 */
export const useCallsStore = defineStore('calls', () => {
  const platform = usePlatform()
  const sessions = useSessions()
  const account = useAccountStore()
  const devices = useDevicesStore()
  sessions.useMedia(devices.service)

  /** Every call shown: live ones, and the last ended one until dismissed or a new call starts. */
  const calls = ref<CallView[]>([])
  /** The call the panel shows; others are on hold in the background. */
  const focusedId = ref<string | null>(null)
  const quality = ref<CallQuality | null>(null)
  const dialError = ref<DialError | null>(null)
  /**
   * Follow a transfer (REFER) from a user of our own domain without asking. Off by default: a
   * transfer makes us dial whoever the other side names, so "Confirm call" asks first.
   */
  const followOwnDomainTransfers = ref(false)
  /** Which account's calls the history lists; null: all accounts. */
  const historyAccount = ref<string | null>(null)
  // After start-up: the history is not needed to register or to ring.
  const historyStore = loadDatabase().then((db) => new CallHistory(db))
  /**
   * Call history, newest first (IndexedDB; survives reloads). Records never change in place, so
   * the list is replaced, not made deeply reactive: no proxies or dependency links per entry.
   */
  const history = shallowRef<readonly StoredCall[]>([])
  const missedCount = computed(() => history.value.filter((c) => !c.seen).length)
  const shownHistory = computed(() =>
    historyAccount.value === null
      ? history.value
      : history.value.filter((c) => c.accountId === historyAccount.value),
  )
  void loadHistory().catch((error: unknown) => console.error('Could not read call history', error))

  /** The DTMF method of the default account (Settings → Calls shows it). */
  const dtmfMethod = computed<DtmfMethod>(() => {
    const chosen = account.accounts.find((a) => a.id === account.defaultAccountId)
    return chosen?.dtmfMethod ?? 'rfc4733'
  })

  const live = computed(() => calls.value.filter((c) => c.phase !== 'ended'))
  const ringing = computed(() => live.value.filter((c) => c.phase === 'incoming'))
  /**
   * The call in the panel: the focused one while it lasts, else the newest live one (a call
   * that replaced or followed the ended one), else the last ended one, so its outcome stays read.
   */
  const focused = computed<CallView | null>(() => {
    const shown = calls.value.filter((c) => c.phase !== 'incoming')
    const chosen = shown.find((c) => c.id === focusedId.value)
    if (chosen && chosen.phase !== 'ended') return chosen
    const lastEnded = shown.reduce<CallView | null>(
      (last, c) =>
        c.endedAt !== null && (last === null || c.endedAt >= (last.endedAt ?? 0)) ? c : last,
      null,
    )
    return shown.filter((c) => c.phase !== 'ended').at(-1) ?? lastEnded
  })
  /** Other answered calls (on hold) the user can swap to. */
  const others = computed(() =>
    live.value.filter((c) => c.phase !== 'incoming' && c.id !== focused.value?.id),
  )

  let rejectIncoming: CallManager['rejectIncoming'] = null
  let autoAnswer: CallManager['autoAnswer'] = null
  const notices = useNoticesStore()

  // Every account's calls module, from the moment its session opens until it closes.
  sessions.each((session) => {
    const manager = session.calls
    const accountId = session.id
    manager.rejectIncoming = rejectIncoming
    manager.autoAnswer = autoAnswer
    manager.dtmfMethod =
      account.accounts.find((a) => a.id === accountId)?.dtmfMethod ?? dtmfMethod.value
    const offs = [
      manager.on('call', (snapshot) => onCall({ ...snapshot, accountId })),
      // The other side asks us to call someone: the user confirms it ("Confirm call"), unless it
      // is one of our domain's users and the user chose to follow those at once.
      manager.on('transferRequest', (request: TransferRequest) => {
        transferOwners.set(request.id, accountId)
        if (request.fromOwnDomain && followOwnDomainTransfers.value) followTransfer(request.id)
        // Loaded on demand: the dial-links store (and the settings schema it needs) is not
        // start-up code.
        else
          void import('./dial-links').then(({ useDialLinksStore }) =>
            useDialLinksStore().askTransfer(request),
          )
      }),
      manager.on('device', ({ kind, role }) =>
        notices.show(`devices.notice.${kind}.${role}`, {}, { durationMs: DEVICE_NOTICE_MS }),
      ),
    ]
    return () => offs.forEach((off) => off())
  })

  // A link's extension (`tel:…;ext=12`) goes as tones once the call it was dialled with connects.
  const postDial = new PostDial({
    send: (id, digits) => managerOf(id)?.sendDtmf(id, digits) ?? false,
    schedule: (run, ms) => setTimeout(run, ms),
  })

  function onCall(snapshot: CallView): void {
    postDial.update(snapshot)
    const index = calls.value.findIndex((c) => c.id === snapshot.id)
    if (index >= 0) calls.value[index] = snapshot
    // Refused before it rang (Do not disturb): history only, nothing on show.
    else if (snapshot.phase === 'ended') void record(snapshot)
    else {
      // A new call replaces whatever ended call was still on show.
      calls.value = [...calls.value.filter((c) => c.phase !== 'ended'), snapshot]
      // Ours to watch, whether dialled here or placed to follow a transfer.
      if (snapshot.direction === 'outgoing') focusedId.value = snapshot.id
    }
    if (snapshot.phase === 'ended' && index >= 0) {
      if (focusedId.value === snapshot.id) quality.value = null
      void record(snapshot)
    }
  }

  /** The calls module a call belongs to. */
  function managerOf(id: string): CallManager | undefined {
    const accountId = calls.value.find((c) => c.id === id)?.accountId
    return accountId === undefined ? undefined : sessions.get(accountId)?.calls
  }

  const transferOwners = new Map<string, string>()
  function transferManager(id: string): CallManager | undefined {
    const owner = transferOwners.get(id)
    return owner === undefined ? undefined : sessions.get(owner)?.calls
  }

  function followTransfer(id: string, video = false): boolean {
    const ok = transferManager(id)?.followTransfer(id, video) ?? false
    transferOwners.delete(id)
    return ok
  }

  function declineTransfer(id: string): void {
    transferManager(id)?.declineTransfer(id)
    transferOwners.delete(id)
  }

  function apply(settings: Pick<CallSettings, 'followOwnDomainTransfers'>): void {
    followOwnDomainTransfers.value = settings.followOwnDomainTransfers
  }

  async function setFollowOwnDomainTransfers(on: boolean): Promise<void> {
    followOwnDomainTransfers.value = on
    await platform.settings.set({ calls: { followOwnDomainTransfers: on } })
  }

  // Another microphone or camera chosen: live calls move to it (replaceTrack, no re-INVITE).
  watch(
    () => devices.choices.microphone,
    () => sessions.list().forEach((s) => void s.calls.switchInput('audio')),
  )
  watch(
    () => devices.choices.camera,
    () => sessions.list().forEach((s) => void s.calls.switchInput('video')),
  )

  // Ringtone on the ringer device while a call rings here; ringback on the speaker while ours
  // rings at the far end. Both stop the moment the calls' state says so.
  const tones = markRaw(
    new CallTones(new TonePlayer(browserToneEnvironment), new TonePlayer(browserToneEnvironment)),
  )
  watchEffect(() => tones.update(wantedTones(calls.value, devices.ringtone), devices.sinkIds))

  let poll: ReturnType<typeof setInterval> | undefined
  async function readQuality(): Promise<void> {
    const call = focused.value
    quality.value =
      call && call.phase === 'connected'
        ? ((await managerOf(call.id)?.quality(call.id)) ?? null)
        : null
  }
  function watchQuality(on: boolean): void {
    if (on && poll === undefined) {
      poll = setInterval(() => void readQuality(), QUALITY_POLL_MS)
      void readQuality()
    } else if (!on && poll !== undefined) {
      clearInterval(poll)
      poll = undefined
    }
  }

  /** The account a new call goes out from: the one asked for, else the default one. */
  function sessionFor(accountId?: string) {
    return sessions.get(accountId ?? account.defaultAccountId) ?? sessions.list()[0]
  }

  /**
   * Calls a parsed target from an account (the default one unless given). Nothing happens to the
   * calls in progress unless it can be dialled: an invalid target or being offline leaves them as
   * they are. `postDial` digits (a link's extension) are sent as tones once it connects.
   */
  function dial(
    target: Address,
    video = false,
    accountId?: string,
    extra: { postDialDigits?: string; extraHeaders?: string[] } = {},
  ): boolean {
    const { postDialDigits = '', extraHeaders } = extra
    const session = sessionFor(accountId)
    if (!session) {
      dialError.value = 'offline'
      return false
    }
    const error = session.calls.check(target)
    dialError.value = error
    if (error) return false
    // Whatever is in progress goes on hold first: one call talks at a time.
    for (const call of live.value) {
      if (call.phase === 'connected' && !call.held) void managerOf(call.id)?.setHeld(call.id, true)
    }
    const result = session.calls.dial(target, { video, ...(extraHeaders ? { extraHeaders } : {}) })
    dialError.value = result.ok ? null : result.error
    if (result.ok) {
      focusedId.value = result.id
      postDial.expect(result.id, postDialDigits)
    }
    return result.ok
  }

  async function answer(id: string, video = false): Promise<void> {
    // "Hold and answer": the talking call goes on hold before the new one is answered.
    const holds = live.value
      .filter((c) => c.id !== id && c.phase === 'connected' && !c.held)
      .map((c) => managerOf(c.id)?.setHeld(c.id, true))
    await Promise.all(holds)
    focusedId.value = id
    await managerOf(id)?.answer(id, video)
  }

  /** Brings a held call to the panel: the current one goes on hold, the other resumes. */
  async function swapTo(id: string): Promise<void> {
    const current = focused.value
    if (current && current.id !== id && current.phase === 'connected' && !current.held) {
      await managerOf(current.id)?.setHeld(current.id, true)
    }
    focusedId.value = id
    await managerOf(id)?.setHeld(id, false)
  }

  /** Consult calls of an attended transfer: consult call id → the call being transferred. */
  const consults = ref<Record<string, string>>({})

  function transfer(id: string, target: Address): Promise<boolean> {
    return managerOf(id)?.transfer(id, target) ?? Promise.resolve(false)
  }

  /** Attended transfer, first step: hold the call and dial the person to consult (same account). */
  function consult(id: string, target: Address): boolean {
    const from = calls.value.find((c) => c.id === id)?.accountId
    if (!dial(target, false, from)) return false
    if (focusedId.value) consults.value = { ...consults.value, [focusedId.value]: id }
    return true
  }

  async function completeTransfer(consultId: string): Promise<boolean> {
    const originalId = consults.value[consultId]
    if (!originalId) return false
    const ok = (await managerOf(originalId)?.completeTransfer(originalId, consultId)) ?? false
    if (ok) {
      const { [consultId]: _done, ...rest } = consults.value
      consults.value = rest
    }
    return ok
  }

  async function record(snapshot: CallView): Promise<void> {
    const stored = toStoredCall(snapshot, snapshot.accountId)
    history.value = [Object.freeze(stored), ...history.value].slice(0, HISTORY_LIST_LIMIT)
    try {
      await (await historyStore).add(stored)
    } catch (error) {
      console.error('Could not save the call to history', error)
    }
  }

  async function loadHistory(): Promise<void> {
    const stored = await (await historyStore).list()
    // Calls that ended while loading are already shown; keep them.
    const shown = new Set(stored.map((c) => c.callId))
    history.value = [
      ...history.value.filter((c) => !shown.has(c.callId)),
      ...stored.map((c) => Object.freeze(c)),
    ].slice(0, HISTORY_LIST_LIMIT)
  }

  async function markHistorySeen(): Promise<void> {
    history.value = history.value.map((c) => (c.seen ? c : Object.freeze({ ...c, seen: true })))
    await (await historyStore).markSeen()
  }

  function dismiss(id: string): void {
    calls.value = calls.value.filter((c) => c.id !== id || c.phase !== 'ended')
  }

  /** Settings → Calls: the keypad's method, for every account. */
  async function setDtmfMethod(method: DtmfMethod): Promise<void> {
    for (const session of sessions.list()) session.calls.dtmfMethod = method
    const list = account.accounts.map((a) => ({ ...a, dtmfMethod: method }))
    if (list.length > 0) {
      const saved = await platform.settings.set({ accounts: list })
      account.accounts = saved.accounts
    }
  }

  /** Presence's Do not disturb: refuse incoming calls before they ring (see CallManager). */
  function setRejectIncoming(policy: CallManager['rejectIncoming']): void {
    rejectIncoming = policy
    for (const session of sessions.list()) session.calls.rejectIncoming = policy
  }

  /** Intercom auto-answer (the desk-phone settings install it once loaded; see CallManager). */
  function setAutoAnswer(policy: CallManager['autoAnswer']): void {
    autoAnswer = policy
    for (const session of sessions.list()) session.calls.autoAnswer = policy
  }

  return {
    calls,
    focusedId,
    quality,
    dialError,
    dtmfMethod,
    followOwnDomainTransfers,
    historyAccount,
    live,
    ringing,
    focused,
    others,
    consults,
    history,
    shownHistory,
    missedCount,
    apply,
    loadHistory,
    markHistorySeen,
    dial,
    answer,
    transfer,
    consult,
    completeTransfer,
    swapTo,
    dismiss,
    watchQuality,
    setDtmfMethod,
    setFollowOwnDomainTransfers,
    followTransfer,
    declineTransfer,
    setRejectIncoming,
    setAutoAnswer,
    decline: (id: string) => managerOf(id)?.decline(id),
    hangUp: (id: string) => managerOf(id)?.hangUp(id),
    setHeld: (id: string, held: boolean) =>
      managerOf(id)?.setHeld(id, held) ?? Promise.resolve(false),
    setMuted: (id: string, muted: boolean) => managerOf(id)?.setMuted(id, muted),
    setCameraOff: (id: string, off: boolean) => managerOf(id)?.setCameraOff(id, off),
    sendDtmf: (id: string, tones: string) => managerOf(id)?.sendDtmf(id, tones) ?? false,
    // Media streams go straight to <audio>/<video> elements, never into state.
    remoteStream: (id: string) => managerOf(id)?.remoteStream(id) ?? null,
    localStream: (id: string) => managerOf(id)?.localStream(id) ?? null,
    /** What a conference, a recording or a screen share does with a call's media (CallMedia). */
    media: (id: string) => managerOf(id)?.control(id) ?? null,
  }
})
