// Every language on every view at 1280×800, against the project's Kamailio: chosen in Settings
// (the OS's language otherwise), no message key shown instead of text, no clipped text (an
// element whose content is wider than its box), Arabic laid out right to left. Writes German and
// Arabic screenshots to docs/ when SCREENSHOTS=1.
import { describe, expect, it } from 'vitest'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { useWorld } from './support/world'

const world = useWorld()

const LANGUAGES: [code: string, name: string, rail: string[]][] = [
  ['de', 'Deutsch', ['Anrufe', 'Chat', 'Kontakte', 'Wähltastatur', 'Einstellungen']],
  ['fr', 'Français', ['Appels', 'Discussions', 'Contacts', 'Clavier', 'Paramètres']],
  ['es', 'Español', ['Llamadas', 'Chat', 'Contactos', 'Teclado', 'Ajustes']],
  ['pt-BR', 'Português (Brasil)', ['Chamadas', 'Conversas', 'Contatos', 'Teclado', 'Configurações']],
  ['zh-CN', '简体中文', ['通话', '聊天', '联系人', '拨号盘', '设置']],
  ['ar', 'العربية', ['المكالمات', 'المحادثات', 'جهات الاتصال', 'لوحة الاتصال', 'الإعدادات']],
]

/** Elements whose text is cut off (content wider than the box), and texts that look like keys. */
function problems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    for (const el of document.querySelectorAll<HTMLElement>('button, label, h1, h2, h3, a, [role=status], th, td, p, span')) {
      if (!el.offsetParent) continue
      const style = getComputedStyle(el)
      const text = (el.innerText ?? '').trim()
      if (/^[a-z]+(?:\.[a-zA-Z-]+)+$/.test(text)) found.push(`key shown: ${text}`)
      // Ellipsis on purpose (names, addresses) is not a clipped label; nor is text for screen
      // readers only (1 px, clipped by design).
      if (style.textOverflow === 'ellipsis' || el.clientWidth <= 1) continue
      if (el.scrollWidth > el.clientWidth + 1 && style.overflow !== 'visible') {
        found.push(`clipped: ${el.tagName.toLowerCase()} "${text.slice(0, 40)}"`)
      }
      if (el.children.length === 0 && text && el.getBoundingClientRect().right > window.innerWidth + 1) {
        found.push(`off screen: "${text.slice(0, 40)}"`)
      }
    }
    return found
  })
}

/** A rail button by its name in the language shown (the rail is the first navigation). */
function railButton(page: Page, name: string) {
  return page.getByRole('navigation').first().getByRole('button', { name, exact: true })
}

async function chooseLanguage(page: Page, name: string): Promise<void> {
  await railButton(page, 'Settings').click()
  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: name })
}

describe('languages', () => {
  it.each(LANGUAGES)('%s renders every view with no key shown and nothing clipped', async (code, name, rail) => {
    const page = await world.signedIn('alice')
    await page.setViewportSize({ width: 1280, height: 800 })
    await chooseLanguage(page, name)
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(code)
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(code === 'ar' ? 'rtl' : 'ltr')
    for (const section of rail) {
      await railButton(page, section).click()
      await page.waitForTimeout(200)
      expect(await problems(page), `${code} ${section}`).toEqual([])
      if (process.env['SCREENSHOTS'] === '1' && (code === 'de' || code === 'ar') && section === rail[0]) {
        await page.screenshot({ path: join(resolve(import.meta.dirname, '../../docs'), `screenshot-${code}.png`) })
      }
    }
    // Back to the OS's language (English here) for the next test's profile: nothing to undo.
  })
})
