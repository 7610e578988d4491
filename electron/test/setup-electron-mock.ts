// Setup for the `main` Vitest project: every import of 'electron' gets the recording fake.
// Importing the real module would try to download Electron's binary, which fails here.
import { beforeEach, vi } from 'vitest'
import { fake } from './fake-electron'

vi.mock('electron', async () => (await import('./fake-electron')).electronModule())

beforeEach(() => {
  fake.reset()
})
