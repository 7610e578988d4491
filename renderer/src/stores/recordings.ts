import { computed, ref, shallowRef, watch } from 'vue'
import { defineStore } from 'pinia'
import type { CallRecorder } from '@/media/recording/recorder'
import { useCallsStore } from './calls'

/** A finished recording, kept for this session: played from memory, downloaded once. */
export interface RecordingEntry {
  id: string
  fileName: string
  mimeType: string
  startedAt: number
  durationMs: number
  bytes: number
  /** An object URL of the file, for playing it here. */
  url: string
}

const MICROPHONE = 'local'

/**
 * Call recording: the calls recorded (one call, or every party of a conference) mixed with the
 * microphone by media/recording/recorder.ts, whose code loads at the first "Record". The
 * finished file downloads (the browser's way of saving), and stays listed under Recordings.
 */
export const useRecordingsStore = defineStore('recordings', () => {
  const calls = useCallsStore()
  /** Calls being recorded now; empty when nothing is. */
  const recordingIds = ref<string[]>([])
  const entries = shallowRef<readonly RecordingEntry[]>([])
  const active = computed(() => recordingIds.value.length > 0)
  let recorder: CallRecorder | null = null
  let chunks: Blob[] = []
  let startedAt = 0
  let peer = ''
  let sequence = 0

  function isRecording(id: string): boolean {
    return recordingIds.value.includes(id)
  }

  async function start(callIds: readonly string[]): Promise<void> {
    if (recorder || callIds.length === 0) return
    const { CallRecorder, recordingMimeType } = await import('@/media/recording/recorder')
    const mimeType = recordingMimeType((t) => MediaRecorder.isTypeSupported(t))
    if (!mimeType) throw new Error('This browser cannot record Opus audio')
    const context = new AudioContext()
    if (context.state === 'suspended') await context.resume().catch(() => undefined)
    const made = new CallRecorder(context, mimeType)
    const microphone = calls.microphone(callIds[0]!)
    made.setSource(MICROPHONE, microphone ? new MediaStream([microphone]) : null)
    for (const id of callIds) made.setSource(id, calls.remoteStream(id))
    chunks = []
    startedAt = Date.now()
    peer = calls.calls.find((c) => c.id === callIds[0])?.peer.uri ?? ''
    made.start((chunk) => chunks.push(chunk))
    recorder = made
    recordingIds.value = [...callIds]
  }

  async function stop(): Promise<void> {
    const done = recorder
    if (!done) return
    recorder = null
    recordingIds.value = []
    await done.stop()
    const { recordingFileName } = await import('@/media/recording/recorder')
    const blob = new Blob(chunks, { type: done.mimeType })
    chunks = []
    const entry: RecordingEntry = {
      id: `recording-${++sequence}`,
      fileName: recordingFileName(peer, new Date(startedAt), done.mimeType),
      mimeType: done.mimeType,
      startedAt,
      durationMs: Date.now() - startedAt,
      bytes: blob.size,
      url: URL.createObjectURL(blob),
    }
    entries.value = [entry, ...entries.value]
    download(entry)
  }

  function remove(id: string): void {
    const entry = entries.value.find((e) => e.id === id)
    if (!entry) return
    URL.revokeObjectURL(entry.url)
    entries.value = entries.value.filter((e) => e.id !== id)
  }

  // The recorded calls all ended: the recording ends with them.
  watch(
    () => calls.live.map((c) => c.id),
    (live) => {
      if (recordingIds.value.length > 0 && !recordingIds.value.some((id) => live.includes(id))) {
        void stop()
      }
    },
  )

  return { recordingIds, entries, active, isRecording, start, stop, remove }
})

/** The browser saves a file by downloading it. */
function download(entry: RecordingEntry): void {
  const link = document.createElement('a')
  link.href = entry.url
  link.download = entry.fileName
  link.rel = 'noopener'
  link.click()
}
