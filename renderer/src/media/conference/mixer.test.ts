import { beforeAll, describe, expect, it } from 'vitest'
import { ConferenceMixer } from './mixer'
import type { MixContext } from './mixer'

// A fake Web Audio graph: nodes record what they connect to, so the test reads who hears whom.

class FakeTrack {
  readyState = 'live'
  stop(): void {
    this.readyState = 'ended'
  }
}

class FakeStream {
  constructor(private readonly tracks: FakeTrack[] = [new FakeTrack()]) {}
  getAudioTracks(): FakeTrack[] {
    return this.tracks
  }
}

class FakeNode {
  readonly targets = new Set<FakeNode>()
  constructor(
    readonly label: string,
    readonly stream?: FakeStream,
  ) {}
  fftSize = 0
  // As a GainNode's gain and an OscillatorNode's frequency and schedule, for the beep.
  readonly gain = { setValueAtTime: () => {}, linearRampToValueAtTime: () => {} }
  readonly frequency = { value: 0 }
  started = false
  start(): void {
    this.started = true
  }
  stop(): void {}
  addEventListener(): void {}
  connect(target: FakeNode): void {
    this.targets.add(target)
  }
  disconnect(): void {
    this.targets.clear()
  }
  getFloatTimeDomainData(buffer: Float32Array): void {
    buffer.fill(this.label.includes('loud') ? 0.5 : 0)
  }
}

function fakeContext() {
  const nodes: FakeNode[] = []
  let outputs = 0
  const make = (label: string, stream?: FakeStream) => {
    const node = new FakeNode(label, stream)
    nodes.push(node)
    return node
  }
  const context = {
    state: 'running',
    createMediaStreamSource: (stream: FakeStream & { label?: string }) =>
      make(`source:${stream.label ?? ''}`),
    createMediaStreamDestination: () => make(`mix${++outputs}`, new FakeStream()),
    createGain: () => make('fan'),
    // Labelled after the source it listens to (the mixer makes it right after that source).
    createAnalyser: () =>
      make(`analyser:${nodes.filter((n) => n.label.startsWith('source:')).at(-1)?.label}`),
    createOscillator: () => make('beep'),
    currentTime: 0,
    close: async () => {
      context.state = 'closed'
    },
    resume: async () => undefined,
  }
  return { context: context as unknown as MixContext, nodes }
}

/** Which sources (by their stream's label) reach a mix node, through their fan nodes. */
function heard(nodes: FakeNode[], mix: FakeNode): string[] {
  return nodes
    .filter((n) => n.label.startsWith('source:'))
    .filter((source) => [...source.targets].some((fan) => fan.targets.has(mix)))
    .map((source) => source.label.slice('source:'.length))
    .sort()
}

beforeAll(() => {
  // The mixer wraps tracks in a MediaStream; the fake keeps a label to trace them.
  ;(globalThis as { MediaStream?: unknown }).MediaStream = class {
    label: string
    constructor(tracks: (FakeTrack & { label?: string })[]) {
      this.label = tracks[0]?.label ?? ''
    }
  }
})

function labelled(label: string): FakeStream {
  const track = Object.assign(new FakeTrack(), { label })
  return new FakeStream([track])
}

function mixOf(nodes: FakeNode[], n: number): FakeNode {
  return nodes.find((node) => node.label === `mix${n}`)!
}

describe('ConferenceMixer', () => {
  it('sends each leg the microphone and the other parties, never its own voice', () => {
    const { context, nodes } = fakeContext()
    const mixer = new ConferenceMixer(context)
    mixer.setMicrophone(labelled('mic').getAudioTracks()[0] as unknown as MediaStreamTrack)
    mixer.add('bob', labelled('bob') as unknown as MediaStream)
    mixer.add('carol', labelled('carol') as unknown as MediaStream)
    expect(heard(nodes, mixOf(nodes, 1))).toEqual(['carol', 'mic'])
    expect(heard(nodes, mixOf(nodes, 2))).toEqual(['bob', 'mic'])
  })

  it('keeps the others joined when one party leaves, and stops its mix', () => {
    const { context, nodes } = fakeContext()
    const mixer = new ConferenceMixer(context)
    mixer.setMicrophone(labelled('mic').getAudioTracks()[0] as unknown as MediaStreamTrack)
    mixer.add('bob', labelled('bob') as unknown as MediaStream)
    const carolTrack = mixer.add('carol', labelled('carol') as unknown as MediaStream)
    mixer.add('dave', labelled('dave') as unknown as MediaStream)
    mixer.remove('carol')
    expect((carolTrack as unknown as FakeTrack).readyState).toBe('ended')
    expect(heard(nodes, mixOf(nodes, 1))).toEqual(['dave', 'mic'])
    expect(heard(nodes, mixOf(nodes, 3))).toEqual(['bob', 'mic'])
  })

  it('takes a muted party out of the others’ mixes and puts it back', () => {
    const { context, nodes } = fakeContext()
    const mixer = new ConferenceMixer(context)
    mixer.add('bob', labelled('bob') as unknown as MediaStream)
    mixer.add('carol', labelled('carol') as unknown as MediaStream)
    mixer.setMuted('bob', true)
    expect(heard(nodes, mixOf(nodes, 2))).toEqual([])
    mixer.setMuted('bob', false)
    expect(heard(nodes, mixOf(nodes, 2))).toEqual(['bob'])
  })

  it('joins a party whose audio arrives after it was added', () => {
    const { context, nodes } = fakeContext()
    const mixer = new ConferenceMixer(context)
    mixer.add('bob', null)
    mixer.add('carol', labelled('carol') as unknown as MediaStream)
    expect(heard(nodes, mixOf(nodes, 2))).toEqual([])
    mixer.refresh('bob', labelled('bob') as unknown as MediaStream)
    expect(heard(nodes, mixOf(nodes, 2))).toEqual(['bob'])
  })

  it('announces a recording with one 1400 Hz beep into every party’s mix', () => {
    const { context, nodes } = fakeContext()
    const mixer = new ConferenceMixer(context)
    mixer.add('bob', labelled('bob') as unknown as MediaStream)
    mixer.add('carol', labelled('carol') as unknown as MediaStream)
    mixer.announce()
    const beeps = nodes.filter((n) => n.label === 'beep')
    expect(beeps.map((b) => [b.frequency.value, b.started])).toEqual([
      [1400, true],
      [1400, true],
    ])
    const reached = beeps.map((b) =>
      [1, 2].filter((n) => [...b.targets].some((gain) => gain.targets.has(mixOf(nodes, n)))),
    )
    expect(reached).toEqual([[1], [2]])
    // The parties' own voices are still mixed as before.
    expect(heard(nodes, mixOf(nodes, 1))).toEqual(['carol'])
  })

  it('reports levels per party and closes its context on dispose', async () => {
    const { context } = fakeContext()
    const mixer = new ConferenceMixer(context)
    mixer.add('bob', labelled('loud') as unknown as MediaStream)
    mixer.add('carol', labelled('quiet') as unknown as MediaStream)
    const levels = mixer.levels()
    expect(levels['bob']).toBeCloseTo(0.5)
    expect(levels['carol']).toBe(0)
    await mixer.dispose()
    expect(context.state).toBe('closed')
    expect(mixer.has('bob')).toBe(false)
  })
})
