// Cameras and a shared screen in a call, between two Chromium pages through the project's
// Kamailio. Chromium's fake capture gives three cameras (`device-count=3`); the first draws on
// green, the third is the same picture, so this test's own init script tints the third one's
// frames red (through a canvas) to tell them apart at the far end. (The second is a depth camera
// whose Y16 frames WebRTC never sends: it goes unused.) What Alice sends is read from her
// connection's senders; what Bob gets, from his own page: the colour and size of his remote
// <video> (a canvas read) and the frames his connection decodes. Re-INVITEs are counted by the
// session version of Alice's SDP as Bob's connection holds it (one step per offer).
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { useWorld } from './support/world'
import { isVisible, textOf } from './support/app'
import { recordPeerConnections } from './support/peer-connections'

const world = useWorld({
  extraArgs: [
    // A later switch wins over the default one.
    '--use-fake-device-for-media-stream=device-count=3',
    '--use-fake-ui-for-media-stream',
    '--auto-select-desktop-capture-source=Entire screen',
  ],
})

declare global {
  interface Window {
    /** The camera a track came from, for tracks this script made (see RED_SCRIPT). */
    __cameraOf?: WeakMap<MediaStreamTrack, string>
  }
}

// A string, not a function: bundler helpers would be missing in the page (peer-connections.ts).
const RED_SCRIPT = `
  (() => {
    const media = navigator.mediaDevices
    const getUserMedia = media.getUserMedia.bind(media)
    const cameraOf = new WeakMap()
    window.__cameraOf = cameraOf
    media.getUserMedia = async (constraints) => {
      const stream = await getUserMedia(constraints)
      const camera = stream.getVideoTracks()[0]
      if (!camera || camera.label !== 'fake_device_2') return stream
      const video = document.createElement('video')
      video.muted = true
      video.srcObject = new MediaStream([camera])
      await video.play()
      const canvas = document.createElement('canvas')
      canvas.width = 640
      canvas.height = 480
      const g = canvas.getContext('2d')
      const timer = setInterval(() => {
        g.drawImage(video, 0, 0, 640, 480)
        g.fillStyle = 'rgba(255, 0, 0, 0.6)'
        g.fillRect(0, 0, 640, 480)
      }, 40)
      const red = canvas.captureStream(25).getVideoTracks()[0]
      cameraOf.set(red, camera.label)
      const stop = red.stop.bind(red)
      red.stop = () => {
        clearInterval(timer)
        camera.stop()
        stop()
      }
      stream.removeTrack(camera)
      stream.addTrack(red)
      return stream
    }
  })()
`

const GREEN_CAMERA = 'fake_device_0'
const RED_CAMERA = 'fake_device_2'
const poll = { timeout: 15_000, interval: 250 }

/** A signed-in user whose third camera shows red; checked for errors and closed after the test. */
async function signedIn(name: string): Promise<Page> {
  const context = await world.browser.newContext({ permissions: ['microphone', 'camera'] })
  // First the red camera, then the recorder: it records the tracks the app is given.
  await context.addInitScript(RED_SCRIPT)
  await recordPeerConnections(context)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`)
  })
  world.pages.push({ context, page, errors })
  await page.goto(world.web.url)
  await world.signInAs(page, name)
  return page
}

const callState = (page: Page): Promise<string | null> =>
  textOf(page.getByRole('status', { name: 'Call state' }))
const incoming = (page: Page) => page.getByRole('alertdialog', { name: 'Incoming call' })
const callPanel = (page: Page) => page.getByRole('region', { name: 'Call' })
const button = (page: Page, name: string): Locator =>
  callPanel(page).getByRole('button', { name, exact: true })

async function call(alice: Page, bob: Page, video: boolean): Promise<void> {
  await alice.getByRole('textbox', { name: 'Number or SIP address' }).fill(world.user('bob').aor)
  await alice.getByRole('button', { name: video ? 'Video call' : 'Call', exact: true }).click()
  await expect.poll(() => isVisible(incoming(bob)), poll).toBe(true)
  await incoming(bob)
    .getByRole('button', { name: video ? 'Answer with video' : 'Answer', exact: true })
    .click()
  await expect.poll(() => callState(bob), poll).toBe('Connected')
  await expect.poll(() => callState(alice), poll).toBe('Connected')
}

/** Chooses a camera by the name the user sees, in the call panel's device pickers. */
async function chooseCamera(page: Page, label: string): Promise<void> {
  if ((await button(page, 'Devices').getAttribute('aria-expanded')) !== 'true') {
    await button(page, 'Devices').click()
  }
  const select = callPanel(page).getByLabel('Camera', { exact: true })
  await expect.poll(() => select.locator('option', { hasText: label }).count(), poll).toBe(1)
  await select.selectOption({ label })
}

/** The labels of the live video tracks Alice's senders carry now. */
async function videoSent(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window.__pcs ?? [])
      .filter((pc) => pc.connectionState !== 'closed')
      .flatMap((pc) => pc.getSenders())
      .flatMap((s) => (s.track?.kind === 'video' && s.track.readyState === 'live' ? [s.track] : []))
      .map((t) => window.__cameraOf?.get(t) ?? t.label),
  )
}

/** Camera tracks (getUserMedia) still capturing: none may be left running unused. */
async function liveCameras(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window.__tracks ?? [])
      .filter((t) => t.kind === 'video' && t.readyState === 'live')
      .map((t) => window.__cameraOf?.get(t) ?? t.label),
  )
}

interface Received {
  width: number
  frames: number
  /** Mean red, green, blue of the remote video's current frame; null without a picture. */
  rgb: [number, number, number] | null
}

/** What Bob's page receives as video: its <video>'s size and colour, his decoded frames. */
async function received(page: Page): Promise<Received> {
  return page.evaluate(async () => {
    let frames = 0
    for (const pc of window.__pcs ?? []) {
      if (pc.connectionState === 'closed') continue
      ;(await pc.getStats()).forEach((s: Record<string, unknown>) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video') frames += Number(s.framesDecoded ?? 0)
      })
    }
    const video = document.querySelector<HTMLVideoElement>('video.remote')
    if (!video || video.videoWidth === 0) return { width: 0, frames, rgb: null }
    const canvas = document.createElement('canvas')
    canvas.width = video.videoWidth
    canvas.height = video.videoHeight
    const g = canvas.getContext('2d', { willReadFrequently: true })!
    g.drawImage(video, 0, 0)
    const px = g.getImageData(0, 0, canvas.width, canvas.height).data
    const sum = [0, 0, 0]
    for (let i = 0; i < px.length; i += 4) {
      sum[0]! += px[i]!
      sum[1]! += px[i + 1]!
      sum[2]! += px[i + 2]!
    }
    const n = px.length / 4
    const rgb = sum.map((v) => Math.round(v / n)) as [number, number, number]
    return { width: video.videoWidth, frames, rgb }
  })
}

type Look = 'green camera' | 'red camera' | 'screen' | 'other' | 'none'

/**
 * Which picture Bob sees. The fake screen is green too, but 1280 wide where cameras are 640
 * (screen content keeps its resolution under load: WebRTC lowers its frame rate instead).
 */
function look({ rgb, width }: Received): Look {
  if (!rgb) return 'none'
  const [r, g, b] = rgb
  if (r > 100 && r > 1.5 * g && r > 1.5 * b) return 'red camera'
  if (g > 80 && g > 3 * r && g > 3 * b) return width > 1000 ? 'screen' : 'green camera'
  return 'other'
}

async function sees(bob: Page): Promise<Look> {
  return look(await received(bob))
}

/** Bob's decoded frames keep rising: the picture is live, not frozen. */
async function framesRise(bob: Page): Promise<void> {
  const before = (await received(bob)).frames
  await expect
    .poll(async () => (await received(bob)).frames, { ...poll, message: 'frames keep coming' })
    .toBeGreaterThan(before + 10)
}

/** The session version of Alice's SDP as Bob holds it: one more per offer she sent. */
async function offersFromAlice(bob: Page): Promise<number> {
  return bob.evaluate(() => {
    const pc = (window.__pcs ?? []).find((p) => p.connectionState !== 'closed')
    const origin = /^o=\S+ \S+ (\d+)/m.exec(pc?.remoteDescription?.sdp ?? '')
    return origin ? Number(origin[1]) : -1
  })
}

describe('camera switching', () => {
  it('sends the other camera mid-call by replacing the track, without a re-INVITE', async () => {
    const alice = await signedIn('alice')
    const bob = await signedIn('bob')
    await call(alice, bob, true)
    await expect.poll(() => sees(bob), poll).toBe('green camera')
    expect(await videoSent(alice)).toEqual([GREEN_CAMERA])
    const offers = await offersFromAlice(bob)

    await chooseCamera(alice, RED_CAMERA)
    await expect.poll(() => videoSent(alice), poll).toEqual([RED_CAMERA])
    await expect
      .poll(() => sees(bob), { ...poll, message: 'Bob sees the red camera' })
      .toBe('red camera')
    await framesRise(bob)
    // The old camera was let go; the same m-line carries the new one.
    expect(await liveCameras(alice)).toEqual([RED_CAMERA])
    expect(await offersFromAlice(bob)).toBe(offers)
  })
})

describe('screen sharing and cameras', () => {
  it('an audio call gains video with one re-INVITE when sharing starts and loses it with one more', async () => {
    const alice = await signedIn('alice')
    const bob = await signedIn('bob')
    await call(alice, bob, false)
    const offers = await offersFromAlice(bob)

    await button(alice, 'Share screen').click()
    await expect.poll(() => isVisible(button(alice, 'Stop sharing')), poll).toBe(true)
    await expect.poll(async () => (await received(bob)).width, poll).toBeGreaterThan(0)
    expect(await sees(bob)).toBe('screen')
    await framesRise(bob)
    expect(await offersFromAlice(bob)).toBe(offers + 1)

    await button(alice, 'Stop sharing').click()
    await expect.poll(() => bob.locator('video.remote').count(), poll).toBe(0)
    await expect.poll(() => isVisible(button(alice, 'Share screen')), poll).toBe(true)
    expect(await offersFromAlice(bob)).toBe(offers + 2)
    // Nothing is sent as video any more, and no camera was opened on the way.
    const stopped = (await received(bob)).frames
    await new Promise((r) => setTimeout(r, 1000))
    expect((await received(bob)).frames).toBe(stopped)
    expect(await videoSent(alice)).toEqual([])
    expect(await liveCameras(alice)).toEqual([])
    expect(await isVisible(button(alice, 'Camera off'))).toBe(false)
  })

  it('a camera chosen while sharing on an audio call is sent when sharing stops', async () => {
    const alice = await signedIn('alice')
    const bob = await signedIn('bob')
    await call(alice, bob, false)

    await button(alice, 'Share screen').click()
    await expect.poll(() => sees(bob), poll).toBe('screen')
    const offers = await offersFromAlice(bob)

    await chooseCamera(alice, RED_CAMERA)
    // The screen goes on being shared; the chosen camera is open, waiting for it.
    await expect.poll(() => liveCameras(alice), poll).toEqual([RED_CAMERA])
    await new Promise((r) => setTimeout(r, 1000))
    expect(await sees(bob)).toBe('screen')
    expect(await videoSent(alice)).not.toContain(RED_CAMERA)
    expect(await isVisible(button(alice, 'Stop sharing'))).toBe(true)

    await button(alice, 'Stop sharing').click()
    await expect.poll(() => isVisible(button(alice, 'Share screen')), poll).toBe(true)
    await expect
      .poll(() => sees(bob), { ...poll, message: 'Bob sees the chosen camera' })
      .toBe('red camera')
    await framesRise(bob)
    expect(await videoSent(alice)).toEqual([RED_CAMERA])
    expect(await liveCameras(alice)).toEqual([RED_CAMERA])
    // Now a video call: its camera can be turned off; the m-line was there, no new offer.
    await expect.poll(() => isVisible(button(alice, 'Camera off')), poll).toBe(true)
    expect(await offersFromAlice(bob)).toBe(offers)
  })

  it('on a video call, stop sharing brings back the camera chosen while sharing, live', async () => {
    const alice = await signedIn('alice')
    const bob = await signedIn('bob')
    await call(alice, bob, true)
    await expect.poll(() => sees(bob), poll).toBe('green camera')
    const offers = await offersFromAlice(bob)

    await button(alice, 'Share screen').click()
    await expect.poll(() => sees(bob), poll).toBe('screen')
    await chooseCamera(alice, RED_CAMERA)
    await new Promise((r) => setTimeout(r, 1000))
    expect(await sees(bob)).toBe('screen')

    await button(alice, 'Stop sharing').click()
    await expect
      .poll(() => sees(bob), { ...poll, message: 'Bob sees the chosen camera' })
      .toBe('red camera')
    await framesRise(bob)
    expect(await videoSent(alice)).toEqual([RED_CAMERA])
    expect(await liveCameras(alice)).toEqual([RED_CAMERA])
    expect(await offersFromAlice(bob)).toBe(offers)
  })
})
