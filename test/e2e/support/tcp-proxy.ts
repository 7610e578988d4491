// A TCP proxy the test controls, in front of the SIP server's WebSocket port: a user whose account
// points here has its connection cut (cut()) or refused for a while (refuse()) without touching
// the server or anyone else's connection.
import { createServer, connect, type AddressInfo, type Socket } from 'node:net'

export interface TcpProxy {
  port: number
  /** `ws://127.0.0.1:<port>`: the account's WebSocket server. */
  wsUrl: string
  /** Connections made through the proxy so far. */
  readonly accepted: number
  /** Drops every open connection (both sides see a reset), as a network change would. */
  cut(): void
  /** New connections are closed at once until allow(); open ones are cut too. */
  refuse(): void
  allow(): void
  close(): Promise<void>
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>()
  let refusing = false
  let accepted = 0
  const server = createServer((client) => {
    if (refusing) {
      client.destroy()
      return
    }
    accepted += 1
    const upstream = connect(target.port, target.host)
    open.add(client)
    open.add(upstream)
    const drop = (): void => {
      open.delete(client)
      open.delete(upstream)
      client.destroy()
      upstream.destroy()
    }
    client.on('error', drop).on('close', drop)
    upstream.on('error', drop).on('close', drop)
    client.pipe(upstream)
    upstream.pipe(client)
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  const cut = (): void => {
    // resetAndDestroy: an RST, so the browser notices now, not after a FIN handshake.
    for (const socket of [...open]) socket.resetAndDestroy()
    open.clear()
  }
  return {
    port,
    wsUrl: `ws://127.0.0.1:${port}`,
    get accepted() {
      return accepted
    },
    cut,
    refuse: () => {
      refusing = true
      cut()
    },
    allow: () => {
      refusing = false
    },
    close: async () => {
      cut()
      await new Promise<void>((ok) => server.close(() => ok()))
    },
  }
}
