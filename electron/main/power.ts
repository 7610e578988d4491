// Sleep and wake reach the renderer as pushes: on resume the SIP engine re-registers at once
// instead of waiting for its WebSocket to time out.
import type { PowerMonitor } from 'electron'
import type { Ipc } from './ipc'
import type { Logger } from './log'

export function watchPower(
  powerMonitor: Pick<PowerMonitor, 'on'>,
  ipc: Pick<Ipc, 'push'>,
  log: Logger,
): void {
  powerMonitor.on('suspend', () => {
    log.info('suspend')
    ipc.push('power:suspend')
  })
  powerMonitor.on('resume', () => {
    log.info('resume')
    ipc.push('power:resume')
  })
}
