// Pattern-based subscriptions and registrations: prefix and wildcard matching, the
// concrete topic or procedure in EVENT / INVOCATION details, and the dealer's precedence
// exact > longest prefix > wildcard.

import { scenario, connect, uri, Queue, recorder, WAIT_S } from './lib/harness.js';

scenario('patterns', async (t) => {
  const pub = await connect('publisher');
  const sub = await connect('subscriber');

  // --- subscriptions ---
  const base = uri('pat.room');
  const qPrefix = new Queue('prefix events');
  const qWild = new Queue('wildcard events');
  const qExact = new Queue('exact events');
  const sPrefix = await sub.session.subscribe(base, recorder(qPrefix), { match: 'prefix' });
  const sWild = await sub.session.subscribe(`${base}..update`, recorder(qWild), { match: 'wildcard' });
  const sExact = await sub.session.subscribe(`${base}.lobby.update`, recorder(qExact));
  t.ok('exact, prefix and wildcard subscriptions get distinct IDs',
    new Set([sPrefix.id, sWild.id, sExact.id]).size === 3, `got ${[sPrefix.id, sWild.id, sExact.id]}`);
  const sPrefixSameUri = await sub.session.subscribe(`${base}.lobby.update`, () => {}, { match: 'prefix' });
  t.ok('the same URI with another match policy is another subscription', sPrefixSameUri.id !== sExact.id);
  await sub.session.unsubscribe(sPrefixSameUri);

  const publish = (topic, payload) => pub.session.publish(topic, [payload], { topic }, { acknowledge: true });

  await publish(`${base}.lobby.update`, 'all-three');
  const ePrefix = await qPrefix.take();
  const eWild = await qWild.take();
  const eExact = await qExact.take();
  t.equal('prefix subscription gets the event with args and kwargs', [ePrefix.args, ePrefix.kwargs], [['all-three'], { topic: `${base}.lobby.update` }]);
  t.equal('prefix match: details.topic is the concrete topic', ePrefix.details.topic, `${base}.lobby.update`);
  t.equal('wildcard match: details.topic is the concrete topic', eWild.details.topic, `${base}.lobby.update`);
  t.equal('exact subscription gets the event too', eExact.args, ['all-three']);
  t.equal('one publication, one EVENT per matching subscription: same publication ID',
    [eWild.details.publication, eExact.details.publication], [ePrefix.details.publication, ePrefix.details.publication]);

  await publish(`${base}.kitchen.update`, 'prefix-and-wildcard');
  t.equal('prefix matches a deeper topic', (await qPrefix.take()).details.topic, `${base}.kitchen.update`);
  t.equal('wildcard matches any single component', (await qWild.take()).details.topic, `${base}.kitchen.update`);

  await publish(`${base}.kitchen.delete`, 'prefix-only');
  t.equal('prefix matches, the wildcard does not (last component differs)', (await qPrefix.take()).args, ['prefix-only']);

  await publish(`${base}.a.b.update`, 'prefix-only-2');
  t.equal('prefix matches, the wildcard does not (more components)', (await qPrefix.take()).args, ['prefix-only-2']);

  await publish(base, 'prefix-itself');
  t.equal('a prefix subscription matches its own URI', (await qPrefix.take()).details.topic, base);

  // The spec's example: prefix 'com.myapp.topic.emergency' also matches 'com.myapp.topic.emergency-low'.
  await publish(`${base}-annex.x`, 'string-prefix');
  t.equal('prefix matching is by string, not by whole components (spec example "emergency-low")', (await qPrefix.take()).details.topic, `${base}-annex.x`);

  await publish(uri('pat.elsewhere.lobby.update'), 'nobody');
  await publish(`${base}.end.update`, 'end');
  await qPrefix.take();
  const wildEnd = await qWild.take();
  t.equal('the wildcard saw nothing between its matching events', wildEnd.args, ['end']);
  t.equal('the exact subscription saw only its own topic', qExact.size, 0);
  t.equal('an unrelated topic reached no subscription', qPrefix.size + qWild.size, 0);

  const qTwoWild = new Queue('two-wildcard events');
  await sub.session.subscribe(uri('pat..x.'), recorder(qTwoWild), { match: 'wildcard' });
  await publish(uri('pat.q.x.z'), 'two-wildcards');
  t.equal('wildcard with two empty components matches component by component', (await qTwoWild.take()).details.topic, uri('pat.q.x.z'));

  // --- registrations ---
  const callee = await connect('callee');
  const caller = await connect('caller');
  const who = (name) => (args, kwargs, details) => ({ name, procedure: details.procedure, args });
  const proc = uri('pat.rpc');
  const rPrefix = await callee.session.register(`${proc}.user`, who('prefix user'), { match: 'prefix' });
  const rWild = await callee.session.register(`${proc}..get`, who('wildcard get'), { match: 'wildcard' });

  const viaPrefix = await caller.session.call(`${proc}.user.42.get`, ['a']);
  t.equal('prefix registration is invoked for a deeper procedure', viaPrefix.name, 'prefix user');
  t.equal('prefix registration: details.procedure is the called URI', viaPrefix.procedure, `${proc}.user.42.get`);
  t.equal('prefix registration: args pass through', viaPrefix.args, ['a']);

  const viaStringPrefix = await caller.session.call(`${proc}.user-admin.get`);
  t.equal('prefix registration matches by string too (spec example "myobject1-mysubobject1")',
    [viaStringPrefix.name, viaStringPrefix.procedure], ['prefix user', `${proc}.user-admin.get`]);

  const viaWild = await caller.session.call(`${proc}.room.get`);
  t.equal('wildcard registration is invoked', viaWild.name, 'wildcard get');
  t.equal('wildcard registration: details.procedure is the called URI', viaWild.procedure, `${proc}.room.get`);

  // precedence: exact > longest prefix > wildcard
  const target = `${proc}.user.get`;
  t.equal('prefix wins over wildcard', (await caller.session.call(target)).name, 'prefix user');
  const rExact = await callee.session.register(target, who('exact'));
  t.equal('exact wins over prefix and wildcard', (await caller.session.call(target)).name, 'exact');
  const rLonger = await callee.session.register(`${proc}.user.g`, who('longer prefix'), { match: 'prefix' });
  await callee.session.unregister(rExact);
  t.equal('the longest matching prefix wins', (await caller.session.call(target)).name, 'longer prefix');
  await callee.session.unregister(rLonger);
  t.equal('next the shorter prefix', (await caller.session.call(target)).name, 'prefix user');
  await callee.session.unregister(rPrefix);
  t.equal('with no prefix left, the wildcard', (await caller.session.call(target)).name, 'wildcard get');
  await callee.session.unregister(rWild);
  await t.rejects('with nothing left: wamp.error.no_such_procedure', caller.session.call(target), { error: 'wamp.error.no_such_procedure' }, WAIT_S);

  const other = await connect('other-callee');
  await callee.session.register(`${proc}.same`, who('prefix same'), { match: 'prefix' });
  await t.resolves('another session may register the same URI as exact', other.session.register(`${proc}.same`, who('exact same')));
  t.equal('the exact one answers its URI', (await caller.session.call(`${proc}.same`)).name, 'exact same');
  t.equal('the prefix one answers below it', (await caller.session.call(`${proc}.same.below`)).name, 'prefix same');
  await t.rejects('a second prefix registration of the same URI: wamp.error.procedure_already_exists',
    other.session.register(`${proc}.same`, who('again'), { match: 'prefix' }), { error: 'wamp.error.procedure_already_exists' });
});
