// Session establishment: the WELCOME a client gets on realm1 (session ID, auth details,
// announced roles and features), the ABORT for an unknown realm, and the GOODBYE exchange.

import { scenario, connect, settings } from './lib/harness.js';

const BROKER_FEATURES = [
  'publisher_identification', 'publisher_exclusion', 'subscriber_blackwhite_listing',
  'pattern_based_subscription', 'session_meta_api', 'subscription_meta_api',
];
const DEALER_FEATURES = [
  'caller_identification', 'progressive_call_results', 'call_timeout', 'call_canceling',
  'pattern_based_registration', 'shared_registration', 'session_meta_api', 'registration_meta_api',
];

scenario('realm', async (t) => {
  // --- unknown realm ---
  let refused = null;
  try {
    const peer = await connect('stranger', { realm: 'io.natter.no_such_realm' });
    t.fail('joining an unknown realm is refused', `the router welcomed session ${peer.id}`);
  } catch (closed) {
    if (!closed || !closed.details) {
      throw closed;
    }
    refused = closed;
  }
  t.equal('unknown realm: ABORT with reason wamp.error.no_such_realm', refused.details.reason, 'wamp.error.no_such_realm');

  // --- WELCOME on realm1 ---
  const a = await connect('first');
  const b = await connect('second');
  t.equal(`negotiated subprotocol is wamp.2.${settings.serializer}`, a.protocol, `wamp.2.${settings.serializer}`);
  t.id('WELCOME session ID is a WAMP ID', a.id);
  t.ok('two sessions get different session IDs', a.id !== b.id, `both got ${a.id}`);
  t.equal('WELCOME details: authmethod anonymous', a.welcome.authmethod, 'anonymous');
  t.ok('WELCOME details: authid and authrole are non-empty strings',
    typeof a.authid === 'string' && a.authid.length > 0 && typeof a.authrole === 'string' && a.authrole.length > 0,
    JSON.stringify({ authid: a.authid, authrole: a.authrole }));
  t.ok('anonymous sessions get distinct authids', a.authid !== b.authid, `both got ${a.authid}`);

  const roles = a.welcome.roles || {};
  t.ok('WELCOME announces the broker and dealer roles', roles.broker && roles.dealer, JSON.stringify(roles));
  const brokerFeatures = (roles.broker && roles.broker.features) || {};
  const dealerFeatures = (roles.dealer && roles.dealer.features) || {};
  t.equal('broker announces its advanced features',
    BROKER_FEATURES.filter((f) => brokerFeatures[f] !== true), []);
  t.equal('dealer announces its advanced features',
    DEALER_FEATURES.filter((f) => dealerFeatures[f] !== true), []);
  t.equal('Autobahn|JS agreed on the publisher and caller features it supports',
    [a.session.features.publisher.publisher_exclusion, a.session.features.publisher.subscriber_blackwhite_listing,
      a.session.features.caller.progressive_call_results, a.session.features.caller.call_canceling],
    [true, true, true, true]);

  // --- GOODBYE ---
  const aId = a.id;
  const closed = await a.close();
  t.equal('GOODBYE answered with GOODBYE wamp.close.goodbye_and_out', closed.details.reason, 'wamp.close.goodbye_and_out');
  t.ok('the other session is unaffected', b.isOpen);
  const c = await connect('after-goodbye');
  t.ok('a new session after a GOODBYE gets a fresh session ID', c.id !== aId && c.id !== b.id);
});
