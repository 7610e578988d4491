import { inject, type InjectionKey } from 'vue'
import type { Sessions } from '@/session/sessions'

export const sessionsKey: InjectionKey<Sessions> = Symbol('sessions')

/** The session root (every signed-in account's engine and modules) main.ts created. */
export function useSessions(): Sessions {
  const sessions = inject(sessionsKey)
  if (!sessions) throw new Error('No sessions provided: main.ts provides them before mounting')
  return sessions
}
