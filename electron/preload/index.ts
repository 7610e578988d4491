// The sandboxed preload: exposes the typed API of `shared/ipc/api.ts` as `window.switchboard` —
// one function per invoke channel and an allow-listed `on`, never ipcRenderer or its event
// object. Bundled as one CommonJS file that requires only `electron`: nothing here may import zod
// or any other package, so the channel names come from the contract at build time.
import { contextBridge, ipcRenderer } from 'electron'
import type { IpcRendererEvent } from 'electron'
import { API_GLOBAL, methodOf } from '@shared/ipc/api'
import type { PushApi, SwitchboardApi } from '@shared/ipc/api'
import type { InvokeChannel } from '@shared/ipc/invoke'
import { isPushEvent } from '@shared/ipc/push'

/** `Object.keys(invokePayloadSchemas)`, put here by the build (electron.vite.config.ts). */
declare const __INVOKE_CHANNELS__: readonly InvokeChannel[]

const on: PushApi['on'] = (event, callback) => {
  if (!isPushEvent(event)) throw new Error(`Unknown event: ${String(event)}`)
  // The renderer gets the payload only, never the IpcRendererEvent (it carries `sender`).
  const listener = (_event: IpcRendererEvent, payload: unknown) => {
    callback(payload as Parameters<typeof callback>[0])
  }
  ipcRenderer.on(event, listener)
  return () => {
    ipcRenderer.removeListener(event, listener)
  }
}

const domains: Record<string, Record<string, (...payload: unknown[]) => Promise<unknown>>> = {}
for (const channel of __INVOKE_CHANNELS__) {
  const [domain, method] = methodOf(channel)
  // At most one payload crosses, whatever the page passes.
  ;(domains[domain] ??= {})[method] = (...payload) =>
    ipcRenderer.invoke(channel, ...payload.slice(0, 1))
}

const api = { ...domains, on } as unknown as SwitchboardApi

contextBridge.exposeInMainWorld(API_GLOBAL, api)
