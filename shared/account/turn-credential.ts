// Free of the settings schema (zod) on purpose: start-up fetches TURN secrets before it loads.

/** The vault's key for a TURN server's credential. */
export function turnCredentialId(server: { urls: string; username?: string | undefined }): string {
  return `ice:${server.username ?? ''}@${server.urls}`
}
