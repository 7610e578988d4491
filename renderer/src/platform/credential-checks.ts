// The vault's rules for the browser bridge, without the IPC schema (zod): the same limits main
// checks with zod at its edge (shared/ipc/invoke.ts), for sessionStorage keys and values.
import { hasControlChars } from '@shared/text/sanitize'

/** An account id or a TURN server's credential id (`ice:user@turn:host`). */
export function isCredentialId(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length >= 1 && value.length <= 512 && !hasControlChars(value)
  )
}

export function isPassword(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 4096
}
