// zod schemas for what main receives from the renderer about the shell (see types.ts). Bounded
// everywhere: the renderer is trusted code, but a compromised page must not flood the tray.
import { z } from 'zod'
import { hasUnsafeChars } from '../text/sanitize'
import { MY_STATUSES } from './types'
import type { AttentionEvent, MyStatus, ShellState } from './types'

const line = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => !hasUnsafeChars(v), { message: 'Must not contain control or bidi characters' })
const id = line(256).min(1)
const count = z.number().int().min(0).max(1_000_000)

export const myStatusSchema = z.enum(MY_STATUSES as [MyStatus, ...MyStatus[]])
export const peerSchema = z.object({ name: line(128), address: line(256).min(1) }).strict()

const connectionSchema = z.enum(['registered', 'connecting', 'offline', 'failed'])

export const shellStateSchema = z
  .object({
    status: myStatusSchema,
    connection: connectionSchema,
    accounts: z.array(z.object({ name: line(128).min(1), connection: connectionSchema }).strict()).max(16),
    ringing: peerSchema.extend({ callId: id }).strict().nullable(),
    call: z
      .object({
        id,
        state: z.enum(['calling', 'ringing', 'connected', 'held']),
        peer: peerSchema,
      })
      .strict()
      .nullable(),
    unreadMessages: count,
    missedCalls: count,
    voicemail: count.optional(),
    lamps: z
      .object({
        title: line(64).min(1),
        items: z
          .array(
            z
              .object({ label: line(256).min(1), address: id, pickUp: line(256).min(1).nullable() })
              .strict(),
          )
          .max(20),
      })
      .strict()
      .optional(),
    recent: z.array(peerSchema).max(20),
    openThread: id.nullable(),
  })
  .strict() satisfies z.ZodType<ShellState>

export const attentionEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('incoming-call'), callId: id, from: peerSchema }).strict(),
  z.object({ kind: z.literal('missed-call'), callId: id, from: peerSchema }).strict(),
  // Message text may hold line breaks; it is shortened and cleaned before it is shown.
  z
    .object({
      kind: z.literal('message'),
      threadId: id,
      from: peerSchema,
      text: z.string().max(10_000),
    })
    .strict(),
]) satisfies z.ZodType<AttentionEvent>
