// What goes out around our chat messages: a CPIM envelope (RFC 3862) that asks the recipient for
// delivery and display notifications (RFC 5438 §6), with the message's Call-ID as its
// imdn.Message-ID. Linphone answers a plain text/plain MESSAGE with notifications naming its
// Call-ID too, so one id finds our message either way.

import { buildCpim, CPIM_TYPE } from '@shared/cpim/cpim'
import { buildImdn, IMDN_TYPE } from '@shared/imdn/imdn'

export interface Envelope {
  contentType: string
  body: string
}

export function requestReceipts(message: {
  from: string
  to: string
  at: number
  callId: string
  contentType: string
  body: string
}): Envelope {
  const contentType =
    message.contentType === 'text/plain' ? 'text/plain;charset=UTF-8' : message.contentType
  return {
    contentType: CPIM_TYPE,
    body: buildCpim({
      from: message.from,
      to: message.to,
      dateTime: new Date(message.at).toISOString(),
      imdn: [
        ['Message-ID', message.callId],
        ['Disposition-Notification', 'positive-delivery, display'],
      ],
      contentType,
      body: message.body,
    }),
  }
}

/** A notification, sent bare as Linphone sends its own (every IMDN reader takes that form). */
export function receipt(
  status: 'delivered' | 'displayed',
  request: { messageId: string; dateTime: string },
  recipient: string,
): Envelope {
  return {
    contentType: IMDN_TYPE,
    body: buildImdn({
      messageId: request.messageId,
      datetime: request.dateTime,
      status,
      recipient,
    }),
  }
}
