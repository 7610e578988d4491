import { describe, expect, it } from 'vitest'
import { extractLegacySecrets, parseStoredSettings } from '@shared/settings'
import { settingsCases } from './data/settings'

describe('hostile settings files', () => {
  it.each(settingsCases)('%s', (_name, raw, outcome) => {
    const legacy = extractLegacySecrets(raw)
    const { settings, problems } = parseStoredSettings(legacy.raw)
    expect(problems).toHaveLength(outcome.problems.length)
    outcome.problems.forEach((prefix, i) => expect(problems[i]).toMatch(new RegExp(`^${prefix}`)))
    // Whatever was wrong, the result is valid settings with no plaintext secret in it.
    if (outcome.check?.secret) {
      expect(legacy.secrets.map((s) => s.secret)).toEqual([outcome.check.secret])
      expect(JSON.stringify(settings)).not.toContain(String(outcome.check.secret))
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
