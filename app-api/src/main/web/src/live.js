// The WAMP connection to the router: WAMP-CRA with the login token (never sent: the key is derived
// from it with the challenge's salt and the challenge signed), and reconnection for as long as the
// page is open, with exponential backoff and jitter, resumed at once when the browser is back online.
//
// Autobahn|JS's own retry stops for good when the router ends the session (GOODBYE on shutdown,
// ABORT), so the retrying is done here: each attempt is a fresh autobahn.Connection with no retries
// of its own.

import autobahn from 'autobahn';

export const STATE = Object.freeze({
  CONNECTING: 'connecting',
  CONNECTED: 'connected',
  RECONNECTING: 'reconnecting',
  OFFLINE: 'offline',
});

const AUTH_REFUSED = new Set(['wamp.error.authentication_failed', 'wamp.error.not_authorized',
  'wamp.error.no_such_principal', 'wamp.error.no_auth_method', 'natter.close.token_revoked']);

export class Live {
  /**
   * @param url the router's WebSocket URL; realm; authid (user name), token and tokenId
   * @param onState (state, detail) on every change of connection state
   * @param onSession (session) on every join, the first and each after a reconnect
   * @param onRefused (reason) when the router refused the credentials or ended the session for
   *        them; retrying goes on until stop(), so the app can check the token and decide
   */
  constructor({ url, realm, authid, token, tokenId, onState, onSession, onRefused }) {
    Object.assign(this, { url, realm, authid, token, tokenId, onState, onSession, onRefused });
    this.connection = null;
    this.session = null;
    this.stopped = true;
    this.attempt = 0;
    this.timer = null;
    this.joinedOnce = false;
    this.onOnline = () => {
      if (this.current()) {
        this.setState(STATE.CONNECTED); // the socket outlived the outage
      } else {
        this.retryNow();
      }
    };
    this.onOffline = () => this.setState(STATE.OFFLINE, 'Your device is offline.');
  }

  start() {
    this.stopped = false;
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    this.setState(STATE.CONNECTING);
    this.open();
  }

  /** Leaves for good (log out, or the token no longer works). */
  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    clearTimeout(this.timer);
    const connection = this.connection;
    this.connection = null;
    this.session = null;
    if (connection) {
      try {
        connection.close('wamp.close.normal', 'logged out');
      } catch (e) {
        // already closed
      }
    }
  }

  /** The joined session, or null while (re)connecting. */
  current() {
    return this.session && this.session.isOpen ? this.session : null;
  }

  retryNow() {
    if (this.stopped || this.connection) {
      return;
    }
    clearTimeout(this.timer);
    this.attempt = 0;
    this.open();
  }

  open() {
    if (this.stopped) {
      return;
    }
    if (!navigator.onLine) {
      this.setState(STATE.OFFLINE, 'Your device is offline.');
      return;
    }
    const connection = new autobahn.Connection({
      url: this.url,
      realm: this.realm,
      authmethods: ['wampcra'],
      authid: this.authid,
      authextra: { token_id: this.tokenId },
      onchallenge: (session, method, extra) => {
        if (method !== 'wampcra') {
          throw new Error(`unexpected authentication method ${method}`);
        }
        const key = autobahn.auth_cra.derive_key(this.token, extra.salt, extra.iterations, extra.keylen);
        return autobahn.auth_cra.sign(key, extra.challenge);
      },
      serializers: [new autobahn.serializer.JSONSerializer()],
      max_retries: 0,
      retry_if_unreachable: false,
    });
    this.connection = connection;
    connection.onopen = (session) => {
      if (connection !== this.connection) {
        return;
      }
      this.session = session;
      this.attempt = 0;
      this.joinedOnce = true;
      this.setState(STATE.CONNECTED);
      this.onSession(session);
    };
    connection.onclose = (reason, details) => {
      if (connection !== this.connection) {
        return true;
      }
      this.connection = null;
      this.session = null;
      if (this.stopped) {
        return true;
      }
      const why = details && details.reason;
      if (AUTH_REFUSED.has(why)) {
        this.onRefused(why);
      }
      this.scheduleRetry();
      return true;
    };
    connection.open();
  }

  scheduleRetry() {
    if (this.stopped) {
      return;
    }
    // 0.5 s, growing by 1.8 up to 15 s, each with ±25% jitter so a restarted router is not hit by
    // every page at once.
    const base = Math.min(15, 0.5 * 1.8 ** this.attempt);
    const delay = base * (0.75 + Math.random() * 0.5);
    this.attempt += 1;
    if (!navigator.onLine) {
      this.setState(STATE.OFFLINE, 'Your device is offline.');
      return;
    }
    this.setState(this.joinedOnce ? STATE.RECONNECTING : STATE.CONNECTING,
      `Trying again in ${Math.max(1, Math.round(delay))} s.`);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.open(), delay * 1000);
  }

  setState(state, detail = '') {
    this.state = state;
    this.onState(state, detail);
  }
}
