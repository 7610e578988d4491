// sipp scenarios for hostile-network tests, written out here so each test states in one place
// what it sends and which answer it insists on. Requests go out over UDP from a foreign domain
// (no digest: Kamailio relays foreign requests to local users unauthenticated, as any server
// that accepts calls from the internet does). `[service]` is the local user called.

const XML_HEAD =
  '<?xml version="1.0" encoding="ISO-8859-1" ?>\n<!DOCTYPE scenario SYSTEM "sipp.dtd">'

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** A MESSAGE from `from` (a URI) with `body`; the scenario fails unless `expect` comes back. */
export function messageScenario(from: string, body: string, expect: number): string {
  return `${XML_HEAD}
<scenario name="MESSAGE from ${escapeXml(from)}, expecting ${expect}">
  <send retrans="500">
    <![CDATA[

      MESSAGE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      From: <${from}>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]>
      Call-ID: [call_id]
      CSeq: 1 MESSAGE
      Max-Forwards: 70
      Content-Type: text/plain
      Content-Length: [len]

${body}
    ]]>
  </send>
  <recv response="100" optional="true" />
  <recv response="${expect}" />
</scenario>
`
}

function invite(from: string, extraHeaders: string[]): string {
  return `  <send retrans="500">
    <![CDATA[

      INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=z9hG4bK-[pid]-[call_number];rport
      From: <${from}>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: <sip:sipp@[local_ip]:[local_port]>
      Max-Forwards: 70
${extraHeaders.map((h) => `      ${h}\n`).join('')}      Content-Length: 0

    ]]>
  </send>
  <recv response="100" optional="true" />`
}

/** ACK for a non-2xx final answer: same branch as the INVITE, the answer's To (with its tag). */
const ACK_FAILURE = `  <send>
    <![CDATA[

      ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=z9hG4bK-[pid]-[call_number];rport
      [last_From:]
      [last_To:]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>`

/**
 * An INVITE with no SDP (the callee offers in its answer) from `from` that must ring (180), rings
 * for `ringMs`, then is cancelled (487).
 */
export function ringThenCancelScenario(from: string, ringMs: number): string {
  return `${XML_HEAD}
<scenario name="INVITE from ${escapeXml(from)} rings, then CANCEL">
${invite(from, [])}
  <recv response="180" />
  <pause milliseconds="${ringMs}" />
  <send>
    <![CDATA[

      CANCEL sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=z9hG4bK-[pid]-[call_number];rport
      From: <${from}>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]>
      Call-ID: [call_id]
      CSeq: 1 CANCEL
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>
  <recv response="200" />
  <recv response="487" />
${ACK_FAILURE}
</scenario>
`
}

/** An INVITE (no SDP, `headers` added) that must be refused with `status` and never ring. */
export function inviteRefusedScenario(
  from: string,
  status: number,
  headers: string[] = [],
): string {
  return `${XML_HEAD}
<scenario name="INVITE from ${escapeXml(from)} refused with ${status}">
${invite(from, headers)}
  <recv response="${status}" />
${ACK_FAILURE}
</scenario>
`
}

/**
 * A MESSAGE from local user `[caller]` (digest with sipp's -au/-ap after the 407); the scenario
 * fails unless `expect` comes back.
 */
export function authenticatedMessageScenario(body: string, expect: number): string {
  const message = (cseq: number, auth: string): string => `  <send retrans="500">
    <![CDATA[

      MESSAGE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      From: <sip:[caller]@[remote_ip]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]>
      Call-ID: [call_id]
      CSeq: ${cseq} MESSAGE
      Max-Forwards: 70
${auth}      Content-Type: text/plain
      Content-Length: [len]

${body}
    ]]>
  </send>`
  return `${XML_HEAD}
<scenario name="authenticated MESSAGE, expecting ${expect}">
${message(1, '')}
  <recv response="407" auth="true" />
${message(2, '      [authentication]\n')}
  <recv response="${expect}" />
</scenario>
`
}
