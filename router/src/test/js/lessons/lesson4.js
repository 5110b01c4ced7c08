// Workshop lesson 4, "Dynamic authentication with workers", from the browser's side: the
// public transport authenticates with WAMP-CRA through the dynamic authenticator
// phpyork.auth, and the roles king (static permissions), prince and serf (dynamic authorizer
// phpyork.permissions) and banished (nothing) behave as the seed shows.
// Router config: lessons/lesson4.json.
//
//   part no-authenticator — before the worker runs: "it's not possible to connect because no
//                           authenticator is yet subscribed"
//   part main             — with lessons/authenticator.js (lesson4) joined on the internal transport

import { scenario, connect, Queue } from '../lib/harness.js';
import {
  part, internalUrl, craLogin, refused, welcomed, subscribed, notAuthorized, silent,
} from './lib.js';

const which = part('main');
if (!['no-authenticator', 'main'].includes(which)) {
  console.error(`unknown part '${which}': use no-authenticator or main`);
  process.exit(2);
}

const REALM = 'yorkshire';
const CHAT = 'phpyork.chat';

/** alreet.setAuth(user, password).connect() */
function setAuth(user, password, seen) {
  return craLogin(REALM, user, password, seen);
}

/**
 * Crossbar.io forwards the error of a failed authenticator call as the ABORT reason (here the
 * call fails with wamp.error.no_such_procedure); releases before 17.x wrapped every failure
 * as wamp.error.authentication_failed.
 */
const NO_AUTHENTICATOR = ['wamp.error.no_such_procedure', 'wamp.error.authentication_failed'];

async function noAuthenticator(t) {
  await refused(t, "alreet.setAuth('whatever', 'wont-work'): refused while no authenticator is registered",
    'whatever', setAuth('whatever', 'wont-work'), NO_AUTHENTICATOR);
  await refused(t, "alreet.setAuth('edmund', 'langley'): even a known user is refused while no authenticator is registered",
    'edmund-early', setAuth('edmund', 'langley'), NO_AUTHENTICATOR);
}

async function main(t) {
  // --- logins through phpyork.auth ---
  const dynamic = (authid, authrole) => ({ realm: REALM, authid, authrole, authmethod: 'wampcra', authprovider: 'dynamic' });
  const seen = [];
  const edmund = await welcomed(t, "alreet.setAuth('edmund', 'langley'): Edmund of Langley joins as king",
    'edmund', setAuth('edmund', 'langley', seen), dynamic('edmund', 'king'));
  t.equal('the CHALLENGE of a dynamic principal carries no salt (phpyork.auth returned none)', seen[0].extra.salt, undefined);
  const edward = await welcomed(t, "alreet.setAuth('edward', 'norwich'): Edward of Norwich joins as prince",
    'edward', setAuth('edward', 'norwich'), dynamic('edward', 'prince'));
  const cecily = await welcomed(t, "login('cecily', ...) then alreet.connect(): a user of the app joins as serf with her token",
    'cecily', setAuth('cecily', 'c3c1ly-t0k3n'), dynamic('cecily', 'serf'));

  await refused(t, "alreet.setAuth('whatever', 'abc'): an unknown user is banished with an empty secret, so a signature with 'abc' is refused",
    'whatever', setAuth('whatever', 'abc'), 'wamp.error.not_authorized');
  await refused(t, 'edmund with the wrong password is refused', 'edmund-wrong',
    setAuth('edmund', 'norwich'), 'wamp.error.not_authorized');
  await refused(t, "the internal principal 'authenticator' with its own secret is refused on the public transport",
    'authenticator-public', setAuth('authenticator', 'authenticator-kZ%3g@JR1oXb'), 'wamp.error.not_authorized');
  await refused(t, 'a browser user is refused on the internal transport (static users: authenticator only)',
    'edmund-internal', { ...setAuth('edmund', 'langley'), url: internalUrl }, 'wamp.error.not_authorized');
  await refused(t, 'an anonymous HELLO is refused on the internal transport', 'anonymous-internal',
    { realm: REALM, url: internalUrl }, ['wamp.error.no_auth_method', 'wamp.error.not_authorized']);

  // --- banished: "an unknown user cannot get a role with permissions even should they find a hole" ---
  // phpyork.auth answers unknown users {role: 'banished', secret: ''}. Crossbar.io verifies a
  // signature made with the empty key, so such a client joins as banished and may do nothing;
  // a router that never verifies an empty secret refuses it instead. Either way: nothing.
  let banished = null;
  let refusal = null;
  try {
    banished = await connect('banished', setAuth('nobody', ''));
  } catch (closed) {
    if (closed instanceof Error) {
      throw closed;
    }
    refusal = closed;
  }
  if (refusal) {
    t.equal('an unknown user signing with the empty secret is refused (the empty secret never verifies)',
      refusal.details && refusal.details.reason, 'wamp.error.not_authorized');
  } else {
    t.equal('an unknown user signing with the empty secret joins, but as banished',
      [banished.authid, banished.authrole], ['nobody', 'banished']);
    await notAuthorized(t, 'banished may not subscribe to test', banished.session.subscribe('test', () => {}));
    await notAuthorized(t, `banished may not subscribe to ${CHAT}`, banished.session.subscribe(CHAT, () => {}));
    await notAuthorized(t, `banished may not publish to ${CHAT}`,
      banished.session.publish(CHAT, ['hello'], {}, { acknowledge: true }));
    await notAuthorized(t, 'banished may not call phpyork.auth', banished.session.call('phpyork.auth', [REALM, 'nobody', {}]));
    await notAuthorized(t, 'banished may not register', banished.session.register('phpyork.banished', () => 0));
  }

  // --- king: static permissions on the phpyork. prefix ---
  const kingEvents = new Queue('edmund chat events');
  await subscribed(t, `king may subscribe to ${CHAT}`, edmund, CHAT, kingEvents);
  await notAuthorized(t, "king may not subscribe to 'test' (outside phpyork.)", edmund.session.subscribe('test', () => {}));
  await notAuthorized(t, 'king may not call (call: false), though phpyork.auth is registered',
    edmund.session.call('phpyork.auth', [REALM, 'edmund', {}]));
  await notAuthorized(t, 'king may not register (register: false)', edmund.session.register('phpyork.king', () => 0));

  // --- prince: phpyork.permissions decides ---
  await notAuthorized(t, "alreet.sub() as prince: 'test' is refused by phpyork.permissions", edward.session.subscribe('test', () => {}));
  const princeEvents = new Queue('edward chat events');
  await subscribed(t, `alreet.sub(null, '${CHAT}') as prince works`, edward, CHAT, princeEvents);
  const ack = await t.resolves(`prince may publish to ${CHAT} (acknowledged)`,
    edward.session.publish(CHAT, ['Hello from Norwich'], {}, { acknowledge: true }));
  const fromEdward = await kingEvents.take();
  t.equal("the king receives the prince's message", [fromEdward.args, fromEdward.details.publication], [['Hello from Norwich'], ack.id]);
  t.equal('phpyork.permissions answered disclose: true, so the event names the prince',
    [fromEdward.details.publisher, fromEdward.details.publisher_authid, fromEdward.details.publisher_authrole],
    [edward.id, 'edward', 'prince']);
  await silent(t, 'the prince does not receive his own message (exclude_me by default)', princeEvents, 0.5);

  edmund.session.publish(CHAT, ['Hello from Langley']);
  const fromEdmund = await princeEvents.take();
  t.equal("the prince receives the king's message", fromEdmund.args, ['Hello from Langley']);
  t.equal('the king\'s permission discloses the publisher', [fromEdmund.details.publisher, fromEdmund.details.publisher_authid],
    [edmund.id, 'edmund']);

  await notAuthorized(t, "prince may not publish to 'test'", edward.session.publish('test', ['x'], {}, { acknowledge: true }));
  await notAuthorized(t, 'prince may not call phpyork.auth (lesson 4 rules: no calls)', edward.session.call('phpyork.auth', [REALM, 'edward', {}]));
  await notAuthorized(t, 'prince may not register', edward.session.register('phpyork.prince', () => 0));

  // --- serf: "all the same permissions as a prince" ---
  const serfEvents = new Queue('cecily chat events');
  await subscribed(t, `serf may subscribe to ${CHAT}.york`, cecily, `${CHAT}.york`, serfEvents);
  await notAuthorized(t, "serf may not subscribe to 'test'", cecily.session.subscribe('test', () => {}));
  edward.session.publish(`${CHAT}.york`, ['to the serfs'], {}, { acknowledge: true });
  const toSerf = await serfEvents.take();
  t.equal('serf receives the prince on phpyork.chat.york, with the publisher disclosed',
    [toSerf.args, toSerf.details.publisher_authid], [['to the serfs'], 'edward']);
}

scenario(`lesson4-${which}`, async (t) => (which === 'main' ? main(t) : noAuthenticator(t)));
