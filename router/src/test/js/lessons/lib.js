// What the workshop's lessons share on top of the interop harness: the logins the seed's
// browser console performs (alreet.setConfig / alreet.setAuth), the second (internal) router
// URL, and checks for refused sessions and refused actions.
//
// Every lesson script is run as
//   node --experimental-websocket lessons/<script>.js <public-ws-url> <json|msgpack> [part]
// with NATTER_INTERNAL_WS_URL naming the internal transport where the lesson has one.

import { autobahn, connect, sleep, WAIT_S } from '../lib/harness.js';

/** The internal transport (lesson 4 on): workers only, 127.0.0.1. */
export const internalUrl = process.env.NATTER_INTERNAL_WS_URL || 'ws://127.0.0.1:9001/ws';

/** Which part of a lesson to replay (third argument), or the default. */
export function part(fallback) {
  return process.argv[4] || process.env.NATTER_LESSON_PART || fallback;
}

/** How long a refused login may take: a dynamic authenticator is a WAMP call away. */
export const REFUSAL_S = Number(process.env.NATTER_REFUSAL_S || 10);

/**
 * Lesson 2, first step: alreet.setConfig({realm, authmethods: ['ticket'], onchallenge: () => ticket, authid}).
 */
export function ticketLogin(realm, authid, ticket) {
  return {
    realm,
    authid,
    authmethods: ['ticket'],
    onchallenge: (session, method) => {
      if (method !== 'ticket') {
        throw new Error(`expected a ticket challenge, got ${method}`);
      }
      return ticket;
    },
  };
}

/**
 * Lesson 2, second step, and alreet.setAuth(user, password) of lesson 4:
 * autobahn.auth_cra.sign(secret, extra.challenge); when the CHALLENGE carries a salt the
 * secret is first stretched with autobahn.auth_cra.derive_key, as Autobahn|JS documents.
 * `seen` (optional) receives every CHALLENGE extra.
 */
export function craLogin(realm, authid, secret, seen) {
  return {
    realm,
    authid,
    authmethods: ['wampcra'],
    onchallenge: (session, method, extra) => {
      if (seen) {
        seen.push({ method, extra });
      }
      if (method !== 'wampcra') {
        throw new Error(`expected a wampcra challenge, got ${method}`);
      }
      const key = extra.salt === undefined
        ? secret
        : autobahn.auth_cra.derive_key(secret, extra.salt, extra.iterations, extra.keylen);
      return autobahn.auth_cra.sign(key, extra.challenge);
    },
  };
}

/**
 * Expects a login to be refused with ABORT `reason` (one URI or a list of acceptable ones)
 * within `seconds`. Returns {reason, message, elapsedS}.
 */
export async function refused(t, name, label, options, reasons, seconds = REFUSAL_S) {
  const accepted = Array.isArray(reasons) ? reasons : [reasons];
  const started = Date.now();
  let peer = null;
  let closed = null;
  try {
    peer = await connect(label, { ...options, seconds });
  } catch (error) {
    closed = error;
  }
  const elapsedS = (Date.now() - started) / 1000;
  if (peer) {
    t.fail(name, `expected ABORT ${accepted.join(' or ')}, but the router welcomed ${peer.authid} as ${peer.authrole} (session ${peer.id})`);
  }
  if (closed instanceof Error) {
    t.fail(name, `expected ABORT ${accepted.join(' or ')} within ${seconds}s, got: ${closed.message}`);
  }
  const reason = closed && closed.details ? closed.details.reason : undefined;
  if (!accepted.includes(reason)) {
    t.fail(name, `expected ABORT ${accepted.join(' or ')}, got close '${closed && closed.reason}' with ABORT reason ${JSON.stringify(reason)} `
      + `(message ${JSON.stringify(closed && closed.details && closed.details.message)}) after ${elapsedS.toFixed(1)}s`);
  }
  t.pass(`${name} (${reason} after ${elapsedS.toFixed(1)}s)`);
  return { reason, message: closed.details.message, elapsedS };
}

/** Expects a login to succeed with the given WELCOME details; returns the Peer. */
export async function welcomed(t, name, label, options, expected) {
  let peer;
  try {
    peer = await connect(label, options);
  } catch (closed) {
    if (closed instanceof Error) {
      throw closed;
    }
    t.fail(name, `expected WELCOME, got close '${closed.reason}' with ABORT ${JSON.stringify(closed.details && closed.details.reason)} `
      + `(${JSON.stringify(closed.details && closed.details.message)})`);
  }
  const got = {};
  for (const key of Object.keys(expected)) {
    got[key] = peer.welcome[key];
  }
  t.equal(name, got, expected);
  return peer;
}

/** A subscription that records every event; `events` is a Queue. */
export async function subscribed(t, name, peer, topic, queue, options) {
  return t.resolves(name, peer.session.subscribe(topic, (args, kwargs, details) => queue.push({ args, kwargs, details }), options));
}

/** Expects the action to fail with ERROR wamp.error.not_authorized. */
export function notAuthorized(t, name, promise) {
  return t.rejects(name, promise, { error: 'wamp.error.not_authorized' });
}

/** Expects nothing on `queue` for `seconds`. */
export async function silent(t, name, queue, seconds = 1) {
  await sleep(seconds);
  t.ok(name, queue.size === 0, `expected no event, got ${JSON.stringify(queue.items)}`);
}

export { WAIT_S };
