// The words of the browser's call notifications come from the app's i18n, which loads after
// start-up's engine: i18n registers itself here, and until then the shell uses its English.
import type { ShellMessages } from '@shared/i18n/shell/types'

type NotificationText = () => ShellMessages['notification'] | undefined

let provider: NotificationText = () => undefined

export function provideNotificationText(text: NotificationText): void {
  provider = text
}

export const notificationText: NotificationText = () => provider()
