import { describe, expect, it, vi } from 'vitest'
import { CHOICE_TTL_MS, createScreenPicker } from './screen-picker'
import type { CapturedSource, DisplayRequest } from './screen-picker'
import { createLogger } from './log'

const PNG = 'data:image/png;base64,iVBORw0KGgo='

function captured(id: string, name: string, thumbnail = PNG): CapturedSource {
  return { id, name, thumbnail: { toDataURL: () => thumbnail, isEmpty: () => thumbnail === '' } }
}

function setup(
  list: CapturedSource[] = [
    captured('screen:0:0', 'Entire screen'),
    captured('window:7:0', 'Notes'),
  ],
) {
  let time = 1_000
  const getSources = vi.fn(async () => list)
  const picker = createScreenPicker({
    getSources,
    ownOrigins: ['app://switchboard'],
    now: () => time,
    log: createLogger('screen', { debug() {}, info() {}, warn() {}, error() {} }),
  })
  return { picker, getSources, later: (ms: number) => (time += ms) }
}

const ours: DisplayRequest = {
  securityOrigin: 'app://switchboard',
  videoRequested: true,
  frame: { parent: null },
}

async function answer(picker: ReturnType<typeof setup>['picker'], request = ours) {
  const callback = vi.fn()
  await picker.answer(request, callback)
  expect(callback).toHaveBeenCalledTimes(1)
  return callback.mock.calls[0]![0] as { video: CapturedSource } | null
}

describe('screen picker (main)', () => {
  it('lists screens and windows with image thumbnails, asking desktopCapturer for both', async () => {
    const { picker, getSources } = setup([
      captured('screen:0:0', 'Entire screen'),
      captured('window:7:0', '<b>Notes</b>', 'data:image/svg+xml;base64,PHN2Zz4='),
    ])
    expect(await picker.sources()).toEqual([
      { id: 'screen:0:0', kind: 'screen', name: 'Entire screen', thumbnail: PNG },
      { id: 'window:7:0', kind: 'window', name: '<b>Notes</b>', thumbnail: null },
    ])
    expect(getSources).toHaveBeenCalledWith({
      types: ['screen', 'window'],
      thumbnailSize: { width: 320, height: 180 },
      fetchWindowIcons: false,
    })
  })

  it('answers getDisplayMedia with the source chosen, once', async () => {
    const { picker } = setup()
    picker.choose({ id: 'window:7:0' })
    expect((await answer(picker))?.video.id).toBe('window:7:0')
    // The choice is used up: a second request is refused.
    expect(await answer(picker)).toBeNull()
  })

  it('refuses without a choice, with a stale one, or for a source that went away', async () => {
    const { picker, later } = setup()
    expect(await answer(picker)).toBeNull()
    picker.choose({ id: 'screen:0:0' })
    later(CHOICE_TTL_MS + 1)
    expect(await answer(picker)).toBeNull()
    picker.choose({ id: 'window:99:0' })
    expect(await answer(picker)).toBeNull()
  })

  it('refuses other origins, subframes and audio-only requests (and drops the choice)', async () => {
    const { picker } = setup()
    for (const request of [
      { ...ours, securityOrigin: 'https://evil.example' },
      { ...ours, frame: { parent: {} } },
      { ...ours, frame: null },
      { ...ours, videoRequested: false },
    ]) {
      picker.choose({ id: 'screen:0:0' })
      expect(await answer(picker, request)).toBeNull()
    }
  })

  it('refuses when listing fails', async () => {
    const { picker, getSources } = setup()
    getSources.mockRejectedValueOnce(new Error('no portal'))
    picker.choose({ id: 'screen:0:0' })
    expect(await answer(picker)).toBeNull()
  })
})
