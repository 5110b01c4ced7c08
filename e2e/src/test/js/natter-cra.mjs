// What a Natter client does to join: WAMP-CRA with authid = the user's name, authextra.token_id =
// the token's id, and the challenge signed with the key derived from the token with the salt
// parameters the challenge carries (the token itself never crosses the WebSocket).
import autobahn from 'autobahn';

export { autobahn };

// Options of an autobahn.Connection that joins once and never reconnects.
export function connectionOptions({ url, realm, authid, token, token_id }) {
  const options = {
    url,
    realm,
    authmethods: ['wampcra'],
    authid,
    max_retries: 0,
    retry_if_unreachable: false,
    onchallenge: (session, method, extra) => {
      if (method !== 'wampcra') {
        throw new Error('unexpected authmethod ' + method);
      }
      const key = extra && extra.salt
        ? autobahn.auth_cra.derive_key(token, extra.salt, extra.iterations, extra.keylen)
        : token;
      return autobahn.auth_cra.sign(key, extra.challenge);
    },
  };
  if (token_id !== undefined && token_id !== null) {
    options.authextra = { token_id };
  }
  return options;
}

// Node's WebSocket sends no Origin header; a browser on the chat page (served by app-api) sends
// that page's origin. useOrigin(origin) makes the sockets opened from then on send it (null: none
// again), as Autobahn|JS in that browser would. onFailure, when given, is told of a socket that
// failed before it opened: Node 20 reports a refused upgrade as an error without a close event, so
// Autobahn|JS alone would never learn that the connection failed.
const NativeWebSocket = globalThis.WebSocket;
let pageOrigin = null;
let failureListener = null;

export function useOrigin(origin) {
  pageOrigin = origin || null;
}

export function onSocketFailure(listener) {
  failureListener = listener;
}

if (NativeWebSocket) {
  globalThis.WebSocket = class extends NativeWebSocket {
    constructor(url, protocols) {
      super(url, pageOrigin ? { protocols, headers: { Origin: pageOrigin } } : protocols);
      let opened = false;
      this.addEventListener('open', () => { opened = true; });
      this.addEventListener('error', () => {
        if (!opened && failureListener) failureListener(url);
      });
    }
  };
}
