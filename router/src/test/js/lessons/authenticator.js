// The workshop's PHP worker (lesson 4 "Registering a custom authenticator" and "Handling
// granular permissions", lesson 5 "Permissions via API calls" and "Listing active users"),
// played by Autobahn|JS. It takes the arguments the seed's guest worker entry passes:
//
//   node --experimental-websocket lessons/authenticator.js ws://127.0.0.1:9001 yorkshire authenticator 'authenticator-kZ%3g@JR1oXb' [lesson4|lesson5]
//
// It joins over the internal transport with WAMP-CRA and registers
//   phpyork.auth         (realm, authid, details) → {role, secret}; unknown users are banished
//                        with an empty secret, as the seed does
//   phpyork.permissions  (details, uri, action, options) → the seed's rules for that lesson
//   phpyork.subscribers  (lesson 5) [topic] → JSON list of the users subscribed to a thread
// and prints "ready" once all are registered. The HTTP app of lessons 4 and 5 (users with
// tokens, thread access) is the in-memory APP below. It exits when the router closes the session.

import autobahn from 'autobahn';

const [url, realm, user, password, lessonArg] = process.argv.slice(2);
const lesson = lessonArg || process.env.NATTER_LESSON || 'lesson4';
if (!url || !realm || !user || password === undefined || !['lesson4', 'lesson5'].includes(lesson)) {
  console.error('usage: authenticator.js <url> <realm> <user> <password> [lesson4|lesson5]');
  process.exit(2);
}

autobahn.log.warn = () => {};

/** The app of lessons 4 and 5: users created over HTTP (token) and who may use which thread. */
const APP = {
  tokens: { cecily: 'c3c1ly-t0k3n' },
  threads: {
    york: ['edward', 'cecily'],
    lancaster: ['henry'],
  },
};

function log(line) {
  console.log(`[authenticator] ${line}`);
}

/** Lesson 4's token_from_user(): hard-coded royals, then the app, else an exception. */
function tokenFromUser(name) {
  switch (name) {
    case 'edmund':
      return ['langley', 'king'];
    case 'edward':
      return ['norwich', 'prince'];
    default:
  }
  const token = APP.tokens[name];
  if (token) {
    return [token, 'serf'];
  }
  throw new Error(`No user found with name '${name}'`);
}

/** Session ID → authid, as lesson 5 keeps in Redis ("session-$session_id"). */
const sessions = new Map();

function auth(args) {
  const [authRealm, authid, details] = args;
  const sessionId = details && details.session;
  log(`Received auth request for user '${authid}' on realm '${authRealm}'. Router session was '${sessionId}'`);
  let token;
  let role;
  try {
    [token, role] = tokenFromUser(authid);
  } catch (e) {
    log(`Error: ${e.message}`);
    return { role: 'banished', secret: '', disclose: true };
  }
  if (lesson === 'lesson5') {
    sessions.set(sessionId, authid);
  }
  log(`\tReturning token for '${authid}' with role '${role}'`);
  return { role, secret: token };
}

function permissionsLesson4(details, uri, action) {
  if (action === 'publish' && uri.startsWith('phpyork.chat')) {
    return { allow: true, disclose: true, cache: true };
  }
  if (action === 'subscribe' && uri.startsWith('phpyork.chat')) {
    return { allow: true, cache: true };
  }
  return false;
}

function permissionsLesson5(details, uri, action) {
  if (action === 'register') {
    return false;
  }
  if (action === 'call') {
    return uri === 'phpyork.subscribers';
  }
  const thread = uri.split('phpyork.chat.').join('');
  if (!thread) {
    log('No thread name found');
    return false;
  }
  const members = APP.threads[thread] || [];
  if (!members.includes(details.authid)) {
    log(`Error: '${details.authid}' has no access to thread '${thread}'`);
    return false;
  }
  return { allow: true, disclose: true, cache: true };
}

function permissions(args) {
  const [details, uri, action] = args;
  log(`User ${details.authid} (${details.session}) wants to ${action} on endpoint: ${uri}`);
  return lesson === 'lesson5' ? permissionsLesson5(details, uri, action) : permissionsLesson4(details, uri, action);
}

async function subscribers(session, args) {
  let topic = args && args[0];
  if (!topic) {
    log('No topic supplied to check users');
    return '[]';
  }
  if (!topic.startsWith('phpyork.chat.')) {
    topic = `phpyork.chat.${topic}`;
  }
  const id = await session.call('wamp.subscription.lookup', [topic]);
  if (id === null || id === undefined) {
    return '[]';
  }
  const ids = await session.call('wamp.subscription.list_subscribers', [id]);
  const users = [...new Set(ids.map((s) => sessions.get(s)).filter((u) => u))].sort();
  log(`Returning list of users for URI '${topic}': ${JSON.stringify(users)}`);
  return JSON.stringify(users);
}

const connection = new autobahn.Connection({
  url,
  realm,
  authid: user,
  authmethods: ['wampcra'],
  onchallenge: (session, method, extra) => {
    log(`Responding to challenge as user '${user}'`);
    const key = extra.salt === undefined
      ? password
      : autobahn.auth_cra.derive_key(password, extra.salt, extra.iterations, extra.keylen);
    return autobahn.auth_cra.sign(key, extra.challenge);
  },
  max_retries: 0,
  retry_if_unreachable: false,
});

connection.onopen = async (session, details) => {
  log(`Connection opened with role ${details.authrole}`);
  try {
    await session.register('phpyork.auth', auth);
    log("I registered procedure 'phpyork.auth'");
    await session.register('phpyork.permissions', permissions);
    log("I registered procedure 'phpyork.permissions'");
    if (lesson === 'lesson5') {
      await session.register('phpyork.subscribers', (args) => subscribers(session, args));
      log("I registered procedure 'phpyork.subscribers'");
    }
  } catch (e) {
    log(`registering failed: ${e.error || e.message} ${JSON.stringify(e.args || [])}`);
    process.exit(1);
  }
  console.log('ready');
};

connection.onclose = (reason, details) => {
  log(`Connection closed (${reason}, ${details && details.reason}: ${details && details.message})`);
  process.exit(reason === 'closed' && details && details.reason === 'wamp.close.normal' ? 0 : 3);
  return true;
};

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    try {
      connection.close();
    } catch (e) {
      // already closed
    }
    process.exit(0);
  });
}

connection.open();
