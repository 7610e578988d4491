// Idle detection. Reports a change only: idle after `thresholdMs` with no input, active again on
// the next input. Where the OS's idle time is known (desktop) it decides, so typing in another
// app is not "idle"; otherwise (browser) the user's activity in our window does.

const ACTIVITY = ['pointermove', 'pointerdown', 'keydown', 'wheel', 'touchstart', 'focus'] as const

export interface IdleWatchOptions {
  target: EventTarget
  thresholdMs: () => number
  onChange: (idle: boolean) => void
  now?: () => number
  /** How often the quiet time is checked. */
  checkEveryMs?: number
  /** Milliseconds since the last input anywhere on the machine, or null when unknown. */
  systemIdleMs?: () => Promise<number | null>
}

export function watchIdle(options: IdleWatchOptions): () => void {
  const now = options.now ?? Date.now
  let last = now()
  let idle = false
  const onActivity = (): void => {
    last = now()
    if (idle) {
      idle = false
      options.onChange(false)
    }
  }
  for (const type of ACTIVITY) options.target.addEventListener(type, onActivity, { passive: true })
  const check = async (): Promise<void> => {
    const system = options.systemIdleMs ? await options.systemIdleMs().catch(() => null) : null
    const quietMs = system ?? now() - last
    const nowIdle = quietMs >= options.thresholdMs()
    if (nowIdle !== idle) {
      idle = nowIdle
      options.onChange(nowIdle)
    }
  }
  const timer = setInterval(() => void check(), options.checkEveryMs ?? 5000)
  return () => {
    clearInterval(timer)
    for (const type of ACTIVITY) options.target.removeEventListener(type, onActivity)
  }
}
