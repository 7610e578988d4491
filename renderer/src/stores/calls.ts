import { computed, markRaw, ref, shallowRef, watch, watchEffect } from 'vue'
import { defineStore } from 'pinia'
import { CallManager } from '@/sip/calls'
import type { DialError } from '@/sip/calls'
import type { Address } from '@shared/address'
import type { CallQuality } from '@/sip/call-stats'
import type { CallSnapshot, DtmfMethod, TransferRequest } from '@/sip/call-types'
import { loadDatabase } from '@/db/load'
import { CallHistory, HISTORY_LIST_LIMIT } from '@/db/call-history'
import { toStoredCall } from '@/db/call-schema'
import type { StoredCall } from '@/db/call-schema'
import { CallTones, wantedTones } from '@/media/call-tones'
import { TonePlayer, browserToneEnvironment } from '@/media/tones'
import { useAccountStore } from './account'
import { useDevicesStore } from './devices'
import { useNoticesStore } from './notices'

const DTMF_METHOD_KEY = 'switchboard.dtmfMethod'
const FOLLOW_OWN_DOMAIN_KEY = 'switchboard.followOwnDomainTransfers'
const QUALITY_POLL_MS = 1000
/** How long "Microphone disconnected …" and the like stay up. */
const DEVICE_NOTICE_MS = 10_000

/**
 * Calls as the UI sees them: plain snapshots from the engine's calls module. The CallManager (and
 * the SIP.js sessions and media streams it holds) stays out of reactive state.
 */
export const useCallsStore = defineStore('calls', () => {
  const devices = useDevicesStore()
  const manager = markRaw(new CallManager({ media: devices.service }))
  useAccountStore().useExtension(manager.extension)

  /** Every call shown: live ones, and the last ended one until dismissed or a new call starts. */
  const calls = ref<CallSnapshot[]>([])
  /** The call the panel shows; others are on hold in the background. */
  const focusedId = ref<string | null>(null)
  const quality = ref<CallQuality | null>(null)
  const dialError = ref<DialError | null>(null)
  const dtmfMethod = ref<DtmfMethod>(readDtmfMethod())
  /**
   * Follow a transfer (REFER) from a user of our own domain without asking. Off by default: a
   * transfer makes us dial whoever the other side names, so "Confirm call" asks first.
   */
  const followOwnDomainTransfers = ref(localStorage.getItem(FOLLOW_OWN_DOMAIN_KEY) === 'true')
  // After start-up: the history is not needed to register or to ring.
  const historyStore = loadDatabase().then((db) => new CallHistory(db))
  /**
   * Call history, newest first (IndexedDB; survives reloads). Records never change in place, so
   * the list is replaced, not made deeply reactive: no proxies or dependency links per entry.
   */
  const history = shallowRef<readonly StoredCall[]>([])
  const missedCount = computed(() => history.value.filter((c) => !c.seen).length)
  manager.dtmfMethod = dtmfMethod.value
  void loadHistory().catch((error: unknown) => console.error('Could not read call history', error))

  const live = computed(() => calls.value.filter((c) => c.phase !== 'ended'))
  const ringing = computed(() => live.value.filter((c) => c.phase === 'incoming'))
  /**
   * The call in the panel: the focused one while it lasts, else the newest live one (a call
   * that replaced or followed the ended one), else the last ended one, so its outcome stays read.
   */
  const focused = computed<CallSnapshot | null>(() => {
    const shown = calls.value.filter((c) => c.phase !== 'incoming')
    const chosen = shown.find((c) => c.id === focusedId.value)
    if (chosen && chosen.phase !== 'ended') return chosen
    const lastEnded = shown.reduce<CallSnapshot | null>(
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

  manager.on('call', (snapshot) => {
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
  })

  // The other side asks us to call someone: the user confirms it ("Confirm call"), unless it is
  // one of our domain's users and the user chose to follow those at once.
  manager.on('transferRequest', (request: TransferRequest) => {
    if (request.fromOwnDomain && followOwnDomainTransfers.value) followTransfer(request.id)
    // Loaded on demand: the dial-links store (and the settings schema it needs) is not start-up code.
    else
      void import('./dial-links').then(({ useDialLinksStore }) =>
        useDialLinksStore().askTransfer(request),
      )
  })

  function followTransfer(id: string, video = false): boolean {
    return manager.followTransfer(id, video)
  }

  function setFollowOwnDomainTransfers(on: boolean): void {
    followOwnDomainTransfers.value = on
    localStorage.setItem(FOLLOW_OWN_DOMAIN_KEY, String(on))
  }

  // Another microphone or camera chosen: live calls move to it (replaceTrack, no re-INVITE).
  watch(
    () => devices.choices.microphone,
    () => void manager.switchInput('audio'),
  )
  watch(
    () => devices.choices.camera,
    () => void manager.switchInput('video'),
  )
  const notices = useNoticesStore()
  manager.on('device', ({ kind, role }) =>
    notices.show(`devices.notice.${kind}.${role}`, {}, { durationMs: DEVICE_NOTICE_MS }),
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
    quality.value = call && call.phase === 'connected' ? await manager.quality(call.id) : null
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

  /**
   * Calls a parsed target. Nothing happens to the calls in progress unless it can be dialled:
   * an invalid target or being offline leaves them as they are.
   */
  function dial(target: Address, video = false): boolean {
    const error = manager.check(target)
    dialError.value = error
    if (error) return false
    // Whatever is in progress goes on hold first: one call talks at a time.
    for (const call of live.value) {
      if (call.phase === 'connected' && !call.held) void manager.setHeld(call.id, true)
    }
    const result = manager.dial(target, { video })
    dialError.value = result.ok ? null : result.error
    if (result.ok) focusedId.value = result.id
    return result.ok
  }

  async function answer(id: string, video = false): Promise<void> {
    // "Hold and answer": the talking call goes on hold before the new one is answered.
    const holds = live.value
      .filter((c) => c.id !== id && c.phase === 'connected' && !c.held)
      .map((c) => manager.setHeld(c.id, true))
    await Promise.all(holds)
    focusedId.value = id
    await manager.answer(id, video)
  }

  /** Brings a held call to the panel: the current one goes on hold, the other resumes. */
  async function swapTo(id: string): Promise<void> {
    const current = focused.value
    if (current && current.id !== id && current.phase === 'connected' && !current.held) {
      await manager.setHeld(current.id, true)
    }
    focusedId.value = id
    await manager.setHeld(id, false)
  }

  /** Consult calls of an attended transfer: consult call id → the call being transferred. */
  const consults = ref<Record<string, string>>({})

  function transfer(id: string, target: Address): Promise<boolean> {
    return manager.transfer(id, target)
  }

  /** Attended transfer, first step: hold the call and dial the person to consult. */
  function consult(id: string, target: Address): boolean {
    if (!dial(target)) return false
    if (focusedId.value) consults.value = { ...consults.value, [focusedId.value]: id }
    return true
  }

  async function completeTransfer(consultId: string): Promise<boolean> {
    const originalId = consults.value[consultId]
    if (!originalId) return false
    const ok = await manager.completeTransfer(originalId, consultId)
    if (ok) {
      const { [consultId]: _done, ...rest } = consults.value
      consults.value = rest
    }
    return ok
  }

  async function record(snapshot: CallSnapshot): Promise<void> {
    const stored = toStoredCall(snapshot)
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

  function setDtmfMethod(method: DtmfMethod): void {
    dtmfMethod.value = method
    manager.dtmfMethod = method
    localStorage.setItem(DTMF_METHOD_KEY, method)
  }

  return {
    calls,
    focusedId,
    quality,
    dialError,
    dtmfMethod,
    followOwnDomainTransfers,
    live,
    ringing,
    focused,
    others,
    consults,
    history,
    missedCount,
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
    declineTransfer: (id: string) => manager.declineTransfer(id),
    /** Presence's Do not disturb: refuse incoming calls before they ring (see CallManager). */
    setRejectIncoming: (policy: CallManager['rejectIncoming']) => {
      manager.rejectIncoming = policy
    },
    decline: (id: string) => manager.decline(id),
    hangUp: (id: string) => manager.hangUp(id),
    setHeld: (id: string, held: boolean) => manager.setHeld(id, held),
    setMuted: (id: string, muted: boolean) => manager.setMuted(id, muted),
    setCameraOff: (id: string, off: boolean) => manager.setCameraOff(id, off),
    sendDtmf: (id: string, tones: string) => manager.sendDtmf(id, tones),
    // Media streams go straight to <audio>/<video> elements, never into state.
    remoteStream: (id: string) => manager.remoteStream(id),
    localStream: (id: string) => manager.localStream(id),
  }
})

function readDtmfMethod(): DtmfMethod {
  return localStorage.getItem(DTMF_METHOD_KEY) === 'info' ? 'info' : 'rfc4733'
}
