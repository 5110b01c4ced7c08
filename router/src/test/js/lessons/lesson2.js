// Workshop lesson 2, "Realms & Permissions" and "Adding Permissions", as the seed's browser
// console replays it: realm yorkshire for guests, realm lancashire with the ticket
// principals barry (workman) and steve (foreman), then the same principals over WAMP-CRA,
// plain and with a salted secret.
//
//   part ticket  — router config lessons/lesson2-ticket.json
//   part wampcra — router config lessons/lesson2-wampcra.json
//   part salted  — router config lessons/lesson2-wampcra-salted.json (steve's secret is the
//                  PBKDF2 key; barry stays unsalted)

import { scenario, connect, Queue, autobahn } from '../lib/harness.js';
import {
  part, ticketLogin, craLogin, refused, welcomed, subscribed, notAuthorized, silent,
} from './lib.js';

const which = part('ticket');
if (!['ticket', 'wampcra', 'salted'].includes(which)) {
  console.error(`unknown part '${which}': use ticket, wampcra or salted`);
  process.exit(2);
}

const TOPIC = 'test';
const PROCEDURE = 'add';

/** The workman and the foreman: what each may do on "*" and what each may not. */
async function permissions(t, barry, steve, method) {
  const barryEvents = new Queue('barry test events');
  await subscribed(t, `${method}: workman barry may subscribe to '${TOPIC}'`, barry, TOPIC, barryEvents);

  const ack = await t.resolves(`${method}: foreman steve may publish to '${TOPIC}' (acknowledged)`,
    steve.session.publish(TOPIC, ['abc'], { from: 'steve' }, { acknowledge: true, exclude_me: false }));
  const event = await barryEvents.take();
  t.equal(`${method}: barry receives steve's publication unchanged`, [event.args, event.kwargs], [['abc'], { from: 'steve' }]);
  t.equal(`${method}: the event is the acknowledged publication`, event.details.publication, ack.id);
  t.equal(`${method}: lancashire roles disclose no publisher (no "disclose" in the permission)`,
    [event.details.publisher, event.details.publisher_authid], [undefined, undefined]);

  await t.resolves(`${method}: foreman steve may register '${PROCEDURE}'`,
    steve.session.register(PROCEDURE, (args) => args.reduce((sum, x) => sum + x, 0)));
  t.equal(`${method}: workman barry may call '${PROCEDURE}' and gets steve's answer`,
    await barry.session.call(PROCEDURE, [2, 3]), 5);

  await notAuthorized(t, `${method}: workman barry may not publish (acknowledged publish → wamp.error.not_authorized)`,
    barry.session.publish(TOPIC, ['from barry'], {}, { acknowledge: true, exclude_me: false }));
  barry.session.publish(TOPIC, ['unacknowledged from barry'], {}, { exclude_me: false });
  await silent(t, `${method}: barry's unacknowledged publish reaches nobody, not even his own subscription`, barryEvents);
  await notAuthorized(t, `${method}: workman barry may not register`,
    barry.session.register(`${PROCEDURE}.barry`, () => 0));
  await notAuthorized(t, `${method}: foreman steve may not subscribe`,
    steve.session.subscribe(TOPIC, () => {}));
  await notAuthorized(t, `${method}: foreman steve may not call, not even his own procedure`,
    steve.session.call(PROCEDURE, [1, 1]));
}

scenario(`lesson2-${which}`, async (t) => {
  // --- yorkshire, as the page connects before any alreet.setConfig ---
  const guest = await welcomed(t, 'yorkshire: an anonymous visitor joins as guest',
    'guest', { realm: 'yorkshire' }, { realm: 'yorkshire', authrole: 'guest', authmethod: 'anonymous' });
  const echo = new Queue('guest test events');
  await subscribed(t, "yorkshire: guest may subscribe to 'test'", guest, TOPIC, echo);
  guest.session.publish(TOPIC, ['abc'], {}, { exclude_me: false });
  t.equal("yorkshire: guest's own publication comes back with exclude_me false", (await echo.take()).args, ['abc']);
  await t.resolves("yorkshire: guest may register 'test'", guest.session.register(TOPIC, () => 1));
  t.equal("yorkshire: guest may call 'test' and gets 1", await guest.session.call(TOPIC, [1, 'abc']), 1);
  await guest.close();

  await refused(t, "alreet.setRealm('cumbria'): an unknown realm is refused with wamp.error.no_such_realm",
    'cumbrian', { realm: 'cumbria' }, 'wamp.error.no_such_realm');

  let barry;
  let steve;
  if (which === 'ticket') {
    barry = await welcomed(t, "ticket: barry / 'notsosecret' joins lancashire as workman",
      'barry', ticketLogin('lancashire', 'barry', 'notsosecret'),
      { realm: 'lancashire', authid: 'barry', authrole: 'workman', authmethod: 'ticket', authprovider: 'static' });
    steve = await welcomed(t, "ticket: steve / 'slightlymoresecret' joins lancashire as foreman",
      'steve', ticketLogin('lancashire', 'steve', 'slightlymoresecret'),
      { realm: 'lancashire', authid: 'steve', authrole: 'foreman', authmethod: 'ticket', authprovider: 'static' });
    await permissions(t, barry, steve, 'ticket');

    await refused(t, "ticket: barry with steve's ticket is refused", 'barry-wrong',
      ticketLogin('lancashire', 'barry', 'slightlymoresecret'), 'wamp.error.not_authorized');
    await refused(t, 'ticket: an unknown principal (larry) is refused', 'larry',
      ticketLogin('lancashire', 'larry', 'notsosecret'), 'wamp.error.not_authorized');
    await refused(t, 'ticket: barry on an unknown realm is refused with wamp.error.no_such_realm', 'barry-cumbria',
      ticketLogin('cumbria', 'barry', 'notsosecret'), 'wamp.error.no_such_realm');
    await refused(t, 'ticket: barry on yorkshire, which has no workman role, is refused', 'barry-yorkshire',
      ticketLogin('yorkshire', 'barry', 'notsosecret'), ['wamp.error.no_such_role', 'wamp.error.not_authorized']);
    await refused(t, 'ticket: WAMP-CRA is not configured yet, so a wampcra-only HELLO finds no auth method', 'steve-cra',
      craLogin('lancashire', 'steve', 'slightlymoresecret'), 'wamp.error.no_auth_method');
    return;
  }

  const challenges = [];
  steve = await welcomed(t, `${which}: steve signs the challenge and joins lancashire as foreman`,
    'steve', craLogin('lancashire', 'steve', 'slightlymoresecret', challenges),
    { realm: 'lancashire', authid: 'steve', authrole: 'foreman', authmethod: 'wampcra', authprovider: 'static' });
  t.equal(`${which}: one CHALLENGE for method wampcra`, challenges.map((c) => c.method), ['wampcra']);
  let challenge;
  try {
    challenge = JSON.parse(challenges[0].extra.challenge);
  } catch (e) {
    t.fail(`${which}: the challenge string is JSON`, `got ${JSON.stringify(challenges[0].extra.challenge)}`);
  }
  t.equal(`${which}: the challenge names steve, his role, the method, the provider and his session`,
    [challenge.authid, challenge.authrole, challenge.authmethod, challenge.authprovider, challenge.session],
    ['steve', 'foreman', 'wampcra', 'static', steve.id]);
  t.ok(`${which}: the challenge carries a nonce and a timestamp`,
    typeof challenge.nonce === 'string' && challenge.nonce.length > 0 && typeof challenge.timestamp === 'string',
    JSON.stringify(challenge));
  const salt = which === 'salted'
    ? { salt: 'lancashire-hotpot', iterations: 2000, keylen: 32 }
    : { salt: undefined, iterations: undefined, keylen: undefined };
  t.equal(`${which}: the CHALLENGE extra ${which === 'salted' ? 'carries the salt, iterations and keylen of steve' : 'carries no salt'}`,
    { salt: challenges[0].extra.salt, iterations: challenges[0].extra.iterations, keylen: challenges[0].extra.keylen }, salt);

  const barryChallenges = [];
  barry = await welcomed(t, `${which}: barry (unsalted secret) joins lancashire as workman`,
    'barry', craLogin('lancashire', 'barry', 'notsosecret', barryChallenges),
    { realm: 'lancashire', authid: 'barry', authrole: 'workman', authmethod: 'wampcra', authprovider: 'static' });
  t.equal(`${which}: barry's CHALLENGE carries no salt`, barryChallenges[0].extra.salt, undefined);

  await permissions(t, barry, steve, which);

  // Two sessions of one principal get distinct challenges (no replay).
  const again = [];
  const steve2 = await connect('steve-again', craLogin('lancashire', 'steve', 'slightlymoresecret', again));
  t.ok(`${which}: a second login of steve gets a fresh challenge`, again[0].extra.challenge !== challenges[0].extra.challenge);
  await steve2.close();

  await refused(t, `${which}: steve with barry's secret is refused`, 'steve-wrong',
    craLogin('lancashire', 'steve', 'notsosecret'), 'wamp.error.not_authorized');
  await refused(t, `${which}: an unknown user (larry) is refused`, 'larry',
    craLogin('lancashire', 'larry', 'notsosecret'), 'wamp.error.not_authorized');
  await refused(t, `${which}: the ticket method is gone, so a ticket-only HELLO finds no auth method`, 'barry-ticket',
    ticketLogin('lancashire', 'barry', 'notsosecret'), 'wamp.error.no_auth_method');
  await refused(t, `${which}: steve on an unknown realm is refused with wamp.error.no_such_realm`, 'steve-cumbria',
    craLogin('cumbria', 'steve', 'slightlymoresecret'), 'wamp.error.no_such_realm');
  if (which === 'salted') {
    // Signing with the password itself instead of the derived key must fail.
    await refused(t, 'salted: steve signing with the unsalted password is refused', 'steve-unsalted', {
      realm: 'lancashire',
      authid: 'steve',
      authmethods: ['wampcra'],
      onchallenge: (session, method, extra) => autobahn.auth_cra.sign('slightlymoresecret', extra.challenge),
    }, 'wamp.error.not_authorized');
  }
});
