// Shared registrations: how calls are spread by the invocation policies roundrobin, first,
// last and random. Refused registrations are in shared-conflicts.js.

import { scenario, connect, uri, autobahn } from './lib/harness.js';

async function callees(count, label) {
  const out = [];
  for (let i = 0; i < count; i += 1) {
    out.push(await connect(`${label}-${i}`));
  }
  return out;
}

/** Registers `procedure` on each peer in order; each answers with its index. */
async function registerAll(peers, procedure, invoke) {
  const regs = [];
  for (const [index, peer] of peers.entries()) {
    regs.push(await peer.session.register(procedure, () => index, { invoke }));
  }
  return regs;
}

async function callN(caller, procedure, n) {
  const out = [];
  for (let i = 0; i < n; i += 1) {
    out.push(await caller.session.call(procedure));
  }
  return out;
}

scenario('shared', async (t) => {
  const caller = await connect('caller');

  // --- roundrobin ---
  const rr = await callees(3, 'roundrobin');
  const rrProc = uri('shared.roundrobin');
  const rrRegs = await registerAll(rr, rrProc, 'roundrobin');
  t.equal('every callee of a shared registration gets the same registration ID', rrRegs.map((r) => r.id), [rrRegs[0].id, rrRegs[0].id, rrRegs[0].id]);
  const rrSeq = await callN(caller, rrProc, 9);
  t.equal('roundrobin: each run of three calls reaches all three callees', [0, 3, 6].map((i) => [...rrSeq.slice(i, i + 3)].sort()), [[0, 1, 2], [0, 1, 2], [0, 1, 2]]);
  t.equal('roundrobin: the order repeats', rrSeq.slice(3), [...rrSeq.slice(0, 3), ...rrSeq.slice(0, 3)]);
  await rr[1].session.unregister(rrRegs[1]);
  const rrAfter = await callN(caller, rrProc, 4);
  t.ok('roundrobin after one callee left alternates between the other two',
    rrAfter.every((v) => v === 0 || v === 2) && rrAfter.every((v, i) => i === 0 || v !== rrAfter[i - 1]), `got ${rrAfter}`);

  // --- first / last ---
  const fl = await callees(3, 'standby');
  const firstProc = uri('shared.first');
  const firstRegs = await registerAll(fl, firstProc, 'first');
  t.equal('first: every call goes to the first registered callee', await callN(caller, firstProc, 3), [0, 0, 0]);
  await fl[0].session.unregister(firstRegs[0]);
  t.equal('first: when it leaves, the next in registration order takes over', await callN(caller, firstProc, 2), [1, 1]);

  const lastProc = uri('shared.last');
  const lastRegs = await registerAll(fl, lastProc, 'last');
  t.equal('last: every call goes to the last registered callee', await callN(caller, lastProc, 3), [2, 2, 2]);
  await fl[2].session.unregister(lastRegs[2]);
  t.equal('last: when it leaves, the one registered before it takes over', await callN(caller, lastProc, 2), [1, 1]);

  // --- random ---
  const rnd = await callees(3, 'random');
  const rndProc = uri('shared.random');
  await registerAll(rnd, rndProc, 'random');
  const rndSeq = await Promise.all([...Array(60).keys()].map(() => caller.session.call(rndProc)));
  const hits = [0, 1, 2].map((i) => rndSeq.filter((v) => v === i).length);
  t.ok('random: 60 calls reach every one of three callees', hits.every((h) => h > 0), `hits per callee: ${hits}`);
  t.ok('random: not a fixed order (no callee got every third call in turn)',
    !rndSeq.every((v, i) => i < 3 || v === rndSeq[i - 3]), `sequence ${rndSeq}`);

  // --- a callee that throws does not take the others down ---
  const flaky = await callees(2, 'flaky');
  const flakyProc = uri('shared.flaky');
  await flaky[0].session.register(flakyProc, () => { throw new autobahn.Error('io.natter.error.flaky', ['from 0']); }, { invoke: 'roundrobin' });
  await flaky[1].session.register(flakyProc, () => 'fine from 1', { invoke: 'roundrobin' });
  const outcomes = [];
  for (let i = 0; i < 4; i += 1) {
    outcomes.push(await caller.session.call(flakyProc).then((v) => v, (e) => e.error));
  }
  t.equal('errors from one shared callee go to its own callers only', [...outcomes].sort(),
    ['fine from 1', 'fine from 1', 'io.natter.error.flaky', 'io.natter.error.flaky']);
});
