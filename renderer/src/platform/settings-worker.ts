// The settings schema's own thread (see settings-logic.ts): started for a read or a write and
// ended when idle, so the schemas' memory is given back.
import { answer } from './settings-logic'
import type { SettingsRequest } from './settings-logic'

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<SettingsRequest>) => void) | null
  postMessage(message: unknown): void
}

scope.onmessage = (event) => scope.postMessage(answer(event.data))
