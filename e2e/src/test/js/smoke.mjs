// Smoke test of a running stack through its public ports (used by the compose check).
//
// Run: node --experimental-websocket smoke.mjs <appBaseUrl> <wsUrl> [realm]
//   e.g. node --experimental-websocket smoke.mjs http://127.0.0.1:8090 ws://127.0.0.1:8080/ws
// The WebSockets send the Origin of appBaseUrl, as a browser on the chat page served by app-api.
// Signs up three unique users; A opens a thread and adds B; A and B join with WAMP-CRA; B
// subscribes to the thread and receives what A publishes; C, who is not a member, is refused
// subscribe and publish with wamp.error.not_authorized. Exits 0 when all of it held, 1 otherwise,
// printing one line per step.
import { autobahn, connectionOptions, onSocketFailure, useOrigin } from './natter-cra.mjs';
import { randomBytes } from 'node:crypto';

console.log = console.error; // autobahn's chatter to stderr, our steps to stdout

const [appBaseUrl, wsUrl, realm = 'natter'] = process.argv.slice(2);
if (!appBaseUrl || !wsUrl) {
  process.stderr.write('usage: node --experimental-websocket smoke.mjs <appBaseUrl> <wsUrl> [realm]\n');
  process.exit(2);
}
const STEP_TIMEOUT_MS = 10000;
useOrigin(new URL(appBaseUrl).origin);
const opened = [];

function step(text) {
  process.stdout.write('smoke: ' + text + '\n');
}

function withTimeout(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(what + ': no answer within ' + STEP_TIMEOUT_MS + ' ms')), STEP_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function http(method, path, body, token) {
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  if (token) headers.authorization = 'Bearer ' + token;
  const url = appBaseUrl.replace(/\/$/, '') + path;
  let res;
  try {
    res = await withTimeout(fetch(url, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    }), method + ' ' + path);
  } catch (e) {
    const cause = e && e.cause ? ' (' + (e.cause.code || e.cause.message || e.cause) + ')' : '';
    throw new Error(method + ' ' + url + ': ' + (e && e.message ? e.message : e) + cause);
  }
  const text = await res.text();
  if (res.status < 200 || res.status > 299) {
    throw new Error(method + ' ' + path + ' answered ' + res.status + ': ' + text);
  }
  return text ? JSON.parse(text) : null;
}

async function signUp(prefix) {
  const name = prefix + '-' + randomBytes(5).toString('hex');
  const password = randomBytes(12).toString('base64url');
  const user = await http('POST', '/api/users', { name, password });
  if (!user.token || !user.token_id) {
    throw new Error('sign-up of ' + name + ' answered no token or token_id');
  }
  return { name, token: user.token, token_id: user.token_id };
}

function join(user) {
  return withTimeout(new Promise((resolve, reject) => {
    const connection = new autobahn.Connection(connectionOptions({
      url: wsUrl, realm, authid: user.name, token: user.token, token_id: user.token_id,
    }));
    let joined = false;
    onSocketFailure((url) => reject(new Error(user.name + ' could not join: the WebSocket to ' + url
      + ' failed before it opened (refused upgrade or nothing listening)')));
    connection.onopen = (session) => {
      joined = true;
      opened.push(connection);
      resolve(session);
    };
    connection.onclose = (reason, details) => {
      if (!joined) {
        reject(new Error(user.name + ' could not join (' + reason + '): '
          + (details.reason || 'no reason') + ' ' + (details.message || '')));
      }
      return true;
    };
    connection.open();
  }), user.name + ' joining');
}

async function expectNotAuthorized(promise, what) {
  try {
    await withTimeout(promise, what);
  } catch (e) {
    if (e && e.error === 'wamp.error.not_authorized') {
      return;
    }
    throw new Error(what + ' failed with ' + (e && e.error ? e.error : e) + ', expected wamp.error.not_authorized');
  }
  throw new Error(what + ' was allowed, expected wamp.error.not_authorized');
}

async function main() {
  const a = await signUp('smoke-a');
  const b = await signUp('smoke-b');
  const c = await signUp('smoke-c');
  step('signed up ' + a.name + ', ' + b.name + ', ' + c.name);

  const thread = (await http('POST', '/api/threads', { title: 'smoke ' + a.name }, a.token)).thread;
  await http('POST', '/api/threads/' + thread + '/members', { name: b.name }, a.token);
  step('thread ' + thread + ' opened by ' + a.name + ' with member ' + b.name);

  const topic = 'natter.thread.' + thread;
  const sa = await join(a);
  const sb = await join(b);
  step('joined ' + wsUrl + ' as ' + a.name + ' and ' + b.name + ' (WAMP-CRA)');

  let deliver;
  const received = new Promise((resolve) => { deliver = resolve; });
  await withTimeout(sb.subscribe(topic, (args) => deliver(args)), b.name + ' subscribing');
  const text = 'hello from ' + a.name;
  await withTimeout(sa.publish(topic, [text], {}, { acknowledge: true }), a.name + ' publishing');
  const args = await withTimeout(received, b.name + ' receiving');
  if (!args || args[0] !== text) {
    throw new Error(b.name + ' received ' + JSON.stringify(args) + ', expected ["' + text + '"]');
  }
  step(b.name + ' received what ' + a.name + ' published on ' + topic);

  const sc = await join(c);
  await expectNotAuthorized(sc.subscribe(topic, () => {}), c.name + ' (not a member) subscribing');
  await expectNotAuthorized(sc.publish(topic, ['intruder'], {}, { acknowledge: true }),
    c.name + ' (not a member) publishing');
  step(c.name + ', not a member, refused subscribe and publish with wamp.error.not_authorized');
}

main().then(() => {
  step('OK');
  for (const connection of opened) {
    try { connection.close(); } catch (e) { /* already closed */ }
  }
  setTimeout(() => process.exit(0), 200);
}, (e) => {
  process.stdout.write('smoke: FAILED: ' + (e && e.message ? e.message : e) + '\n');
  process.exit(1);
});
