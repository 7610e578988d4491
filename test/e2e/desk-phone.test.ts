// Desk-phone features between real Chromium pages through the project's own Kamailio (dialog +
// pua_dialoginfo + presence_dialoginfo): busy lamps read from the server's dialog-event NOTIFYs,
// never from the watcher's own calls (alice takes no part in the calls she watches).
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useWorld } from './support/world'
import { isVisible, railButton, registrationStatus, textOf } from './support/app'
import { axeViolations } from './support/axe'
import { inboundAudio } from './support/peer-connections'
import { freePort } from './support/ports'
import { runSipp } from './support/sipp'
import { publishVoicemail } from '../../scripts/sip-server/voicemail'
import { WebSocket as NodeWebSocket } from 'ws'
import { Subscriber, UserAgent } from 'sip.js'
import { parseDialogInfo } from '../../shared/dialog/dialog-info'
import type { Dialog } from '../../shared/dialog/dialog-info'
import { VOICEMAIL_USER } from '../../scripts/sip-server/server'

/**
 * A local colleague's desk phone (sipp as bob, authenticated) pages alice: an INVITE with
 * `Call-Info: …;answer-after=0` and a WebRTC-shaped offer (DTLS fingerprint, ICE; no media will
 * flow, sipp has no DTLS), expecting `final` to it: 200 (auto-answered, then ACK and BYE), 180
 * then 603 (rang and was declined), or 486 (Do not disturb).
 */
function pageScenario(
  final: 200 | 603 | 486,
  invite_to = 'alice',
  header = 'Call-Info: <sip:[remote_ip]>;answer-after=0',
  from = 'bob',
): string {
  const invite = (cseq: number, auth: string): string => `  <send retrans="500">
    <![CDATA[

      INVITE sip:${invite_to}@[remote_ip] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      From: <sip:${from}@[remote_ip]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:${invite_to}@[remote_ip]>
      Call-ID: [call_id]
      CSeq: ${cseq} INVITE
      Contact: <sip:${from}@[local_ip]:[local_port]>
      ${header}
      Max-Forwards: 70
${auth}      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=- 1 1 IN IP4 127.0.0.1
      s=-
      t=0 0
      a=group:BUNDLE 0
      m=audio 9 UDP/TLS/RTP/SAVPF 0
      c=IN IP4 127.0.0.1
      a=ice-ufrag:sipp
      a=ice-pwd:sippsippsippsippsippsipp
      a=fingerprint:sha-256 8F:2B:1A:0C:55:3D:7E:91:AB:CD:EF:01:23:45:67:89:8F:2B:1A:0C:55:3D:7E:91:AB:CD:EF:01:23:45:67:89
      a=setup:actpass
      a=mid:0
      a=sendrecv
      a=rtcp-mux
      a=rtpmap:0 PCMU/8000
      a=candidate:1 1 udp 2122260223 127.0.0.1 9 typ host

    ]]>
  </send>
`
  const ack = (cseq: number): string => `  <send>
    <![CDATA[

      ACK sip:${invite_to}@[remote_ip] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      From: <sip:${from}@[remote_ip]>;tag=[pid]SIPpTag00[call_number]
      [last_To:]
      Call-ID: [call_id]
      CSeq: ${cseq} ACK
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>
`
  const end =
    final === 200
      ? `  <recv response="180" optional="true" />
  <recv response="200" rrs="true" />
  <send>
    <![CDATA[

      ACK [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      [routes]
      From: <sip:${from}@[remote_ip]>;tag=[pid]SIPpTag00[call_number]
      [last_To:]
      Call-ID: [call_id]
      CSeq: 2 ACK
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>
  <pause milliseconds="500" />
  <send retrans="500">
    <![CDATA[

      BYE [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      [routes]
      From: <sip:${from}@[remote_ip]>;tag=[pid]SIPpTag00[call_number]
      [last_To:]
      Call-ID: [call_id]
      CSeq: 3 BYE
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>
  <recv response="200" />
`
      : `${final === 603 ? '  <recv response="180" />\n' : ''}  <recv response="${final}" />
${ack(2)}`
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="intercom page, expecting ${final}">
${invite(1, '')}  <recv response="100" optional="true" />
  <recv response="407" auth="true" />
${ack(1)}${invite(2, '      [authentication]\n')}  <recv response="100" optional="true" />
${end}</scenario>
`
}

/**
 * The dialog ringing at `watched`, as the server's dialog-event NOTIFY names it, read by a bare
 * SIP.js subscriber in Node (signed in as `as`): what a desk phone knows before it picks up.
 */
async function ringingDialog(
  wsUrl: string,
  as: { aor: string; username: string; password: string },
  watched: string,
): Promise<{ dialog: Dialog; stop(): Promise<void> }> {
  ;(globalThis as { WebSocket?: unknown }).WebSocket ??= NodeWebSocket
  const ua = new UserAgent({
    uri: UserAgent.makeURI(as.aor),
    authorizationUsername: as.username,
    authorizationPassword: as.password,
    transportOptions: { server: wsUrl },
    logLevel: 'error',
  })
  await ua.start()
  const subscriber = new Subscriber(ua, UserAgent.makeURI(watched)!, 'dialog', {
    extraHeaders: ['Accept: application/dialog-info+xml'],
  })
  const dialog = await new Promise<Dialog>((resolve) => {
    subscriber.delegate = {
      onNotify: (n) => {
        void n.accept()
        const result = parseDialogInfo(n.request.body)
        const early =
          result.kind === 'dialog-info'
            ? result.info.dialogs.find((d) => d.state === 'early')
            : undefined
        if (early) resolve(early)
      },
    }
    void subscriber.subscribe()
  })
  return {
    dialog,
    stop: async () => {
      await subscriber.unsubscribe().catch(() => undefined)
      await ua.stop().catch(() => undefined)
    },
  }
}

const SIPP_DIR = resolve(import.meta.dirname, '../../scripts/sip-server/sipp')

/** A phone that checks it is called as `user` and answers 486 (sipp needs no media for that). */
const answersAs = (user: string): string => `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="UAS: checks the To user, answers 486">
  <recv request="INVITE">
    <action>
      <ereg regexp="To:[^\r\n]*sip:${user}@" search_in="msg" check_it="true" assign_to="to" />
    </action>
  </recv>
  <send>
    <![CDATA[

      SIP/2.0 486 Busy Here
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0

    ]]>
  </send>
  <recv request="ACK" />
  <Reference variables="to" />
</scenario>
`

const world = useWorld()
const { signedIn } = world

const callState = (page: Page): Promise<string | null> =>
  textOf(page.getByRole('status', { name: 'Call state' }))

async function dial(page: Page, target: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Number or SIP address' }).fill(target)
  await page.getByRole('button', { name: 'Call', exact: true }).click()
}

/** Adds a contact by the "Add contact" dialog and turns its busy lamp on. */
async function addLamp(page: Page, name: string, address: string): Promise<void> {
  await railButton(page, 'Contacts').click()
  await page.getByRole('button', { name: 'Add contact' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add contact' })
  await dialog.getByLabel('Name').fill(name)
  await dialog.getByLabel('SIP address').fill(address)
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect.poll(() => isVisible(dialog)).toBe(false)
  const item = page
    .getByRole('list', { name: 'Contacts' })
    .getByRole('listitem')
    .filter({ hasText: name })
  await item.getByRole('button', { name: 'Busy lamp' }).click()
  await expect
    .poll(() => item.getByRole('button', { name: 'Busy lamp' }).getAttribute('aria-pressed'))
    .toBe('true')
}

/** The lamp for `name` in the Lamps strip, as text (whitespace collapsed). */
function lamp(page: Page, name: string) {
  return page.getByRole('region', { name: 'Lamps' }).getByRole('listitem').filter({ hasText: name })
}
const lampText = async (page: Page, name: string): Promise<string> =>
  ((await textOf(lamp(page, name))) ?? '').replace(/\s+/g, ' ')

/** Audio packets received keep rising: a real media path into this page. */
async function hears(page: Page): Promise<void> {
  const before = (await inboundAudio(page)).packetsReceived
  await expect
    .poll(async () => (await inboundAudio(page)).packetsReceived, { timeout: 15_000 })
    .toBeGreaterThan(before + 10)
}

/** The history list's entries, newest first, as text. */
async function history(page: Page): Promise<string[]> {
  await railButton(page, 'Calls').click()
  const items = page.getByRole('list', { name: 'Call history' }).getByRole('listitem')
  return (await items.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '))
}

describe('busy lamps', () => {
  it("alice's lamp for dave follows carol's call to him: Ringing, In a call, Idle", async () => {
    const [alice, carol, dave] = await Promise.all([
      signedIn('alice'),
      signedIn('carol'),
      signedIn('dave'),
    ])
    await addLamp(alice, 'Dave', 'dave')
    await expect.poll(() => lampText(alice, 'Dave'), { timeout: 10_000 }).toMatch(/Dave Idle/)

    await dial(carol, 'dave')
    const ringing = dave.getByRole('alertdialog', { name: 'Incoming call' })
    await expect.poll(() => isVisible(ringing), { timeout: 10_000 }).toBe(true)
    // Who is calling, as the server's NOTIFY names her.
    await expect
      .poll(() => lampText(alice, 'Dave'), { timeout: 10_000 })
      .toMatch(/Dave Ringing: .*carol/i)
    // The strip with a ringing lamp and its Pick up, and the contact's toggle: no axe violations.
    expect(await axeViolations(alice), 'Lamps strip, ringing').toEqual([])

    await ringing.getByRole('button', { name: 'Answer', exact: true }).click()
    await expect.poll(() => callState(carol), { timeout: 10_000 }).toBe('Connected')
    await expect.poll(() => lampText(alice, 'Dave'), { timeout: 10_000 }).toMatch(/Dave In a call/)

    await carol.getByRole('button', { name: 'Hang up' }).click()
    await expect.poll(() => lampText(alice, 'Dave'), { timeout: 10_000 }).toMatch(/Dave Idle/)
    // Alice never took part: she has no call.
    expect(await isVisible(alice.getByRole('button', { name: 'Hang up' }))).toBe(false)

    // Kamailio restarts (dialog state and subscriptions live in its memory only): once everyone
    // is registered again, alice's lamp subscribes afresh and follows the next call, no clicks.
    await world.server.stop()
    await expect
      .poll(() => textOf(registrationStatus(alice).first()), { timeout: 10_000 })
      .not.toBe('Registered')
    await world.server.start()
    for (const page of [alice, carol, dave]) {
      await expect
        .poll(() => textOf(registrationStatus(page).first()), { timeout: 30_000 })
        .toBe('Registered')
    }
    await expect.poll(() => lampText(alice, 'Dave'), { timeout: 15_000 }).toMatch(/Dave Idle/)
    await dial(carol, 'dave')
    await expect.poll(() => lampText(alice, 'Dave'), { timeout: 15_000 }).toMatch(/Dave Ringing/)
    await carol.getByRole('button', { name: 'Hang up' }).click()
    await expect.poll(() => lampText(alice, 'Dave'), { timeout: 15_000 }).toMatch(/Dave Idle/)
  })

  it.each([
    ['an INVITE with Replaces from the lamp', 'Replaces'],
    ['the pickup code', 'code'],
  ])("alice picks up carol's call to dave by %s", async (_how, how) => {
    const [alice, carol, dave] = await Promise.all([
      signedIn('alice'),
      signedIn('carol'),
      signedIn('dave'),
    ])
    await addLamp(alice, 'Dave', 'dave')
    await expect.poll(() => lampText(alice, 'Dave'), { timeout: 10_000 }).toMatch(/Dave Idle/)

    await dial(carol, 'dave')
    const ringing = dave.getByRole('alertdialog', { name: 'Incoming call' })
    await expect.poll(() => isVisible(ringing), { timeout: 10_000 }).toBe(true)
    await expect.poll(() => lampText(alice, 'Dave'), { timeout: 10_000 }).toMatch(/Ringing/)

    if (how === 'Replaces') {
      await lamp(alice, 'Dave').getByRole('button', { name: 'Pick up' }).click()
    } else {
      await dial(alice, '*8dave')
    }

    // Alice and carol talk, read from the peer connections' own stats on both pages.
    await expect.poll(() => callState(alice), { timeout: 15_000 }).toBe('Connected')
    await expect.poll(() => callState(carol), { timeout: 15_000 }).toBe('Connected')
    await hears(alice)
    await hears(carol)
    // Dave's phone stops ringing, and his history keeps the call as picked up elsewhere.
    await expect.poll(() => isVisible(ringing), { timeout: 10_000 }).toBe(false)
    await expect
      .poll(async () => (await history(dave))[0] ?? '', { timeout: 10_000 })
      .toMatch(/Carol.*Picked up elsewhere/)
    await alice.getByRole('button', { name: 'Hang up' }).click()
  })
})

describe('pickup routed by the server', () => {
  it('an INVITE with Replaces addressed to the ringing colleague reaches the caller and takes the call', async () => {
    const [carol, dave] = await Promise.all([signedIn('carol'), signedIn('dave')])
    await dial(carol, 'dave')
    const ringing = dave.getByRole('alertdialog', { name: 'Incoming call' })
    await expect.poll(() => isVisible(ringing), { timeout: 10_000 }).toBe(true)
    const known = await ringingDialog(world.server.wsUrl, world.user('bob'), world.user('dave').aor)
    try {
      const { callId, localTag, remoteTag } = known.dialog
      // alice's desk phone (sipp) knows the dialog but not the caller: it addresses dave.
      const run = runSipp(
        pageScenario(
          200,
          'dave',
          `Replaces: ${callId};to-tag=${remoteTag};from-tag=${localTag};early-only`,
          'alice',
        ),
        world.server.ports.udp,
        'dave',
        ['-au', 'alice', '-ap', world.user('alice').password],
      )
      const result = await run.done
      expect(result.code, result.output).toBe(0)
      await expect.poll(() => isVisible(ringing), { timeout: 10_000 }).toBe(false)
      await expect
        .poll(async () => (await history(dave))[0] ?? '', { timeout: 10_000 })
        .toMatch(/Carol.*Picked up elsewhere/)
    } finally {
      await known.stop()
    }
  })
})

describe('voicemail waiting', () => {
  it('3 new reads "Voicemail 3 new" on the rail, 0 takes the badge away; Voicemail dials the number', async () => {
    const alice = await signedIn('alice')
    const nav = alice.getByRole('navigation', { name: 'Sections' })
    const voicemail = (name: string) => nav.getByRole('button', { name, exact: true })
    await expect.poll(() => isVisible(voicemail('Voicemail')), { timeout: 10_000 }).toBe(true)

    // The stand-in voicemail server publishes 3 new / 1 old; the server NOTIFYs alice's box.
    const three = await publishVoicemail(world.server.wsUrl, 'alice', { new: 3, old: 1 })
    try {
      await expect
        .poll(() => isVisible(voicemail('Voicemail 3 new')), { timeout: 10_000 })
        .toBe(true)
      expect(await axeViolations(alice), 'rail with the voicemail badge').toEqual([])
      const none = await publishVoicemail(world.server.wsUrl, 'alice', { new: 0, old: 4 })
      try {
        await expect.poll(() => isVisible(voicemail('Voicemail')), { timeout: 10_000 }).toBe(true)
        expect(await isVisible(voicemail('Voicemail 3 new'))).toBe(false)
      } finally {
        await none.stop()
      }
    } finally {
      await three.stop()
    }

    // The number is a setting; here the voicemail server's own account, where sipp answers.
    await railButton(alice, 'Settings').click()
    const number = alice.getByRole('textbox', { name: 'Voicemail number' })
    await number.fill('voicemail')
    await number.press('Enter')
    await number.blur()
    const port = await freePort()
    const uas = runSipp(answersAs('voicemail'), world.server.ports.udp, 'voicemail', [
      '-p',
      String(port),
      '-m',
      '1',
    ])
    // sipp as the UAS listens on `port`; a second one registers that port as voicemail's Contact.
    const reg = runSipp(
      readFileSync(join(SIPP_DIR, 'uac-register-contact.xml'), 'utf8'),
      world.server.ports.udp,
      'voicemail',
      [
        '-au',
        'voicemail',
        '-ap',
        VOICEMAIL_USER.password,
        '-key',
        'contact_port',
        String(port),
        '-d',
        '20000',
        '-timeout',
        '60s',
      ],
    )
    try {
      await expect
        .poll(() => world.server.contacts('voicemail'), { timeout: 10_000 })
        .not.toEqual([])
      await voicemail('Voicemail').click()
      const { code, output } = await uas.done
      expect(code, output).toBe(0)
      await expect.poll(() => callState(alice), { timeout: 15_000 }).toBe('Ended: Busy')
    } finally {
      uas.kill()
      reg.kill()
      await world.server.dropContacts('voicemail')
    }
  })
})

describe('intercom', () => {
  const page = (final: 200 | 603 | 486) =>
    runSipp(pageScenario(final), world.server.ports.udp, 'alice', [
      '-au',
      'bob',
      '-ap',
      world.user('bob').password,
    ])

  it('a page is answered muted with no click when allowed; rings when not; 486 in Do not disturb', async () => {
    const alice = await signedIn('alice')
    const ringing = alice.getByRole('alertdialog', { name: 'Incoming call' })

    // Off (the default): it rings; alice declines.
    let run = page(603)
    await expect.poll(() => isVisible(ringing), { timeout: 15_000 }).toBe(true)
    await ringing.getByRole('button', { name: 'Decline' }).click()
    let result = await run.done
    expect(result.code, result.output).toBe(0)

    // On: answered at once, muted; no incoming-call dialog is ever shown.
    await railButton(alice, 'Settings').click()
    const toggle = alice.getByRole('checkbox', { name: 'Answer intercom calls automatically' })
    expect(await toggle.isChecked()).toBe(false)
    await toggle.check()
    let rang = false
    const watchRinging = setInterval(() => {
      void isVisible(ringing).then((v) => (rang ||= v))
    }, 50)
    run = page(200)
    await expect
      .poll(() => isVisible(alice.getByRole('button', { name: 'Unmute' })), { timeout: 15_000 })
      .toBe(true)
    result = await run.done
    clearInterval(watchRinging)
    expect(result.code, result.output).toBe(0)
    expect(rang, 'no incoming-call dialog').toBe(false)

    // Do not disturb: refused 486, still with the setting on.
    await alice
      .getByRole('combobox', { name: 'My status' })
      .selectOption({ label: 'Do not disturb' })
    run = page(486)
    result = await run.done
    expect(result.code, result.output).toBe(0)
  })
})
