// One Autobahn|JS client (one WAMP session at a time) driven over stdin/stdout by the e2e tests.
//
// Run: node --experimental-websocket client.mjs
// In (stdin), one JSON object per line; "id" is optional and echoed in the reply:
//   {"cmd":"join","url","realm","authid","token","token_id","origin"?}
//        -> joined {session, authid, authrole, authextra} or aborted {reason, message}
//        origin: the Origin header to send, as a browser on that page would (Node sends none)
//   {"cmd":"subscribe","topic","options"?}                    -> subscribed {topic, subscription} | error
//   {"cmd":"unsubscribe","topic"}                             -> unsubscribed {topic} | error
//   {"cmd":"publish","topic","args"?,"kwargs"?,"acknowledge"?,"options"?}
//                                                             -> published {publication} (acknowledge) | sent | error
//   {"cmd":"call","procedure","args"?,"kwargs"?}              -> result {args, kwargs} | error
//   {"cmd":"leave"}                                           -> closed {reason, message}
//   {"cmd":"exit"}                                            -> the process ends
// Out (stdout), one JSON object per line, replies and unprompted messages:
//   event {topic, args, kwargs, details}   a subscription's event
//   revoked {topic, reason}                the router removed a subscription (subscription_revocation)
//   closed {reason, message, transport}    the joined session ended (GOODBYE, kill, connection lost)
//   error {id, cmd, error, args, kwargs}   a command failed (error is the WAMP error URI)
// Autobahn's own logging goes to stderr. The token never leaves this process: WAMP-CRA signs the
// challenge with auth_cra.derive_key(token, salt, iterations, keylen) from the challenge's extra.
import { autobahn, connectionOptions, onSocketFailure, useOrigin } from './natter-cra.mjs';
import readline from 'node:readline';

console.log = console.error; // keep stdout for the protocol

let connection = null;
let session = null;
const subscriptions = new Map(); // topic -> autobahn Subscription

function out(message) {
  process.stdout.write(JSON.stringify(message) + '\n');
}

function wampError(id, cmd, e) {
  if (e && typeof e.error === 'string') {
    return { type: 'error', id, cmd, error: e.error, args: e.args || [], kwargs: e.kwargs || {} };
  }
  return { type: 'error', id, cmd, error: 'natter.e2e.client_error', args: [String(e && e.message ? e.message : e)], kwargs: {} };
}

function requireSession(id, cmd) {
  if (!session || !session.isOpen) {
    out({ type: 'error', id, cmd, error: 'natter.e2e.not_joined', args: ['no open session'], kwargs: {} });
    return false;
  }
  return true;
}

function join(id, c) {
  if (connection) {
    out({ type: 'error', id, cmd: 'join', error: 'natter.e2e.already_joined', args: [], kwargs: {} });
    return;
  }
  let answered = false; // joined or aborted told
  let open = false; // this connection's session is the joined one
  const current = new autobahn.Connection(connectionOptions(c));
  useOrigin(c.origin);
  onSocketFailure((url) => {
    if (!answered && connection === current) {
      answered = true;
      connection = null;
      try { current.close(); } catch (e) { /* never opened */ }
      out({ type: 'aborted', id, reason: 'natter.e2e.connect_failed', message: 'WebSocket to ' + url + ' failed before it opened', transport: 'unreachable' });
    }
  });
  connection = current;
  current.onopen = (s, details) => {
    session = s;
    open = true;
    answered = true;
    out({
      type: 'joined', id, session: s.id,
      authid: details.authid, authrole: details.authrole, authextra: details.authextra || {},
    });
  };
  current.onclose = (reason, details) => {
    if (connection === current) connection = null;
    if (open) {
      open = false;
      session = null;
      subscriptions.clear();
      out({ type: 'closed', reason: details.reason, message: details.message, transport: reason });
    } else if (!answered) {
      answered = true;
      out({ type: 'aborted', id, reason: details.reason, message: details.message, transport: reason });
    }
    return true; // never reconnect: the tests decide
  };
  current.open();
}

async function subscribe(id, c) {
  if (!requireSession(id, 'subscribe')) return;
  try {
    const sub = await session.subscribe(c.topic, (args, kwargs, details) => {
      out({ type: 'event', topic: details.topic || c.topic, args: args || [], kwargs: kwargs || {}, details: plain(details) });
    }, c.options || {});
    subscriptions.set(c.topic, sub);
    sub.on_unsubscribe.then((reason) => {
      if (reason && subscriptions.get(c.topic) === sub) {
        subscriptions.delete(c.topic);
        out({ type: 'revoked', topic: c.topic, reason });
      }
    });
    out({ type: 'subscribed', id, topic: c.topic, subscription: sub.id });
  } catch (e) {
    out(wampError(id, 'subscribe', e));
  }
}

async function unsubscribe(id, c) {
  if (!requireSession(id, 'unsubscribe')) return;
  const sub = subscriptions.get(c.topic);
  if (!sub) {
    out({ type: 'error', id, cmd: 'unsubscribe', error: 'natter.e2e.not_subscribed', args: [c.topic], kwargs: {} });
    return;
  }
  subscriptions.delete(c.topic);
  try {
    await session.unsubscribe(sub);
    out({ type: 'unsubscribed', id, topic: c.topic });
  } catch (e) {
    out(wampError(id, 'unsubscribe', e));
  }
}

async function publish(id, c) {
  if (!requireSession(id, 'publish')) return;
  const options = Object.assign({}, c.options || {});
  if (c.acknowledge) options.acknowledge = true;
  try {
    const p = session.publish(c.topic, c.args || [], c.kwargs || {}, options);
    if (c.acknowledge) {
      const publication = await p;
      out({ type: 'published', id, publication: publication.id });
    } else {
      out({ type: 'sent', id });
    }
  } catch (e) {
    out(wampError(id, 'publish', e));
  }
}

async function call(id, c) {
  if (!requireSession(id, 'call')) return;
  try {
    const r = await session.call(c.procedure, c.args || [], c.kwargs || {});
    if (r instanceof autobahn.Result) {
      out({ type: 'result', id, args: r.args || [], kwargs: r.kwargs || {} });
    } else {
      out({ type: 'result', id, args: r === undefined || r === null ? [] : [r], kwargs: {} });
    }
  } catch (e) {
    out(wampError(id, 'call', e));
  }
}

function leave(id) {
  if (!connection) {
    out({ type: 'closed', id, reason: null, message: 'not joined', transport: null });
    return;
  }
  try {
    connection.close('wamp.close.normal', 'bye');
  } catch (e) {
    out(wampError(id, 'leave', e));
  }
}

// EVENT details as plain JSON (autobahn hands an object with a publication id and optional
// publisher identity; anything else is kept as is)
function plain(details) {
  const d = {};
  for (const [k, v] of Object.entries(details || {})) {
    if (typeof v !== 'function') d[k] = v;
  }
  return d;
}

const commands = { join, subscribe, unsubscribe, publish, call, leave };

const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on('line', (line) => {
  if (!line.trim()) return;
  let c;
  try {
    c = JSON.parse(line);
  } catch (e) {
    out({ type: 'error', cmd: null, error: 'natter.e2e.bad_command', args: ['not JSON'], kwargs: {} });
    return;
  }
  if (c.cmd === 'exit') {
    process.exit(0);
  }
  const handler = commands[c.cmd];
  if (!handler) {
    out({ type: 'error', id: c.id, cmd: c.cmd, error: 'natter.e2e.bad_command', args: ['unknown command'], kwargs: {} });
    return;
  }
  Promise.resolve(handler(c.id, c)).catch((e) => out(wampError(c.id, c.cmd, e)));
});
rl.on('close', () => process.exit(0));
out({ type: 'ready' });
