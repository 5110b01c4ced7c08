// Remote procedure calls: results and application errors with args and kwargs, dealer
// errors, caller identification, progressive results, call timeout and call canceling.
//
// Autobahn|JS 26 announces neither call_canceling nor call_timeout for its callee role, so
// per the spec ("If the callee does not support call canceling, then behavior is skip";
// dealer-initiated timeouts use mode skip for such callees) the router must never send it
// INTERRUPT, must answer the caller with ERROR at once, and must drop the callee's late
// YIELD.

import { scenario, connect, uri, autobahn, Queue, WAMP, sleep, settle, eventually } from './lib/harness.js';

const ARGS = ['call', 7, -1.5, true, null, ['a', ['b']], { k: 'v' }, 'ünïcødé ✓', 2 ** 53 - 1];
const KWARGS = { name: 'natter', nested: { list: [1, 2, 3], none: null }, yes: true };

/** Starts a call and returns the Autobahn|JS promise together with its CALL request ID. */
function callTracked(peer, procedure, args, kwargs, options) {
  const before = new Set(Object.keys(peer.session._call_reqs));
  const promise = peer.session.call(procedure, args, kwargs, options);
  const request = Object.keys(peer.session._call_reqs).find((k) => !before.has(k));
  return { promise, request: Number(request) };
}


scenario('rpc', async (t) => {
  const callee = await connect('callee');
  const caller = await connect('caller');
  const other = await connect('other-callee');
  // Autobahn|JS 26 settles a skip or killnowait call locally the moment it sends CANCEL and
  // treats any later ERROR for it as a protocol violation; like Crossbar, the router sends none.
  caller.canceled = new Set();

  // --- results with args and kwargs ---
  const invocations = new Queue('echo invocations');
  const echo = uri('rpc.echo');
  const reg = await callee.session.register(echo, (args, kwargs, details) => {
    invocations.push({ args, kwargs, details });
    return new autobahn.Result(args, kwargs);
  });
  t.id('REGISTERED carries a registration ID', reg.id);

  const echoed = await t.resolves('call with args and kwargs returns', caller.session.call(echo, ARGS, KWARGS));
  const inv = await invocations.take();
  t.equal('callee gets args unchanged', inv.args, ARGS);
  t.equal('callee gets kwargs unchanged', inv.kwargs, KWARGS);
  t.equal('caller gets result args unchanged', echoed.args, ARGS);
  t.equal('caller gets result kwargs unchanged', echoed.kwargs, KWARGS);
  t.equal('caller not disclosed unless asked', inv.details.caller, undefined);
  t.equal('callee gets no progress channel unless the caller asked', inv.details.progress, null);

  const kwOnly = await caller.session.call(echo, [], { only: 'kwargs' });
  await invocations.take();
  t.equal('kwargs-only call and result', [kwOnly.args, kwOnly.kwargs], [[], { only: 'kwargs' }]);

  const single = uri('rpc.single');
  await callee.session.register(single, (args) => args[0] * 2);
  t.equal('single positional result', await caller.session.call(single, [21]), 42);

  t.equal('a session may call a procedure it registered itself', await callee.session.call(single, [4]), 8);

  // --- many calls in flight are answered each with its own result ---
  const slowEcho = uri('rpc.slow-echo');
  await callee.session.register(slowEcho, async (args) => {
    await sleep((args[0] % 5) * 0.02);
    return args[0];
  });
  const many = await Promise.all([...Array(20).keys()].map((i) => caller.session.call(slowEcho, [i])));
  t.equal('20 concurrent calls each get their own result', many, [...Array(20).keys()]);

  // --- caller identification ---
  await caller.session.call(echo, ['who'], {}, { disclose_me: true });
  const disclosed = await invocations.take();
  t.equal('disclose_me: details.caller is the caller session ID', disclosed.details.caller, caller.id);
  t.equal('disclose_me: details.caller_authid', disclosed.details.caller_authid, caller.authid);
  t.equal('disclose_me: details.caller_authrole', disclosed.details.caller_authrole, caller.authrole);

  // --- application errors reach the caller with URI, args and kwargs ---
  const failing = uri('rpc.failing');
  await callee.session.register(failing, (args) => {
    if (args[0] === 'bare') {
      throw new autobahn.Error('io.natter.error.bare');
    }
    throw new autobahn.Error('io.natter.error.invalid_thing', ['bad', 42, { nested: [1] }], { field: 'name', reasons: ['a', 'b'] });
  });
  await t.rejects('application error with args and kwargs reaches the caller', caller.session.call(failing, ['full']),
    { error: 'io.natter.error.invalid_thing', args: ['bad', 42, { nested: [1] }], kwargs: { field: 'name', reasons: ['a', 'b'] } });
  await t.rejects('application error without payload reaches the caller', caller.session.call(failing, ['bare']),
    { error: 'io.natter.error.bare', args: [], kwargs: {} });

  // --- dealer errors ---
  await t.rejects('call of an unregistered procedure: wamp.error.no_such_procedure',
    caller.session.call(uri('rpc.nobody-home')), { error: 'wamp.error.no_such_procedure' });
  await t.rejects('second registration of the same procedure: wamp.error.procedure_already_exists',
    other.session.register(echo, () => 'usurper'), { error: 'wamp.error.procedure_already_exists' });
  await t.rejects('same session registering twice: wamp.error.procedure_already_exists',
    callee.session.register(echo, () => 'twice'), { error: 'wamp.error.procedure_already_exists' });
  await t.rejects('register an invalid procedure URI: wamp.error.invalid_uri',
    callee.session.register('io.natter..bad', () => 0), { error: 'wamp.error.invalid_uri' });
  await t.rejects('call an invalid procedure URI: wamp.error.invalid_uri',
    caller.session.call('io.natter. bad'), { error: 'wamp.error.invalid_uri' });

  await callee.session.unregister(reg);
  await t.rejects('after UNREGISTERED the procedure is gone: wamp.error.no_such_procedure',
    caller.session.call(echo, ['x']), { error: 'wamp.error.no_such_procedure' });
  await other.session.register(echo, () => 'new owner');
  t.equal('after UNREGISTERED another session may register the procedure', await caller.session.call(echo), 'new owner');

  // --- progressive call results ---
  const progressive = uri('rpc.progressive');
  const progressInvocations = new Queue('progressive invocations');
  await callee.session.register(progressive, async (args, kwargs, details) => {
    progressInvocations.push({ hasProgress: typeof details.progress === 'function' });
    if (details.progress) {
      details.progress(['p1']);
      details.progress(['p2'], { i: 2 });
      details.progress([], { i: 3 });
    }
    await sleep(0.05);
    return new autobahn.Result(['done'], { final: true });
  });
  const progress = [];
  const final = await t.resolves('progressive call resolves',
    caller.session.call(progressive, [], {}, { receive_progress: true }).then(null, null, (p) => progress.push(p)));
  t.equal('callee gets a progress channel when the caller set receive_progress', (await progressInvocations.take()).hasProgress, true);
  t.equal('caller gets every progressive result in order with args and kwargs',
    progress.map((p) => (p instanceof autobahn.Result ? { args: p.args, kwargs: p.kwargs } : p)),
    ['p1', { args: ['p2'], kwargs: { i: 2 } }, { args: [], kwargs: { i: 3 } }]);
  t.equal('final result after the progressive ones', [final.args, final.kwargs], [['done'], { final: true }]);
  const plain = await caller.session.call(progressive);
  t.equal('without receive_progress the callee gets no progress channel', (await progressInvocations.take()).hasProgress, false);
  t.equal('without receive_progress the caller gets only the final result', [plain.args, plain.kwargs], [['done'], { final: true }]);

  const failingLate = uri('rpc.progress-then-error');
  await callee.session.register(failingLate, (args, kwargs, details) => {
    details.progress(['step 1']);
    throw new autobahn.Error('io.natter.error.gave_up', ['after step 1'], { step: 1 });
  });
  const progressBeforeError = [];
  await t.rejects('progressive call ending in an application error: error, args, kwargs reach the caller',
    caller.session.call(failingLate, [], {}, { receive_progress: true }).then(null, null, (p) => progressBeforeError.push(p)),
    { error: 'io.natter.error.gave_up', args: ['after step 1'], kwargs: { step: 1 } });
  t.equal('the progressive result before the error reached the caller', progressBeforeError, ['step 1']);

  // --- call timeout (dealer-initiated: the callee does not announce call_timeout) ---
  const slow = uri('rpc.slow');
  const slowInvocations = new Queue('slow invocations');
  // Long enough that "at once" is unmistakable on a loaded machine.
  const SLOW_S = 2.5;
  await callee.session.register(slow, async (args) => {
    slowInvocations.push(args[0]);
    await sleep(SLOW_S);
    return `late-${args[0]}`;
  });
  const startedAt = Date.now();
  const timed = callTracked(caller, slow, ['timeout'], {}, { timeout: 400 });
  await t.rejects('call with timeout=400ms on a slow callee fails with wamp.error.timeout', timed.promise, { error: 'wamp.error.timeout' }, SLOW_S + 1);
  const elapsed = (Date.now() - startedAt) / 1000;
  t.ok('the timeout fired after about 400ms, well before the callee answered', elapsed >= 0.35 && elapsed < SLOW_S - 0.5, `took ${elapsed}s`);
  t.equal('the callee was invoked', await slowInvocations.take(), 'timeout');
  t.equal('a call with a generous timeout completes normally', await caller.session.call(single, [5], {}, { timeout: 5000 }), 10);

  // --- call canceling in each mode ---
  for (const mode of ['skip', 'kill', 'killnowait']) {
    const call = callTracked(caller, slow, [mode]);
    t.equal(`cancel ${mode}: the callee was invoked`, await slowInvocations.take(), mode);
    caller.canceled.add(call.request);
    const canceledAt = Date.now();
    call.promise.cancel({ mode });
    const outcome = await settle(call.promise, SLOW_S + 1, `call canceled with mode ${mode}`);
    t.ok(`cancel ${mode}: the call fails, not succeeds`, !outcome.ok, `resolved with ${JSON.stringify(outcome.value)}`);
    if (mode === 'kill') {
      t.equal('cancel kill: the router answers ERROR wamp.error.canceled', outcome.error.error, 'wamp.error.canceled');
    } else {
      t.equal(`cancel ${mode}: Autobahn|JS rejects the call itself (autobahn.Error "Cancelled")`, outcome.error.error, "Cancelled");
    }
    const errors = () => caller.received(WAMP.ERROR).filter((m) => m[1] === WAMP.CALL && m[2] === call.request);
    if (mode === 'kill') {
      // Autobahn|JS keeps a kill-mode call pending until the router answers; the callee cannot
      // be interrupted (no call_canceling), so the router answers at once.
      t.ok('cancel kill: ERROR came at once, not after the callee finished', (Date.now() - canceledAt) / 1000 < SLOW_S - 0.5, `took ${(Date.now() - canceledAt) / 1000}s`);
      t.equal('cancel kill: exactly one ERROR wamp.error.canceled on the wire', errors().map((m) => m[4]), ['wamp.error.canceled']);
    } else {
      await sleep(SLOW_S - (Date.now() - canceledAt) / 1000 + 0.3); // past the callee's late answer
      t.equal(`cancel ${mode}: no ERROR on the wire (Autobahn|JS failed the call itself)`, errors(), []);
      t.ok(`cancel ${mode}: the caller's session is still open`, caller.isOpen);
    }
  }
  await sleep(SLOW_S); // every canceled invocation has now yielded its late result
  const canceledRequests = [...caller.canceled, timed.request];
  t.equal('no RESULT reaches the caller for timed-out or canceled calls',
    caller.received(WAMP.RESULT).filter((m) => canceledRequests.includes(m[1])), []);
  t.equal('no INTERRUPT was sent to a callee that does not announce call_canceling', callee.received(WAMP.INTERRUPT), []);
  t.ok('caller and callee sessions are still open', caller.isOpen && callee.isOpen);
  t.equal('the procedure still works after cancellations', await caller.session.call(single, [8]), 16);

  // --- a caller that leaves with a call in flight ---
  const leaver = await connect('leaving-caller');
  leaver.session.call(slow, ['abandoned']).then(() => {}, () => {});
  t.equal('abandoned call: the callee was invoked', await slowInvocations.take(), 'abandoned');
  await leaver.close();
  await sleep(SLOW_S + 0.3); // the callee yields into the void
  t.equal('abandoned call: no INTERRUPT to a callee without call_canceling', callee.received(WAMP.INTERRUPT), []);
  t.ok('abandoned call: the callee\'s late YIELD does not cost it its session', callee.isOpen);
  t.equal('abandoned call: the callee keeps serving', await caller.session.call(single, [1]), 2);

  // --- a callee that leaves with an invocation in flight ---
  const quitter = await connect('quitting-callee');
  const quitting = uri('rpc.quitting');
  const quitInvocations = new Queue('quitting invocations');
  await quitter.session.register(quitting, () => {
    quitInvocations.push(true);
    return new Promise(() => {});
  });
  const orphan = caller.session.call(quitting);
  await quitInvocations.take();
  await quitter.close();
  await t.rejects('callee leaving with the call in flight: the caller gets ERROR wamp.error.canceled',
    orphan, { error: 'wamp.error.canceled' }, 3);
  await t.rejects('the procedure of a departed callee is gone', caller.session.call(quitting), { error: 'wamp.error.no_such_procedure' });
});
