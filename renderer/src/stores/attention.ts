// The renderer's one way to ask for the user's attention: every message, incoming call and missed
// call that may deserve a notification passes here. Message bursts are rationed here (per thread
// and overall); whether one shows at all (Do not disturb, the thread on screen, the OS's
// abilities) is the shared policy's call, in main or in the browser bridge.
import { defineStore } from 'pinia'
import { usePlatform } from '@/composables/usePlatform'
import type { AttentionEvent } from '@shared/shell/types'
import { NotificationBudget } from './inbound-limits'

export const useAttentionStore = defineStore('attention', () => {
  const platform = usePlatform()
  const budget = new NotificationBudget()

  /** Asks for a notification; says whether it was passed on (a rationed message is not). */
  function notify(event: AttentionEvent): boolean {
    if (event.kind === 'message' && !budget.take(event.threadId)) return false
    platform.shell.notify(event).catch((error: unknown) => {
      console.warn('A notification failed:', error instanceof Error ? error.message : error)
    })
    return true
  }

  return { notify }
})
