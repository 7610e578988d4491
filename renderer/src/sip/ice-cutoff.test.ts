import { describe, expect, it } from 'vitest'
import { candidateKind, expectedCandidates, IceCutoff, type ExpectedCandidates } from './ice-cutoff'

/** A cutoff on a manual clock: `advance(ms)` runs the timers that come due. */
function harness(expect: ExpectedCandidates) {
  let now = 0
  let timers: { at: number; run: () => void; id: number }[] = []
  let nextId = 0
  const done: number[] = []
  const cutoff = new IceCutoff({
    expect,
    quietMs: 25,
    done: () => done.push(now),
    setTimer: (run, ms) => {
      const id = nextId++
      timers.push({ at: now + ms, run, id })
      return id
    },
    clearTimer: (id) => (timers = timers.filter((t) => t.id !== id)),
  })
  const advance = (ms: number): void => {
    now += ms
    for (const t of timers.filter((t) => t.at <= now)) {
      timers = timers.filter((x) => x !== t)
      t.run()
    }
  }
  return { cutoff, done, advance }
}

const host = (protocol = 'udp') => ({ type: 'host', protocol })

describe('IceCutoff', () => {
  it('with no servers, ends 25 ms after the host UDP burst, not waiting for host TCP', () => {
    const { cutoff, done, advance } = harness({ srflx: false, relay: false })
    cutoff.restart()
    cutoff.candidate(host())
    advance(2)
    cutoff.candidate(host()) // another interface: the quiet period starts again
    advance(24)
    expect(done).toEqual([])
    advance(1)
    expect(done).toEqual([27])
    cutoff.candidate(host('tcp')) // 100 ms later: already done, nothing more happens
    advance(100)
    expect(done).toEqual([27])
  })

  it('does not end on host TCP candidates alone', () => {
    const { cutoff, done, advance } = harness({ srflx: false, relay: false })
    cutoff.restart()
    cutoff.candidate(host('tcp'))
    advance(1000)
    expect(done).toEqual([])
  })

  it('with a STUN server, waits for a server-reflexive candidate', () => {
    const { cutoff, done, advance } = harness({ srflx: true, relay: false })
    cutoff.restart()
    cutoff.candidate(host())
    advance(200)
    expect(done).toEqual([])
    cutoff.candidate({ type: 'srflx', protocol: 'udp' })
    advance(25)
    expect(done).toEqual([225])
  })

  it('with a TURN server, waits for a relay candidate', () => {
    const { cutoff, done, advance } = harness({ srflx: false, relay: true })
    cutoff.restart()
    cutoff.candidate(host())
    cutoff.candidate({ type: 'srflx', protocol: 'udp' })
    advance(300)
    expect(done).toEqual([])
    cutoff.candidate({ type: 'relay', protocol: 'udp' })
    advance(25)
    expect(done).toEqual([325])
  })

  it('relay only: no host candidate comes, the relay one is enough', () => {
    const { cutoff, done, advance } = harness({ srflx: false, relay: true, relayOnly: true })
    cutoff.restart()
    advance(100)
    cutoff.candidate({ type: 'relay', protocol: 'udp' })
    advance(25)
    expect(done).toEqual([125])
  })

  it('stays quiet once gathering completed on its own, and starts afresh on a new round', () => {
    const { cutoff, done, advance } = harness({ srflx: false, relay: false })
    cutoff.restart()
    cutoff.candidate(host())
    cutoff.cancel() // gathering complete before the quiet period ended
    advance(100)
    expect(done).toEqual([])
    cutoff.restart() // ICE restart
    cutoff.candidate(host())
    advance(25)
    expect(done).toEqual([125])
  })

  it('ignores the end-of-candidates marker (SIP.js handles gathering complete itself)', () => {
    const { cutoff, done, advance } = harness({ srflx: false, relay: false })
    cutoff.restart()
    cutoff.candidate(null)
    advance(100)
    expect(done).toEqual([])
  })
})

describe('expectedCandidates', () => {
  it('reads STUN and TURN from the configured servers', () => {
    expect(expectedCandidates([])).toEqual({ srflx: false, relay: false })
    expect(expectedCandidates([{ urls: 'stun:stun.example.com' }])).toEqual({
      srflx: true,
      relay: false,
    })
    expect(expectedCandidates([{ urls: 'TURNS:turn.example.com:443?transport=tcp' }])).toEqual({
      srflx: false,
      relay: true,
    })
  })
})

describe('candidateKind', () => {
  const line = 'candidate:1 1 udp 2122194687 127.0.0.1 42782 typ host generation 0'
  it('uses the fields when the browser fills them', () => {
    expect(candidateKind({ candidate: line, type: 'srflx', protocol: 'tcp' })).toEqual({
      type: 'srflx',
      protocol: 'tcp',
    })
  })
  it('reads the candidate line otherwise', () => {
    expect(candidateKind({ candidate: line })).toEqual({ type: 'host', protocol: 'udp' })
  })
})
