// Work that must not compete with connecting and the first REGISTER (the database, contacts,
// the full settings schema, the other views) waits for afterStartup(). main.ts holds the gate
// while it registers; anywhere else (unit tests, a page that never holds it) it is open.
let gate: Promise<void> = Promise.resolve()
let release: () => void = () => {}

/** Closes the gate until releaseDeferredWork(). */
export function holdDeferredWork(): void {
  gate = new Promise<void>((resolve) => (release = resolve))
}

export function releaseDeferredWork(): void {
  release()
}

/** Resolves once start-up has registered (or given up waiting for it). */
export function afterStartup(): Promise<void> {
  return gate
}
