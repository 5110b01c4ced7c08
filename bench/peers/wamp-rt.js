'use strict'
// Runs wamp.rt as a peer router on ws://127.0.0.1:<port>/ws (JSON only, anonymous only: it has
// neither MessagePack nor authentication).
const WampRouter = require('wamp.rt')
const { port, reportHeapOnSignal } = require('./common')

const p = port()
// wamp.rt logs each message at trace level only; keep it quiet.
const router = new WampRouter({ host: '127.0.0.1', port: p, path: '/ws' })
reportHeapOnSignal()
console.log('wamp.rt listening on 127.0.0.1:' + p, typeof router)
