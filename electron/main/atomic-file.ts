// Files in userData are replaced atomically: the new content goes to a temporary file, is flushed
// to disk, then renamed over the old one. A crash or power cut leaves the old file or the new one,
// never half of each. Writes to one file are serialised so the last call wins.
import { dirname } from 'node:path'

/** The part of `node:fs/promises` these modules use; tests pass the real one or a failing fake. */
export interface FileSystem {
  readFile(path: string, encoding: 'utf8'): Promise<string>
  open(path: string, flags: 'w', mode: number): Promise<WritableHandle>
  rename(from: string, to: string): Promise<void>
  mkdir(path: string, options: { recursive: true }): Promise<unknown>
  rm(path: string, options: { force: true }): Promise<void>
}

export interface WritableHandle {
  writeFile(data: string, encoding: 'utf8'): Promise<void>
  sync(): Promise<void>
  close(): Promise<void>
}

export interface AtomicWriter {
  write(content: string): Promise<void>
}

let counter = 0

/** `mode` 0o600 by default: what we store in userData is the user's alone. */
export function createAtomicWriter(fs: FileSystem, path: string, mode = 0o600): AtomicWriter {
  let queue: Promise<void> = Promise.resolve()
  const writeNow = async (content: string) => {
    counter += 1
    const temp = `${path}.${process.pid}.${counter}.tmp`
    await fs.mkdir(dirname(path), { recursive: true })
    try {
      const handle = await fs.open(temp, 'w', mode)
      try {
        await handle.writeFile(content, 'utf8')
        await handle.sync()
      } finally {
        await handle.close()
      }
      await fs.rename(temp, path)
    } catch (error) {
      await fs.rm(temp, { force: true }).catch(() => {})
      throw error
    }
  }
  return {
    write(content) {
      const next = queue.then(() => writeNow(content))
      // A failed write must not block the ones after it; the caller still sees its own error.
      queue = next.catch(() => {})
      return next
    },
  }
}

/** The file's text, or null when it does not exist. Other errors propagate. */
export async function readTextIfExists(fs: FileSystem, path: string): Promise<string | null> {
  try {
    return await fs.readFile(path, 'utf8')
  } catch (error) {
    if (isNotFound(error)) return null
    throw error
  }
}

export function isNotFound(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT'
  )
}

/** `<stem>.corrupt-2025-01-31T10-20-30-000Z.json`: sortable, and valid on every file system. */
export function asideFileName(stem: string, time: number): string {
  return `${stem}.corrupt-${new Date(time).toISOString().replace(/[:.]/g, '-')}.json`
}
