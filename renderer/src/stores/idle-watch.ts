// Idle detection from the user's own activity in the window (the browser way; works on the
// desktop too while the app has input). Reports a change only: idle after `thresholdMs` with no
// input, active again on the next input.

const ACTIVITY = ['pointermove', 'pointerdown', 'keydown', 'wheel', 'touchstart', 'focus'] as const

export interface IdleWatchOptions {
  target: EventTarget
  thresholdMs: () => number
  onChange: (idle: boolean) => void
  now?: () => number
  /** How often the quiet time is checked. */
  checkEveryMs?: number
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
  const timer = setInterval(() => {
    if (!idle && now() - last >= options.thresholdMs()) {
      idle = true
      options.onChange(true)
    }
  }, options.checkEveryMs ?? 5000)
  return () => {
    clearInterval(timer)
    for (const type of ACTIVITY) options.target.removeEventListener(type, onActivity)
  }
}
