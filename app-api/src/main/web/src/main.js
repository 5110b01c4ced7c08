// The Natter browser app: boots, keeps the login in the browser's storage, and switches between
// the login page and the signed-in app.

import { Api } from './api.js';
import { h, fill } from './dom.js';
import { showAuth } from './auth.js';
import { ChatApp } from './chat.js';

const STORAGE_KEY = 'natter.session';
const root = document.getElementById('app');
const api = new Api();
let config = null;
let chat = null;

function saved() {
  try {
    const session = JSON.parse(localStorage.getItem(STORAGE_KEY));
    return session && session.name && session.token && session.token_id ? session : null;
  } catch (e) {
    return null;
  }
}

function signIn(session) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  startChat(session);
}

function startChat(session) {
  api.token = session.token;
  chat = new ChatApp({
    root,
    api,
    config,
    session,
    onEnd: (notice) => {
      chat = null;
      api.token = null;
      const stored = saved();
      if (stored && stored.token === session.token) {
        localStorage.removeItem(STORAGE_KEY);
      }
      showAuth(root, api, { notice, onSession: signIn });
    },
  });
  chat.start();
}

// Another tab of this browser logged out (or in as someone else): follow it.
window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY) return;
  const now = saved();
  if (chat && (!now || now.token !== chat.session.token)) {
    chat.end(now ? 'You logged in as someone else in another tab.' : 'You logged out in another tab.');
    if (now) startChat(now);
  } else if (!chat && now) {
    startChat(now);
  }
});

async function boot() {
  try {
    config = await api.config();
  } catch (e) {
    fill(root, h('main', { class: 'auth' },
      h('h1', {}, 'Natter'),
      h('p', { class: 'error', role: 'alert' }, e.message),
      h('button', { type: 'button', onclick: () => boot() }, 'Try again')));
    root.removeAttribute('aria-busy');
    return;
  }
  root.removeAttribute('aria-busy');
  const session = saved();
  if (session) {
    startChat(session);
  } else {
    showAuth(root, api, { onSession: signIn });
  }
}

boot();
