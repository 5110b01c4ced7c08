// A terminal chat client for Natter: logs in over HTTP (a new token for this device), joins realm
// natter with WAMP-CRA, shows the thread's recent history, its live messages and who is online, and
// publishes each line typed. Ctrl-D logs out (the device's token is revoked). Run through bin/chat.
'use strict';
const autobahn = require('autobahn');
const readline = require('node:readline');

const [name, password, thread] = process.argv.slice(2);
const appUrl = process.env.NATTER_APP_URL || 'http://127.0.0.1:8090';
const wsUrl = process.env.NATTER_WS_URL || 'ws://127.0.0.1:8080/ws';

function fail(message) {
  console.error(`chat: ${message}`);
  process.exit(1);
}

async function api(method, path, body, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(appUrl + path, { method, headers, body: body && JSON.stringify(body) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${json ? json.message : ''}`);
  return json;
}

function show(author, text, ts) {
  const time = (ts ? new Date(ts) : new Date()).toTimeString().slice(0, 8);
  console.log(`${time} ${author}: ${text}`);
}

async function main() {
  if (!name || !password || !thread) fail('usage: bin/chat <name> <password> <thread>');
  const { token, token_id: tokenId } = await api('POST', '/api/login', { name, password });
  const history = await api('GET', `/api/threads/${encodeURIComponent(thread)}/messages?limit=20`, null, token);
  for (const m of history.messages) show(m.author, m.text, m.ts);

  const connection = new autobahn.Connection({
    url: wsUrl,
    realm: 'natter',
    authmethods: ['wampcra'],
    authid: name,
    authextra: { token_id: tokenId },
    max_retries: -1,
    onchallenge: (session, method, extra) => {
      const key = autobahn.auth_cra.derive_key(token, extra.salt, extra.iterations, extra.keylen);
      return autobahn.auth_cra.sign(key, extra.challenge);
    },
  });
  let session = null;
  let leaving = false;
  connection.onopen = async (s) => {
    session = s;
    console.error(`chat: joined ${wsUrl} as ${name}, thread ${thread} (type and press Enter; Ctrl-D to leave)`);
    try {
      await s.subscribe(`natter.thread.${thread}`, (args, kwargs, details) => {
        show(details.publisher_authid || '?', String(args[0]));
      });
    } catch (e) {
      fail(`cannot subscribe to ${thread}: ${e.error}`);
    }
    // Who is online: the listener's retained presence list at once, then each change.
    s.subscribe(`natter.presence.${thread}`, (args) => {
      const p = args[0] || {};
      const change = p.joined ? ` (${p.joined} joined)` : p.left ? ` (${p.left} left)` : '';
      console.error(`chat: online in ${thread}: ${(p.online || []).join(', ')}${change}`);
    }, { get_retained: true }).catch(() => {});
  };
  connection.onclose = (reason, details) => {
    session = null;
    if (leaving) return true;
    console.error(`chat: connection ${reason}${details && details.reason ? ` (${details.reason})` : ''}`);
    if (details && details.reason === 'wamp.error.not_authorized') process.exit(1);
    return false;
  };
  connection.open();

  const input = readline.createInterface({ input: process.stdin });
  input.on('line', async (line) => {
    const text = line.trim();
    if (!text) return;
    if (!session) return console.error('chat: not connected, message not sent');
    try {
      await session.publish(`natter.thread.${thread}`, [text], {}, { acknowledge: true });
      show(name, text);
    } catch (e) {
      console.error(`chat: not sent: ${e.error}`);
    }
  });
  input.on('close', async () => {
    leaving = true;
    console.log = () => {}; // Autobahn|JS prints its close details; we are leaving anyway
    connection.close();
    await api('POST', '/api/logout', null, token).catch(() => {});
    process.exit(0);
  });
}

main().catch((e) => fail(e.message));
