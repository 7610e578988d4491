// Desktop-wide answer and hang-up keys (Electron globalShortcut), registered only while the
// setting is on; the decision of which call they act on is shared/shell/global-shortcuts.ts.
import { globalShortcutAction } from '@shared/shell/global-shortcuts'
import type { GlobalShortcutName } from '@shared/shell/global-shortcuts'
import type { ShellAction, ShellState } from '@shared/shell/types'
import type { GlobalShortcutSettings } from '@shared/settings'
import type { Logger } from './log'

export interface GlobalShortcutApi {
  register(accelerator: string, callback: () => void): boolean
  unregister(accelerator: string): void
}

export interface GlobalShortcutsOptions {
  globalShortcut: GlobalShortcutApi
  state: () => ShellState
  command: (action: ShellAction) => void
  log: Logger
}

export interface GlobalShortcuts {
  /** Registers what the settings ask for (and drops what they no longer do). */
  apply(settings: GlobalShortcutSettings): void
  dispose(): void
}

export function createGlobalShortcuts(options: GlobalShortcutsOptions): GlobalShortcuts {
  const { globalShortcut, state, command, log } = options
  const held: string[] = []

  function release(): void {
    for (const accelerator of held.splice(0)) globalShortcut.unregister(accelerator)
  }

  return {
    apply(settings) {
      release()
      if (!settings.enabled) return
      const wanted: [GlobalShortcutName, string][] = [
        ['answer', settings.answer],
        ['hangUp', settings.hangUp],
      ]
      for (const [name, accelerator] of wanted) {
        if (!accelerator) continue
        let ok = false
        try {
          ok = globalShortcut.register(accelerator, () => {
            const action = globalShortcutAction(name, state())
            if (action) command(action)
          })
        } catch (error) {
          log.warn(`${accelerator} is not a valid shortcut`, error)
        }
        // Another app may hold the key: not fatal, the in-app shortcut still works.
        if (ok) held.push(accelerator)
        else log.warn(`could not register ${accelerator} for ${name}`)
      }
    },
    dispose: release,
  }
}
