// The baseline: the least a page can do to register with SIP.js (one UserAgent, one Registerer,
// same server and account), bundled by Vite like the app. Parameters come from the query string;
// with `click`, it waits for a press of its "Sign in" button (the first sign-in measure).
import { UserAgent, Registerer, RegistererState } from 'sip.js'

const q = new URLSearchParams(location.search)

function register() {
  const ua = new UserAgent({
    uri: UserAgent.makeURI(q.get('aor')),
    transportOptions: { server: q.get('server') },
    authorizationUsername: q.get('user'),
    authorizationPassword: q.get('password'),
    logLevel: 'error',
  })
  const registerer = new Registerer(ua)
  registerer.stateChange.addListener((state) => {
    if (state === RegistererState.Registered && window.__registeredAt === undefined) {
      window.__registeredAt = performance.now()
      document.getElementById('state').textContent = 'Registered'
    }
  })
  ua.start().then(() => registerer.register())
}

if (q.has('click')) {
  const button = document.createElement('button')
  button.textContent = 'Sign in'
  button.addEventListener('click', register, { once: true })
  document.body.append(button)
} else {
  register()
}
