// Publish & subscribe: payloads, publisher exclusion, acknowledgement, publisher
// identification, subscriber black- and whitelisting, ordering, URI checks.

import { scenario, connect, uri, settings, Queue, recorder, WAIT_S, WAMP } from './lib/harness.js';

// Everything both serializers must carry unchanged: nesting, unicode, floats, negative
// and large integers, booleans, null, empty containers.
const ARGS = ['hello', 42, -7, 3.25, true, false, null, [], {}, ['nested', [1, 2, [3]]], 'ünïcødé ✓ 日本語 🚀', 2 ** 53 - 1];
const KWARGS = { text: 'hi', count: 3, ratio: 0.5, flag: false, nothing: null, list: [1, 'two', { three: 3 }], map: { deep: { deeper: ['x'] } }, empty: {} };

/**
 * Publishes `marker` to `topic` and waits until every queue saw it; what each queue held
 * before the marker is returned. Events from one publisher reach a subscriber in order, so
 * an event published before the marker that is not there was not delivered.
 */
async function untilMarker(publisher, topic, queues) {
  const marker = `marker-${Math.random().toString(36).slice(2)}`;
  await publisher.session.publish(topic, [marker], {}, { acknowledge: true, exclude_me: false });
  const before = [];
  for (const queue of queues) {
    const seen = [];
    for (;;) {
      const event = await queue.take(WAIT_S);
      if (event.args[0] === marker) {
        break;
      }
      seen.push(event.args[0]);
    }
    before.push(seen);
  }
  return before;
}

scenario('pubsub', async (t) => {
  const pub = await connect('publisher');
  const subA = await connect('subscriber-a');
  const subB = await connect('subscriber-b');
  t.equal('publisher negotiated the requested subprotocol', pub.protocol, `wamp.2.${settings.serializer}`);

  // --- args and kwargs reach every subscriber unchanged ---
  const topic = uri('pubsub.payload');
  const qA = new Queue('subscriber-a events');
  const qB = new Queue('subscriber-b events');
  const sA = await subA.session.subscribe(topic, recorder(qA));
  const sB = await subB.session.subscribe(topic, recorder(qB));
  t.id('SUBSCRIBED carries a subscription ID', sA.id);
  t.equal('two sessions subscribing the same topic share one subscription ID', sB.id, sA.id);

  const pubd = await t.resolves('acknowledged publish resolves', pub.session.publish(topic, ARGS, KWARGS, { acknowledge: true }));
  t.id('PUBLISHED carries a publication ID', pubd.id);
  const eA = await qA.take();
  const eB = await qB.take();
  t.equal('subscriber A gets args unchanged', eA.args, ARGS);
  t.equal('subscriber A gets kwargs unchanged', eA.kwargs, KWARGS);
  t.equal('subscriber B gets args unchanged', eB.args, ARGS);
  t.equal('subscriber B gets kwargs unchanged', eB.kwargs, KWARGS);
  t.equal('EVENT publication ID equals the PUBLISHED one', eA.details.publication, pubd.id);
  t.equal('both subscribers see the same publication ID', eB.details.publication, pubd.id);
  t.equal('publisher not disclosed unless asked', eA.details.publisher, undefined);

  // kwargs only, no args
  await pub.session.publish(topic, [], { only: 'kwargs' }, { acknowledge: true });
  const kwOnly = await qA.take();
  t.equal('kwargs-only event: empty args', kwOnly.args, []);
  t.equal('kwargs-only event: kwargs', kwOnly.kwargs, { only: 'kwargs' });
  await qB.take();

  // no payload at all
  await pub.session.publish(topic, undefined, undefined, { acknowledge: true });
  const bare = await qA.take();
  t.equal('payload-less event: empty args and kwargs', [bare.args, bare.kwargs], [[], {}]);
  await qB.take();

  // a large payload
  const big = 'x'.repeat(16 * 1024) + '✓';
  await pub.session.publish(topic, [big], { size: big.length }, { acknowledge: true });
  const bigEvent = await qA.take();
  t.equal('16 KiB string arrives intact', [bigEvent.args[0] === big, bigEvent.kwargs.size], [true, big.length]);
  await qB.take();

  // --- one session subscribing twice to the same topic: one subscription, one EVENT ---
  const twice = new Queue('subscriber-b second handler');
  const sB2 = await subB.session.subscribe(topic, recorder(twice));
  t.equal('subscribing again to the same topic returns the same subscription ID', sB2.id, sA.id);
  await pub.session.publish(topic, ['once'], {}, { acknowledge: true });
  const [beforeMarkerB, beforeMarkerTwice] = await untilMarker(pub, topic, [qB, twice]);
  t.equal('one EVENT per subscription, not per SUBSCRIBE: each handler sees it once', [beforeMarkerB, beforeMarkerTwice], [['once'], ['once']]);
  t.equal('subscriber A sees it once too', (await qA.takeN(2)).map((e) => e.args[0]).slice(0, 1), ['once']);
  await subB.session.unsubscribe(sB2);

  // --- ordering: events from one publisher arrive in publication order ---
  for (let i = 0; i < 50; i += 1) {
    pub.session.publish(topic, [i]);
  }
  const order = (await qA.takeN(50)).map((e) => e.args[0]);
  t.equal('50 events arrive in publication order', order, [...Array(50).keys()]);
  await qB.takeN(50);

  // --- publisher identification ---
  await pub.session.publish(topic, ['disclosed'], {}, { acknowledge: true, disclose_me: true });
  const disclosed = await qA.take();
  t.equal('disclose_me: details.publisher is the publisher session ID', disclosed.details.publisher, pub.id);
  t.equal('disclose_me: details.publisher_authid', disclosed.details.publisher_authid, pub.authid);
  t.equal('disclose_me: details.publisher_authrole', disclosed.details.publisher_authrole, pub.authrole);
  await qB.take();

  // --- publisher exclusion ---
  const qP = new Queue('publisher events');
  await pub.session.subscribe(topic, recorder(qP));
  await pub.session.publish(topic, ['default-exclusion'], {}, { acknowledge: true });
  await pub.session.publish(topic, ['exclude-me-false'], {}, { acknowledge: true, exclude_me: false });
  const pubSaw = await qP.take();
  t.equal('exclude_me defaults to true, exclude_me=false delivers to the publisher', pubSaw.args, ['exclude-me-false']);
  t.equal('other subscribers get both events', [(await qA.take()).args[0], (await qA.take()).args[0]], ['default-exclusion', 'exclude-me-false']);
  await qB.takeN(2);
  await pub.session.publish(topic, ['exclude-me-true'], {}, { acknowledge: true, exclude_me: true });
  t.equal('exclude_me=true: subscriber A still gets it', (await qA.take()).args, ['exclude-me-true']);
  await qB.take();
  const [publisherBeforeMarker] = await untilMarker(pub, topic, [qP]);
  t.equal('exclude_me=true: the publisher does not get it', publisherBeforeMarker, []);
  await qA.take();
  await qB.take();

  // --- subscriber black- and whitelisting ---
  const cases = [
    ['exclude [B] by session ID', { exclude: [subB.id] }, [true, false]],
    ['eligible [B] by session ID', { eligible: [subB.id] }, [false, true]],
    ['exclude_authid [A]', { exclude_authid: [subA.authid] }, [false, true]],
    ['eligible_authid [A]', { eligible_authid: [subA.authid] }, [true, false]],
    ['eligible_authrole [their role]', { eligible_authrole: [subA.authrole] }, [true, true]],
    ['eligible_authrole [a role nobody has]', { eligible_authrole: ['natter-no-such-role'] }, [false, false]],
    ['exclude_authrole [their role]', { exclude_authrole: [subA.authrole] }, [false, false]],
    ['eligible [A, B] and exclude [A]', { eligible: [subA.id, subB.id], exclude: [subA.id] }, [false, true]],
  ];
  for (const [label, options, [toA, toB]] of cases) {
    const payload = `bwl-${label}`;
    await pub.session.publish(topic, [payload], {}, { acknowledge: true, ...options });
    const [seenA, seenB] = await untilMarker(pub, topic, [qA, qB]);
    await qP.take(); // the publisher's own copy of the marker
    t.equal(`${label}: A ${toA ? 'gets' : 'does not get'} it, B ${toB ? 'gets' : 'does not get'} it`,
      [seenA, seenB], [toA ? [payload] : [], toB ? [payload] : []]);
  }

  // --- acknowledged publish without subscribers, unsubscribe ---
  const lonely = await pub.session.publish(uri('pubsub.nobody'), ['x'], {}, { acknowledge: true });
  t.id('acknowledged publish to a topic without subscribers still gets PUBLISHED', lonely.id);

  await subB.session.unsubscribe(sB);
  await pub.session.publish(topic, ['after-unsubscribe'], {}, { acknowledge: true });
  const [afterA] = await untilMarker(pub, topic, [qA, qP]);
  t.equal('A, still subscribed, gets the event', afterA, ['after-unsubscribe']);
  t.equal('B gets nothing after UNSUBSCRIBED', qB.size, 0);

  // --- URI checks ---
  await t.rejects('publish to an invalid topic URI fails with wamp.error.invalid_uri',
    pub.session.publish('io.natter..bad', [], {}, { acknowledge: true }), { error: 'wamp.error.invalid_uri' });
  await t.rejects('subscribe to an invalid topic URI fails with wamp.error.invalid_uri',
    subA.session.subscribe('io.natter. bad', () => {}), { error: 'wamp.error.invalid_uri' });

  const wrongFrames = [...pub.wire, ...subA.wire, ...subB.wire].filter((m) => m[0] === WAMP.ERROR && m[1] !== WAMP.PUBLISH && m[1] !== WAMP.SUBSCRIBE);
  t.equal('no unexpected ERROR frames reached any client', wrongFrames, []);
});
