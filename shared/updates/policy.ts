// When to look for an update and what to do with one: pure, so the rules are tested without
// Electron. The glue (electron/main/updater.ts) asks this module and does what it says.

export const CHECK_EVERY_MS = 6 * 60 * 60 * 1000
/** The first check waits for the app to settle (sign-in, presence) instead of racing it. */
export const FIRST_CHECK_DELAY_MS = 60 * 1000

export interface UpdateContext {
  /** The user's setting ("Check for updates"). */
  enabled: boolean
  /** `app.isPackaged`: a development or unpackaged build never updates itself. */
  packaged: boolean
  // process.platform's values; shared code knows no Node types.
  platform: string
  /** Linux: only an AppImage can replace itself; a .deb/.rpm is updated by the package manager. */
  appImage: boolean
  /** The feed URL the build was configured with ('' when none). */
  feedUrl: string
}

export type UpdateDecision =
  | { check: true }
  | {
      check: false
      reason: 'disabled' | 'unpackaged' | 'package-manager' | 'insecure-feed' | 'no-feed'
    }

export function shouldCheckForUpdates(context: UpdateContext): UpdateDecision {
  if (!context.packaged) return { check: false, reason: 'unpackaged' }
  if (!context.enabled) return { check: false, reason: 'disabled' }
  if (context.platform === 'linux' && !context.appImage) {
    return { check: false, reason: 'package-manager' }
  }
  if (context.feedUrl === '') return { check: false, reason: 'no-feed' }
  // An update is code we will run: only over https, whatever the signature checks add.
  if (!/^https:\/\//i.test(context.feedUrl)) return { check: false, reason: 'insecure-feed' }
  return { check: true }
}

/** Milliseconds until the next check, given the last one (null: never checked this run). */
export function nextCheckIn(lastCheckAt: number | null, now: number): number {
  if (lastCheckAt === null) return FIRST_CHECK_DELAY_MS
  return Math.max(0, lastCheckAt + CHECK_EVERY_MS - now)
}

export type UpdateEvent =
  | { kind: 'available'; version: string }
  | { kind: 'downloaded'; version: string }
  | { kind: 'error'; message: string }
  | { kind: 'not-available' }

export type UpdateAction =
  | { kind: 'none' }
  /** Tell the user; it installs when the app quits (never in the middle of a call). */
  | { kind: 'notify-ready'; version: string }
  | { kind: 'log'; level: 'info' | 'warn'; message: string }

/** What an updater event leads to. A failed signature check arrives as an error: it is logged. */
export function onUpdateEvent(event: UpdateEvent, currentVersion: string): UpdateAction {
  switch (event.kind) {
    case 'available':
      return { kind: 'log', level: 'info', message: `downloading ${event.version}` }
    case 'downloaded':
      // A feed must not take us backwards, even one that passes the signature check.
      if (compareVersions(event.version, currentVersion) <= 0) {
        return { kind: 'log', level: 'warn', message: `ignored ${event.version}: not newer` }
      }
      return { kind: 'notify-ready', version: event.version }
    case 'error':
      return { kind: 'log', level: 'warn', message: `update failed: ${event.message}` }
    case 'not-available':
      return { kind: 'none' }
  }
}

/** Compares dotted numeric versions (`1.2.10` > `1.2.9`); pre-release tags sort before. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = '', pre] = v.replace(/^v/, '').split('-', 2)
    return { nums: core.split('.').map((n) => Number.parseInt(n, 10) || 0), pre }
  }
  const x = parse(a)
  const y = parse(b)
  for (let i = 0; i < Math.max(x.nums.length, y.nums.length); i += 1) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0)
    if (d !== 0) return Math.sign(d)
  }
  if (x.pre === y.pre) return 0
  if (x.pre === undefined) return 1
  if (y.pre === undefined) return -1
  return x.pre < y.pre ? -1 : 1
}
