import { createServer, type Server } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { AddressInfo } from 'node:net'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
}

export const RENDERER_DIR = resolve(import.meta.dirname, '../out/renderer')

export interface StaticServer {
  url: string
  close(): Promise<void>
}

/** URL prefix (ending in '/') → folder. The longest matching prefix wins. */
export type Mounts = Record<string, string>

/**
 * Serves folders on http://127.0.0.1 — the built renderer from the root of the origin, as
 * anyone may serve it (and, for benchmarks, other pages beside it).
 */
export async function serveStatic(mounts: Mounts = { '/': RENDERER_DIR }, port = 0): Promise<StaticServer> {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length)
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const prefix = prefixes.find((p) => path.startsWith(p))
    const dir = prefix === undefined ? undefined : mounts[prefix]
    if (prefix === undefined || dir === undefined) {
      res.writeHead(404).end()
      return
    }
    const rest = path.slice(prefix.length)
    const file = normalize(join(dir, rest === '' ? 'index.html' : rest))
    if (file !== dir && !file.startsWith(dir + sep)) {
      res.writeHead(403).end()
      return
    }
    readFile(file)
      .then((body) => {
        res.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        })
        res.end(body)
      })
      .catch(() => res.writeHead(404).end('not found'))
  })
  await new Promise<void>((ok, fail) => {
    server.once('error', fail)
    server.listen(port, '127.0.0.1', ok)
  })
  const { port: bound } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${bound}/`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections()
        server.close(() => ok())
      }),
  }
}
