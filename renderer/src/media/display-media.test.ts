import { describe, expect, it, vi } from 'vitest'
import { pickDisplayMedia } from './display-media'
import type { ScreenPlatform, ScreenSource } from './display-media'

const PNG = 'data:image/png;base64,iVBORw0KGgo='
const stream = { id: 'screen-stream' } as unknown as MediaStream

function setup(kind: 'desktop' | 'browser', listed: unknown[] | Error = []) {
  const order: string[] = []
  const platform: ScreenPlatform = {
    kind,
    screen: {
      sources: vi.fn(async () => {
        order.push('sources')
        if (listed instanceof Error) throw listed
        return listed as ScreenSource[]
      }),
      choose: vi.fn(async ({ id }: { id: string }) => void order.push(`choose ${id}`)),
    },
  }
  const media = {
    getDisplayMedia: vi.fn(async () => {
      order.push('getDisplayMedia')
      return stream
    }),
  }
  return { platform, media, order }
}

describe('pickDisplayMedia', () => {
  it('desktop: our picker lists, main is told the choice, then getDisplayMedia', async () => {
    const { platform, media, order } = setup('desktop', [
      { id: 'window:5:0', kind: 'window', name: 'Slides', thumbnail: PNG },
      { id: 'window:6:0', kind: 'window', name: 'Evil', thumbnail: 'data:image/svg+xml;base64,x' },
      { id: '../etc', kind: 'window', name: 'Not a source', thumbnail: PNG },
    ])
    const pick = vi.fn(async () => 'window:5:0')
    expect(await pickDisplayMedia(platform, pick, media)).toBe(stream)
    expect(pick).toHaveBeenCalledWith([
      { id: 'window:5:0', kind: 'window', name: 'Slides', thumbnail: PNG },
      { id: 'window:6:0', kind: 'window', name: 'Evil', thumbnail: null },
    ])
    expect(order).toEqual(['sources', 'choose window:5:0', 'getDisplayMedia'])
    expect(media.getDisplayMedia).toHaveBeenCalledWith({ video: true, audio: false })
  })

  it('desktop: Cancel shares nothing and asks for no stream', async () => {
    const { platform, media, order } = setup('desktop', [])
    expect(await pickDisplayMedia(platform, async () => null, media)).toBeNull()
    expect(order).toEqual(['sources'])
  })

  it('desktop: a failed list reaches the picker as an error', async () => {
    const { platform, media } = setup('desktop', new Error('no portal'))
    const pick = vi.fn(async (_sources: ScreenSource[] | Error) => null)
    await pickDisplayMedia(platform, pick, media)
    expect(pick.mock.calls[0]![0]).toBeInstanceOf(Error)
  })

  it('browser: the browser’s own picker, no list', async () => {
    const { platform, media, order } = setup('browser')
    const pick = vi.fn(async () => 'screen:0:0')
    expect(await pickDisplayMedia(platform, pick, media)).toBe(stream)
    expect(pick).not.toHaveBeenCalled()
    expect(order).toEqual(['getDisplayMedia'])
  })

  it('a refused getDisplayMedia (picker closed, main said no) is no stream', async () => {
    const { platform, media } = setup('browser')
    media.getDisplayMedia.mockRejectedValueOnce(new DOMException('denied', 'NotAllowedError'))
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(await pickDisplayMedia(platform, async () => null, media)).toBeNull()
  })
})
