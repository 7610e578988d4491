// A stand-in for the SIP engine, for the session root's and the stores' unit tests: records what
// it was asked and lets a test play the engine's events. Like the real one, stop() reports the
// un-REGISTER before it resolves.
import { TypedEmitter } from '@/lib/emitter'
import type { SipEngineOptions } from '@/sip/engine'
import type {
  ConnectionState,
  EngineEvents,
  EngineListener,
  RegistrationState,
  SipAccount,
} from '@/sip/types'
import type { EngineFactory, SessionEngine } from '../account-session'

export class FakeEngine implements SessionEngine {
  connection: ConnectionState = 'disconnected'
  registration: RegistrationState = { kind: 'unregistered' }
  nextReconnect: EngineEvents['reconnect'] = null
  starts = 0
  stops = 0
  nudges = 0
  private readonly events = new TypedEmitter<EngineEvents>((error) => {
    throw error
  })

  constructor(
    readonly account: SipAccount,
    readonly options: SipEngineOptions,
  ) {}

  on<K extends keyof EngineEvents>(event: K, listener: EngineListener<K>): () => void {
    return this.events.on(event, listener)
  }

  start(): Promise<void> {
    this.starts += 1
    return Promise.resolve()
  }

  stop(): Promise<void> {
    this.stops += 1
    this.play('connection', 'disconnected')
    this.play('registration', { kind: 'unregistered' })
    return Promise.resolve()
  }

  nudge(): void {
    this.nudges += 1
  }

  /** Plays an engine event, as the real engine would emit it. */
  play<K extends keyof EngineEvents>(event: K, value: EngineEvents[K]): void {
    if (event === 'connection') this.connection = value as ConnectionState
    if (event === 'registration') this.registration = value as RegistrationState
    if (event === 'reconnect') this.nextReconnect = value as EngineEvents['reconnect']
    this.events.emit(event, value)
  }

  /** Connected and answered 200 to REGISTER. */
  registered(): void {
    this.play('connection', 'connected')
    this.play('registration', { kind: 'registered', expiresAt: 600_000 })
  }
}

/** A factory that keeps every engine it made, newest last. */
export function fakeEngines(): { create: EngineFactory; made: FakeEngine[] } {
  const made: FakeEngine[] = []
  return {
    made,
    create: (account, options) => {
      const engine = new FakeEngine(account, options)
      made.push(engine)
      return engine
    },
  }
}

export function testAccount(user: string, overrides: Partial<SipAccount> = {}): SipAccount {
  return {
    aor: `sip:${user}@example.com`,
    server: 'wss://sip.example.com',
    username: user,
    password: `${user}-secret`,
    displayName: user,
    iceServers: [],
    ...overrides,
  }
}
