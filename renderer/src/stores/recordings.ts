import { computed, ref, shallowRef, watch } from 'vue'
import { defineStore } from 'pinia'
import type { CallRecorder } from '@/media/recording/recorder'
import type { RecordingFile } from '@shared/recordings'
import { usePlatform } from '@/composables/usePlatform'
import { useCallsStore } from './calls'
import { useConferenceStore } from './conference'
import { useDevicesStore } from './devices'

const MICROPHONE = 'local'

/**
 * Call recording: the calls recorded (one call, or every party of a conference) mixed with the
 * microphone by media/recording/recorder.ts, whose code loads at the first "Record". The bytes
 * stream to the platform as they are encoded: the desktop writes them into the recordings
 * folder, a browser gathers them and downloads the file at the end. Recordings lists them.
 */
export const useRecordingsStore = defineStore('recordings', () => {
  const platform = usePlatform()
  const calls = useCallsStore()
  const conference = useConferenceStore()
  /** Calls being recorded now; empty when nothing is. */
  const recordingIds = ref<string[]>([])
  const entries = shallowRef<readonly RecordingFile[]>([])
  /** Object URLs of recordings loaded for playing, by file name. */
  const playable = ref<Record<string, string>>({})
  const active = computed(() => recordingIds.value.length > 0)
  /** Settings: the announcement tone, and (desktop) the folder recordings are written to. */
  const tone = ref(false)
  const folder = ref('')
  let recorder: CallRecorder | null = null
  /** Chunks are written in order, one after another; close waits for the last. */
  let writes: Promise<unknown> = Promise.resolve()

  function isRecording(id: string): boolean {
    return recordingIds.value.includes(id)
  }

  async function start(callIds: readonly string[]): Promise<void> {
    if (recorder || callIds.length === 0) return
    const { CallRecorder, recordingFileName, recordingMimeType } =
      await import('@/media/recording/recorder')
    const mimeType = recordingMimeType((t) => MediaRecorder.isTypeSupported(t))
    if (!mimeType) throw new Error('no Opus recording in this browser')
    const peer = calls.calls.find((c) => c.id === callIds[0])?.peer.uri ?? ''
    const { id } = await platform.recordings.open({
      fileName: recordingFileName(peer, new Date(), mimeType),
    })
    const context = new AudioContext()
    if (context.state === 'suspended') await context.resume().catch(() => undefined)
    const made = new CallRecorder(context, mimeType)
    // The microphone as the call opened it (a conference sends a mix in its place).
    made.setSource(MICROPHONE, calls.localStream(callIds[0]!))
    for (const callId of callIds) made.setSource(callId, calls.remoteStream(callId))
    writes = Promise.resolve()
    made.start((chunk) => {
      writes = writes
        .then(async () =>
          platform.recordings.write({ id, chunk: new Uint8Array(await chunk.arrayBuffer()) }),
        )
        .catch((error: unknown) => console.error('[recording] write failed', error))
    })
    recorder = made
    recordingId = id
    recordingIds.value = [...callIds]
    // The setting as saved now (Settings may have changed it since it was read).
    try {
      tone.value = (await platform.settings.get()).calls.recordingTone
      if (tone.value) await announce(context, callIds)
    } catch (error) {
      // The recording itself goes on.
      console.warn('[recording] the announcement tone failed', error)
    }
  }

  /** Everyone in the recorded calls hears the beep: each far end in its leg, and this side. */
  async function announce(context: AudioContext, callIds: readonly string[]): Promise<void> {
    const { announceOnLeg, announceHere } = await import('@/media/recording/announce')
    announceHere(useDevicesStore().sinkIds.speaker)
    // Conference legs send a mix: the beep goes into every mix at once.
    if (callIds.some((id) => conference.has(id))) conference.announce()
    await Promise.all(
      callIds
        .filter((id) => !conference.has(id))
        .map(async (id) => {
          const call = calls.calls.find((c) => c.id === id)
          // A held call sends nothing; it hears no beep.
          if (!call || call.held || call.phase !== 'connected') return
          const microphone = () => calls.localStream(id)?.getAudioTracks()[0]
          if (await announceOnLeg(context, calls.media(id)?.peerConnection, { microphone })) {
            // Its own track is back: mute and hold as the call says now.
            calls.setMuted(id, call.muted)
          }
        }),
    )
  }

  async function loadSettings(): Promise<void> {
    const [saved, where] = await Promise.all([
      platform.settings.get(),
      platform.recordings.folder(),
    ])
    tone.value = saved.calls.recordingTone
    folder.value = where
  }

  async function setTone(on: boolean): Promise<void> {
    tone.value = on
    await platform.settings.set({ calls: { recordingTone: on } })
  }

  /** Main's folder dialog; the list then shows what is in the folder chosen. */
  async function chooseFolder(): Promise<void> {
    const chosen = await platform.recordings.chooseFolder()
    if (chosen === null) return
    folder.value = chosen
    await refresh()
  }
  let recordingId = ''

  async function stop(): Promise<void> {
    const done = recorder
    if (!done) return
    recorder = null
    recordingIds.value = []
    await done.stop()
    await writes
    await platform.recordings.close({ id: recordingId })
    await refresh()
  }

  async function refresh(): Promise<void> {
    entries.value = await platform.recordings.list()
  }

  /** Loads a recording for the player (the desktop reads it from the folder). */
  async function load(fileName: string): Promise<void> {
    if (playable.value[fileName]) return
    const bytes = await platform.recordings.read({ fileName })
    const type = fileName.endsWith('.ogg') ? 'audio/ogg' : 'audio/webm'
    const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type }))
    playable.value = { ...playable.value, [fileName]: url }
  }

  async function remove(fileName: string): Promise<void> {
    await platform.recordings.remove({ fileName })
    const url = playable.value[fileName]
    if (url) URL.revokeObjectURL(url)
    const { [fileName]: _gone, ...rest } = playable.value
    playable.value = rest
    await refresh()
  }

  function reveal(fileName: string): Promise<void> {
    return platform.recordings.reveal({ fileName })
  }

  // A call merged into a conference with a recorded call (a plain call recorded, then merged;
  // or a party added to a recorded conference) is recorded from then on: the recording is the
  // conversation, whoever joins it.
  watch(
    () => conference.partyIds,
    (parties) => {
      const made = recorder
      if (!made || !parties.some((id) => recordingIds.value.includes(id))) return
      const joined = parties.filter((id) => !recordingIds.value.includes(id))
      if (joined.length === 0) return
      for (const id of joined) made.setSource(id, calls.remoteStream(id))
      recordingIds.value = [...recordingIds.value, ...joined]
    },
  )

  // The recorded calls all ended: the recording ends with them.
  watch(
    () => calls.live.map((c) => c.id),
    (live) => {
      if (recordingIds.value.length > 0 && !recordingIds.value.some((id) => live.includes(id))) {
        void stop()
      }
    },
  )

  return {
    recordingIds,
    entries,
    playable,
    active,
    isRecording,
    tone,
    folder,
    canReveal: platform.kind === 'desktop',
    /** A browser downloads recordings: no folder to show or choose. */
    hasFolder: platform.kind === 'desktop',
    start,
    loadSettings,
    setTone,
    chooseFolder,
    stop,
    refresh,
    load,
    remove,
    reveal,
  }
})
