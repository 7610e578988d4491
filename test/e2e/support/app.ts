import { expect } from 'vitest'
import type { Locator, Page } from 'playwright-core'

export interface SignInFields {
  aor: string
  server: string
  username?: string
  password: string
  displayName?: string
}

/** Fills the sign-in form by its labels, as a person would, and presses "Sign in". */
export async function signIn(page: Page, fields: SignInFields): Promise<void> {
  await page.getByLabel('SIP address').fill(fields.aor)
  await page.getByLabel('WebSocket server').fill(fields.server)
  // Exact: the form's Advanced section (when open) has "TURN username" and "TURN password".
  await page.getByLabel('Username', { exact: true }).fill(fields.username ?? '')
  await page.getByLabel('Password', { exact: true }).fill(fields.password)
  await page.getByLabel('Display name').fill(fields.displayName ?? '')
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** The one registration status element. */
export function registrationStatus(page: Page): Locator {
  return page.getByRole('status')
}

/** The text a locator shows now, or null when it is not on the page (for `expect.poll`). */
export async function textOf(locator: Locator): Promise<string | null> {
  try {
    if ((await locator.count()) === 0) return null
    return ((await locator.first().innerText({ timeout: 1000 })) ?? '').trim()
  } catch {
    return null
  }
}

/** Whether a locator is visible now (for `expect.poll`). */
export async function isVisible(locator: Locator): Promise<boolean> {
  return locator
    .first()
    .isVisible()
    .catch(() => false)
}

/** An attribute's value now (for `expect.poll`). */
export async function attributeOf(locator: Locator, name: string): Promise<string | null> {
  return locator
    .first()
    .getAttribute(name, { timeout: 1000 })
    .catch(() => null)
}

/** A section's button on the rail; its name carries any badge ("Calls 1 missed call"). */
export function railButton(page: Page, section: string): Locator {
  return page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: section })
}

/** The newest entry of the Calls history, as one line of text (opens the Calls section). */
export async function historyTop(page: Page): Promise<string> {
  await railButton(page, 'Calls').click()
  const items = page.getByRole('list', { name: 'Call history' }).getByRole('listitem')
  let top = ''
  await expect
    .poll(
      async () => {
        top = ((await items.allInnerTexts())[0] ?? '').replace(/\s+/g, ' ')
        return top
      },
      { timeout: 5_000 },
    )
    .toMatch(/\S/)
  return top
}
