// The dialog event package's body (RFC 4235, application/dialog-info+xml): what a busy lamp
// reads. A strict reader on the hardened XML reader (size and depth limits, no DOCTYPE), keeping
// only what a lamp and directed pickup need; text from the network is sanitised.
import { parseXml, XmlError } from '../presence/xml'
import type { XmlElement, XmlWorkCounter } from '../presence/xml'
import { sanitizeText } from '../text/sanitize'

export const DIALOG_INFO_CONTENT_TYPE = 'application/dialog-info+xml'
export const DIALOG_INFO_NS = 'urn:ietf:params:xml:ns:dialog-info'
/** Bigger bodies are not parsed: a phone's dialog state is a few hundred bytes per call. */
export const MAX_DIALOG_INFO_BYTES = 64 * 1024
/** Dialogs read from one document; a lamp needs the first few. */
export const MAX_DIALOGS = 32

export type DialogState = 'trying' | 'proceeding' | 'early' | 'confirmed' | 'terminated'
const STATES = new Set<DialogState>(['trying', 'proceeding', 'early', 'confirmed', 'terminated'])

export interface DialogParty {
  /** The identity URI (`sip:carol@example.com`), or '' when the server left it out. */
  uri: string
  /** The display name, sanitised; '' when none. */
  name: string
}

export interface Dialog {
  id: string
  /** Call-ID and tags, when the server gives them: what an INVITE with Replaces needs. */
  callId: string
  localTag: string
  remoteTag: string
  /** `recipient`: the watched user is being called; `initiator`: they placed the call. */
  direction: 'initiator' | 'recipient' | null
  state: DialogState
  /** The other party, when the server says. */
  remote: DialogParty | null
  /** The watched user's side put the call on hold (`+sip.rendering` = no on its target). */
  onHold: boolean
}

export interface DialogInfo {
  /** Increases by one per NOTIFY of one subscription; older documents are stale. */
  version: number
  /** `full`: these are all the dialogs; `partial`: changes to the ones known. */
  state: 'full' | 'partial'
  entity: string
  dialogs: Dialog[]
}

export type DialogInfoResult =
  | { kind: 'dialog-info'; info: DialogInfo }
  /** Not something a lamp can use (too big, malformed, not dialog-info): the lamp reads Unknown. */
  | { kind: 'unreadable'; reason: string }

const MAX_FIELD_CHARS = 256

function clean(text: string | undefined): string {
  return sanitizeText(text ?? '')
    .trim()
    .slice(0, MAX_FIELD_CHARS)
}

function child(element: XmlElement, local: string): XmlElement | undefined {
  return element.children.find((c) => c.ns === DIALOG_INFO_NS && c.local === local)
}

function party(element: XmlElement | undefined): DialogParty | null {
  if (!element) return null
  const identity = child(element, 'identity')
  const target = child(element, 'target')
  const uri = clean(identity?.text) || clean(target?.attributes.get('uri'))
  const name = clean(identity?.attributes.get('display'))
  return uri || name ? { uri, name } : null
}

/** RFC 4235 §4.1.6.3: a target with `+sip.rendering` = "no" is not rendering media: on hold. */
function heldBy(element: XmlElement | undefined): boolean {
  const target = element && child(element, 'target')
  if (!target) return false
  return target.children.some(
    (p) =>
      p.ns === DIALOG_INFO_NS &&
      p.local === 'param' &&
      p.attributes.get('pname')?.toLowerCase() === '+sip.rendering' &&
      p.attributes.get('pvalue')?.trim().toLowerCase() === 'no',
  )
}

function dialogOf(element: XmlElement): Dialog | null {
  const id = clean(element.attributes.get('id'))
  const stateText = clean(child(element, 'state')?.text).toLowerCase()
  if (!id || !STATES.has(stateText as DialogState)) return null
  const direction = element.attributes.get('direction')?.trim()
  return {
    id,
    callId: clean(element.attributes.get('call-id')),
    localTag: clean(element.attributes.get('local-tag')),
    remoteTag: clean(element.attributes.get('remote-tag')),
    direction: direction === 'initiator' || direction === 'recipient' ? direction : null,
    state: stateText as DialogState,
    remote: party(child(element, 'remote')),
    onHold: heldBy(child(element, 'local')),
  }
}

function interpret(root: XmlElement): DialogInfoResult {
  if (root.ns !== DIALOG_INFO_NS || root.local !== 'dialog-info') {
    return { kind: 'unreadable', reason: 'not a dialog-info document' }
  }
  const versionText = root.attributes.get('version')?.trim() ?? ''
  const state = root.attributes.get('state')?.trim()
  if (!/^\d{1,15}$/.test(versionText)) return { kind: 'unreadable', reason: 'no version' }
  if (state !== 'full' && state !== 'partial') return { kind: 'unreadable', reason: 'no state' }
  const dialogs: Dialog[] = []
  for (const element of root.children) {
    if (element.ns !== DIALOG_INFO_NS || element.local !== 'dialog') continue
    const dialog = dialogOf(element)
    if (dialog) dialogs.push(dialog)
    if (dialogs.length >= MAX_DIALOGS) break
  }
  return {
    kind: 'dialog-info',
    info: {
      version: Number(versionText),
      state,
      entity: clean(root.attributes.get('entity')),
      dialogs,
    },
  }
}

/** Reads a NOTIFY body for the dialog event package; never throws. */
export function parseDialogInfo(
  body: string | undefined | null,
  work: XmlWorkCounter = { steps: 0 },
): DialogInfoResult {
  if (body === undefined || body === null || body.trim() === '') {
    return { kind: 'unreadable', reason: 'empty body' }
  }
  if (body.length > MAX_DIALOG_INFO_BYTES) {
    return { kind: 'unreadable', reason: `body over ${MAX_DIALOG_INFO_BYTES} bytes` }
  }
  try {
    return interpret(parseXml(body, undefined, work))
  } catch (error) {
    if (error instanceof XmlError || error instanceof RangeError) {
      return { kind: 'unreadable', reason: error.message }
    }
    throw error
  }
}
