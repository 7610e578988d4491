// The browser's stand-in for the desktop's recordings folder: a recording is gathered in memory
// as it streams in and downloaded when it closes (the browser's way of saving a file); this
// session's recordings stay listed, playable and deletable until the tab closes.
import type { InvokeApi } from '@shared/ipc/api'
import type { RecordingFile } from '@shared/recordings'

type RecordingsApi = InvokeApi['recordings']

export function createBrowserRecordings(
  save: (blob: Blob, fileName: string) => void = download,
  now: () => number = Date.now,
): RecordingsApi {
  const open = new Map<string, { fileName: string; parts: Uint8Array<ArrayBuffer>[] }>()
  const files = new Map<string, { blob: Blob; modifiedAt: number }>()
  let sequence = 0

  const info = (fileName: string): RecordingFile => {
    const file = files.get(fileName)
    return { fileName, bytes: file?.blob.size ?? 0, modifiedAt: file?.modifiedAt ?? 0 }
  }

  return {
    async open({ fileName }) {
      let name = fileName
      for (let n = 1; files.has(name); n++) name = fileName.replace(/(\.\w+)$/, `-${n}$1`)
      const id = `rec-${++sequence}`
      open.set(id, { fileName: name, parts: [] })
      return { id, fileName: name }
    },
    async write({ id, chunk }) {
      const target = open.get(id)
      if (!target) throw new Error('No such recording')
      target.parts.push(new Uint8Array(chunk))
    },
    async close({ id }) {
      const target = open.get(id)
      if (!target) throw new Error('No such recording')
      open.delete(id)
      const type = target.fileName.endsWith('.ogg') ? 'audio/ogg' : 'audio/webm'
      const blob = new Blob(target.parts, { type })
      files.set(target.fileName, { blob, modifiedAt: now() })
      save(blob, target.fileName)
      return info(target.fileName)
    },
    async list() {
      return [...files.keys()].map(info).sort((a, b) => b.modifiedAt - a.modifiedAt)
    },
    async read({ fileName }) {
      const file = files.get(fileName)
      if (!file) throw new Error('No such recording')
      return new Uint8Array(await file.blob.arrayBuffer())
    },
    async remove({ fileName }) {
      files.delete(fileName)
    },
    // A browser cannot show a folder: the file is in the downloads.
    async reveal() {},
    // Nor write into one: no folder to show or choose (Settings hides the field).
    async folder() {
      return ''
    },
    async chooseFolder() {
      return null
    },
  }
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
