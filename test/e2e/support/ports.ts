import { createServer, type AddressInfo } from 'node:net'

/** A TCP port nothing listens on now (bound, then released). */
export async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok))
  const { port } = probe.address() as AddressInfo
  await new Promise<void>((ok) => probe.close(() => ok()))
  return port
}
