'use strict'
// Runs fox-wamp as a peer router on 127.0.0.1:<port>: /ws anonymous, /cra WAMP-CRA for the
// static user the harness signs in as. fox-wamp takes a WAMP-CRA check as a plug-in object; this
// one is ours (a user of fox-wamp would write the same), the router is theirs.
const http = require('http')
const crypto = require('crypto')
const FoxRouter = require('fox-wamp')
const { port, reportHeapOnSignal } = require('./common')

// The harness signs in as io.natter.bench.load.Join.BENCH_USER: keep the two in step.
const USERS = { bench: { secret: 'bench-secret', role: 'bench' } }

const cra = {
  getAuthMethods: () => ['wampcra'],
  wampcra_extra (realm, details, callback) {
    const user = USERS[details.authid]
    if (!user) {
      return callback(new Error('no such user'))
    }
    details.challenge = JSON.stringify({
      authid: details.authid,
      authrole: user.role,
      authmethod: 'wampcra',
      authprovider: 'static',
      nonce: crypto.randomBytes(16).toString('base64'),
      timestamp: new Date().toISOString()
    })
    callback(undefined, { challenge: details.challenge })
  },
  wampcra_auth (realm, details, signature, extra, callback) {
    const user = USERS[details.authid]
    const expected = user && crypto.createHmac('sha256', user.secret).update(details.challenge).digest('base64')
    if (expected && expected === signature) {
      callback(undefined, { authid: details.authid, role: user.role })
    } else {
      callback(new Error('wrong signature'))
    }
  }
}

const router = new FoxRouter()
const anonymous = router.listenWAMP({ noServer: true })
const signedIn = router.listenWAMP({ noServer: true }, cra)

const server = http.createServer((req, res) => { res.writeHead(404); res.end() })
server.on('upgrade', (req, socket, head) => {
  const target = req.url === '/ws' ? anonymous : req.url === '/cra' ? signedIn : null
  if (!target) {
    socket.destroy()
    return
  }
  target.handleUpgrade(req, socket, head, ws => target.emit('connection', ws, req))
})
reportHeapOnSignal()
server.listen(port(), '127.0.0.1', () => console.log('fox-wamp listening on 127.0.0.1:' + server.address().port))
