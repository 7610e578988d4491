import { ref, watch } from 'vue'
import { defineStore } from 'pinia'
import { usePlatform } from '@/composables/usePlatform'
import { outcomeOf } from '@/db/call-schema'
import type { CallSnapshot } from '@/sip'
import { createDefaultSettings } from '@shared/settings-defaults'
import type { DesktopSettings } from '@shared/settings'
import type { AttentionEvent, ShellAction } from '@shared/shell/types'
import { useAccountStore } from './account'
import { useAddressesStore } from './addresses'
import { useAttentionStore } from './attention'
import { useCallsStore } from './calls'
import { useChatStore } from './chat'
import { useNavigationStore } from './navigation'
import { usePresenceStore } from './presence'
import { toShellState } from './shell-state'
import { useVoicemailStore } from './voicemail'
import { useLampsStore } from './lamps'

/**
 * The renderer's side of the desktop shell: tells it (tray, badge, notification policy) what the
 * stores show, announces incoming and missed calls, and carries out tray and notification choices.
 * In a browser the same calls feed the app badge and Web Notifications.
 */
export const useShellStore = defineStore('shell', () => {
  const platform = usePlatform()
  const account = useAccountStore()
  const calls = useCallsStore()
  const chat = useChatStore()
  const voicemail = useVoicemailStore()
  const lamps = useLampsStore()
  const navigation = useNavigationStore()
  const presence = usePresenceStore()
  const attention = useAttentionStore()

  const desktop = ref<DesktopSettings>(createDefaultSettings().desktop)
  let started = false

  /** Starts reporting; before `platform.app.ready()`, so a queued tray action is not missed. */
  async function start(): Promise<void> {
    if (started) return
    started = true
    platform.on('tray:action', (action) => void carryOut(action))
    watch(
      () =>
        toShellState({
          // As chosen, not as published: Do not disturb must silence notifications even in a call.
          status: presence.chosen,
          connection: account.signedIn ? account.statusKind : 'offline',
          accounts: account.signedIn
            ? account.enabledViews.map((a) => ({
                name: account.nameOf(a.id),
                connection: a.statusKind,
              }))
            : [],
          calls: calls.calls,
          focused: calls.focused,
          history: calls.history,
          missedCalls: calls.missedCount,
          unreadMessages: chat.unreadTotal,
          voicemail: voicemail.newCount,
          lamps: lamps.tray,
          openThread: navigation.section === 'chat' ? chat.activePeer : null,
        }),
      (state, previous) => {
        // A new object on every change of anything read: send only what differs.
        if (JSON.stringify(state) === JSON.stringify(previous)) return
        platform.shell.setState(state).catch((error: unknown) => {
          console.warn('Updating the tray failed:', error instanceof Error ? error.message : error)
        })
      },
      { immediate: true },
    )
    watch(
      () => calls.calls.map((c) => ({ id: c.id, phase: c.phase })),
      () => announce(calls.calls),
    )
    desktop.value = (await platform.settings.get()).desktop
  }

  // Each call is announced once as ringing and once as missed, whatever else changes in it.
  const announced = new Set<string>()
  function announce(list: readonly CallSnapshot[]): void {
    for (const call of list) {
      if (call.direction !== 'incoming') continue
      const from = { name: call.peer.name, address: call.peer.uri }
      let event: AttentionEvent | null = null
      if (call.phase === 'incoming') event = { kind: 'incoming-call', callId: call.id, from }
      else if (call.phase === 'ended' && outcomeOf(call) === 'missed') {
        event = { kind: 'missed-call', callId: call.id, from }
      }
      const key = event ? `${event.kind}:${call.id}` : null
      if (!event || !key || announced.has(key)) continue
      announced.add(key)
      attention.notify(event)
    }
  }

  async function carryOut(action: ShellAction): Promise<void> {
    switch (action.kind) {
      case 'answer':
        return calls.answer(action.callId)
      case 'decline':
        return calls.decline(action.callId)
      case 'hangup':
        return calls.hangUp(action.callId)
      case 'redial': {
        const address = await useAddressesStore().known(action.address)
        if (address) calls.dial(address)
        return
      }
      case 'pickup':
        await lamps.pickUp(action.address)
        return
      case 'show-call':
        navigation.open('calls')
        return
      case 'open-thread':
        navigation.open('chat')
        return chat.openConversation(action.threadId)
      case 'set-status':
        presence.setStatus(action.status)
        return
    }
  }

  async function setDesktop(patch: Partial<DesktopSettings>): Promise<void> {
    desktop.value = (await platform.settings.set({ desktop: patch })).desktop
  }

  return { desktop, start, carryOut, setDesktop }
})
