import type { BrowserContext, Page } from 'playwright-core'

// The test's own view of WebRTC: an init script wraps RTCPeerConnection before the app loads
// and keeps every instance, so media is judged by getStats() read here, never by the app.

declare global {
  interface Window {
    __pcs?: RTCPeerConnection[]
  }
}

export async function recordPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Original = window.RTCPeerConnection
    const all: RTCPeerConnection[] = []
    window.__pcs = all
    class Recorded extends Original {
      constructor(config?: RTCConfiguration) {
        super(config)
        all.push(this)
      }
    }
    window.RTCPeerConnection = Recorded
  })
}

export interface InboundAudio {
  packetsReceived: number
  totalAudioEnergy: number
  bytesReceived: number
}

/** Sum over every open connection's inbound audio streams. */
export async function inboundAudio(page: Page): Promise<InboundAudio> {
  return page.evaluate(async () => {
    const sum = { packetsReceived: 0, totalAudioEnergy: 0, bytesReceived: 0 }
    for (const pc of window.__pcs ?? []) {
      if (pc.connectionState === 'closed') continue
      const report = await pc.getStats()
      report.forEach((s: Record<string, unknown>) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') {
          sum.packetsReceived += Number(s.packetsReceived ?? 0)
          sum.totalAudioEnergy += Number(s.totalAudioEnergy ?? 0)
          sum.bytesReceived += Number(s.bytesReceived ?? 0)
        }
      })
    }
    return sum
  })
}

/** Connections not yet closed, and live local tracks they send. */
export async function openMedia(page: Page): Promise<{ connections: number; tracks: number }> {
  return page.evaluate(() => {
    const open = (window.__pcs ?? []).filter((pc) => pc.connectionState !== 'closed')
    const tracks = open
      .flatMap((pc) => pc.getSenders().map((s) => s.track))
      .filter((t) => t && t.readyState === 'live').length
    return { connections: open.length, tracks }
  })
}

/** The largest videoWidth of any playing <video> showing a remote stream. */
export async function remoteVideoWidth(page: Page, name: RegExp): Promise<number> {
  const videos = page.getByRole('region', { name: 'Call' }).locator('video')
  const count = await videos.count()
  let width = 0
  for (let i = 0; i < count; i++) {
    const v = videos.nth(i)
    const label = (await v.getAttribute('aria-label')) ?? ''
    if (!name.test(label)) continue
    width = Math.max(width, await v.evaluate((el) => (el as HTMLVideoElement).videoWidth))
  }
  return width
}
