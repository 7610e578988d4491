// Call recordings on the desktop: the renderer streams a recording's bytes to main, which writes
// them into the recordings folder. The renderer names the file (never a path); these schemas
// hold what main accepts.
import { z } from 'zod'

/** A bare file name of ours: no directory part, no dot first, WebM or Ogg. */
export const recordingFileNameSchema = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.(webm|ogg)$/, 'Not a recording file name')

/** A recording being written, as main named it at open. */
export const recordingIdSchema = z.string().regex(/^rec-\d{1,12}$/)

/** MediaRecorder hands over about a second at a time: 1 MiB is far more than that. */
export const MAX_RECORDING_CHUNK_BYTES = 1 << 20

export const recordingChunkSchema = z
  .instanceof(Uint8Array)
  .refine((bytes) => bytes.byteLength <= MAX_RECORDING_CHUNK_BYTES, 'Chunk too large')

export interface RecordingFile {
  fileName: string
  bytes: number
  /** Milliseconds since the epoch. */
  modifiedAt: number
}

export function isRecordingFileName(name: string): boolean {
  return recordingFileNameSchema.safeParse(name).success
}
