import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { accountIdSchema, passwordSchema } from '@shared/ipc/invoke'
import { isCredentialId, isPassword } from './credential-checks'

// The browser bridge checks without zod; it must accept exactly what main's schemas accept.
describe('credential checks', () => {
  it('agree with the IPC schemas on ids and passwords, control characters and lengths included', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 600 }),
      fc.string({
        unit: fc.constantFrom('a', '\u0000', '\u001f', '\u007f', '\u202e', '@', ':'),
        maxLength: 20,
      }),
      fc.constantFrom('', 'ice:user@turn:example.com:3478', 'x'.repeat(512), 'x'.repeat(513)),
    )
    fc.assert(
      fc.property(text, (value) => {
        expect(isCredentialId(value)).toBe(accountIdSchema.safeParse(value).success)
      }),
    )
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 5000 }),
          fc.constantFrom('', 'p'.repeat(4096), 'p'.repeat(4097)),
        ),
        (value) => {
          expect(isPassword(value)).toBe(passwordSchema.safeParse(value).success)
        },
      ),
    )
  })
})
