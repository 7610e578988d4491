// One beep made in Web Audio: the recording announcement's sound (see announce.ts), also mixed
// into a conference's legs by its mixer. Tiny on purpose: the mixer's chunk imports it.

export interface Beep {
  hz: number
  seconds: number
  /** Peak amplitude, 0 … 1. */
  level: number
}

export const ANNOUNCEMENT: Beep = Object.freeze({ hz: 1400, seconds: 0.5, level: 0.25 })

/** Ramps in and out of the beep, so it starts and ends without a click. */
const RAMP_SECONDS = 0.01
export type BeepContext = Pick<BaseAudioContext, 'createOscillator' | 'createGain' | 'currentTime'>

/** One beep into `into`, starting now; its nodes go once it has played. */
export function beep(context: BeepContext, into: AudioNode, tone: Beep = ANNOUNCEMENT): void {
  const oscillator = context.createOscillator()
  oscillator.frequency.value = tone.hz
  const gain = context.createGain()
  const start = context.currentTime
  const end = start + tone.seconds
  gain.gain.setValueAtTime(0, start)
  gain.gain.linearRampToValueAtTime(tone.level, start + RAMP_SECONDS)
  gain.gain.setValueAtTime(tone.level, end - RAMP_SECONDS)
  gain.gain.linearRampToValueAtTime(0, end)
  oscillator.connect(gain)
  gain.connect(into)
  oscillator.addEventListener('ended', () => gain.disconnect(), { once: true })
  oscillator.start(start)
  oscillator.stop(end)
}
