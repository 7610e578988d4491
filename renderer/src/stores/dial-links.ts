import { computed, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import { usePlatform } from '@/composables/usePlatform'
import { handleDialRequests } from '@/composables/dialRequests'
import type { DialTarget, LinkErrorCode, LinkResult } from '@shared/links'
import { createDefaultSettings } from '@shared/settings-defaults'
import type { DialingSettings } from '@shared/settings'
import type { TransferRequest } from '@/sip'
import { useAccountStore } from './account'
import { useAddressesStore } from './addresses'
import { useCallsStore } from './calls'

/**
 * What "Confirm call" shows: the target to confirm, or why the link cannot be dialed; or a
 * transfer the other side of a call asks for ("Bob asks you to call …").
 */
export type DialPrompt =
  | { kind: 'confirm'; target: DialTarget }
  | { kind: 'error'; code: LinkErrorCode }
  | { kind: 'transfer'; id: string; from: string; target: DialTarget }

/**
 * Click-to-dial links on their way to a call: from the desktop's protocol handler, the browser's
 * `?dial=`, or a link in a chat message. A link that arrives signed out (a cold start) waits for
 * sign-in (and registration); then "Confirm call" shows exactly what will be dialed, unless the user turned that off.
 */
export const useDialLinksStore = defineStore('dialLinks', () => {
  const platform = usePlatform()
  const account = useAccountStore()

  const dialing = ref<DialingSettings>(createDefaultSettings().dialing)
  /** The newest link that arrived before sign-in; an older one is superseded, not queued. */
  const waiting = ref<LinkResult | null>(null)
  const prompt = ref<DialPrompt | null>(null)
  let started: Promise<void> | null = null
  // Registered, not just signed in: a restored session is "signed in" before its REGISTER is
  // answered, and a call placed then would fail.
  const canDial = computed(() => account.signedIn && account.statusKind === 'registered')

  /** Loads the settings and starts listening; before `platform.ready()`, so no link is missed. */
  function start(): Promise<void> {
    if (started) return started
    started = (async () => {
      dialing.value = (await platform.settings.get()).dialing
    })()
    platform.on('dial:request', ({ result }) => receive(result))
    handleDialRequests((link) => requestLink(link))
    return started
  }

  watch(
    () => dialing.value.defaultRegion,
    (region) => (useAddressesStore().defaultRegion = region),
    { immediate: true },
  )

  watch(canDial, (ready) => {
    const result = waiting.value
    if (!ready || !result) return
    waiting.value = null
    void present(result)
  })

  function receive(result: LinkResult): void {
    if (!canDial.value) {
      waiting.value = result
      return
    }
    void present(result)
  }

  /**
   * A link from inside the app (a chat message): parsed here, with the default region. The
   * parser (and libphonenumber's metadata) loads on the first link, not with the app.
   */
  function requestLink(link: string): void {
    void import('@shared/links').then(({ parseDialLink }) =>
      receive(parseDialLink(link, { defaultRegion: dialing.value.defaultRegion })),
    )
  }

  async function present(result: LinkResult): Promise<void> {
    // The setting may have changed since the link arrived: read what is stored now.
    await started
    if (!result.ok) {
      replacePrompt({ kind: 'error', code: result.error.code })
      return
    }
    if (!dialing.value.confirmLinks) {
      replacePrompt(null)
      await place(result.target)
      return
    }
    replacePrompt({ kind: 'confirm', target: result.target })
  }

  /**
   * A REFER asks us to call someone: its target goes through the same link parser as any link,
   * and a target the parser had to trim (a password, maddr, headers) is refused outright — a real
   * transfer names a plain address. Otherwise "Confirm call" asks; there is no setting that skips
   * it here (see the calls store's own-domain setting).
   */
  async function askTransfer(request: TransferRequest): Promise<void> {
    const { parseDialLink } = await import('@shared/links')
    const parsed = parseDialLink(request.target, { defaultRegion: dialing.value.defaultRegion })
    if (!parsed.ok || parsed.target.dropped.length > 0) {
      useCallsStore().declineTransfer(request.id)
      return
    }
    replacePrompt({
      kind: 'transfer',
      id: request.id,
      from: request.from.name || request.from.uri,
      target: parsed.target,
    })
  }

  /** One prompt at a time: a transfer it pushes out is declined, not left hanging. */
  function replacePrompt(next: DialPrompt | null): void {
    const current = prompt.value
    if (current?.kind === 'transfer' && (next?.kind !== 'transfer' || next.id !== current.id)) {
      useCallsStore().declineTransfer(current.id)
    }
    prompt.value = next
  }

  /** "Call" (audio) or, for a transfer, "Call with video". */
  function confirm(video = false): void {
    const current = prompt.value
    prompt.value = null
    if (current?.kind === 'confirm') void place(current.target)
    else if (current?.kind === 'transfer') useCallsStore().followTransfer(current.id, video)
  }

  function dismiss(): void {
    replacePrompt(null)
  }

  async function place(target: DialTarget): Promise<void> {
    // A number's extension (RFC 3966 ext) is not part of whom we call: it goes as tones once
    // the call connects.
    const address = await useAddressesStore().ofTarget(target)
    const digits = target.kind === 'number' ? (target.extension ?? '') : ''
    if (address.ok)
      useCallsStore().dial(address.address, false, undefined, { postDialDigits: digits })
  }

  async function setDialing(patch: Partial<DialingSettings>): Promise<void> {
    dialing.value = (await platform.settings.set({ dialing: patch })).dialing
  }

  return {
    dialing,
    waiting,
    prompt,
    start,
    receive,
    requestLink,
    askTransfer,
    confirm,
    dismiss,
    setDialing,
  }
})
