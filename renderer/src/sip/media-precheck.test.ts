import { describe, expect, it } from 'vitest'
import { mediaBlocker, type MediaEnvironment } from './media-precheck'

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
