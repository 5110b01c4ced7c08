// Shared harness for the interop scenarios: connecting Autobahn|JS peers with a chosen
// serializer, waiting with timeouts in seconds, and checks that stop the scenario with a
// clear message and a non-zero exit code.
//
// Usage of every scenario script:
//   node --experimental-websocket <script>.js [ws-url] [json|msgpack]
// or through the environment: NATTER_WS_URL, NATTER_SERIALIZER (argument wins).

import { isDeepStrictEqual, inspect } from 'node:util';
import { randomBytes } from 'node:crypto';
import autobahn from 'autobahn';

export { autobahn };

// Autobahn|JS logs every connection close to the console; keep its warnings and show them
// only when a scenario fails.
const clientWarnings = [];
autobahn.log.warn = (...parts) => {
  clientWarnings.push(parts.map((p) => (typeof p === 'string' ? p : inspect(p, { depth: 3, breakLength: Infinity }))).join(' '));
};

/** Longest a whole scenario may run before it is failed. */
const SCENARIO_TIMEOUT_S = Number(process.env.NATTER_SCENARIO_TIMEOUT_S || 60);
/** Default wait for one expected message. */
export const WAIT_S = Number(process.env.NATTER_WAIT_S || 5);

export const WAMP = Object.freeze({
  ERROR: 8, PUBLISH: 16, SUBSCRIBE: 32, CALL: 48, CANCEL: 49, RESULT: 50,
  REGISTER: 64, INVOCATION: 68, INTERRUPT: 69, YIELD: 70,
});

export const settings = (() => {
  const url = process.argv[2] || process.env.NATTER_WS_URL || 'ws://127.0.0.1:8080/ws';
  const serializer = (process.argv[3] || process.env.NATTER_SERIALIZER || 'json').toLowerCase();
  if (serializer !== 'json' && serializer !== 'msgpack') {
    console.error(`unknown serializer '${serializer}': use json or msgpack`);
    process.exit(2);
  }
  if (typeof globalThis.WebSocket !== 'function') {
    console.error('no global WebSocket: run node with --experimental-websocket (Node 20) or use Node 22+');
    process.exit(2);
  }
  return Object.freeze({ url, serializer, realm: process.env.NATTER_REALM || 'realm1' });
})();

/** A URI prefix unique to this run, so that scenarios never see each other's traffic. */
export const RUN_PREFIX = `io.natter.interop.${settings.serializer}.r${randomBytes(4).toString('hex')}`;

export function uri(suffix) {
  return `${RUN_PREFIX}.${suffix}`;
}

function newSerializer(name) {
  if (name === 'json') {
    return new autobahn.serializer.JSONSerializer();
  }
  const Msgpack = autobahn.serializer.MsgpackSerializer;
  if (!Msgpack) {
    throw new Error('Autobahn|JS has no MessagePack serializer: is msgpack5 installed?');
  }
  return new Msgpack();
}

export class CheckFailed extends Error {}

export function sleep(seconds) {
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}

/** Resolves like `promise`, or rejects with CheckFailed after `seconds`. */
export function within(seconds, promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new CheckFailed(`timed out after ${seconds}s waiting for ${what}`)), seconds * 1000);
  });
  return Promise.race([Promise.resolve(promise), timeout]).finally(() => clearTimeout(timer));
}

/** Polls `predicate` every 20 ms until it holds or `seconds` passed; returns whether it held. */
export async function eventually(predicate, seconds) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    if (predicate()) {
      return true;
    }
    if (Date.now() >= deadline) {
      return false;
    }
    await sleep(0.02);
  }
}

/** Settles a promise into {ok, value} or {ok: false, error}, within a timeout. */
export async function settle(promise, seconds, what) {
  try {
    return { ok: true, value: await within(seconds, promise, what) };
  } catch (error) {
    if (error instanceof CheckFailed) {
      throw error;
    }
    return { ok: false, error };
  }
}

function show(value) {
  return inspect(value, { depth: 8, breakLength: Infinity, compact: true });
}

/** Messages pushed by handlers, taken in order by the scenario. */
export class Queue {
  constructor(name) {
    this.name = name;
    this.items = [];
    this.waiters = [];
  }

  push(item) {
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter(item);
    } else {
      this.items.push(item);
    }
  }

  /** The next item, waiting at most `seconds`. */
  take(seconds = WAIT_S) {
    if (this.items.length > 0) {
      return Promise.resolve(this.items.shift());
    }
    let waiter;
    const next = new Promise((resolve) => {
      waiter = resolve;
      this.waiters.push(resolve);
    });
    return within(seconds, next, `next item on ${this.name}`).catch((error) => {
      this.waiters = this.waiters.filter((w) => w !== waiter);
      throw error;
    });
  }

  /** Takes `n` items. */
  async takeN(n, seconds = WAIT_S) {
    const out = [];
    for (let i = 0; i < n; i += 1) {
      out.push(await this.take(seconds));
    }
    return out;
  }

  get size() {
    return this.items.length;
  }
}

/** An event handler for session.subscribe that records (args, kwargs, details) on a queue. */
export function recorder(queue) {
  return (args, kwargs, details) => queue.push({ args, kwargs, details });
}

/**
 * One Autobahn|JS client with its WAMP session. `wire` records every message the router
 * sent to it after the session opened, exactly as decoded, before Autobahn|JS handles it.
 */
export class Peer {
  constructor(label) {
    this.label = label;
    this.wire = [];
    this.internalErrors = [];
    this.userErrors = [];
    this.swallowed = [];
    this.swallow = null;
    this.closeInfo = null;
  }

  get id() {
    return this.session.id;
  }

  get authid() {
    return this.welcome.authid;
  }

  get authrole() {
    return this.welcome.authrole;
  }

  get isOpen() {
    return this.connection.isOpen;
  }

  get protocol() {
    return this.welcome.transport && this.welcome.transport.protocol;
  }

  /** Wire messages of the given WAMP message type. */
  received(type) {
    return this.wire.filter((m) => m[0] === type);
  }

  async close(seconds = WAIT_S) {
    if (this.closeInfo || !this.connection) {
      return this.closeInfo;
    }
    try {
      this.connection.close();
    } catch (e) {
      // already closed underneath us
    }
    return within(seconds, this.closed, `${this.label} to close`);
  }
}

const peers = [];

/**
 * Opens a connection and joins the realm. Resolves with a Peer, or rejects with
 * {reason, details} when the router refused the session (ABORT) or the transport failed.
 * `url` defaults to the scenario's URL; `authid`, `authmethods`, `authextra` and
 * `onchallenge` go to Autobahn|JS unchanged (as a browser would pass them).
 */
export function connect(label, {
  realm = settings.realm, serializer = settings.serializer, seconds = WAIT_S, url = settings.url,
  authid, authmethods, authextra, onchallenge,
} = {}) {
  const peer = new Peer(label);
  let opened = false;
  let resolveClosed;
  peer.closed = new Promise((resolve) => { resolveClosed = resolve; });

  const joined = new Promise((resolve, reject) => {
    const connection = new autobahn.Connection({
      url,
      realm,
      ...(authid === undefined ? {} : { authid }),
      ...(authmethods === undefined ? {} : { authmethods }),
      ...(authextra === undefined ? {} : { authextra }),
      ...(onchallenge === undefined ? {} : { onchallenge }),
      serializers: [newSerializer(serializer)],
      max_retries: 0,
      retry_if_unreachable: false,
      on_internal_error: (error, message) => peer.internalErrors.push(`${message || ''} ${error && error.message ? error.message : error}`),
      on_user_error: (error, message) => peer.userErrors.push({ error, message }),
    });
    peer.connection = connection;

    connection.onopen = (session, welcome) => {
      opened = true;
      peer.session = session;
      peer.welcome = welcome;
      const transport = session._socket;
      const deliver = transport.onmessage;
      transport.onmessage = (msg) => {
        peer.wire.push(msg);
        if (peer.swallow && peer.swallow(msg)) {
          peer.swallowed.push(msg);
          return;
        }
        deliver(msg);
      };
      resolve(peer);
    };

    connection.onclose = (reason, details) => {
      peer.closeInfo = { reason, details };
      resolveClosed(peer.closeInfo);
      if (!opened) {
        reject({ reason, details });
      }
      return true;
    };

    connection.open();
  });

  peers.push(peer);
  return within(seconds, joined, `${label} to join realm '${realm}'`);
}

/** Checks of one scenario: each passing check prints one line; the first failure stops the scenario. */
export class Checks {
  constructor(scenario) {
    this.scenario = scenario;
    this.passed = 0;
  }

  pass(name) {
    this.passed += 1;
    console.log(`ok ${this.passed} - ${name}`);
  }

  fail(name, detail) {
    throw new CheckFailed(`${name}${detail ? `: ${detail}` : ''}`);
  }

  ok(name, condition, detail) {
    if (!condition) {
      this.fail(name, detail || 'condition was false');
    }
    this.pass(name);
  }

  equal(name, actual, expected) {
    if (!isDeepStrictEqual(actual, expected)) {
      this.fail(name, `expected ${show(expected)}, got ${show(actual)}`);
    }
    this.pass(name);
  }

  /** An integer in [1, 2^53], as the spec says every WAMP ID is. */
  id(name, value) {
    this.ok(name, Number.isSafeInteger(value) && value >= 1 && value <= 2 ** 53, `expected a WAMP ID in [1, 2^53], got ${show(value)}`);
  }

  /**
   * Expects `promise` to reject with an Autobahn|JS error carrying `error` (URI) and,
   * when given, exactly `args` / `kwargs`. Returns the error.
   */
  async rejects(name, promise, { error, args, kwargs }, seconds = WAIT_S) {
    const outcome = await settle(promise, seconds, name);
    if (outcome.ok) {
      this.fail(name, `expected error ${error}, but it succeeded with ${show(outcome.value)}`);
    }
    const e = outcome.error;
    const got = { error: e && e.error, args: e && e.args, kwargs: e && e.kwargs };
    const want = { error, args: args === undefined ? got.args : args, kwargs: kwargs === undefined ? got.kwargs : kwargs };
    if (!isDeepStrictEqual(got, want)) {
      this.fail(name, `expected ${show(want)}, got ${show(e)}`);
    }
    this.pass(name);
    return e;
  }

  /** Expects `promise` to resolve within `seconds`; returns its value. */
  async resolves(name, promise, seconds = WAIT_S) {
    const outcome = await settle(promise, seconds, name);
    if (!outcome.ok) {
      this.fail(name, `expected success, got ${show(outcome.error)}`);
    }
    this.pass(name);
    return outcome.value;
  }
}

/**
 * Runs one scenario: prints one line per passed check, closes every peer, and exits 0 only
 * when every check passed and no client saw a protocol violation from the router.
 */
export async function scenario(name, body) {
  const checks = new Checks(name);
  const header = `${name} [${settings.serializer}] against ${settings.url}`;
  console.log(`# ${header}`);
  const watchdog = setTimeout(() => {
    console.log(`not ok - ${name}: the scenario did not finish within ${SCENARIO_TIMEOUT_S}s`);
    process.exit(1);
  }, SCENARIO_TIMEOUT_S * 1000);

  let failure = null;
  try {
    await body(checks);
  } catch (error) {
    failure = error;
  }

  for (const peer of peers) {
    try {
      await peer.close();
    } catch (error) {
      failure = failure || new CheckFailed(`${peer.label} did not close: ${error.message}`);
    }
  }
  if (!failure) {
    const violations = peers.filter((p) => p.internalErrors.length > 0);
    if (violations.length > 0) {
      failure = new CheckFailed(`Autobahn|JS reported internal errors (protocol violations): ${violations.map((p) => `${p.label}: ${p.internalErrors.join('; ')}`).join(' | ')}`);
    }
  }
  clearTimeout(watchdog);

  if (failure) {
    const message = failure instanceof CheckFailed ? failure.message : (failure && failure.stack) || show(failure);
    console.log(`not ok - ${message}`);
    for (const warning of clientWarnings.slice(-20)) {
      console.log(`# Autobahn|JS: ${warning}`);
    }
    console.log(`# ${header}: FAILED after ${checks.passed} passing checks`);
    process.exit(1);
  }
  console.log(`# ${header}: all ${checks.passed} checks passed`);
  process.exit(0);
}
