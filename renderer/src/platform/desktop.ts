// The desktop bridge: the Platform over the preload's `window.switchboard`.
import { fitAttentionEvent } from '@shared/shell/fit'
import type { SwitchboardApi } from '@shared/ipc/api'
import { takeDesktopStartup } from './desktop-startup'
import type { Platform } from './types'

/**
 * IPC copies its arguments with the structured clone algorithm, which refuses Vue's reactive
 * proxies: send a plain copy of whatever a store hands us. A payload that clones as it is (a
 * recording's bytes) goes as it is: JSON would turn its Uint8Array into an object of numbers.
 */
function plain<T>(value: T): T {
  if (value === undefined) return value
  try {
    return structuredClone(value)
  } catch {
    return JSON.parse(JSON.stringify(value)) as T
  }
}

type Methods = Record<string, (...payload: unknown[]) => Promise<unknown>>

/** The API with every payload copied plain on its way out (methods looked up at each call). */
function withPlainPayloads(api: SwitchboardApi): SwitchboardApi {
  const domains = api as unknown as Record<string, Methods>
  const copy: Record<string, unknown> = {
    on: (...args: Parameters<SwitchboardApi['on']>) => api.on(...args),
  }
  for (const [domain, methods] of Object.entries(domains)) {
    if (typeof methods !== 'object' || methods === null) continue
    copy[domain] = Object.fromEntries(
      Object.keys(methods).map((name) => [
        name,
        (...payload: unknown[]) => domains[domain]![name]!(...payload.map(plain)),
      ]),
    )
  }
  return copy as unknown as SwitchboardApi
}

export function createDesktopPlatform(preload: SwitchboardApi): Platform {
  const api = withPlainPayloads(preload)
  return {
    ...api,
    kind: 'desktop',
    // Main validated the settings already: the renderer needs no schema for them. The page's
    // first script may have asked already (desktop-startup.ts).
    startup: () => takeDesktopStartup(api),
    shell: {
      ...api.shell,
      // Fitted here, the one way out: main drops an event whose names break its schema.
      notify: (event) => api.shell.notify(fitAttentionEvent(event)),
    },
    // The installer and main register sip:, sips:, tel: and callto: with the OS.
    registerProtocolHandlers: () => 'unsupported',
  }
}
