import { describe, expect, it, vi } from 'vitest'
import { MediaReadiness, mediaBlocker, type MediaEnvironment } from './media-precheck'

function env(
  states: Record<string, PermissionState | Error>,
  devices: MediaDeviceKind[] | Error,
): MediaEnvironment {
  return {
    permissions: {
      query: ({ name }) => {
        const state = states[name]
        if (state === undefined || state instanceof Error)
          return Promise.reject(state ?? new TypeError(name))
        return Promise.resolve({ state })
      },
    },
    mediaDevices: {
      enumerateDevices: () =>
        devices instanceof Error
          ? Promise.reject(devices)
          : Promise.resolve(devices.map((kind) => ({ kind }))),
    },
  }
}

const all: MediaDeviceKind[] = ['audioinput', 'videoinput', 'audiooutput']

describe('mediaBlocker', () => {
  it('lets a call go ahead when the microphone is granted or not yet asked', async () => {
    expect(await mediaBlocker(env({ microphone: 'granted' }, all), false)).toBeNull()
    expect(await mediaBlocker(env({ microphone: 'prompt' }, all), false)).toBeNull()
  })

  it('says "denied" when the microphone is blocked, and for video when the camera is', async () => {
    expect(await mediaBlocker(env({ microphone: 'denied' }, all), false)).toBe('media-denied')
    const cameraBlocked = env({ microphone: 'granted', camera: 'denied' }, all)
    expect(await mediaBlocker(cameraBlocked, false)).toBeNull()
    expect(await mediaBlocker(cameraBlocked, true)).toBe('media-denied')
  })

  it('says "absent" when no device of a needed kind exists', async () => {
    const noMic = env({ microphone: 'granted', camera: 'granted' }, ['videoinput', 'audiooutput'])
    expect(await mediaBlocker(noMic, false)).toBe('media-absent')
    const noCamera = env({ microphone: 'granted', camera: 'granted' }, ['audioinput'])
    expect(await mediaBlocker(noCamera, false)).toBeNull()
    expect(await mediaBlocker(noCamera, true)).toBe('media-absent')
  })

  it('never blocks on what it cannot know', async () => {
    // Firefox-like: no "microphone" permission name; devices cannot be listed.
    expect(await mediaBlocker(env({}, new Error('no')), true)).toBeNull()
    expect(await mediaBlocker({}, true)).toBeNull()
    // An empty list (some browsers before permission) proves nothing either.
    expect(await mediaBlocker(env({ microphone: 'granted' }, []), false)).toBeNull()
  })
})

describe('MediaReadiness', () => {
  it('knows nothing at first, learns in the background, and follows device and permission changes', async () => {
    let devices: MediaDeviceKind[] = ['audioinput', 'videoinput']
    let micState: PermissionState = 'granted'
    const listeners: Record<string, (() => void)[]> = {}
    const on = (type: string, listener: () => void): void => {
      ;(listeners[type] ??= []).push(listener)
    }
    const readiness = new MediaReadiness({
      permissions: {
        query: ({ name }) =>
          Promise.resolve({
            state: name === 'microphone' ? micState : 'granted',
            addEventListener: (_type: 'change', listener: () => void) =>
              on(`perm:${name}`, listener),
          }),
      },
      mediaDevices: {
        enumerateDevices: () => Promise.resolve(devices.map((kind) => ({ kind }))),
        addEventListener: (type, listener) => on(type, listener),
      },
    })
    expect(readiness.blocker(false)).toBeNull()
    readiness.start()
    readiness.start() // idempotent: one set of listeners
    await vi.waitFor(() => expect(listeners['perm:microphone']).toHaveLength(1))
    expect(listeners['devicechange']).toHaveLength(1)

    devices = ['audioinput'] // camera unplugged
    listeners['devicechange']![0]!()
    await vi.waitFor(() => expect(readiness.blocker(true)).toBe('media-absent'))
    expect(readiness.blocker(false)).toBeNull()

    micState = 'denied' // the user blocks the microphone in the browser's site settings
    listeners['perm:microphone']![0]!()
    await vi.waitFor(() => expect(readiness.blocker(false)).toBe('media-denied'))
  })
})
