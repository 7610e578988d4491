import { describe, expect, it } from 'vitest'
import {
  choiceOf,
  cleanLabel,
  devicesOfKind,
  isMissingDeviceError,
  labelsHidden,
  resolveChoice,
  trackConstraint,
} from './devices'
import type { DeviceInfo } from './devices'

const mic = (deviceId: string, label: string): DeviceInfo => ({
  kind: 'audioinput',
  deviceId,
  label,
})
const out = (deviceId: string, label: string): DeviceInfo => ({
  kind: 'audiooutput',
  deviceId,
  label,
})

const plugged: DeviceInfo[] = [
  mic('default', 'Default - USB Headset'),
  mic('communications', 'Communications - USB Headset'),
  mic('aaa', 'Built-in Microphone'),
  mic('bbb', 'USB Headset'),
  out('default', 'Default - Speakers'),
  out('ccc', 'Speakers'),
  { kind: 'videoinput', deviceId: 'vvv', label: 'HD Camera' },
]

describe('devicesOfKind', () => {
  it('lists the real devices of a kind, without the default and communications stand-ins', () => {
    expect(devicesOfKind(plugged, 'audioinput').map((d) => d.deviceId)).toEqual(['aaa', 'bbb'])
    expect(devicesOfKind(plugged, 'audiooutput').map((d) => d.deviceId)).toEqual(['ccc'])
  })

  it('leaves out what cannot be chosen before permission (empty ids) and repeats', () => {
    const listed = [mic('', ''), mic('', ''), mic('aaa', ''), mic('aaa', '')]
    expect(devicesOfKind(listed, 'audioinput')).toEqual([mic('aaa', '')])
  })
})

describe('labelsHidden', () => {
  it('is true while the browser withholds names', () => {
    expect(labelsHidden([mic('', '')], 'audioinput')).toBe(true)
    expect(labelsHidden(plugged, 'audioinput')).toBe(false)
    expect(labelsHidden([mic('aaa', '')], 'videoinput')).toBe(false)
  })
})

describe('resolveChoice', () => {
  it.each([
    ['the system default', { deviceId: '', label: '' }, null],
    ['the same id', { deviceId: 'bbb', label: 'USB Headset' }, 'bbb'],
    ['a new id, found by label', { deviceId: 'old', label: 'USB Headset' }, 'bbb'],
    [
      'a label with a control character, as stored cleaned',
      { deviceId: 'old', label: 'USB\nHeadset' },
      'bbb',
    ],
    ['an unplugged device: the default', { deviceId: 'old', label: 'Jabra Speak 510' }, null],
    ['an unplugged device with no label', { deviceId: 'old', label: '' }, null],
    ['a device of another kind with that label', { deviceId: 'old', label: 'Speakers' }, null],
  ])('%s', (_what, choice, expected) => {
    expect(resolveChoice(choice, plugged, 'audioinput')).toBe(expected)
  })

  it('tries the stored id as it is while no list is known yet', () => {
    expect(resolveChoice({ deviceId: 'bbb', label: 'USB Headset' }, [], 'audioinput')).toBe('bbb')
  })

  it('matches labels after cleaning them the same way', () => {
    const odd = [mic('zzz', 'Head\tset ')]
    expect(
      resolveChoice({ deviceId: 'old', label: cleanLabel('Head\tset ') }, odd, 'audioinput'),
    ).toBe('zzz')
  })
})

describe('choiceOf', () => {
  it('keeps the id and the label to find it again by', () => {
    expect(choiceOf('bbb', plugged, 'audioinput')).toEqual({
      deviceId: 'bbb',
      label: 'USB Headset',
    })
    expect(choiceOf('', plugged, 'audioinput')).toEqual({ deviceId: '', label: '' })
    expect(choiceOf('gone', plugged, 'audioinput')).toEqual({ deviceId: 'gone', label: '' })
  })

  it('stores a label fit for settings', () => {
    const long = [mic('x', `Mic\r\n${'é'.repeat(300)}`)]
    const { label } = choiceOf('x', long, 'audioinput')
    expect(label).toMatch(/^Mic é+$/)
    expect(label.length).toBe(256)
  })
})

describe('trackConstraint', () => {
  it.each([
    [false, 'aaa', false],
    [true, null, true],
    [true, 'aaa', { deviceId: { exact: 'aaa' } }],
  ])('wanted %s, device %s', (wanted, id, expected) => {
    expect(trackConstraint(wanted, id)).toEqual(expected)
  })
})

describe('isMissingDeviceError', () => {
  it.each([
    ['OverconstrainedError', true],
    ['NotFoundError', true],
    ['NotReadableError', true],
    ['NotAllowedError', false],
    ['TypeError', false],
  ])('%s → %s', (name, expected) => {
    expect(isMissingDeviceError(new DOMException('x', name))).toBe(expected)
  })

  it('is false for things that are not errors', () => {
    expect(isMissingDeviceError(null)).toBe(false)
    expect(isMissingDeviceError('NotFoundError')).toBe(false)
  })
})
