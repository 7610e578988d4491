// Closing the window keeps Switchboard running in the tray, so calls still ring; the first time,
// a notification says so. Quit (tray menu, Cmd+Q, the OS logging out) really quits.
import type { BrowserWindow } from 'electron'

export interface CloseToTrayOptions {
  win: Pick<BrowserWindow, 'on' | 'hide'>
  isQuitting: () => boolean
  /** Called after each hide; shows the one-time hint when it was not shown yet. */
  onHidden: () => void
}

export function keepInTray({ win, isQuitting, onHidden }: CloseToTrayOptions): void {
  win.on('close', (event) => {
    if (isQuitting()) return
    event.preventDefault()
    win.hide()
    onHidden()
  })
}
