'use strict'
// Shared by the peer launchers: arguments, and the heap report the harness asks for with SIGUSR2.

function port () {
  const p = Number(process.argv[2])
  if (!Number.isInteger(p) || p <= 0) {
    console.error('usage: node <launcher> <port>')
    process.exit(2)
  }
  return p
}

// The harness sends SIGUSR2 after the sessions are open; we answer on stdout with the heap in
// use after a full collection (node runs with --expose-gc), one line the harness greps for.
function reportHeapOnSignal () {
  process.on('SIGUSR2', () => {
    if (typeof global.gc === 'function') {
      global.gc()
    }
    const m = process.memoryUsage()
    console.log('BENCH_HEAP ' + JSON.stringify({ heapUsed: m.heapUsed, rss: m.rss, external: m.external }))
  })
}

module.exports = { port, reportHeapOnSignal }
