// Signalling sockets opened before the engine's code has run. On a reload the WebSocket
// handshake (~15 ms on loopback, a round trip or two over a network) otherwise waits for SIP.js
// and the engine to evaluate; start-up opens the saved accounts' sockets first thing and the
// transport takes its socket from here instead of opening another. A socket nobody claims is
// closed after a while (the account failed to open, or was signed out meanwhile).

/** How long an unclaimed socket stays open. */
export const UNCLAIMED_MS = 10_000

/** The WebSocket subprotocol SIP.js asks for (RFC 7118). */
const SIP_PROTOCOL = 'sip'

type SocketConstructor = new (url: string, protocols?: string | string[]) => WebSocket

const waiting = new Map<string, WebSocket[]>()

/** Opens one socket per entry of `servers` (an account each; the same server may repeat). */
export function preconnect(
  servers: readonly string[],
  Socket: SocketConstructor | undefined = globalThis.WebSocket,
  unclaimedMs = UNCLAIMED_MS,
): void {
  if (!Socket) return
  for (const server of servers) {
    let socket: WebSocket
    try {
      socket = new Socket(server, SIP_PROTOCOL)
    } catch {
      // Not a URL the browser accepts: the transport will say so when it tries.
      continue
    }
    const list = waiting.get(server) ?? []
    list.push(socket)
    waiting.set(server, list)
    setTimeout(() => {
      if (drop(server, socket)) socket.close(1000)
    }, unclaimedMs)
  }
}

/** A socket opened for `server` that is connecting or open, taken out of the pool; else none. */
export function claimPreconnected(server: string): WebSocket | undefined {
  const list = waiting.get(server)
  while (list && list.length > 0) {
    const socket = list.shift()!
    if (list.length === 0) waiting.delete(server)
    // 0 connecting, 1 open; a socket that closed or failed meanwhile is of no use.
    if (socket.readyState <= 1) return socket
  }
  return undefined
}

/** Closes every unclaimed socket (tests; and a page that signs out before its engine runs). */
export function closePreconnected(): void {
  for (const list of waiting.values()) for (const socket of list) socket.close(1000)
  waiting.clear()
}

function drop(server: string, socket: WebSocket): boolean {
  const list = waiting.get(server)
  const at = list?.indexOf(socket) ?? -1
  if (!list || at < 0) return false
  list.splice(at, 1)
  if (list.length === 0) waiting.delete(server)
  return true
}

/**
 * Runs `open` (SIP.js's connect, which constructs its WebSocket synchronously) with `socket`
 * standing in for the one it would construct for `server`. SIP.js has no way to be handed a
 * socket, so the global constructor is swapped for exactly that synchronous call.
 */
export function withSocket<T>(server: string, socket: WebSocket, open: () => T): T {
  const scope = globalThis as { WebSocket: SocketConstructor }
  const Original = scope.WebSocket
  let handed = false
  const Stand = function (url: string, protocols?: string | string[]): WebSocket {
    if (!handed && url === server && protocols === SIP_PROTOCOL) {
      handed = true
      return socket
    }
    return new Original(url, protocols)
  } as unknown as SocketConstructor
  scope.WebSocket = Stand
  try {
    return open()
  } finally {
    scope.WebSocket = Original
  }
}
