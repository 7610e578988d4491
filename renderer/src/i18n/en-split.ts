// English in two parts: what the shell shows from the first paint (status, rail, address bar,
// calls, incoming call) is in the first bundle; the words of the views and dialogs that load
// after start-up (sign-in form, chat, contacts, account settings, links, shortcuts, dial pad)
// load with them. The build evaluates en-core.ts and en-later.ts and keeps only their result, so
// the first bundle holds the core words only. Other languages load whole, when chosen.

export type Tree = { readonly [key: string]: string | Tree }

/** Sections no shell part shows before start-up is done. */
export const LATER_SECTIONS = [
  'contacts',
  'dialLinks',
  'desktop',
  'dialPad',
  'shortcuts',
  'signIn',
  'accounts',
  'chat',
  'recordingSettings',
  // The call panel's and the call history's (they load with the later part).
  'call',
  'history',
  'conference',
  'recording',
  'sharing',
  'devices',
] as const

/** Keys of later sections that the shell shows at once (address bar, rail, status, history). */
export const SHELL_KEYS: Partial<Record<(typeof LATER_SECTIONS)[number], readonly string[]>> = {
  accounts: ['from', 'to', 'statusList', 'statusOf', 'allAccounts', 'historyFilter'],
  chat: ['start', 'unreadBadge'],
  // A device unplugged mid-call is a notice, shown whenever it happens.
  devices: ['notice'],
  // The incoming call dialog, and the rail's missed-call count.
  call: ['incoming'],
  history: ['label', 'missed'],
}

/** Keys of first-bundle sections that only later views show (call panel, Settings). */
export const LATER_KEYS: Readonly<Record<string, readonly string[]>> = {
  views: ['settings'],
}

function pick(tree: Tree, keys: readonly string[], keep: boolean): Tree {
  return Object.fromEntries(Object.entries(tree).filter(([key]) => keys.includes(key) === keep))
}

export function splitMessages(messages: Tree): { core: Tree; later: Tree } {
  const core: Record<string, string | Tree> = {}
  const later: Record<string, string | Tree> = {}
  for (const [section, value] of Object.entries(messages)) {
    const shell = SHELL_KEYS[section as keyof typeof SHELL_KEYS]
    const laterKeys = LATER_KEYS[section]
    if (laterKeys && typeof value !== 'string') {
      core[section] = pick(value, laterKeys, false)
      later[section] = pick(value, laterKeys, true)
    } else if (
      !(LATER_SECTIONS as readonly string[]).includes(section) ||
      typeof value === 'string'
    ) {
      core[section] = value
    } else if (shell) {
      core[section] = pick(value, shell, true)
      later[section] = pick(value, shell, false)
    } else {
      later[section] = value
    }
  }
  return { core, later }
}
