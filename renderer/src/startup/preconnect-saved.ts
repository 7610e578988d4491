// The first thing the page runs (its own script tag, before main.ts's; see boot-chunk.ts): in the browser
// build, the saved accounts' signalling sockets start their handshake while SIP.js, the engine
// and the app are still being evaluated; the transport claims them (lib/preconnect.ts). The
// desktop's settings come from the main process asynchronously, so its sockets open with the
// engine as before.
import { readBrowserStartup, startupServers } from '@/platform/browser-startup'
import { preconnect } from '@/lib/preconnect'

function preconnectSaved(): void {
  if (typeof window === 'undefined' || window.switchboard) return
  try {
    preconnect(startupServers(readBrowserStartup(window.localStorage, window.sessionStorage)))
  } catch {
    // Storage blocked (some privacy modes): the engine connects as usual.
  }
}

preconnectSaved()
