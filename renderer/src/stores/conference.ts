import { computed, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import type { ConferenceMixer } from '@/media/conference/mixer'
import { LOCAL, SPEAKING_LEVEL } from '@/media/conference/mix-plan'
import { useCallsStore } from './calls'
import type { CallView } from './calls'

/** How often the parties' levels are read from the mixer for "Speaking". */
const LEVEL_POLL_MS = 250

/**
 * The local conference: calls merged here, each sent a mix of the host's microphone and the
 * other parties (media/conference/mixer.ts). Holds ids and levels only; the mixer and its
 * AudioContext stay out of reactive state, and its code loads at the first "Merge calls".
 */
export const useConferenceStore = defineStore('conference', () => {
  const calls = useCallsStore()
  const partyIds = ref<string[]>([])
  const mutedIds = ref<string[]>([])
  const hostMuted = ref(false)
  /** Received level per party (RMS 0 … 1), and the host's microphone as `local`. */
  const levels = ref<Record<string, number>>({})
  let mixer: ConferenceMixer | null = null
  /** Each leg's own microphone track, sent again when it leaves (and stopped when it ends). */
  const microphones = new Map<string, MediaStreamTrack>()
  /** Stops following each leg's own input (another microphone chosen mid-conference). */
  const unfollow = new Map<string, () => void>()
  let microphone: MediaStreamTrack | null = null
  let poll: ReturnType<typeof setInterval> | undefined
  /** Merges, removals and hang-ups one at a time: each awaits replaceTrack and re-INVITEs. */
  let queue: Promise<unknown> = Promise.resolve()

  const active = computed(() => partyIds.value.length > 0)
  const parties = computed(() =>
    partyIds.value
      .map((id) => calls.calls.find((c) => c.id === id))
      .filter((c): c is CallView => c !== undefined),
  )
  /** Answered calls that are not in the conference yet. */
  const candidates = computed(() =>
    calls.live.filter((c) => c.phase === 'connected' && !partyIds.value.includes(c.id)),
  )
  const canMerge = computed(
    () => candidates.value.length > 0 && candidates.value.length + partyIds.value.length >= 2,
  )
  const held = computed(() => parties.value.length > 0 && parties.value.every((p) => p.held))
  /** Some party is a video call: the conference carries its audio only. */
  const audioOnlyVideo = computed(() => parties.value.some((p) => p.video))

  function has(id: string): boolean {
    return partyIds.value.includes(id)
  }

  function speaking(id: string): boolean {
    return (levels.value[id] ?? 0) >= SPEAKING_LEVEL
  }

  function serial<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work, work)
    queue = next.catch(() => undefined)
    return next
  }

  /** Joins every answered call into the conference (starting it, or adding to it). */
  function merge(): Promise<void> {
    return serial(async () => {
      const joining = candidates.value.map((c) => c.id)
      if (joining.length === 0 || joining.length + partyIds.value.length < 2) return
      const [{ ConferenceMixer }, { sendOnLeg, audioSender, ownAudio }] = await Promise.all([
        import('@/media/conference/mixer'),
        import('@/media/conference/leg'),
      ])
      if (!mixer) {
        const context = new AudioContext()
        // Created after the click's await: resume, as the user's gesture allows.
        if (context.state === 'suspended') await context.resume().catch(() => undefined)
        mixer = new ConferenceMixer(context)
      }
      if (!microphone) {
        // A clone: the call that opened the microphone may leave or end before the others.
        const own = calls.localStream(joining[0]!)?.getAudioTracks()[0]
        microphone = own ? own.clone() : null
        if (microphone) microphone.enabled = true
        mixer.setMicrophone(microphone)
        mixer.setLocalMuted(hostMuted.value)
      }
      for (const id of joining) {
        const pc = calls.media(id)?.peerConnection
        // Its own audio, not a recording beep's short-lived mix that may be on the sender now.
        const own = ownAudio(audioSender(pc))
        const track = mixer.add(id, calls.remoteStream(id))
        if (own && (await sendOnLeg(pc, track))) {
          microphones.set(id, own)
          follow(id)
          partyIds.value = [...partyIds.value, id]
        } else mixer.remove(id)
      }
      // Everyone in it talks: held legs resume (each a re-INVITE; the mix is still their track).
      await Promise.all(partyIds.value.map((id) => calls.setHeld(id, false)))
      startLevels()
    })
  }

  /** Takes a party out: its call goes on with the microphone, on hold; the others stay joined. */
  function remove(id: string): Promise<void> {
    return serial(async () => {
      if (!has(id)) return
      drop(id)
      await restore(id)
      await calls.setHeld(id, true)
      await settle()
    })
  }

  function hangUp(id: string): void {
    calls.hangUp(id)
  }

  /** The host hangs up: every leg ends. */
  function hangUpAll(): void {
    for (const id of partyIds.value) calls.hangUp(id)
  }

  /** Holds or resumes every leg together. */
  function setHeld(on: boolean): Promise<void> {
    return serial(async () => {
      await Promise.all(partyIds.value.map((id) => calls.setHeld(id, on)))
    })
  }

  function setPartyMuted(id: string, muted: boolean): void {
    mixer?.setMuted(id, muted)
    mutedIds.value = muted
      ? [...new Set([...mutedIds.value, id])]
      : mutedIds.value.filter((m) => m !== id)
  }

  /** The recording announcement into every leg's mix; false when there is no conference. */
  function announce(): boolean {
    if (!mixer || partyIds.value.length === 0) return false
    mixer.announce()
    return true
  }

  function setHostMuted(muted: boolean): void {
    hostMuted.value = muted
    mixer?.setLocalMuted(muted)
  }

  // A party's call ended (it hung up, or we did): out of the mix; with one left, no conference.
  watch(
    () => calls.live.map((c) => c.id),
    (liveIds) => {
      const gone = partyIds.value.filter((id) => !liveIds.includes(id))
      if (gone.length === 0) return
      gone.forEach(drop)
      void serial(settle)
    },
  )

  /** The leg sends its own microphone again, on or off as the call's state says. */
  async function restore(id: string): Promise<void> {
    const own = microphones.get(id)
    microphones.delete(id)
    const call = calls.calls.find((c) => c.id === id)
    if (!own || !call || call.phase === 'ended') return own?.stop()
    own.enabled = !call.held && !call.muted
    const { sendOnLeg } = await import('@/media/conference/leg')
    await sendOnLeg(calls.media(id)?.peerConnection, own)
  }

  /**
   * Another microphone chosen: the call takes it as its own input and keeps sending the mix
   * (Call.replaceInput); the mixer then listens to the new one.
   */
  function follow(id: string): void {
    const local = calls.localStream(id)
    if (!local) return
    const onTrack = (event: Event): void => {
      const track = (event as MediaStreamTrackEvent).track
      if (track.kind !== 'audio' || !mixer) return
      microphones.set(id, track)
      microphone?.stop()
      microphone = track.clone()
      microphone.enabled = true
      mixer.setMicrophone(microphone)
    }
    local.addEventListener('addtrack', onTrack)
    unfollow.set(id, () => local.removeEventListener('addtrack', onTrack))
  }

  function drop(id: string): void {
    unfollow.get(id)?.()
    unfollow.delete(id)
    // Its call ended: SIP.js stopped the mix it sent, not the microphone kept here.
    if (!calls.live.some((c) => c.id === id)) {
      microphones.get(id)?.stop()
      microphones.delete(id)
    }
    mixer?.remove(id)
    partyIds.value = partyIds.value.filter((p) => p !== id)
    mutedIds.value = mutedIds.value.filter((p) => p !== id)
  }

  /** One party left is a plain call again: it gets its microphone back and the panel. */
  async function settle(): Promise<void> {
    if (partyIds.value.length >= 2) return
    const last = partyIds.value[0]
    partyIds.value = []
    mutedIds.value = []
    for (const off of unfollow.values()) off()
    unfollow.clear()
    stopLevels()
    if (last !== undefined) {
      await restore(last)
      calls.focusedId = last
    }
    microphone?.stop()
    microphone = null
    const closing = mixer
    mixer = null
    await closing?.dispose()
  }

  function startLevels(): void {
    if (poll !== undefined) return
    poll = setInterval(() => {
      if (mixer) levels.value = mixer.levels()
    }, LEVEL_POLL_MS)
  }

  function stopLevels(): void {
    if (poll !== undefined) clearInterval(poll)
    poll = undefined
    levels.value = {}
  }

  return {
    partyIds,
    mutedIds,
    hostMuted,
    levels,
    active,
    parties,
    candidates,
    canMerge,
    held,
    audioOnlyVideo,
    has,
    speaking,
    hostSpeaking: computed(() => speaking(LOCAL)),
    merge,
    remove,
    hangUp,
    hangUpAll,
    setHeld,
    setPartyMuted,
    setHostMuted,
    announce,
  }
})
