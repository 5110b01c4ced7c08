// Failure paths around the workshop's lesson 4 setup. This script plays a misbehaving
// authenticator worker itself. Router configs: lessons/failures.json (lesson 4 plus a role
// `jester` whose authorizer nobody registers) for part auth, lessons/origins.json (lesson 4
// plus allowed_origins on the public WebSocket path) for part origin.
//
//   part auth   — an authenticator that never answers, that fails, that answers nonsense; an
//                 authorizer that throws, that answers nonsense, that is not registered;
//                 wrong worker credentials on the internal transport
//   part origin — allowed_origins on the public transport (raw upgrades and Autobahn|JS with a
//                 browser's Origin header); the internal transport refuses any Origin and
//                 accepts any path
//   part no-origin — a transport with allowed_origins admits a request without Origin only when
//                 it also says allow_missing_origin (issue #3; Crossbar.io would admit it)

import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { scenario, settings, autobahn, within, sleep } from '../lib/harness.js';
import {
  part, internalUrl, craLogin, refused, welcomed, notAuthorized,
} from './lib.js';

const which = part('auth');
if (!['auth', 'origin', 'no-origin'].includes(which)) {
  console.error(`unknown part '${which}': use auth, origin or no-origin`);
  process.exit(2);
}

const REALM = 'yorkshire';
const WORKER = ['authenticator', 'authenticator-kZ%3g@JR1oXb'];
/** How long the router may take to give up on an authenticator that never answers. */
const AUTH_TIMEOUT_S = Number(process.env.NATTER_AUTH_TIMEOUT_S || 15);

/** Calls of phpyork.permissions on phpyork.cache.* and phpyork.nocache.*, by "session action uri". */
const authorizerCalls = new Map();

/** The misbehaving worker: joins like authenticator.js, answers like nobody should. */
async function badWorker(t, url = internalUrl) {
  const worker = await welcomed(t, `the worker joins the internal transport at ${new URL(url).pathname}`, 'worker',
    { ...craLogin(REALM, ...WORKER), url }, { authid: 'authenticator', authrole: 'authenticator' });
  await t.resolves('the worker registers phpyork.auth', worker.session.register('phpyork.auth', (args) => {
    const authid = args[1];
    switch (authid) {
      case 'slowpoke':
        return new Promise(() => {});
      case 'thrower':
        throw new autobahn.Error('phpyork.error.no_such_user', [`No user found with name '${authid}'`]);
      case 'junk':
        return 42;
      case 'ghost':
        return { role: 'ghost', secret: 'boo' };
      case 'fool':
        return { role: 'jester', secret: 'motley' };
      case 'edward':
        return { role: 'prince', secret: 'norwich' };
      case 'exile':
        return { role: 'banished', secret: 'elba' };
      default:
        return { role: 'banished', secret: '' };
    }
  }));
  await t.resolves('the worker registers phpyork.permissions', worker.session.register('phpyork.permissions', (args) => {
    const [details, uri, action] = args;
    if (uri.startsWith('phpyork.cache.') || uri.startsWith('phpyork.nocache.')) {
      const key = `${details.session} ${action} ${uri}`;
      authorizerCalls.set(key, (authorizerCalls.get(key) || 0) + 1);
      return uri.startsWith('phpyork.cache.') ? { allow: true, cache: true } : { allow: true };
    }
    if (action === 'subscribe') {
      throw new autobahn.Error('phpyork.error.database_down', ['the thread store is away']);
    }
    if (action === 'publish') {
      return 'yes please';
    }
    return { allow: true, cache: true, whatever: 'nonsense' };
  }));
  return worker;
}

async function authPart(t) {
  await refused(t, 'a worker with a wrong secret is refused on the internal transport', 'worker-wrong',
    { ...craLogin(REALM, 'authenticator', 'authenticator-guess'), url: internalUrl }, 'wamp.error.not_authorized');
  await refused(t, 'an unknown worker is refused on the internal transport', 'intruder',
    { ...craLogin(REALM, 'intruder', 'authenticator-kZ%3g@JR1oXb'), url: internalUrl }, 'wamp.error.not_authorized');

  await badWorker(t);

  // An authenticator that never answers: the login is refused in bounded time, and other
  // logins go on meanwhile.
  // (The refusal is awaited after edward's login; its failure is kept, not left unhandled.)
  const slow = refused(t, `an authenticator that never answers: ABORT within ${AUTH_TIMEOUT_S}s`, 'slowpoke',
    craLogin(REALM, 'slowpoke', 'zzz'), 'wamp.error.authentication_failed', AUTH_TIMEOUT_S)
    .then(() => null, (failure) => failure);
  const edward = await welcomed(t, 'meanwhile edward logs in', 'edward', craLogin(REALM, 'edward', 'norwich'),
    { authid: 'edward', authrole: 'prince' });
  const slowFailure = await slow;
  if (slowFailure) {
    throw slowFailure;
  }

  // Crossbar.io forwards an authenticator's error URI as the ABORT reason; Natter refuses it
  // like wrong credentials (an unknown user and a wrong signature look the same).
  await refused(t, 'an authenticator that fails (ERROR phpyork.error.no_such_user): refused', 'thrower',
    craLogin(REALM, 'thrower', 'x'), ['phpyork.error.no_such_user', 'wamp.error.not_authorized']);
  await refused(t, 'an authenticator that answers neither a role nor a dict: wamp.error.authentication_failed', 'junk',
    craLogin(REALM, 'junk', 'x'), 'wamp.error.authentication_failed');
  await refused(t, 'an authenticator that names a role the realm lacks: wamp.error.no_such_role', 'ghost',
    craLogin(REALM, 'ghost', 'boo'), 'wamp.error.no_such_role');

  // Authorizers that fail.
  await t.rejects('an authorizer that throws: subscribe fails with wamp.error.authorization_failed',
    edward.session.subscribe('phpyork.chat', () => {}), { error: 'wamp.error.authorization_failed' });
  await t.rejects('an authorizer that answers a string: publish fails with wamp.error.authorization_failed',
    edward.session.publish('phpyork.chat', ['x'], {}, { acknowledge: true }), { error: 'wamp.error.authorization_failed' });
  await t.rejects('an authorizer that answers a dict with an unknown key: call fails with wamp.error.authorization_failed',
    edward.session.call('phpyork.auth', [REALM, 'edward', {}]), { error: 'wamp.error.authorization_failed' });
  const fool = await welcomed(t, 'fool joins as jester', 'fool', craLogin(REALM, 'fool', 'motley'), { authid: 'fool', authrole: 'jester' });
  await t.rejects("a role whose authorizer nobody registered: wamp.error.authorization_failed",
    fool.session.subscribe('phpyork.chat', () => {}), { error: 'wamp.error.authorization_failed' });
  t.ok('the sessions whose actions failed are still open', edward.isOpen && fool.isOpen);

  // Cached answers are kept per session (never per role), uncached ones are asked each time.
  const calls = (session, action, uri) => authorizerCalls.get(`${session} ${action} ${uri}`) || 0;
  for (let i = 0; i < 3; i += 1) {
    await edward.session.publish('phpyork.cache.york', ['x'], {}, { acknowledge: true });
    await edward.session.publish('phpyork.nocache.york', ['x'], {}, { acknowledge: true });
  }
  t.equal('an answer with cache: true is asked once per session (3 publishes)',
    calls(edward.id, 'publish', 'phpyork.cache.york'), 1);
  t.equal('an answer without cache is asked every time (3 publishes)', calls(edward.id, 'publish', 'phpyork.nocache.york'), 3);
  const edward2 = await welcomed(t, 'edward logs in a second time (another prince session)', 'edward-2',
    craLogin(REALM, 'edward', 'norwich'), { authid: 'edward', authrole: 'prince' });
  await t.resolves('the second session may publish on phpyork.cache.york',
    edward2.session.publish('phpyork.cache.york', ['y'], {}, { acknowledge: true }));
  t.equal("the second session's publish asks the authorizer again (no grant shared by role)",
    calls(edward2.id, 'publish', 'phpyork.cache.york'), 1);

  // The banished role ("permissions": []) with a secret that does verify: in, but nothing allowed.
  const exile = await welcomed(t, 'exile joins as banished', 'exile', craLogin(REALM, 'exile', 'elba'),
    { authid: 'exile', authrole: 'banished' });
  await notAuthorized(t, 'banished may not subscribe', exile.session.subscribe('phpyork.chat', () => {}));
  await notAuthorized(t, 'banished may not publish', exile.session.publish('phpyork.chat', ['x'], {}, { acknowledge: true }));
  await notAuthorized(t, 'banished may not call', exile.session.call('phpyork.auth', [REALM, 'exile', {}]));
  await notAuthorized(t, 'banished may not register', exile.session.register('phpyork.exile', () => 0));
}

/**
 * A raw WebSocket upgrade (Node's http module), so the Origin header is exactly ours.
 * Resolves with the HTTP status: 101 when the router upgraded.
 */
function upgrade(url, origin) {
  const target = new URL(url.replace(/^ws/, 'http'));
  const headers = {
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
    'Sec-WebSocket-Protocol': 'wamp.2.json',
  };
  if (origin !== undefined) {
    headers.Origin = origin;
  }
  return within(5, new Promise((resolve, reject) => {
    const request = http.request({ host: target.hostname, port: target.port, path: target.pathname, headers });
    request.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode);
    });
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('error', reject);
    request.end();
  }), `the upgrade response from ${url}`);
}

async function expectStatus(t, name, url, origin, accepted) {
  const status = await upgrade(url, origin);
  const ok = typeof accepted === 'function' ? accepted(status) : status === accepted;
  t.ok(`${name} (HTTP ${status})`, ok, `got HTTP ${status}`);
}

const refusedStatus = (status) => status >= 400 && status < 500;

/**
 * Autobahn|JS as a browser on a page of `origin` would open it: the global WebSocket sends the
 * Origin. Every socket opened meanwhile is recorded ({opened, failed}).
 */
function withOrigin(origin, body, sockets = []) {
  const Native = globalThis.WebSocket;
  globalThis.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, { protocols, headers: { Origin: origin } });
      const record = { opened: false, failed: false };
      sockets.push(record);
      this.addEventListener('open', () => { record.opened = true; });
      this.addEventListener('error', () => { record.failed = !record.opened; });
    }
  };
  return Promise.resolve().then(body).finally(() => {
    globalThis.WebSocket = Native;
  });
}

async function originPart(t) {
  const publicUrl = settings.url;
  await expectStatus(t, 'public transport: the page origin http://localhost:8081 is upgraded', publicUrl, 'http://localhost:8081', 101);
  await expectStatus(t, 'public transport: https://chat.natter.example matches https://*.natter.example', publicUrl, 'https://chat.natter.example', 101);
  await expectStatus(t, 'public transport: a foreign Origin is refused before the upgrade', publicUrl, 'http://evil.example', refusedStatus);
  await expectStatus(t, 'public transport: the allowed origin on another port is foreign', publicUrl, 'http://localhost:8082', refusedStatus);
  await expectStatus(t, 'public transport: https://natter.example.evil.example does not match https://*.natter.example', publicUrl,
    'https://natter.example.evil.example', refusedStatus);

  const internal = new URL(internalUrl);
  const anyPath = `ws://${internal.host}/lesson-4/any/path`;
  await expectStatus(t, 'internal transport: an upgrade without Origin is accepted on the root path', `ws://${internal.host}/`, undefined, 101);
  await expectStatus(t, 'internal transport: an upgrade without Origin is accepted on any path', anyPath, undefined, 101);
  await expectStatus(t, 'internal transport: any Origin header is refused, even the page origin', internalUrl, 'http://localhost:8081', refusedStatus);

  // Autobahn|JS, as from a browser page.
  await badWorker(t, anyPath);
  await withOrigin('http://localhost:8081', () => welcomed(t, 'Autobahn|JS from the page origin joins (as edward)', 'edward-page',
    craLogin(REALM, 'edward', 'norwich'), { authid: 'edward', authrole: 'prince' }));
  // A browser reports a refused upgrade as error + close; Node 20's WebSocket reports only the
  // error, so Autobahn|JS never learns the connection failed: check the socket and that no
  // session ever opened.
  const sockets = [];
  let welcome = null;
  await withOrigin('http://evil.example', async () => {
    // A bare Autobahn|JS connection (not the harness's), since Node 20 may never close it.
    const connection = new autobahn.Connection({
      url: publicUrl, max_retries: 0, retry_if_unreachable: false, ...craLogin(REALM, 'edward', 'norwich'),
    });
    connection.onopen = (session, details) => {
      welcome = details;
      connection.close();
    };
    connection.onclose = () => true;
    connection.open();
    await sleep(3);
  }, sockets);
  t.equal('Autobahn|JS from a foreign origin never gets a session', welcome, null);
  t.equal('Autobahn|JS from a foreign origin: its WebSocket failed before opening, no session',
    sockets.map((s) => [s.opened, s.failed]), [[false, true]]);
}

/**
 * Natter refuses an upgrade without Origin on a transport that has allowed_origins, unless the
 * transport also sets allow_missing_origin (Crossbar.io checks allowed_origins only when an
 * Origin is sent; the issue asks for the stricter rule).
 */
async function noOriginPart(t) {
  await expectStatus(t, 'public transport with allowed_origins: an upgrade without Origin is refused before the upgrade',
    settings.url, undefined, refusedStatus);
  await expectStatus(t, 'public transport with allowed_origins: the listed origin is still upgraded',
    settings.url, 'http://localhost:8081', 101);
  const internal = new URL(internalUrl);
  await expectStatus(t, 'internal transport: an upgrade without Origin is accepted',
    `ws://${internal.host}/`, undefined, 101);
}

scenario(`failures-${which}`, async (t) => {
  if (which === 'auth') {
    return authPart(t);
  }
  return which === 'origin' ? originPart(t) : noOriginPart(t);
});
