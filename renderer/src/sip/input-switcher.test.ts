import { describe, expect, it, vi } from 'vitest'
import { InputSwitcher } from './input-switcher'
import type { DeviceNotice, LocalInput, SwitchableCall } from './input-switcher'
import type { MediaInput, MediaWant, OpenedMedia } from '../media/device-service'

class FakeCall implements SwitchableCall {
  readonly replaced: MediaStream[] = []
  replaceWorks = true
  constructor(
    readonly id: string,
    public inputs: LocalInput[],
  ) {}
  localInputs(): LocalInput[] {
    return this.inputs
  }
  async replaceInput(stream: MediaStream): Promise<boolean> {
    this.replaced.push(stream)
    return this.replaceWorks
  }
}

function fakeMedia(present: string[], fellBack: OpenedMedia['fellBack'] = []) {
  const opened: MediaWant[] = []
  const media: MediaInput = {
    open: vi.fn(async (want: MediaWant) => {
      opened.push(want)
      return { stream: { id: `s${opened.length}` } as unknown as MediaStream, fellBack }
    }),
    has: (id) => present.includes(id),
    onDevices: () => () => {},
  }
  return { media, opened }
}

function switcher(media: MediaInput) {
  const notices: DeviceNotice[] = []
  const logged: string[] = []
  const s = new InputSwitcher(
    media,
    (n) => notices.push(n),
    (m) => logged.push(m),
  )
  return { s, notices, logged }
}

const audio = (deviceId: string, live = true): LocalInput => ({ kind: 'audio', deviceId, live })
const video = (deviceId: string, live = true): LocalInput => ({ kind: 'video', deviceId, live })

describe('InputSwitcher', () => {
  it('moves every call that sends the kind to the newly chosen device, quietly', async () => {
    const { media, opened } = fakeMedia(['mic-1', 'cam-1'])
    const { s, notices } = switcher(media)
    const a = new FakeCall('a', [audio('mic-1'), video('cam-1')])
    const b = new FakeCall('b', [audio('mic-1')])
    await s.switchAll([a, b], 'video')
    expect(opened).toEqual([{ audio: false, video: true }])
    expect(a.replaced).toHaveLength(1)
    expect(b.replaced).toHaveLength(0)
    expect(notices).toEqual([])
  })

  it('says so when the chosen device could not be opened and the default was used', async () => {
    const { media } = fakeMedia(['mic-1'], ['microphone'])
    const { s, notices } = switcher(media)
    await s.switchAll([new FakeCall('a', [audio('mic-1')])], 'audio')
    expect(notices).toEqual([{ kind: 'missing', role: 'microphone' }])
  })

  it('recovers a call whose microphone went away, and tells the user', async () => {
    const { media, opened } = fakeMedia(['mic-1'])
    const { s, notices } = switcher(media)
    const call = new FakeCall('a', [audio('mic-2', false)])
    await s.recover(call, 'audio')
    expect(opened).toEqual([{ audio: true, video: false }])
    expect(call.replaced).toHaveLength(1)
    expect(notices).toEqual([{ kind: 'lost', role: 'microphone' }])
  })

  it('on a device list change moves only the calls whose device is gone', async () => {
    const { media } = fakeMedia(['mic-1', 'cam-1'])
    const { s, notices } = switcher(media)
    const fine = new FakeCall('a', [audio('mic-1'), video('cam-1')])
    const lost = new FakeCall('b', [audio('mic-2'), video('cam-1')])
    await s.check([fine, lost])
    expect(fine.replaced).toHaveLength(0)
    expect(lost.replaced).toHaveLength(1)
    expect(notices).toEqual([{ kind: 'lost', role: 'microphone' }])
  })

  it('also moves a call whose track ended unseen', async () => {
    const { media } = fakeMedia(['mic-1'])
    const { s } = switcher(media)
    const call = new FakeCall('a', [audio('mic-1', false)])
    await s.check([call])
    expect(call.replaced).toHaveLength(1)
  })

  it('switches once when the track end and the device list change arrive together', async () => {
    const { media, opened } = fakeMedia(['mic-1'])
    const { s, notices } = switcher(media)
    const call = new FakeCall('a', [audio('mic-2', false)])
    await Promise.all([s.recover(call, 'audio'), s.check([call])])
    expect(opened).toHaveLength(1)
    expect(notices).toHaveLength(1)
  })

  it('applies a device chosen while a recovery is still opening, after it (the choice wins)', async () => {
    const { media, opened } = fakeMedia(['mic-1', 'cam-1', 'cam-2'])
    let finishFirst: () => void = () => {}
    const first = new Promise<void>((resolve) => (finishFirst = resolve))
    const open = media.open
    media.open = vi.fn(async (want: MediaWant) => {
      if (opened.length === 0) {
        const result = open(want)
        await first
        return result
      }
      return open(want)
    })
    const { s } = switcher(media)
    const call = new FakeCall('a', [audio('mic-1'), video('cam-1', false)])
    const recovering = s.check([call])
    const choosing = s.switchAll([call], 'video')
    finishFirst()
    await Promise.all([recovering, choosing])
    expect(opened).toHaveLength(2)
    expect(call.replaced.map((stream) => stream.id)).toEqual(['s1', 's2'])
  })

  it('says nothing when the call ended before the new track arrived', async () => {
    const { media } = fakeMedia(['mic-1'])
    const { s, notices } = switcher(media)
    const call = new FakeCall('a', [audio('mic-2', false)])
    call.replaceWorks = false
    await s.recover(call, 'audio')
    expect(notices).toEqual([])
  })

  it('logs, and leaves the call alone, when no microphone can be opened at all', async () => {
    const { media } = fakeMedia([])
    vi.mocked(media.open).mockRejectedValueOnce(new DOMException('none', 'NotFoundError'))
    const { s, notices, logged } = switcher(media)
    const call = new FakeCall('a', [audio('mic-2', false)])
    await s.recover(call, 'audio')
    expect(call.replaced).toEqual([])
    expect(notices).toEqual([])
    expect(logged[0]).toMatch(/microphone of call a: NotFoundError/)
  })
})
