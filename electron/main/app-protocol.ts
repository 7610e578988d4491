// The renderer is served from `out/renderer` through our own privileged scheme,
// `app://switchboard/…`, not `file://`: one origin to check senders and permissions against, a
// secure context for getUserMedia, and a place to set the CSP header. The path resolver and the
// CSP are pure functions.
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import type { Protocol } from 'electron'
import { parseWebSocketServer } from '@shared/settings'
import type { Settings } from '@shared/settings'
import type { Logger } from './log'

export const APP_SCHEME = 'app'
export const APP_HOST = 'switchboard'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`

/** Must run before the app's `ready` event. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: real origin and relative URLs; secure: a secure context (media, notifications).
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        stream: true,
        codeCache: true,
      },
    },
  ])
}

/**
 * The file under `root` that an `app://switchboard/…` URL names, or null for anything else: another
 * host or scheme, an encoded `..` or separator trick, a NUL byte. `/` is `index.html`.
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  const segments = pathname.split('/').filter((s) => s !== '')
  if (segments.some((s) => s === '..' || s === '.')) return null
  if (segments.length === 0) segments.push('index.html')
  const base = resolve(root)
  const file = resolve(base, ...segments)
  const rel = relative(base, file)
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return null
  return file
}

/**
 * Origins (`wss://host:port`) the renderer may open WebSockets to: every saved account's SIP
 * server (disabled ones too, so enabling one needs no reload).
 */
export function sipServerOrigins(settings: Settings): string[] {
  const origins = new Set<string>()
  for (const account of settings.accounts) {
    const url = account.server === '' ? null : parseWebSocketServer(account.server)
    // Spelled out from parts: Node's URL gives `null` origins for some schemes.
    if (url) origins.add(`${url.protocol}//${url.host}`)
  }
  return [...origins]
}

/**
 * The page's Content-Security-Policy: our own files only, no inline or eval'd script, and network
 * connections to our origin and the configured SIP WebSocket server(s) only.
 */
export function buildCsp(settings: Settings): string {
  const connect = ["'self'", ...sipServerOrigins(settings)]
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // Ringtones from our files; recordings and remote streams as blob:/mediastream:.
    "media-src 'self' blob: mediastream:",
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
}

export function contentType(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

export interface AppProtocolOptions {
  protocol: Pick<Protocol, 'handle'>
  /** `out/renderer` */
  root: string
  readFile: (path: string) => Promise<Uint8Array>
  /** Read per request: the CSP follows the current settings. */
  getSettings: () => Settings
  log: Logger
}

/** The request handler, separate from `protocol.handle` so it can be tested with plain Requests. */
export function createAppRequestHandler(
  options: Omit<AppProtocolOptions, 'protocol'>,
): (request: Request) => Promise<Response> {
  const { root, readFile, getSettings, log } = options
  return async (request) => {
    const file = resolveAppPath(root, request.url)
    if (file === null) {
      log.warn(`refused ${request.url}`)
      return new Response('Not found', { status: 404 })
    }
    let body: Uint8Array
    try {
      body = await readFile(file)
    } catch {
      return new Response('Not found', { status: 404 })
    }
    return new Response(body as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: {
        'Content-Type': contentType(file),
        'Content-Security-Policy': buildCsp(getSettings()),
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cross-Origin-Opener-Policy': 'same-origin',
      },
    })
  }
}

/** Call after `ready`. */
export function handleAppProtocol(options: AppProtocolOptions): void {
  options.protocol.handle(APP_SCHEME, createAppRequestHandler(options))
}
