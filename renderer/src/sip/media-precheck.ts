// Before answering, learn cheaply whether the microphone (and camera) can be had at all. SIP.js
// answers a failed getUserMedia with 488 "Not Acceptable Here", which tells the caller their
// media was incompatible when in fact our microphone is blocked or missing: checking first lets
// the call refuse with 480 and the callee read the real reason.
import type { CallEndReason } from './call-end'

/** The few parts of `navigator` the check reads (a fake in unit tests). */
export interface MediaEnvironment {
  permissions?: { query(descriptor: { name: PermissionName }): Promise<{ state: PermissionState }> }
  mediaDevices?: { enumerateDevices(): Promise<{ kind: MediaDeviceKind }[]> }
}

export type MediaBlocker = Extract<CallEndReason, 'media-denied' | 'media-absent'>

/**
 * Why the media a call needs cannot be had, or null when it may be (the final word is still
 * getUserMedia's). Unknowns count as "may be": a browser without the Permissions API for
 * `microphone`, or an enumerateDevices that fails, must not block a call.
 */
export async function mediaBlocker(
  env: MediaEnvironment,
  video: boolean,
): Promise<MediaBlocker | null> {
  const kinds: { permission: PermissionName; device: MediaDeviceKind }[] = [
    { permission: 'microphone' as PermissionName, device: 'audioinput' },
    ...(video ? [{ permission: 'camera' as PermissionName, device: 'videoinput' as const }] : []),
  ]
  const [states, devices] = await Promise.all([
    Promise.all(kinds.map((k) => permissionState(env, k.permission))),
    env.mediaDevices?.enumerateDevices().catch(() => null) ?? Promise.resolve(null),
  ])
  if (states.includes('denied')) return 'media-denied'
  if (devices !== null && devices.length > 0) {
    // Before permission, Chromium lists one entry per kind with an empty id, so kinds still show.
    const missing = kinds.some((k) => !devices.some((d) => d.kind === k.device))
    if (missing) return 'media-absent'
  }
  return null
}

async function permissionState(
  env: MediaEnvironment,
  name: PermissionName,
): Promise<PermissionState | null> {
  try {
    return (await env.permissions?.query({ name }))?.state ?? null
  } catch {
    return null
  }
}
