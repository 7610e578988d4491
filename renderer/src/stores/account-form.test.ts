import { describe, expect, it } from 'vitest'
import { checkAccountForm, EMPTY_FORM, formMessages, formOf, toSipAccount } from './account-form'

const FORM = {
  ...EMPTY_FORM,
  aor: 'sip:alice@example.com',
  server: 'wss://sip.example.com',
  password: 'secret',
  displayName: 'Alice',
}

describe('account form', () => {
  it('becomes a saved account without secrets and what the engine gets', () => {
    const checked = checkAccountForm('work', {
      ...FORM,
      iceUrl: 'turn:turn.example.com:3478',
      turnUsername: 'alice',
      turnPassword: 'turn-secret',
      icePolicy: 'relay',
      registerExpires: '300',
      realm: 'example.com',
      outboundProxy: 'sip:proxy.example.com;lr',
    })
    expect(checked.ok).toBe(true)
    if (!checked.ok) return
    expect(checked.settings).toEqual({
      id: 'work',
      enabled: true,
      aor: 'sip:alice@example.com',
      server: 'wss://sip.example.com',
      username: '',
      realm: 'example.com',
      displayName: 'Alice',
      iceServers: [{ urls: 'turn:turn.example.com:3478', username: 'alice' }],
      icePolicy: 'relay',
      dtmfMethod: 'rfc4733',
      defaultRegion: '',
      registerExpires: 300,
      outboundProxy: 'sip:proxy.example.com;lr',
    })
    expect(JSON.stringify(checked.settings)).not.toContain('secret')
    expect(checked.account).toMatchObject({
      username: 'alice',
      password: 'secret',
      icePolicy: 'relay',
      outboundProxy: 'sip:proxy.example.com;lr',
    })
  })

  it.each([
    [{ registerExpires: '30' }, 'registerExpires', formMessages.registerExpires],
    [{ registerExpires: 'x' }, 'registerExpires', formMessages.registerExpires],
    [{ realm: 'a b' }, 'realm', formMessages.realm],
    [{ outboundProxy: 'proxy.example.com' }, 'outboundProxy', formMessages.outboundProxy],
    [{ iceUrl: 'http://turn' }, 'iceUrl', formMessages.iceUrl],
    [{ icePolicy: 'relay' as const, iceUrl: 'stun:stun.example.com' }, 'iceUrl', formMessages.relayNeedsTurn],
  ])('%j is refused under its field', (patch, field, message) => {
    const checked = checkAccountForm('work', { ...FORM, ...patch })
    expect(checked.ok).toBe(false)
    if (!checked.ok) expect(checked.errors[field as keyof typeof checked.errors]).toBe(message)
  })

  it('editing keeps the vault password when the field is left empty, and the other fields', () => {
    const first = checkAccountForm('work', FORM)
    if (!first.ok) throw new Error('valid')
    const saved = { ...first.settings, dtmfMethod: 'info' as const, enabled: false }
    const edited = checkAccountForm(
      'work',
      { ...formOf(saved), displayName: 'Alice B.' },
      { keptPassword: 'secret', previous: saved },
    )
    expect(edited.ok).toBe(true)
    if (!edited.ok) return
    expect(edited.account.password).toBe('secret')
    expect(edited.settings).toMatchObject({ displayName: 'Alice B.', dtmfMethod: 'info', enabled: false })
    // Without a kept password the field is required.
    const none = checkAccountForm('work', { ...formOf(saved), password: '' })
    expect(none.ok).toBe(false)
  })

  it('gives the engine the TURN secret from the vault', () => {
    const account = toSipAccount(checkedSettings(), 'pw', ['turn-secret'])
    expect(account.iceServers).toEqual([
      { urls: 'turn:turn.example.com', username: 'alice', credential: 'turn-secret' },
    ])
    expect(account.username).toBe('alice')
  })
})

function checkedSettings() {
  const checked = checkAccountForm('work', {
    ...FORM,
    iceUrl: 'turn:turn.example.com',
    turnUsername: 'alice',
  })
  if (!checked.ok) throw new Error('valid')
  return checked.settings
}
