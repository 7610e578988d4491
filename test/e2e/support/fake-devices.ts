import type { BrowserContext, Page } from 'playwright-core'

// The test's own hands on the page's devices and sound, installed before the app loads:
// - an "unplug" for Chromium's fake capture devices: the device leaves enumerateDevices, asking
//   for it exactly fails as it would in Chromium (OverconstrainedError), its live tracks end from
//   the source side (track.stop() alone fires no 'ended', so the event is dispatched) and
//   `devicechange` fires;
// - a record of every media element the page plays, so the test can see what sounds, where
//   (sinkId) and how loud (its own AnalyserNode on the element's stream), not the app's word.
// Strings, not functions: bundler helpers would be missing in the page (see peer-connections.ts).

declare global {
  interface Window {
    __unplug?: (deviceId: string) => void
    __played?: () => HTMLMediaElement[]
  }
}

const DEVICES_SCRIPT = `
  (() => {
    const media = navigator.mediaDevices
    const enumerate = media.enumerateDevices.bind(media)
    const getUserMedia = media.getUserMedia.bind(media)
    const unplugged = new Set()
    const opened = []
    const exactId = (c) => {
      if (!c || typeof c !== 'object') return undefined
      const id = c.deviceId
      return id && typeof id === 'object' ? id.exact : id
    }
    media.enumerateDevices = async () =>
      (await enumerate()).filter((d) => !unplugged.has(d.deviceId))
    media.getUserMedia = async (constraints) => {
      for (const kind of ['audio', 'video']) {
        const id = exactId(constraints && constraints[kind])
        if (id && unplugged.has(id)) {
          throw typeof OverconstrainedError === 'function'
            ? new OverconstrainedError('deviceId', 'unplugged')
            : new DOMException('unplugged', 'NotFoundError')
        }
      }
      const stream = await getUserMedia(constraints)
      for (const track of stream.getTracks()) {
        opened.push({ deviceId: track.getSettings().deviceId, ref: new WeakRef(track) })
      }
      return stream
    }
    window.__unplug = (deviceId) => {
      unplugged.add(deviceId)
      for (const { deviceId: id, ref } of opened) {
        const track = ref.deref()
        if (!track || id !== deviceId || track.readyState !== 'live') continue
        track.stop()
        track.dispatchEvent(new Event('ended'))
      }
      media.dispatchEvent(new Event('devicechange'))
    }
    const played = []
    const play = HTMLMediaElement.prototype.play
    HTMLMediaElement.prototype.play = function () {
      if (!played.some((r) => r.deref() === this)) played.push(new WeakRef(this))
      return play.call(this)
    }
    window.__played = () => played.map((r) => r.deref()).filter(Boolean)
  })()
`

export async function fakeDevices(context: BrowserContext): Promise<void> {
  await context.addInitScript(DEVICES_SCRIPT)
}

export interface DeviceEntry {
  kind: string
  deviceId: string
  label: string
}

/** The page's device list as the browser gives it (after the fake unplugs). */
export async function listDevices(page: Page): Promise<DeviceEntry[]> {
  return page.evaluate(async () =>
    (await navigator.mediaDevices.enumerateDevices()).map(({ kind, deviceId, label }) => ({
      kind,
      deviceId,
      label,
    })),
  )
}

export async function deviceId(page: Page, kind: string, label: string): Promise<string> {
  const found = (await listDevices(page)).find((d) => d.kind === kind && d.label === label)
  if (!found) throw new Error(`no ${kind} "${label}"`)
  return found.deviceId
}

export async function unplug(page: Page, id: string): Promise<void> {
  await page.evaluate((deviceId) => window.__unplug?.(deviceId), id)
}

export interface SenderTrack {
  kind: string
  label: string
  readyState: string
  enabled: boolean
}

/** What each open connection sends now: the tracks on its senders. */
export async function senderTracks(page: Page): Promise<SenderTrack[]> {
  return page.evaluate(() =>
    (window.__pcs ?? [])
      .filter((pc) => pc.connectionState !== 'closed')
      .flatMap((pc) => pc.getSenders())
      .flatMap((s) => (s.track ? [s.track] : []))
      .map(({ kind, label, readyState, enabled }) => ({ kind, label, readyState, enabled })),
  )
}

/** The local descriptions of the open connections: unchanged means no renegotiation. */
export async function localDescriptions(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window.__pcs ?? [])
      .filter((pc) => pc.connectionState !== 'closed')
      .map((pc) => pc.localDescription?.sdp ?? ''),
  )
}

export interface Sound {
  /** The far end's audio (a receiver's track) rather than a sound made in the page. */
  remote: boolean
  sinkId: string
  playing: boolean
  /** Peak RMS over a short listen, from the test's own analyser on the element's stream. */
  level: number
}

/**
 * Every media element with a stream that the page plays or shows: call audio, and tones made in
 * the page. Listens to each for `listenMs`.
 */
export async function sounds(page: Page, listenMs = 400): Promise<Sound[]> {
  return page.evaluate(async (ms) => {
    const remoteTracks = new Set<MediaStreamTrack>()
    for (const pc of window.__pcs ?? []) {
      if (pc.connectionState === 'closed') continue
      for (const r of pc.getReceivers()) remoteTracks.add(r.track)
    }
    const elements = new Set<HTMLMediaElement>([
      ...document.querySelectorAll<HTMLMediaElement>('audio, video'),
      ...(window.__played?.() ?? []),
    ])
    const probe = new AudioContext()
    try {
      return await Promise.all(
        [...elements].map(async (el) => {
          const stream = el.srcObject instanceof MediaStream ? el.srcObject : null
          const audio = stream?.getAudioTracks().filter((t) => t.readyState === 'live') ?? []
          const remote = audio.some((t) => remoteTracks.has(t))
          // A muted element (the self view, the video half of a call) makes no sound.
          const playing = !el.paused && !el.muted && audio.length > 0
          let level = 0
          if (playing) {
            const source = probe.createMediaStreamSource(new MediaStream(audio))
            const analyser = probe.createAnalyser()
            analyser.fftSize = 1024
            source.connect(analyser)
            const buffer = new Float32Array(analyser.fftSize)
            for (let waited = 0; waited < ms; waited += 50) {
              await new Promise((r) => setTimeout(r, 50))
              analyser.getFloatTimeDomainData(buffer)
              const rms = Math.sqrt(buffer.reduce((sum, v) => sum + v * v, 0) / buffer.length)
              level = Math.max(level, rms)
            }
            source.disconnect()
          }
          return { remote, sinkId: el.sinkId, playing, level }
        }),
      )
    } finally {
      await probe.close()
    }
  }, listenMs)
}

/** The loudest tone (a sound made in the page, not call audio) playing on a device, or 0. */
export async function toneLevel(page: Page, sinkId: string, listenMs = 400): Promise<number> {
  const heard = (await sounds(page, listenMs)).filter(
    (s) => !s.remote && s.playing && s.sinkId === sinkId,
  )
  return Math.max(0, ...heard.map((s) => s.level))
}

/** How many tones (sounds made in the page) are playing anywhere. */
export async function tonesPlaying(page: Page): Promise<number> {
  return (await sounds(page, 0)).filter((s) => !s.remote && s.playing).length
}
