// Prints what a browser computes for WAMP-CRA from a Natter token:
// {"key": derive_key(token, salt, iterations, keylen), "signature": sign(key, challenge)}.
// Arguments: token salt iterations keylen challenge. Run with node --experimental-websocket
// (Autobahn|JS 26 expects a global WebSocket even when only its auth helpers are used).
const autobahn = require('autobahn');

const [token, salt, iterations, keylen, challenge] = process.argv.slice(2);
const key = autobahn.auth_cra.derive_key(token, salt, Number(iterations), Number(keylen));
const signature = autobahn.auth_cra.sign(key, challenge);
process.stdout.write(JSON.stringify({ key, signature }));
