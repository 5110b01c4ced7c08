// Shared registrations that the dealer must refuse: a second callee on a 'single'
// registration, and a callee whose invocation policy differs from the existing one.
//
// A policy mismatch is refused with wamp.error.procedure_exists_with_different_invocation_policy,
// the URI Crossbar.io (and Autobahn's ApplicationError.PROCEDURE_EXISTS_INVOCATION_POLICY_CONFLICT)
// uses; the spec only says the dealer MUST fail the registration.

import { scenario, connect, uri } from './lib/harness.js';

async function callN(caller, procedure, n) {
  const out = [];
  for (let i = 0; i < n; i += 1) {
    out.push(await caller.session.call(procedure));
  }
  return out;
}

scenario('shared-conflicts', async (t) => {
  const caller = await connect('caller');
  const rr = [await connect('callee-0'), await connect('callee-1'), await connect('callee-2')];

  // --- a 'single' registration takes no second callee, whatever it asks for ---
  const singleProc = uri('shared.single');
  await rr[0].session.register(singleProc, () => 'only');
  await t.rejects('single (default): a second callee is refused with wamp.error.procedure_already_exists',
    rr[1].session.register(singleProc, () => 'second', { invoke: 'single' }), { error: 'wamp.error.procedure_already_exists' });
  await t.rejects('single: a second callee asking for roundrobin is refused with wamp.error.procedure_already_exists',
    rr[1].session.register(singleProc, () => 'second', { invoke: 'roundrobin' }), { error: 'wamp.error.procedure_already_exists' });
  t.equal('single: the first callee still answers', await caller.session.call(singleProc), 'only');

  // --- a shared registration takes only callees asking for the same policy ---
  const mismatch = uri('shared.mismatch');
  await rr[0].session.register(mismatch, () => 'rr', { invoke: 'roundrobin' });
  for (const invoke of ['random', 'first', 'last', 'single']) {
    await t.rejects(`roundrobin registration, a callee asking for ${invoke} is refused (procedure_exists_with_different_invocation_policy)`,
      rr[1].session.register(mismatch, () => invoke, { invoke }), { error: 'wamp.error.procedure_exists_with_different_invocation_policy' });
  }
  await t.resolves('a callee asking for the same policy joins', rr[2].session.register(mismatch, () => 'rr2', { invoke: 'roundrobin' }));
  const both = await callN(caller, mismatch, 2);
  t.equal('both roundrobin callees answer', [...both].sort(), ['rr', 'rr2']);
});
