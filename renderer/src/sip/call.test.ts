import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Core, Session } from 'sip.js'
import { Grammar, SessionState } from 'sip.js'
import { Call, iceUfrag, refreshRemoteTarget, sendsVideo, sipfragStatus } from './call'
import type { CallSnapshot } from './call-types'

describe('sipfragStatus', () => {
  it.each([
    ['SIP/2.0 100 Trying\r\n', 100],
    ['SIP/2.0 200 OK', 200],
    ['SIP/2.0 486 Busy Here\r\n', 486],
    ['garbage', null],
    [undefined, null],
  ])('%j → %s', (body, code) => {
    expect(sipfragStatus(body)).toBe(code)
  })
})

describe('Call progress (18x)', () => {
  // Just enough of a SIP.js session for a Call to be built and hear about provisional responses.
  function outgoing() {
    const session = { stateChange: { addListener: () => undefined }, delegate: undefined }
    const changes: CallSnapshot[] = []
    const hooks = {
      changed: (call: Call) => changes.push(call.snapshot),
      referred: () => undefined,
      dtmf: () => undefined,
      inputEnded: () => undefined,
      mediaBlocker: () => null,
      log: () => undefined,
    }
    const call = new Call(
      session as unknown as Session,
      {
        id: 'c1',
        direction: 'outgoing',
        peer: { uri: 'sip:bob@example.com', name: '' },
        video: false,
      },
      hooks,
      0,
    )
    return { call, changes }
  }
  const response = (statusCode: number, sdp = '') =>
    ({
      message: {
        statusCode,
        body: sdp,
        getHeader: (name: string) =>
          name === 'Content-Type' && sdp ? 'application/sdp' : undefined,
      },
    }) as unknown as Core.IncomingResponse

  it('180 without SDP: ringing, and no early media (our ringback plays)', () => {
    const { call } = outgoing()
    call.onProgress(response(180))
    expect(call.snapshot).toMatchObject({ phase: 'ringing', earlyMedia: false })
  })

  it('183 with SDP: ringing with early media (the far end is heard instead)', () => {
    const { call } = outgoing()
    call.onProgress(response(183, 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n'))
    expect(call.snapshot).toMatchObject({ phase: 'ringing', earlyMedia: true })
  })

  it('early media arriving after a plain 180 still silences the ringback', () => {
    const { call, changes } = outgoing()
    call.onProgress(response(180))
    call.onProgress(response(180))
    expect(changes).toHaveLength(1)
    call.onProgress(response(183, 'v=0\r\n'))
    expect(call.snapshot.earlyMedia).toBe(true)
  })

  it('ignores other provisional responses', () => {
    const { call } = outgoing()
    call.onProgress(response(100))
    expect(call.snapshot.phase).toBe('calling')
  })
})

describe('refreshRemoteTarget (RFC 3261 12.2.1.2)', () => {
  it("a 2xx to our re-INVITE moves the dialog's target to the Contact it carries", () => {
    const dialog = {
      dialogState: { remoteTarget: Grammar.URIParse('sip:old@a.invalid;transport=ws') },
    }
    const fresh = Grammar.nameAddrHeaderParse(
      '<sip:bob@b.invalid;transport=ws;alias=127.0.0.1~40001~5>',
    )
    const response = { message: { parseHeader: () => fresh } } as unknown as Core.IncomingResponse
    refreshRemoteTarget({ dialog } as unknown as Session, response)
    expect(dialog.dialogState.remoteTarget?.toString()).toBe(
      'sip:bob@b.invalid;transport=ws;alias=127.0.0.1~40001~5',
    )
  })

  it('a 2xx without a Contact leaves the target alone', () => {
    const old = Grammar.URIParse('sip:old@a.invalid;transport=ws')
    const dialog = { dialogState: { remoteTarget: old } }
    const response = {
      message: { parseHeader: () => undefined },
    } as unknown as Core.IncomingResponse
    refreshRemoteTarget({ dialog } as unknown as Session, response)
    expect(dialog.dialogState.remoteTarget).toBe(old)
  })
})

describe('iceUfrag', () => {
  it.each([
    ['v=0\r\na=ice-ufrag:abcd\r\na=ice-pwd:x\r\n', 'abcd'],
    ['v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=ice-ufrag:F00+/\r\n', 'F00+/'],
    ['v=0\r\n', undefined],
    [undefined, undefined],
  ])('%j → %s', (sdp, ufrag) => {
    expect(iceUfrag(sdp)).toBe(ufrag)
  })
})

describe('Call through network trouble (a fake SIP.js session)', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  function established(direction: 'outgoing' | 'incoming') {
    let onState: (state: SessionState) => void = () => undefined
    const session = {
      state: SessionState.Established,
      stateChange: { addListener: (l: (state: SessionState) => void) => (onState = l) },
      delegate: undefined as unknown,
      sessionDescriptionHandler: undefined,
      sessionDescriptionHandlerOptionsReInvite: undefined as unknown,
      dialog: { dialogState: { remoteTarget: Grammar.URIParse('sip:bob@old.invalid') } },
      invite: vi.fn(
        (options: { requestDelegate: { onAccept(r: unknown): void } }): Promise<void> => {
          const fresh = Grammar.nameAddrHeaderParse('<sip:bob@new.invalid;alias=127.0.0.1~5~5>')
          options.requestDelegate.onAccept({ message: { parseHeader: () => fresh, body: '' } })
          return Promise.resolve()
        },
      ),
      bye: vi.fn(() => Promise.resolve()),
      info: vi.fn((_options: unknown) => Promise.resolve()),
    }
    const hooks = {
      changed: () => undefined,
      referred: () => undefined,
      dtmf: () => undefined,
      inputEnded: () => undefined,
      mediaBlocker: () => null,
      log: () => undefined,
    }
    const call = new Call(
      session as unknown as Session,
      { id: 'c1', direction, peer: { uri: 'sip:bob@example.com', name: '' }, video: false },
      hooks,
      0,
    )
    onState(SessionState.Established)
    const terminated = (): void => {
      session.state = SessionState.Terminated
      onState(SessionState.Terminated)
    }
    return { call, session, terminated }
  }

  it('the caller: signalling lost reads Reconnecting; once back, one re-INVITE with an ICE restart', async () => {
    const { call, session } = established('outgoing')
    call.signalling(false)
    expect(call.snapshot).toMatchObject({ phase: 'connected', reconnecting: true })
    await vi.advanceTimersByTimeAsync(3000)
    expect(session.invite).not.toHaveBeenCalled()
    call.signalling(true)
    await vi.advanceTimersByTimeAsync(0)
    expect(session.invite).toHaveBeenCalledOnce()
    expect(session.invite.mock.calls[0]![0]).toMatchObject({
      sessionDescriptionHandlerOptions: { hold: false, offerOptions: { iceRestart: true } },
    })
    // The 2xx's Contact is the dialog's target now; later offers restart nothing.
    expect(String(session.dialog.dialogState.remoteTarget)).toBe(
      'sip:bob@new.invalid;alias=127.0.0.1~5~5',
    )
    expect(session.sessionDescriptionHandlerOptionsReInvite).toEqual({ hold: false })
    expect(call.snapshot).toMatchObject({ phase: 'connected', reconnecting: false })
  })

  /** The re-INVITEs sent so far: whether each restarts ICE, and the hold state it offers. */
  function reInvites(session: ReturnType<typeof established>['session']) {
    return session.invite.mock.calls.map(([options]) => {
      const sdh = (options as { sessionDescriptionHandlerOptions?: Record<string, unknown> })
        .sessionDescriptionHandlerOptions
      return sdh
        ? { restart: true, hold: sdh.hold }
        : {
            restart: false,
            hold: (session.sessionDescriptionHandlerOptionsReInvite as { hold: boolean }).hold,
          }
    })
  }

  it('hold, keypad and mute pressed while Reconnecting wait for the call to be back, then go out in order', async () => {
    const { call, session } = established('outgoing')
    call.signalling(false)
    const held = call.setHeld(true)
    expect(call.sendDtmf('12', 'info')).toBe(true)
    call.setMuted(true)
    await vi.advanceTimersByTimeAsync(3000)
    // Nothing went into the gap: no re-INVITE, no INFO; mute is local and shows at once.
    expect(session.invite).not.toHaveBeenCalled()
    expect(session.info).not.toHaveBeenCalled()
    expect(call.snapshot).toMatchObject({ reconnecting: true, held: false, muted: true })

    call.signalling(true)
    await vi.advanceTimersByTimeAsync(0)
    expect(await held).toBe(true)
    // The ICE restart first, then the hold; then the tones, in order.
    expect(reInvites(session)).toEqual([
      { restart: true, hold: false },
      { restart: false, hold: true },
    ])
    expect(call.snapshot).toMatchObject({ reconnecting: false, held: true, muted: true })
    const tones = session.info.mock.calls.map(
      ([o]) => (o as { requestOptions: { body: { content: string } } }).requestOptions.body.content,
    )
    expect(tones).toEqual([
      expect.stringContaining('Signal=1'),
      expect.stringContaining('Signal=2'),
    ])
  })

  it('hold then resume during the gap: only the last wish counts (no re-INVITE for nothing)', async () => {
    const { call, session } = established('outgoing')
    call.signalling(false)
    const hold = call.setHeld(true)
    const resume = call.setHeld(false)
    call.signalling(true)
    await vi.advanceTimersByTimeAsync(0)
    expect(await Promise.all([hold, resume])).toEqual([false, true])
    expect(reInvites(session)).toEqual([{ restart: true, hold: false }])
    expect(call.snapshot).toMatchObject({ reconnecting: false, held: false })
  })

  it('hold and tones queued when the call is lost instead: the hold reports false, nothing is sent, no crash', async () => {
    const { call, session, terminated } = established('incoming')
    call.signalling(false)
    const held = call.setHeld(true)
    call.sendDtmf('5', 'info')
    await vi.advanceTimersByTimeAsync(20_000)
    terminated()
    await vi.advanceTimersByTimeAsync(0)
    expect(await held).toBe(false)
    expect(call.snapshot).toMatchObject({ phase: 'ended', reconnecting: false })
    expect(call.snapshot.end).toMatchObject({ reason: 'connection-lost' })
    expect(session.invite).not.toHaveBeenCalled()
    expect(session.info).not.toHaveBeenCalled()
    // Pressed after the end: refused, not queued.
    expect(call.sendDtmf('6', 'info')).toBe(false)
    expect(await call.setHeld(false)).toBe(false)
  })

  it('signalling down past the bound: the call ends Connection lost (BYE attempted)', async () => {
    const { call, session, terminated } = established('incoming')
    call.signalling(false)
    await vi.advanceTimersByTimeAsync(20_000)
    expect(session.bye).toHaveBeenCalledOnce()
    terminated() // SIP.js ends the session as the BYE goes (or fails to go) out
    await vi.advanceTimersByTimeAsync(0)
    expect(call.snapshot.end).toMatchObject({ reason: 'connection-lost' })
  })
})

describe('sendsVideo', () => {
  const audio = 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=sendrecv\r\n'
  it.each([
    [audio, false],
    [`${audio}m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=sendrecv\r\n`, true],
    [`${audio}m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=sendonly\r\n`, true],
    [`${audio}m=video 9 UDP/TLS/RTP/SAVPF 96\r\n`, true],
    [`${audio}m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=recvonly\r\n`, false],
    [`${audio}m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=inactive\r\n`, false],
    [`${audio}m=video 0 UDP/TLS/RTP/SAVPF 96\r\na=sendrecv\r\n`, false],
  ])('%j → %s', (sdp, expected) => {
    expect(sendsVideo(sdp)).toBe(expected)
  })
})

describe('Call.replaceInput while a mix or a screen is sent', () => {
  it('keeps sending it; the new device becomes the call’s own input', async () => {
    const track = (id: string, kind = 'audio') => ({ id, kind, enabled: true })
    const own = track('mic-1')
    const mix = track('mix')
    const sender = {
      track: mix as unknown,
      replaceTrack: vi.fn(async (t: unknown) => void (sender.track = t)),
    }
    const stopped: string[] = []
    const added: unknown[] = []
    const local = {
      tracks: [{ ...own, stop: () => void stopped.push(own.id) }] as {
        id: string
        kind: string
        stop?: () => void
      }[],
      getTrackById(id: string) {
        return this.tracks.find((t) => t.id === id) ?? null
      },
      getTracks() {
        return [...this.tracks]
      },
      removeTrack(t: { id: string }) {
        this.tracks = this.tracks.filter((x) => x.id !== t.id)
      },
      addTrack(t: { id: string; kind: string }) {
        this.tracks.push(t)
      },
      dispatchEvent(event: Event) {
        added.push((event as Event & { track: unknown }).track)
        return true
      },
    }
    const sdh = {
      peerConnection: { getSenders: () => [sender], connectionState: 'connected' },
      localMediaStream: local,
      // As SIP.js does: the sender gets the new track, the stream swaps its old one for it.
      setLocalMediaStream: vi.fn(
        async (stream: { getTracks(): { id: string; kind: string }[] }) => {
          const next = stream.getTracks()[0]!
          await sender.replaceTrack(next)
          local.tracks = [next]
        },
      ),
    }
    const session = {
      state: SessionState.Established,
      stateChange: { addListener: () => undefined },
      delegate: undefined as unknown,
      sessionDescriptionHandler: sdh,
    }
    const hooks = {
      changed: () => undefined,
      referred: () => undefined,
      dtmf: () => undefined,
      inputEnded: () => undefined,
      mediaBlocker: () => null,
      log: () => undefined,
    }
    const call = new Call(
      session as unknown as Session,
      {
        id: 'c1',
        direction: 'outgoing',
        peer: { uri: 'sip:bob@example.com', name: '' },
        video: false,
      },
      hooks,
      0,
    )
    const mic2 = track('mic-2')
    const ok = await call.replaceInput({ getTracks: () => [mic2] } as unknown as MediaStream)
    expect(ok).toBe(true)
    expect(sender.track).toBe(mix)
    // Not even for a moment does the mix's sender carry the microphone alone.
    expect(sender.replaceTrack).not.toHaveBeenCalled()
    expect(sdh.setLocalMediaStream).not.toHaveBeenCalled()
    expect(local.tracks).toEqual([mic2])
    expect(stopped).toEqual(['mic-1'])
    expect(added).toEqual([mic2])
  })
})
