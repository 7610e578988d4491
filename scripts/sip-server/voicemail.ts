// A stand-in voicemail server: PUBLISHes a box's message summary (RFC 3842) to the project's
// Kamailio as the `voicemail` account, which presence_mwi passes to the box's owner. For the demo
// (`npm run voicemail -- alice 3`) and for tests. SIP.js in Node over ws://.
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { WebSocket as NodeWebSocket } from 'ws'
import { Publisher, PublisherState, UserAgent } from 'sip.js'
import { MESSAGE_SUMMARY_CONTENT_TYPE } from '../../shared/dialog/message-summary'
import { SIP_DOMAIN, VOICEMAIL_USER } from './server'
import { DEFAULT_PORTS } from './cli'

export interface VoicemailCounts {
  new: number
  old: number
}

/** The RFC 3842 body for `username`'s box. */
export function messageSummaryBody(username: string, counts: VoicemailCounts): string {
  return [
    `Messages-Waiting: ${counts.new > 0 ? 'yes' : 'no'}`,
    `Message-Account: sip:${username}@${SIP_DOMAIN}`,
    `Voice-Message: ${counts.new}/${counts.old} (0/0)`,
    '',
  ].join('\r\n')
}

/**
 * Publishes the counts for `username`'s box and resolves once the server accepted them (rejects
 * when it refused). The publication lives `expires` seconds; `stop()` withdraws it.
 */
export async function publishVoicemail(
  wsUrl: string,
  username: string,
  counts: VoicemailCounts,
  expires = 3600,
): Promise<{ stop(): Promise<void> }> {
  ;(globalThis as { WebSocket?: unknown }).WebSocket ??= NodeWebSocket
  const ua = new UserAgent({
    uri: UserAgent.makeURI(VOICEMAIL_USER.aor),
    authorizationUsername: VOICEMAIL_USER.username,
    authorizationPassword: VOICEMAIL_USER.password,
    transportOptions: { server: wsUrl },
    logLevel: 'error',
  })
  await ua.start()
  const box = UserAgent.makeURI(`sip:${username}@${SIP_DOMAIN}`)
  if (!box) throw new Error(`not a user name: ${username}`)
  const publisher = new Publisher(ua, box, 'message-summary', {
    contentType: MESSAGE_SUMMARY_CONTENT_TYPE,
    expires,
  })
  const outcome = new Promise<void>((resolve, reject) => {
    publisher.stateChange.addListener((state) => {
      if (state === PublisherState.Published) resolve()
      if (state === PublisherState.Terminated) reject(new Error('the server refused the summary'))
    })
  })
  try {
    await publisher.publish(messageSummaryBody(username, counts))
    await outcome
  } catch (error) {
    await ua.stop()
    throw error
  }
  return {
    async stop() {
      await publisher.unpublish().catch(() => undefined)
      await ua.stop()
    },
  }
}

// `npm run voicemail -- <user> <new> [old] [--ws ws://127.0.0.1:5066]`
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { ws: { type: 'string', default: `ws://127.0.0.1:${DEFAULT_PORTS.ws}` } },
  })
  const [user, fresh = '1', old = '0'] = positionals
  if (!user || !/^\d+$/.test(fresh) || !/^\d+$/.test(old)) {
    console.error('usage: npm run voicemail -- <user> <new> [old] [--ws ws://host:port]')
    process.exit(2)
  }
  const published = await publishVoicemail(values.ws, user, {
    new: Number(fresh),
    old: Number(old),
  })
  console.log(`${user}: ${fresh} new, ${old} old voicemail published; Ctrl-C withdraws it`)
  process.once('SIGINT', () => void published.stop().then(() => process.exit(0)))
}
