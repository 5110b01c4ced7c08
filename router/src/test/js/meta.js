// The session, subscription and registration meta API: events and procedures, with the
// argument shapes Crossbar.io uses.

import { scenario, connect, uri, Queue, recorder, WAIT_S } from './lib/harness.js';

const META_TOPICS = [
  'wamp.session.on_join', 'wamp.session.on_leave',
  'wamp.subscription.on_create', 'wamp.subscription.on_subscribe', 'wamp.subscription.on_unsubscribe', 'wamp.subscription.on_delete',
  'wamp.registration.on_create', 'wamp.registration.on_register', 'wamp.registration.on_unregister', 'wamp.registration.on_delete',
];

/** The next event on `queue` for which `pred(args)` holds; others are kept aside in `skipped`. */
async function nextWhere(queue, pred, seconds = WAIT_S) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const left = Math.max(0.05, (deadline - Date.now()) / 1000);
    const event = await queue.take(left);
    if (pred(event.args)) {
      return event;
    }
    (queue.skipped = queue.skipped || []).push(event);
  }
}

const about = (sessionId) => (args) => args[0] === sessionId || (args[0] && args[0].session === sessionId);

function isIsoTimestamp(value) {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

scenario('meta', async (t) => {
  const observer = await connect('observer');
  const q = {};
  const arrivals = []; // [topic, args] of every meta event, in arrival order
  for (const topic of META_TOPICS) {
    q[topic] = new Queue(topic);
    const record = recorder(q[topic]);
    await observer.session.subscribe(topic, (args, kwargs, details) => {
      arrivals.push([topic, args]);
      record(args, kwargs, details);
    });
  }
  const arrivedAt = (topic, args) => arrivals.findIndex(([t2, a2]) => t2 === topic && JSON.stringify(a2) === JSON.stringify(args));
  const inOrder = (first, second) => {
    const i = arrivedAt(...first);
    const j = arrivedAt(...second);
    return i >= 0 && j >= 0 && i < j;
  };
  const call = (procedure, ...args) => observer.session.call(procedure, args);

  // --- sessions ---
  const count0 = await call('wamp.session.count');
  const a = await connect('session-a');
  const joinA = await nextWhere(q['wamp.session.on_join'], about(a.id));
  t.equal('on_join: one positional argument, the session details', joinA.args.length, 1);
  const d = joinA.args[0];
  t.equal('on_join details: session, authid, authrole, authmethod',
    { session: d.session, authid: d.authid, authrole: d.authrole, authmethod: d.authmethod },
    { session: a.id, authid: a.authid, authrole: a.authrole, authmethod: 'anonymous' });
  t.ok('on_join details: authid and authrole are non-empty strings',
    typeof d.authid === 'string' && d.authid.length > 0 && typeof d.authrole === 'string' && d.authrole.length > 0, JSON.stringify(d));

  t.equal('wamp.session.count counts the new session', await call('wamp.session.count'), count0 + 1);
  const list = await call('wamp.session.list');
  t.ok('wamp.session.list lists both sessions', Array.isArray(list) && list.includes(a.id) && list.includes(observer.id), JSON.stringify(list));
  t.equal('wamp.session.list has as many entries as wamp.session.count', list.length, count0 + 1);
  t.equal('wamp.session.count with a role filter nobody matches', await call('wamp.session.count', ['natter-no-such-role']), 0);
  t.equal('wamp.session.list with a role filter nobody matches', await call('wamp.session.list', ['natter-no-such-role']), []);
  t.equal('wamp.session.count filtered by the sessions\' role', await call('wamp.session.count', [a.authrole]), count0 + 1);
  const got = await call('wamp.session.get', a.id);
  t.equal('wamp.session.get: session, authid, authrole, authmethod',
    { session: got.session, authid: got.authid, authrole: got.authrole, authmethod: got.authmethod },
    { session: a.id, authid: a.authid, authrole: a.authrole, authmethod: 'anonymous' });
  await t.rejects('wamp.session.get of an unknown session: wamp.error.no_such_session',
    call('wamp.session.get', 4503599627370495), { error: 'wamp.error.no_such_session' });

  // --- subscriptions ---
  const b = await connect('session-b');
  const topic = uri('meta.topic');
  const subA = await a.session.subscribe(topic, () => {});
  const created = await nextWhere(q['wamp.subscription.on_create'], about(a.id));
  t.equal('subscription.on_create: [session, details]', created.args.length, 2);
  const sd = created.args[1];
  t.equal('subscription.on_create details: id, uri, match', { id: sd.id, uri: sd.uri, match: sd.match }, { id: subA.id, uri: topic, match: 'exact' });
  t.ok('subscription.on_create details: created is an ISO 8601 timestamp', isIsoTimestamp(sd.created), JSON.stringify(sd.created));
  t.equal('subscription.on_subscribe: [session, subscription ID]', (await nextWhere(q['wamp.subscription.on_subscribe'], about(a.id))).args, [a.id, subA.id]);

  t.ok('on_create arrives before on_subscribe', inOrder(['wamp.subscription.on_create', created.args], ['wamp.subscription.on_subscribe', [a.id, subA.id]]),
    JSON.stringify(arrivals.slice(-4)));

  const subB = await b.session.subscribe(topic, () => {});
  t.equal('second subscriber: on_subscribe [session, same subscription ID]', (await nextWhere(q['wamp.subscription.on_subscribe'], about(b.id))).args, [b.id, subA.id]);
  t.equal('second subscriber: same subscription ID', subB.id, subA.id);
  t.equal('wamp.subscription.list_subscribers: both sessions', [...await call('wamp.subscription.list_subscribers', subA.id)].sort(), [a.id, b.id].sort());
  t.equal('wamp.subscription.count_subscribers: 2', await call('wamp.subscription.count_subscribers', subA.id), 2);
  const sget = await call('wamp.subscription.get', subA.id);
  t.equal('wamp.subscription.get: id, uri, match', { id: sget.id, uri: sget.uri, match: sget.match }, { id: subA.id, uri: topic, match: 'exact' });
  t.equal('wamp.subscription.get: created as in on_create', sget.created, sd.created);
  t.equal('wamp.subscription.lookup(topic): the subscription ID', await call('wamp.subscription.lookup', topic), subA.id);
  t.equal('wamp.subscription.lookup(topic, {match: prefix}): none', await call('wamp.subscription.lookup', topic, { match: 'prefix' }), null);
  t.equal('wamp.subscription.match(topic): [subscription ID]', await call('wamp.subscription.match', topic), [subA.id]);
  const slist = await call('wamp.subscription.list');
  t.ok('wamp.subscription.list: {exact, prefix, wildcard} with the ID under exact',
    slist && Array.isArray(slist.exact) && Array.isArray(slist.prefix) && Array.isArray(slist.wildcard) && slist.exact.includes(subA.id), JSON.stringify(slist));
  await t.rejects('wamp.subscription.get of an unknown ID: wamp.error.no_such_subscription',
    call('wamp.subscription.get', 4503599627370495), { error: 'wamp.error.no_such_subscription' });
  await t.rejects('wamp.subscription.list_subscribers of an unknown ID: wamp.error.no_such_subscription',
    call('wamp.subscription.list_subscribers', 4503599627370495), { error: 'wamp.error.no_such_subscription' });

  const prefixSub = await b.session.subscribe(uri('meta.pfx'), () => {}, { match: 'prefix' });
  const createdPrefix = await nextWhere(q['wamp.subscription.on_create'], about(b.id));
  t.equal('prefix subscription on_create: match prefix', [createdPrefix.args[1].id, createdPrefix.args[1].uri, createdPrefix.args[1].match], [prefixSub.id, uri('meta.pfx'), 'prefix']);
  t.equal('wamp.subscription.match(deeper topic): [prefix subscription ID]',
    [...await call('wamp.subscription.match', uri('meta.pfx.deeper'))], [prefixSub.id]);

  await b.session.unsubscribe(subB);
  t.equal('on_unsubscribe: [session, subscription ID]', (await nextWhere(q['wamp.subscription.on_unsubscribe'], about(b.id))).args, [b.id, subA.id]);
  t.equal('list_subscribers after one left', await call('wamp.subscription.list_subscribers', subA.id), [a.id]);
  await a.session.unsubscribe(subA);
  t.equal('last subscriber: on_unsubscribe', (await nextWhere(q['wamp.subscription.on_unsubscribe'], about(a.id))).args, [a.id, subA.id]);
  t.equal('last subscriber: on_delete [session, subscription ID]', (await nextWhere(q['wamp.subscription.on_delete'], about(a.id))).args, [a.id, subA.id]);
  t.ok('on_unsubscribe arrives before on_delete',
    inOrder(['wamp.subscription.on_unsubscribe', [a.id, subA.id]], ['wamp.subscription.on_delete', [a.id, subA.id]]), JSON.stringify(arrivals.slice(-4)));
  t.equal('after on_delete, lookup finds nothing', await call('wamp.subscription.lookup', topic), null);
  await t.rejects('after on_delete, list_subscribers: wamp.error.no_such_subscription',
    call('wamp.subscription.list_subscribers', subA.id), { error: 'wamp.error.no_such_subscription' });
  t.equal('on_create was published once for the topic, not per subscriber',
    [...(q['wamp.subscription.on_create'].skipped || []), ...q['wamp.subscription.on_create'].items].filter((e) => e.args[1] && e.args[1].uri === topic).length, 0);

  // --- registrations ---
  const proc = uri('meta.proc');
  const regA = await a.session.register(proc, () => 'a', { invoke: 'roundrobin' });
  const rcreated = await nextWhere(q['wamp.registration.on_create'], about(a.id));
  t.equal('registration.on_create: [session, details]', rcreated.args.length, 2);
  const rd = rcreated.args[1];
  t.equal('registration.on_create details: id, uri, match, invoke', { id: rd.id, uri: rd.uri, match: rd.match, invoke: rd.invoke }, { id: regA.id, uri: proc, match: 'exact', invoke: 'roundrobin' });
  t.ok('registration.on_create details: created is an ISO 8601 timestamp', isIsoTimestamp(rd.created), JSON.stringify(rd.created));
  t.equal('registration.on_register: [session, registration ID]', (await nextWhere(q['wamp.registration.on_register'], about(a.id))).args, [a.id, regA.id]);
  t.ok('registration.on_create arrives before on_register',
    inOrder(['wamp.registration.on_create', rcreated.args], ['wamp.registration.on_register', [a.id, regA.id]]), JSON.stringify(arrivals.slice(-4)));
  const regB = await b.session.register(proc, () => 'b', { invoke: 'roundrobin' });
  t.equal('second callee: on_register with the same registration ID', (await nextWhere(q['wamp.registration.on_register'], about(b.id))).args, [b.id, regA.id]);
  t.equal('wamp.registration.list_callees: both', [...await call('wamp.registration.list_callees', regA.id)].sort(), [a.id, b.id].sort());
  t.equal('wamp.registration.count_callees: 2', await call('wamp.registration.count_callees', regA.id), 2);
  const rget = await call('wamp.registration.get', regA.id);
  t.equal('wamp.registration.get: id, uri, match, invoke', { id: rget.id, uri: rget.uri, match: rget.match, invoke: rget.invoke }, { id: regA.id, uri: proc, match: 'exact', invoke: 'roundrobin' });
  t.equal('wamp.registration.lookup(procedure): the registration ID', await call('wamp.registration.lookup', proc), regA.id);
  t.equal('wamp.registration.match(procedure): the registration ID', await call('wamp.registration.match', proc), regA.id);
  t.equal('wamp.registration.match of an unknown procedure: none', await call('wamp.registration.match', uri('meta.nothing')), null);
  const rlist = await call('wamp.registration.list');
  t.ok('wamp.registration.list: {exact, prefix, wildcard} with the ID under exact',
    rlist && Array.isArray(rlist.exact) && Array.isArray(rlist.prefix) && Array.isArray(rlist.wildcard) && rlist.exact.includes(regA.id), JSON.stringify(rlist));
  await t.rejects('wamp.registration.get of an unknown ID: wamp.error.no_such_registration',
    call('wamp.registration.get', 4503599627370495), { error: 'wamp.error.no_such_registration' });

  await b.session.unregister(regB);
  t.equal('registration.on_unregister: [session, registration ID]', (await nextWhere(q['wamp.registration.on_unregister'], about(b.id))).args, [b.id, regA.id]);
  t.equal('list_callees after one left', await call('wamp.registration.list_callees', regA.id), [a.id]);

  // --- the router takes a subscription or a registration away, or kills a session ---
  const revokedTopic = uri('meta.revoked');
  const revokedSub = await b.session.subscribe(revokedTopic, () => {});
  await call('wamp.subscription.remove_subscriber', revokedSub.id, b.id, 'io.natter.reason.removed');
  t.equal('remove_subscriber: the subscriber learns it with the reason (UNSUBSCRIBED with details)',
    await t.resolves('remove_subscriber: revocation reaches the subscriber', revokedSub.on_unsubscribe), 'io.natter.reason.removed');
  t.equal('remove_subscriber: on_unsubscribe [session, subscription ID]',
    (await nextWhere(q['wamp.subscription.on_unsubscribe'], (args) => args[0] === b.id && args[1] === revokedSub.id)).args, [b.id, revokedSub.id]);
  t.equal('remove_subscriber: the subscription is gone', await call('wamp.subscription.lookup', revokedTopic), null);

  const revokedProc = uri('meta.revoked-proc');
  const revokedReg = await b.session.register(revokedProc, () => 'still here');
  await call('wamp.registration.remove_callee', revokedReg.id, b.id, 'io.natter.reason.removed');
  t.equal('remove_callee: the callee learns it with the reason (UNREGISTERED with details)',
    await t.resolves('remove_callee: revocation reaches the callee', revokedReg.on_unregister), 'io.natter.reason.removed');
  await t.rejects('remove_callee: the procedure is gone', call(revokedProc), { error: 'wamp.error.no_such_procedure' });

  const victim = await connect('session-to-kill');
  const victimId = victim.id;
  await call('wamp.session.kill', victimId, 'io.natter.close.kicked', 'bye');
  const killed = await t.resolves('wamp.session.kill: the session is closed', victim.closed);
  t.equal('wamp.session.kill: GOODBYE carries the reason and message', [killed.details.reason, killed.details.message], ['io.natter.close.kicked', 'bye']);
  t.equal('wamp.session.kill: on_leave for the killed session', (await nextWhere(q['wamp.session.on_leave'], about(victimId))).args[0], victimId);
  await t.rejects('wamp.session.kill of an unknown session: wamp.error.no_such_session',
    call('wamp.session.kill', 4503599627370495), { error: 'wamp.error.no_such_session' });

  // --- a session that leaves with a subscription and a registration ---
  const leftTopic = uri('meta.left-behind');
  const subLeft = await a.session.subscribe(leftTopic, () => {});
  await nextWhere(q['wamp.subscription.on_create'], about(a.id));
  const aId = a.id;
  const aAuthid = a.authid;
  const aAuthrole = a.authrole;
  await a.close();
  t.equal('on_leave: [session, authid, authrole]', (await nextWhere(q['wamp.session.on_leave'], about(aId))).args, [aId, aAuthid, aAuthrole]);
  t.equal('leaving session: registration.on_unregister', (await nextWhere(q['wamp.registration.on_unregister'], about(aId))).args, [aId, regA.id]);
  t.equal('leaving session: registration.on_delete', (await nextWhere(q['wamp.registration.on_delete'], about(aId))).args, [aId, regA.id]);
  const unsubs = [(await nextWhere(q['wamp.subscription.on_unsubscribe'], about(aId))).args];
  t.equal('leaving session: subscription.on_unsubscribe', unsubs, [[aId, subLeft.id]]);
  t.equal('leaving session: subscription.on_delete', (await nextWhere(q['wamp.subscription.on_delete'], about(aId))).args, [aId, subLeft.id]);
  t.equal('after leaving: wamp.registration.lookup finds nothing', await call('wamp.registration.lookup', proc), null);
  await t.rejects('after leaving: wamp.session.get: wamp.error.no_such_session', call('wamp.session.get', aId), { error: 'wamp.error.no_such_session' });
  t.equal('after leaving: wamp.session.count is back', await call('wamp.session.count'), count0 + 1);

  // The observer's own subscriptions are to wamp.* topics: the meta API is silent about them.
  t.equal('no meta events about subscriptions to the meta topics themselves',
    arrivals.filter(([, args]) => args[1] && typeof args[1].uri === 'string' && args[1].uri.startsWith('wamp.')).map(([, args]) => args[1].uri), []);
});
