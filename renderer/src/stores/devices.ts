import { computed, inject, markRaw, ref, shallowRef } from 'vue'
import type { InjectionKey } from 'vue'
import { defineStore } from 'pinia'
import { usePlatform } from '@/composables/usePlatform'
import { MediaDevicesService } from '@/media/device-service'
import type { MediaDevicesLike } from '@/media/device-service'
import {
  DEVICE_ROLES,
  ROLE_KIND,
  choiceOf,
  defaultChoices,
  devicesOfKind,
  labelsHidden,
  resolveChoice,
} from '@/media/devices'
import type { DeviceChoices, DeviceInfo, DeviceRole } from '@/media/devices'
import type { DeviceSettings } from '@shared/settings'

/** One entry of a device picker; `label` is '' when the browser hides it (no permission yet). */
export interface DeviceOption {
  deviceId: string
  label: string
}

/** The service start-up created before the app (calls may open media before the store exists). */
export const deviceServiceKey: InjectionKey<MediaDevicesService> = Symbol('device-service')

/**
 * The chosen microphone, camera, speaker and ringer (kept in settings) and the devices there are
 * to choose from (refreshed on `devicechange`). The service behind it opens media for calls.
 */
export const useDevicesStore = defineStore('devices', () => {
  const platform = usePlatform()
  const service = markRaw(
    inject(deviceServiceKey, null) ?? new MediaDevicesService(mediaDevices()),
  )
  const devices = shallowRef<readonly DeviceInfo[]>([])
  const choices = ref<DeviceChoices>(defaultChoices())
  const ringtone = ref(true)
  let stopWatching: (() => void) | undefined

  service.onDevices((list) => (devices.value = list))

  /** Picker entries per role: the devices of its kind, in the browser's order. */
  const options = computed(() => {
    const out = {} as Record<DeviceRole, DeviceOption[]>
    for (const role of DEVICE_ROLES) {
      out[role] = devicesOfKind(devices.value, ROLE_KIND[role]).map(({ deviceId, label }) => ({
        deviceId,
        label,
      }))
    }
    return out
  })

  /** The device each role uses now ('' = system default): a gone device reads as the default. */
  const selected = computed(() => {
    const out = {} as Record<DeviceRole, string>
    for (const role of DEVICE_ROLES) {
      const id = resolveChoice(choices.value[role], devices.value, ROLE_KIND[role])
      // Shown only when the picker lists it; else the picker would show a blank entry.
      out[role] = id !== null && options.value[role].some((o) => o.deviceId === id) ? id : ''
    }
    return out
  })

  /** For setSinkId on the call audio and the tones. */
  const sinkIds = computed(() => ({
    speaker: resolveChoice(choices.value.speaker, devices.value, 'audiooutput') ?? '',
    ringer: resolveChoice(choices.value.ringer, devices.value, 'audiooutput') ?? '',
  }))

  /** No permission yet: the browser lists devices without names (or not at all). */
  const namesHidden = computed(
    () =>
      devices.value.length === 0 ||
      labelsHidden(devices.value, 'audioinput') ||
      labelsHidden(devices.value, 'videoinput'),
  )

  /** Reads the stored choices and starts following the device list. */
  async function load(): Promise<void> {
    apply((await platform.settings.get()).devices)
  }

  /** The choices start-up read (null: none readable, the defaults), and start following devices. */
  function apply(saved: DeviceSettings | null): void {
    if (saved) {
      const { ringtone: ring, ...roles } = saved
      choices.value = { ...roles }
      ringtone.value = ring
      for (const role of DEVICE_ROLES) service.setChoice(role, roles[role])
    }
    stopWatching ??= service.start()
  }

  function refresh(): Promise<readonly DeviceInfo[]> {
    return service.refresh()
  }

  /** The user picked a device ('' = system default): used from now on, and remembered. */
  async function choose(role: DeviceRole, deviceId: string): Promise<void> {
    const choice = choiceOf(deviceId, devices.value, ROLE_KIND[role])
    service.setChoice(role, choice)
    choices.value = { ...choices.value, [role]: choice }
    await platform.settings.set({ devices: { [role]: choice } })
  }

  async function setRingtone(on: boolean): Promise<void> {
    ringtone.value = on
    await platform.settings.set({ devices: { ringtone: on } })
  }

  /**
   * Asks for microphone and camera access once, so the browser names the devices; the tracks
   * are stopped at once. Resolves false when refused or absent.
   */
  async function revealNames(): Promise<boolean> {
    const media = mediaDevices()
    if (!media) return false
    const tracks: MediaStreamTrack[] = []
    try {
      for (const constraints of [{ audio: true }, { video: true }]) {
        try {
          tracks.push(...(await media.getUserMedia(constraints)).getTracks())
        } catch {
          // No camera (or no microphone) is fine: the other one's access still names devices.
        }
      }
      return tracks.length > 0
    } finally {
      for (const track of tracks) track.stop()
      await service.refresh()
    }
  }

  function dispose(): void {
    stopWatching?.()
    stopWatching = undefined
  }

  return {
    devices,
    choices,
    ringtone,
    options,
    selected,
    sinkIds,
    namesHidden,
    /** Framework-free; the calls module opens media through it. Never reactive. */
    service,
    load,
    apply,
    refresh,
    choose,
    setRingtone,
    revealNames,
    dispose,
  }
})

function mediaDevices(): MediaDevicesLike | undefined {
  // Absent on an insecure page; calls then fail with "Microphone or camera not available".
  return typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined
}
