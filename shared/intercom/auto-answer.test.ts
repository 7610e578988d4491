import { describe, expect, it } from 'vitest'
import { asksForAutoAnswer, decideAutoAnswer } from './auto-answer'
import type { AutoAnswerContext, IntercomHeaders } from './auto-answer'

const none: IntercomHeaders = { callInfo: [], alertInfo: [], answerMode: [] }
const page = (patch: Partial<IntercomHeaders>): IntercomHeaders => ({ ...none, ...patch })

describe('intercom headers', () => {
  it.each([
    ['Asterisk Page() / Polycom', page({ callInfo: ['<sip:127.0.0.1>;answer-after=0'] })],
    [
      'FreeSWITCH, with other Call-Info entries',
      page({ callInfo: ['<http://x/photo.png>;purpose=icon, <uri>;answer-after=0'] }),
    ],
    [
      'Yealink/Grandstream Alert-Info',
      page({ alertInfo: ['<http://127.0.0.1>;info=alert-autoanswer'] }),
    ],
    ['Alert-Info info=intercom', page({ alertInfo: ['<sip:x>;info=Intercom'] })],
    ['quoted value', page({ callInfo: ['<sip:x>;answer-after="0"'] })],
    ['RFC 5373 Answer-Mode', page({ answerMode: ['Auto'] })],
    ['Answer-Mode with a parameter', page({ answerMode: ['auto;require'] })],
  ])('%s asks for auto-answer', (_name, headers) => {
    expect(asksForAutoAnswer(headers)).toBe(true)
  })

  it.each([
    ['nothing', none],
    ['a delayed answer', page({ callInfo: ['<sip:x>;answer-after=5'] })],
    ['a ring tone choice', page({ alertInfo: ['<http://x/ring.wav>'] })],
    ['a comma inside the URI', page({ callInfo: ['<sip:x;a=answer-after=0,b>;purpose=icon'] })],
    ['Answer-Mode Manual', page({ answerMode: ['Manual'] })],
    ['a look-alike parameter', page({ callInfo: ['<sip:x>;answer-afterx=0'] })],
  ])('%s does not', (_name, headers) => {
    expect(asksForAutoAnswer(headers)).toBe(false)
  })
})

describe('auto-answer decision', () => {
  const headers = page({ callInfo: ['<sip:127.0.0.1>;answer-after=0'] })
  const context: AutoAnswerContext = {
    allowed: true,
    doNotDisturb: false,
    otherCalls: 0,
    callerDomain: 'Example.com',
    ownDomain: 'example.com',
  }

  it('answers a page from our own domain when the user allowed it and nothing else is up', () => {
    expect(decideAutoAnswer(headers, context)).toEqual({ answer: true })
  })

  it.each([
    ['not-asked', none, {}],
    ['not-allowed', headers, { allowed: false }],
    ['do-not-disturb', headers, { doNotDisturb: true }],
    ['busy', headers, { otherCalls: 1 }],
    ['foreign-domain', headers, { callerDomain: 'evil.example' }],
    ['foreign-domain', headers, { callerDomain: '' }],
  ] as const)('rings as usual: %s', (reason, h, patch) => {
    expect(decideAutoAnswer(h, { ...context, ...patch })).toEqual({ answer: false, reason })
  })
})
