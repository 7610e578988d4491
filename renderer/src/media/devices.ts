// Which microphone, camera, speaker and ringer to use: the device lists as the user sees them, and
// a stored choice resolved against what is plugged in now. Pure functions, no DOM calls.
import type { DeviceChoice } from '@shared/settings'
import { sanitizeText } from '@shared/text/sanitize'

export type { DeviceChoice }

export type DeviceRole = 'microphone' | 'camera' | 'speaker' | 'ringer'
export type InputRole = Extract<DeviceRole, 'microphone' | 'camera'>

export const DEVICE_ROLES: readonly DeviceRole[] = ['microphone', 'camera', 'speaker', 'ringer']

export const ROLE_KIND: Record<DeviceRole, MediaDeviceKind> = {
  microphone: 'audioinput',
  camera: 'videoinput',
  speaker: 'audiooutput',
  ringer: 'audiooutput',
}

export const INPUT_ROLE: Record<'audio' | 'video', InputRole> = {
  audio: 'microphone',
  video: 'camera',
}

/** The system default: no device id, so the browser picks. */
export const DEFAULT_CHOICE: DeviceChoice = Object.freeze({ deviceId: '', label: '' })

/** What enumerateDevices() gives, as plain data. */
export interface DeviceInfo {
  kind: MediaDeviceKind
  deviceId: string
  label: string
}

export type DeviceChoices = Record<DeviceRole, DeviceChoice>

export function defaultChoices(): DeviceChoices {
  return {
    microphone: { ...DEFAULT_CHOICE },
    camera: { ...DEFAULT_CHOICE },
    speaker: { ...DEFAULT_CHOICE },
    ringer: { ...DEFAULT_CHOICE },
  }
}

// Chromium's stand-ins for "whatever the OS uses": the picker offers its own "System default".
const VIRTUAL_IDS = new Set(['default', 'communications'])

/**
 * The real devices of one kind, in the browser's order. Before permission is granted Chromium
 * lists devices with empty ids and labels: those cannot be chosen, so they are left out (the
 * picker then offers the default only). A device may still come with an empty label; the UI
 * names it by its position.
 */
export function devicesOfKind(infos: readonly DeviceInfo[], kind: MediaDeviceKind): DeviceInfo[] {
  const seen = new Set<string>()
  return infos.filter((d) => {
    if (d.kind !== kind || d.deviceId === '' || VIRTUAL_IDS.has(d.deviceId)) return false
    if (seen.has(d.deviceId)) return false
    seen.add(d.deviceId)
    return true
  })
}

/** Whether any device of a kind came without a label: the browser has not been given permission. */
export function labelsHidden(infos: readonly DeviceInfo[], kind: MediaDeviceKind): boolean {
  return infos.some((d) => d.kind === kind && d.label === '')
}

/**
 * The device id to use for a stored choice: the same id when that device is there, else a device
 * with the same label (its id changed), else null (use the system default). An empty list means
 * "not known yet": the stored id is tried as it is, and whoever opens it falls back on failure.
 */
export function resolveChoice(
  choice: DeviceChoice,
  infos: readonly DeviceInfo[],
  kind: MediaDeviceKind,
): string | null {
  if (choice.deviceId === '') return null
  const devices = devicesOfKind(infos, kind)
  if (infos.length === 0) return choice.deviceId
  if (devices.some((d) => d.deviceId === choice.deviceId)) return choice.deviceId
  const label = cleanLabel(choice.label)
  if (label === '') return null
  return devices.find((d) => cleanLabel(d.label) === label)?.deviceId ?? null
}

/** What a user picked from a list, as stored: the id, and the label to find it again by. */
export function choiceOf(
  deviceId: string,
  infos: readonly DeviceInfo[],
  kind: MediaDeviceKind,
): DeviceChoice {
  if (deviceId === '') return { ...DEFAULT_CHOICE }
  const found = devicesOfKind(infos, kind).find((d) => d.deviceId === deviceId)
  return { deviceId, label: cleanLabel(found?.label ?? '') }
}

/** A label fit for settings: OS device names can carry control characters or be very long. */
export function cleanLabel(label: string): string {
  return sanitizeText(label, { maxLength: 256 })
}

/** getUserMedia constraints for one kind: a device asked for exactly, or the default. */
export function trackConstraint(
  wanted: boolean,
  deviceId: string | null,
): boolean | MediaTrackConstraints {
  if (!wanted) return false
  return deviceId === null ? true : { deviceId: { exact: deviceId } }
}

/**
 * The errors that mean "that device is not there (any more)" or cannot be started: worth a retry
 * with the default. A refused permission would fail the same way with any device.
 */
export function isMissingDeviceError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name
  return name === 'OverconstrainedError' || name === 'NotFoundError' || name === 'NotReadableError'
}
