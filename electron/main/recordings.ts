// Call recordings on disk: the renderer streams each recording's bytes here (open, write…,
// close) and names the file; this module alone decides where it goes — inside the recordings
// folder, never elsewhere — and lists, reads, deletes and reveals what is there.
import { isAbsolute, join } from 'node:path'
import type { FileHandle } from 'node:fs/promises'
import { isRecordingFileName } from '@shared/recordings'
import type { RecordingFile } from '@shared/recordings'
import type { Logger } from './log'

export interface RecordingsFs {
  mkdir(path: string, options: { recursive: true }): Promise<unknown>
  open(path: string, flags: 'wx'): Promise<Pick<FileHandle, 'write' | 'close'>>
  readdir(path: string): Promise<string[]>
  stat(path: string): Promise<{ size: number; mtimeMs: number; isFile(): boolean }>
  readFile(path: string): Promise<Uint8Array>
  rm(path: string, options: { force: true }): Promise<void>
}

export interface RecordingsOptions {
  fs: RecordingsFs
  /** The folder now (the setting, else the OS's Music/Switchboard). */
  folder: () => string
  showItemInFolder: (path: string) => void
  /** The OS's folder dialog, opened at `current`; null when cancelled. */
  pickFolder: (current: string) => Promise<string | null>
  /** Keeps the chosen folder (the settings' calls.recordingsFolder). */
  saveFolder: (folder: string) => Promise<unknown>
  log: Logger
}

/** Recordings written at once: a conference records as one. */
const MAX_OPEN = 4

interface Writing {
  handle: Pick<FileHandle, 'write' | 'close'>
  fileName: string
  folder: string
  bytes: number
}

export function createRecordings({
  fs,
  folder,
  showItemInFolder,
  pickFolder,
  saveFolder,
  log,
}: RecordingsOptions) {
  const writing = new Map<string, Writing>()
  let sequence = 0

  function pathOf(fileName: string, dir = folder()): string {
    // The IPC schema checked it already; checked again here, the one place a path is made.
    if (!isRecordingFileName(fileName)) throw new Error('Not a recording file name')
    return join(dir, fileName)
  }

  async function file(dir: string, fileName: string): Promise<RecordingFile> {
    const stat = await fs.stat(pathOf(fileName, dir))
    return { fileName, bytes: stat.size, modifiedAt: stat.mtimeMs }
  }

  return {
    async open({ fileName }: { fileName: string }): Promise<{ id: string; fileName: string }> {
      if (writing.size >= MAX_OPEN) throw new Error('Too many recordings at once')
      const dir = folder()
      await fs.mkdir(dir, { recursive: true })
      // Never overwrite: a name that exists gets -1, -2 … before its extension.
      for (let n = 0; n < 100; n++) {
        const name = n === 0 ? fileName : fileName.replace(/(\.\w+)$/, `-${n}$1`)
        try {
          const handle = await fs.open(pathOf(name, dir), 'wx')
          const id = `rec-${++sequence}`
          writing.set(id, { handle, fileName: name, folder: dir, bytes: 0 })
          log.info(`recording ${id} started`)
          return { id, fileName: name }
        } catch (error) {
          if ((error as { code?: string }).code !== 'EEXIST') throw error
        }
      }
      throw new Error('No free file name for the recording')
    },

    async write({ id, chunk }: { id: string; chunk: Uint8Array }): Promise<void> {
      const open = writing.get(id)
      if (!open) throw new Error('No such recording')
      await open.handle.write(chunk)
      open.bytes += chunk.byteLength
    },

    async close({ id }: { id: string }): Promise<RecordingFile> {
      const open = writing.get(id)
      if (!open) throw new Error('No such recording')
      writing.delete(id)
      await open.handle.close()
      log.info(`recording ${id} finished (${open.bytes} bytes)`)
      return file(open.folder, open.fileName)
    },

    async list(): Promise<RecordingFile[]> {
      const dir = folder()
      let names: string[]
      try {
        names = await fs.readdir(dir)
      } catch {
        return []
      }
      const busy = new Set([...writing.values()].map((w) => w.fileName))
      const files = await Promise.all(
        names
          .filter((name) => isRecordingFileName(name) && !busy.has(name))
          .map((name) => file(dir, name).catch(() => null)),
      )
      return files
        .filter((f): f is RecordingFile => f !== null)
        .sort((a, b) => b.modifiedAt - a.modifiedAt)
    },

    read({ fileName }: { fileName: string }): Promise<Uint8Array> {
      return fs.readFile(pathOf(fileName))
    },

    async remove({ fileName }: { fileName: string }): Promise<void> {
      await fs.rm(pathOf(fileName), { force: true })
    },

    reveal({ fileName }: { fileName: string }): void {
      showItemInFolder(pathOf(fileName))
    },

    folder(): string {
      return folder()
    },

    /** The user picks the folder in the OS's dialog; recordings already written stay where they are. */
    async chooseFolder(): Promise<string | null> {
      const chosen = await pickFolder(folder())
      if (chosen === null) return null
      // The dialog gives absolute paths; anything else is not a folder we would write into.
      if (!isAbsolute(chosen)) throw new Error('The folder dialog gave no absolute path')
      await saveFolder(chosen)
      log.info('recordings folder chosen')
      return chosen
    },

    /** The app quits: files being written are closed as they are (still playable WebM/Ogg). */
    async dispose(): Promise<void> {
      const open = [...writing.values()]
      writing.clear()
      await Promise.all(open.map((w) => w.handle.close().catch(() => undefined)))
    },
  }
}

export type Recordings = ReturnType<typeof createRecordings>
