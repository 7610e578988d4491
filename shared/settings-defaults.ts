// The default settings, apart from the schema (zod): code that only needs the defaults (the
// renderer's stores) must not load and build every schema for them.
import type { Settings } from './settings'

/** The defaults, as a fresh object each time so no caller can change them for another. */
export function createDefaultSettings(): Settings {
  return {
    accounts: [],
    defaultAccountId: '',
    theme: 'system',
    locale: 'system',
    credentials: { acceptWeakEncryption: false },
    dialing: { defaultRegion: '', confirmLinks: true },
    desktop: {
      startAtLogin: false,
      startMinimized: false,
      trayHintShown: false,
      checkForUpdates: true,
      globalShortcuts: {
        enabled: false,
        answer: 'CommandOrControl+Shift+A',
        hangUp: 'CommandOrControl+Shift+E',
      },
      linkHandler: 'unasked',
    },
    devices: {
      microphone: { deviceId: '', label: '' },
      camera: { deviceId: '', label: '' },
      speaker: { deviceId: '', label: '' },
      ringer: { deviceId: '', label: '' },
      ringtone: true,
    },
    chat: { sendReadReceipts: true },
    presence: { status: 'available', note: '', idleMinutes: 10 },
    calls: {
      followOwnDomainTransfers: false,
      intercomAutoAnswer: false,
      deskPhone: {},
      recordingTone: false,
    },
  }
}
