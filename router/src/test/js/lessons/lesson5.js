// Workshop lesson 5, "Caching and listening", from the listener's side: a `listener`
// principal on the internal transport follows wamp.subscription.on_create / on_subscribe /
// on_unsubscribe, asks wamp.subscription.list_subscribers, snoops on each chat topic as the
// seed does (and on the whole phpyork.chat. prefix), and sees who published
// (publisher_authid). The browser users are authorized per thread by phpyork.permissions
// (lesson 5 rules) and call phpyork.subscribers.
// Router config: lessons/lesson5.json, with lessons/authenticator.js (lesson5) joined.

import { scenario, Queue } from '../lib/harness.js';
import {
  internalUrl, craLogin, refused, welcomed, subscribed, notAuthorized, silent,
} from './lib.js';

const REALM = 'yorkshire';
const THREAD = 'phpyork.chat.york';
const OTHER_THREAD = 'phpyork.chat.lancaster';
const LISTENER_SECRET = 'listener-Tq8#vW2!pZ6e';

function sorted(list) {
  return [...list].sort((a, b) => a - b);
}

scenario('lesson5', async (t) => {
  const listener = await welcomed(t, 'the listener joins the internal transport with WAMP-CRA as listener',
    'listener', { ...craLogin(REALM, 'listener', LISTENER_SECRET), url: internalUrl },
    { realm: REALM, authid: 'listener', authrole: 'listener', authmethod: 'wampcra', authprovider: 'static' });

  // The seed ignores meta events about its own subscriptions ("Avoids us catching any
  // subscriptions we do ourselves"); so does this listener.
  const meta = new Queue('meta events about other sessions');
  const subscribeMeta = async (topic) => {
    const kind = topic.split('.').pop();
    await subscribed(t, `listener may subscribe to ${topic}`, listener, topic, {
      push: ({ args }) => {
        if (args[0] !== listener.id) {
          meta.push({ kind, args });
        }
      },
    });
  };
  await subscribeMeta('wamp.subscription.on_create');
  await subscribeMeta('wamp.subscription.on_subscribe');
  await subscribeMeta('wamp.subscription.on_unsubscribe');

  const snooped = new Queue('phpyork.chat. prefix events');
  await subscribed(t, 'listener may prefix-subscribe to phpyork.chat.', listener, 'phpyork.chat.', snooped, { match: 'prefix' });
  await refused(t, 'the listener principal is refused on the public transport', 'listener-public',
    craLogin(REALM, 'listener', LISTENER_SECRET), 'wamp.error.not_authorized');

  // --- login(user, password); const thread = 'phpyork.chat.york'; alreet.connect().sub(thread) ---
  const edward = await welcomed(t, 'edward joins as prince', 'edward', craLogin(REALM, 'edward', 'norwich'),
    { authid: 'edward', authrole: 'prince' });
  const edwardEvents = new Queue('edward york events');
  const edwardSub = await subscribed(t, `edward (member of york) may subscribe to ${THREAD}`, edward, THREAD, edwardEvents);

  const created = await meta.take();
  t.equal('on_create comes first: [session, {id, created, uri, match}] for edward\'s new subscription',
    [created.kind, created.args[0], created.args[1].id, created.args[1].uri, created.args[1].match],
    ['on_create', edward.id, edwardSub.id, THREAD, 'exact']);
  t.ok('on_create details carry the creation time as an ISO 8601 string',
    typeof created.args[1].created === 'string' && !Number.isNaN(Date.parse(created.args[1].created)), JSON.stringify(created.args[1]));
  const joined = await meta.take();
  t.equal('then on_subscribe: [session, subscription id]', [joined.kind, joined.args], ['on_subscribe', [edward.id, edwardSub.id]]);

  // The seed's listener snoops on every topic it learns of from on_create.
  const exact = new Queue('exact york events');
  const listenerSub = await subscribed(t, `listener may subscribe to ${THREAD} (phpyork.chat. prefix permission)`, listener, THREAD, exact);
  t.equal("the listener joins edward's subscription (same subscription id)", listenerSub.id, edwardSub.id);

  t.equal('wamp.subscription.list_subscribers names edward and the listener',
    sorted(await listener.session.call('wamp.subscription.list_subscribers', [edwardSub.id])), sorted([edward.id, listener.id]));

  // --- alreet.pub(thread, 'Hello to you') ---
  const ack = await t.resolves(`edward may publish to ${THREAD}`,
    edward.session.publish(THREAD, ['Hello to you'], {}, { acknowledge: true }));
  const heard = await exact.take();
  t.equal("the listener's exact subscription sees the message with publisher_authid edward",
    [heard.args, heard.details.publication, heard.details.publisher, heard.details.publisher_authid],
    [['Hello to you'], ack.id, edward.id, 'edward']);
  const prefixed = await snooped.take();
  t.equal('the prefix subscription sees it too, with the topic and publisher_authid',
    [prefixed.args, prefixed.details.topic, prefixed.details.publication, prefixed.details.publisher_authid],
    [['Hello to you'], THREAD, ack.id, 'edward']);

  // --- permissions via the app: edward has no access to lancaster ---
  await notAuthorized(t, `edward may not publish to ${OTHER_THREAD} (not a member)`,
    edward.session.publish(OTHER_THREAD, ['let me in'], {}, { acknowledge: true }));
  await notAuthorized(t, `edward may not subscribe to ${OTHER_THREAD}`, edward.session.subscribe(OTHER_THREAD, () => {}));
  await silent(t, 'no meta event and no chat event for refused actions', { get size() { return meta.size + snooped.size; }, get items() { return [...meta.items, ...snooped.items]; } });
  await notAuthorized(t, 'edward may not call phpyork.auth (lesson 5: only phpyork.subscribers)',
    edward.session.call('phpyork.auth', [REALM, 'edward', {}]));
  await notAuthorized(t, 'edward may not register', edward.session.register('phpyork.chat.bot', () => 0));
  await notAuthorized(t, 'the listener may not publish on the chat (subscribe only)',
    listener.session.publish(THREAD, ['psst'], {}, { acknowledge: true }));

  // --- listing active users ---
  const cecily = await welcomed(t, 'cecily joins as serf', 'cecily', craLogin(REALM, 'cecily', 'c3c1ly-t0k3n'),
    { authid: 'cecily', authrole: 'serf' });
  await subscribed(t, `cecily (member of york) may subscribe to ${THREAD}`, cecily, THREAD, new Queue('cecily york events'));
  const cecilyJoined = await meta.take();
  t.equal('a second subscriber raises on_subscribe only (no on_create)', [cecilyJoined.kind, cecilyJoined.args],
    ['on_subscribe', [cecily.id, edwardSub.id]]);
  t.equal("alreet.call('york'): phpyork.subscribers lists cecily and edward",
    await edward.session.call('phpyork.subscribers', ['york']), JSON.stringify(['cecily', 'edward']));

  // --- signing off ---
  await t.resolves(`edward unsubscribes from ${THREAD}`, edwardSub.unsubscribe());
  const left = await meta.take();
  t.equal('on_unsubscribe: [session, subscription id]', [left.kind, left.args], ['on_unsubscribe', [edward.id, edwardSub.id]]);
  t.equal('list_subscribers after the unsubscribe: cecily and the listener',
    sorted(await listener.session.call('wamp.subscription.list_subscribers', [edwardSub.id])), sorted([cecily.id, listener.id]));
  t.equal('phpyork.subscribers no longer lists edward',
    await cecily.session.call('phpyork.subscribers', [THREAD]), JSON.stringify(['cecily']));

  const cecilyId = cecily.id;
  await cecily.close();
  const gone = await meta.take();
  t.equal('a session that leaves raises on_unsubscribe for its subscription', [gone.kind, gone.args], ['on_unsubscribe', [cecilyId, edwardSub.id]]);
  t.equal('list_subscribers then names only the listener',
    await listener.session.call('wamp.subscription.list_subscribers', [edwardSub.id]), [listener.id]);
});
