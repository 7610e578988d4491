// The baseline for call setup: the least a page can do to place or take a call with SIP.js
// (one UserAgent, one Registerer, an Inviter or an auto-accepted Invitation), with the same ICE
// settings as the app (no ICE servers, 500 ms gathering limit). Parameters come from the query.
import { Inviter, Registerer, RegistererState, SessionState, UserAgent } from '/sipjs/index.js'

const q = new URLSearchParams(location.search)
const state = document.getElementById('state')
const remote = document.getElementById('remote')
const sdhOptions = { constraints: { audio: true, video: false } }
let session

function watch(s) {
  session = s
  window.__connectedAt = undefined
  window.__firstPacketAt = undefined
  s.stateChange.addListener((st) => {
    if (st === SessionState.Established) {
      window.__connectedAt = Date.now()
      state.textContent = 'Connected'
      remote.srcObject = s.sessionDescriptionHandler.remoteMediaStream
      pollFirstPacket(s)
    }
    if (st === SessionState.Terminated) state.textContent = 'Ended'
  })
}

function pollFirstPacket(s) {
  const tick = async () => {
    const pc = s.sessionDescriptionHandler?.peerConnection
    if (!pc || pc.connectionState === 'closed') return
    const report = await pc.getStats()
    let got = false
    report.forEach((r) => {
      if (r.type === 'inbound-rtp' && r.kind === 'audio' && r.packetsReceived > 0) got = true
    })
    if (got) window.__firstPacketAt = Date.now()
    else setTimeout(tick, 5)
  }
  void tick()
}

const ua = new UserAgent({
  uri: UserAgent.makeURI(q.get('aor')),
  transportOptions: { server: q.get('server') },
  authorizationUsername: q.get('user'),
  authorizationPassword: q.get('password'),
  sessionDescriptionHandlerFactoryOptions: {
    peerConnectionConfiguration: { iceServers: [] },
    iceGatheringTimeout: 500,
  },
  logLevel: 'error',
  delegate: {
    onInvite(invitation) {
      watch(invitation)
      void invitation.accept({ sessionDescriptionHandlerOptions: sdhOptions })
    },
  },
})
const registerer = new Registerer(ua)
registerer.stateChange.addListener((st) => {
  if (st === RegistererState.Registered) state.textContent = 'Registered'
})

window.__reset = () => {
  window.__connectedAt = undefined
  window.__firstPacketAt = undefined
}
window.__dial = (target) => {
  window.__t0 = Date.now()
  const inviter = new Inviter(ua, UserAgent.makeURI(target), { sessionDescriptionHandlerOptions: sdhOptions })
  watch(inviter)
  void inviter.invite()
}
window.__hangup = () => {
  if (session?.state === SessionState.Established) void session.bye()
}
ua.start().then(() => registerer.register())
