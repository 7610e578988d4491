import type { BrowserContext, Page } from 'playwright-core'

// The test's own view of WebRTC: an init script wraps RTCPeerConnection before the app loads
// and keeps every instance, so media is judged by getStats() read here, never by the app.

declare global {
  interface Window {
    __pcs?: RTCPeerConnection[]
    __tracks?: MediaStreamTrack[]
  }
}

// A string, not a function: a bundler's helpers (esbuild's __name under tsx) would be missing in
// the page and break the wrapper silently.
// Weak references: a registry that held every connection would itself keep each call's
// objects alive (SIP.js's handlers on the connection reach the whole session) and fake a leak.
// An open connection stays reachable through the browser, so none is missed.
const RECORD_SCRIPT = `
  (() => {
    const Original = window.RTCPeerConnection
    const pcs = []
    // Reading also drops the references whose object is gone, so the lists stay short too.
    const live = (refs) => {
      const alive = refs.filter((r) => r.deref() !== undefined)
      refs.splice(0, refs.length, ...alive)
      return alive.map((r) => r.deref())
    }
    Object.defineProperty(window, '__pcs', { get: () => live(pcs) })
    class Recorded extends Original {
      constructor(config) {
        super(config)
        pcs.push(new WeakRef(this))
      }
    }
    window.RTCPeerConnection = Recorded
    // Every captured microphone and camera track, to prove none is left running.
    const tracks = []
    Object.defineProperty(window, '__tracks', { get: () => live(tracks) })
    const media = navigator.mediaDevices
    const getUserMedia = media.getUserMedia.bind(media)
    media.getUserMedia = async (constraints) => {
      const stream = await getUserMedia(constraints)
      for (const track of stream.getTracks()) tracks.push(new WeakRef(track))
      return stream
    }
  })()
`

export async function recordPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(RECORD_SCRIPT)
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

/** Connections not yet closed, and captured (microphone, camera) tracks still live. */
export async function openMedia(page: Page): Promise<{ connections: number; tracks: number }> {
  return page.evaluate(() => ({
    connections: (window.__pcs ?? []).filter((pc) => pc.connectionState !== 'closed').length,
    tracks: (window.__tracks ?? []).filter((t) => t.readyState === 'live').length,
  }))
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

/**
 * Each open connection's DTLS role as its local description says (`a=setup:` of the first
 * media section) and the role the peer offered, e.g. `{ local: 'passive', remote: 'actpass' }`.
 */
export async function dtlsSetup(page: Page): Promise<{ local: string; remote: string }[]> {
  return page.evaluate(() =>
    (window.__pcs ?? [])
      .filter((pc) => pc.connectionState !== 'closed')
      .map((pc) => ({
        local: /a=setup:(\w+)/.exec(pc.localDescription?.sdp ?? '')?.[1] ?? '',
        remote: /a=setup:(\w+)/.exec(pc.remoteDescription?.sdp ?? '')?.[1] ?? '',
      })),
  )
}

/**
 * The local and remote candidate types of each open connection's selected pair, from its own
 * stats (e.g. `{ local: 'relay', remote: 'relay' }`); empty until ICE has chosen a pair.
 */
export async function selectedCandidateTypes(
  page: Page,
): Promise<{ local: string; remote: string }[]> {
  return page.evaluate(async () => {
    const pairs: { local: string; remote: string }[] = []
    for (const pc of window.__pcs ?? []) {
      if (pc.connectionState === 'closed') continue
      const stats = new Map<string, Record<string, unknown>>()
      ;(await pc.getStats()).forEach((s: Record<string, unknown>) => stats.set(String(s.id), s))
      for (const s of stats.values()) {
        if (s.type !== 'transport' || typeof s.selectedCandidatePairId !== 'string') continue
        const pair = stats.get(s.selectedCandidatePairId)
        const local = stats.get(String(pair?.localCandidateId))
        const remote = stats.get(String(pair?.remoteCandidateId))
        pairs.push({ local: String(local?.candidateType), remote: String(remote?.candidateType) })
      }
    }
    return pairs
  })
}

/** The far end's ICE username fragment in each open connection: a new one means ICE restarted. */
export async function remoteIceUfrags(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window.__pcs ?? [])
      .filter((pc) => pc.connectionState !== 'closed')
      .map((pc) => /a=ice-ufrag:(\S+)/.exec(pc.remoteDescription?.sdp ?? '')?.[1] ?? ''),
  )
}
