// The first thing the page runs (its own script tag, before main.ts's; see boot-chunk.ts): the
// saved accounts' signalling sockets start their handshake while SIP.js, the engine and the app
// are still being evaluated; the transport claims them (lib/preconnect.ts). In a browser the
// settings are read from storage at once; on the desktop they are asked of main here, and
// start-up takes that same answer (platform/desktop-startup.ts).
import { readBrowserStartup, startupServers } from '@/platform/browser-startup'
import { prefetchDesktopStartup } from '@/platform/desktop-startup'
import { preconnect } from '@/lib/preconnect'

function preconnectSaved(): void {
  if (typeof window === 'undefined') return
  const desktop = window.switchboard
  if (desktop) {
    prefetchDesktopStartup(desktop).then(
      (saved) => preconnect(startupServers(saved)),
      // Start-up asks again and reports it.
      () => undefined,
    )
    return
  }
  try {
    preconnect(startupServers(readBrowserStartup(window.localStorage, window.sessionStorage)))
  } catch {
    // Storage blocked (some privacy modes): the engine connects as usual.
  }
}

preconnectSaved()
