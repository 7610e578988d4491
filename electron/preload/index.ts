// The sandboxed preload: exposes the typed API of `shared/ipc/api.ts` as `window.switchboard` —
// named functions and an allow-listed `on`, never ipcRenderer or its event object. Bundled as one
// CommonJS file that requires only `electron`: nothing here may import zod or any other package.
import { contextBridge, ipcRenderer } from 'electron'
import type { IpcRendererEvent } from 'electron'
import { API_GLOBAL } from '@shared/ipc/api'
import type { SwitchboardApi } from '@shared/ipc/api'
import type { InvokeChannel, InvokePayload, InvokeResult } from '@shared/ipc/invoke'
import { isPushEvent } from '@shared/ipc/push'

function invoke<C extends InvokeChannel>(
  channel: C,
  ...payload: undefined extends InvokePayload<C> ? [] : [InvokePayload<C>]
): Promise<InvokeResult<C>> {
  return ipcRenderer.invoke(channel, ...payload) as Promise<InvokeResult<C>>
}

const api: SwitchboardApi = {
  app: {
    info: () => invoke('app:info'),
    ready: () => invoke('app:ready'),
  },
  settings: {
    get: () => invoke('settings:get'),
    set: (patch) => invoke('settings:set', patch),
  },
  credentials: {
    get: (accountId) => invoke('credentials:get', { accountId }),
    set: (accountId, password) => invoke('credentials:set', { accountId, password }),
    delete: (accountId) => invoke('credentials:delete', { accountId }),
    status: () => invoke('credentials:status'),
  },
  shell: {
    setState: (state) => invoke('shell:state', state),
    notify: (event) => invoke('shell:notify', event),
  },
  power: {
    idleSeconds: () => invoke('power:idle'),
  },
  on(event, callback) {
    if (!isPushEvent(event)) throw new Error(`Unknown event: ${String(event)}`)
    // The renderer gets the payload only, never the IpcRendererEvent (it carries `sender`).
    const listener = (_event: IpcRendererEvent, payload: unknown) => {
      callback(payload as Parameters<typeof callback>[0])
    }
    ipcRenderer.on(event, listener)
    return () => {
      ipcRenderer.removeListener(event, listener)
    }
  },
}

contextBridge.exposeInMainWorld(API_GLOBAL, api)
