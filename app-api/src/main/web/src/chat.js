// The signed-in app: threads with unread counts, the open conversation, presence, members,
// notifications, and the connection's state. HTTP (app-api) for what is stored, WAMP (router) for
// what is live; after every (re)join the stored side fills what the live side missed.

import { h, fill, shortTime } from './dom.js';
import { Live, STATE } from './live.js';
import { Conversation } from './conversation.js';

const THREAD_TOPIC = 'natter.thread.';
const PRESENCE_TOPIC = 'natter.presence.';
const NOTIFY_TOPIC = 'natter.notify.';
const REVOKED = 'natter.reason.access_revoked';
const MAX_TEXT = 16384;
const THREADS_REFRESH_MS = 10_000;
const MEMBER_ADDED = 'thread.member_added';
// After a (re)join, history is asked again a little later too: a message published just before
// this page subscribed may still be on its way to storage on the first ask.
const LATE_FILLS_MS = [1500, 5000];
const STORAGE_WAIT_MS = 20_000;

const STATE_TEXT = {
  [STATE.CONNECTING]: 'Connecting…',
  [STATE.CONNECTED]: 'Connected',
  [STATE.RECONNECTING]: 'Reconnecting…',
  [STATE.OFFLINE]: 'Offline',
};

export class ChatApp {
  constructor({ root, api, config, session, onEnd }) {
    Object.assign(this, { root, api, config, onEnd });
    this.me = session.name;
    this.session = session;
    this.threads = new Map(); // thread → {thread, title, owner, unread}
    this.conversations = new Map(); // thread → Conversation (kept while the page lives)
    this.open = null; // the open thread
    this.threadSubs = new Map();
    this.presenceSub = null;
    this.online = [];
    this.inbox = new Map(); // notification id → {…, read}
    this.generation = 0;
    this.sendable = -1; // the generation whose session may publish (see storageAttached)
    this.readTimer = null;
    this.refreshTimer = null;
    this.ended = false;
  }

  start() {
    this.render();
    this.api.onTokenRefused = () => this.end('Your session has ended: you logged out on this device elsewhere, or the token was revoked. Log in again.');
    this.live = new Live({
      url: routerUrl(this.config),
      realm: this.config.realm,
      authid: this.me,
      token: this.session.token,
      tokenId: this.session.token_id,
      onState: (state, detail) => this.showConnection(state, detail),
      onSession: (session) => this.joined(session),
      onRefused: () => this.checkToken(),
    });
    this.loadThreads().catch((e) => this.banner(e.message));
    this.loadInbox().catch(() => {});
    this.live.start();
    this.refreshTimer = setInterval(() => {
      if (this.live.current()) this.refreshThreads();
    }, THREADS_REFRESH_MS);
    this.onFocus = () => {
      if (this.open) this.markReadSoon();
      if (this.live.current()) this.refreshThreads();
    };
    window.addEventListener('focus', this.onFocus);
    document.addEventListener('visibilitychange', this.onFocus);
  }

  /** Ends the signed-in app (log out, or the token stopped working). */
  end(notice) {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.refreshTimer);
    clearTimeout(this.readTimer);
    window.removeEventListener('focus', this.onFocus);
    document.removeEventListener('visibilitychange', this.onFocus);
    this.live.stop();
    for (const c of this.conversations.values()) c.close();
    this.onEnd(notice);
  }

  async logout() {
    try {
      await this.api.logout();
    } catch (e) {
      // the token ends here either way: the page forgets it
    }
    this.end('You have logged out.');
  }

  // ---------------------------------------------------------------- layout

  render() {
    this.connection = h('p', { class: 'connection', role: 'status', 'data-state': STATE.CONNECTING }, STATE_TEXT[STATE.CONNECTING]);
    this.inboxButton = h('button', { type: 'button', class: 'inbox-button', 'aria-haspopup': 'dialog', onclick: () => this.openInbox() }, 'Inbox');
    this.bannerBox = h('div', { class: 'banner', role: 'alert' });
    this.threadList = h('ul', { class: 'thread-list' });
    const newThreadError = h('p', { class: 'error', role: 'alert' });
    const newThread = h('form', { class: 'new-thread' },
      h('label', { for: 'new-thread-title' }, 'New thread'),
      h('div', { class: 'row' },
        h('input', { id: 'new-thread-title', name: 'title', maxlength: 200, placeholder: 'Title', autocomplete: 'off' }),
        h('button', { type: 'submit' }, 'Create')),
      newThreadError);
    newThread.addEventListener('submit', (event) => {
      event.preventDefault();
      const title = newThread.elements.title.value.trim();
      if (!title) {
        newThreadError.textContent = 'Give the thread a title.';
        return;
      }
      newThreadError.textContent = '';
      this.api.createThread(title).then((t) => {
        newThread.elements.title.value = '';
        this.threads.set(t.thread, { ...t, unread: 0 });
        this.subscribeThread(t.thread);
        this.renderThreads();
        this.openThread(t.thread);
      }).catch((e) => { newThreadError.textContent = e.message; });
    });
    this.conversationBox = h('main', { class: 'conversation', id: 'conversation', tabindex: '-1' });
    this.toasts = h('div', { class: 'toasts', role: 'region', 'aria-label': 'Notifications', 'aria-live': 'polite' });
    this.inboxDialog = h('dialog', { class: 'inbox', 'aria-labelledby': 'inbox-title' });
    fill(this.root,
      h('div', { class: 'shell' },
        h('header', { class: 'top' },
          h('h1', {}, 'Natter'),
          this.connection,
          h('span', { class: 'me' }, 'Signed in as ', h('strong', {}, this.me)),
          this.inboxButton,
          h('button', { type: 'button', onclick: () => this.logout() }, 'Log out')),
        this.bannerBox,
        h('nav', { class: 'threads', 'aria-label': 'Threads' },
          h('h2', {}, 'Threads'), this.threadList, newThread),
        this.conversationBox,
        this.toasts,
        this.inboxDialog));
    this.renderConversation();
    this.renderInboxButton();
  }

  showConnection(state, detail) {
    this.connection.dataset.state = state;
    this.connection.textContent = STATE_TEXT[state] + (detail && state !== STATE.CONNECTED ? ` ${detail}` : '');
    this.root.querySelector('.shell').dataset.connection = state;
  }

  banner(text) {
    this.bannerBox.textContent = text || '';
  }

  // ---------------------------------------------------------------- threads

  async loadThreads() {
    const list = await this.api.threads();
    const seen = new Set();
    for (const t of list) {
      seen.add(t.thread);
      // The open thread counts as read; elsewhere the server's count, which already counts what
      // arrived live.
      this.threads.set(t.thread, { ...t, unread: t.thread === this.open ? 0 : t.unread });
    }
    for (const thread of [...this.threads.keys()]) {
      if (!seen.has(thread)) this.removed(thread, false);
    }
    this.renderThreads();
    return list;
  }

  async refreshThreads() {
    try {
      await this.loadThreads();
      for (const thread of this.threads.keys()) {
        if (!this.threadSubs.has(thread)) this.subscribeThread(thread);
      }
    } catch (e) {
      // the next refresh tries again; a refused token ends the app through onTokenRefused
    }
  }

  renderThreads() {
    const items = [...this.threads.values()].map((t) => {
      const unread = t.unread > 0 ? h('span', { class: 'unread', 'aria-label': `${t.unread} unread` }, String(t.unread)) : null;
      return h('li', {},
        h('button', {
          type: 'button',
          class: 'thread',
          'aria-current': t.thread === this.open ? 'true' : null,
          'data-thread': t.thread,
          onclick: () => this.openThread(t.thread),
        }, h('span', { class: 'title' }, t.title), unread));
    });
    fill(this.threadList, items.length ? items : h('li', { class: 'empty' }, 'No threads yet. Create one below.'));
  }

  subscribeThread(thread) {
    const session = this.live.current();
    if (!session || this.threadSubs.has(thread)) return;
    const generation = this.generation;
    this.threadSubs.set(thread, null);
    session.subscribe(THREAD_TOPIC + thread, (args, kwargs, details) => this.chatEvent(thread, args, kwargs, details))
      .then((sub) => {
        if (generation !== this.generation) return;
        this.threadSubs.set(thread, sub);
        sub.on_unsubscribe.then((reason) => {
          if (reason === REVOKED) this.removed(thread, true);
        });
      })
      .catch((e) => {
        if (generation !== this.generation) return;
        this.threadSubs.delete(thread);
        if (e && e.error === 'wamp.error.not_authorized') this.refreshThreads();
      });
  }

  chatEvent(thread, args, kwargs, details) {
    const conversation = this.conversations.get(thread);
    if (conversation) conversation.addLive(args, kwargs || {}, details || {});
    if (thread === this.open) {
      this.markReadSoon();
    } else if ((details && details.publisher_authid) !== this.me) {
      const t = this.threads.get(thread);
      if (t) {
        t.unread += 1;
        this.renderThreads();
      }
    }
  }

  /** The user is no longer a member of `thread` (removed by its owner). */
  removed(thread, live) {
    const t = this.threads.get(thread);
    if (!t && !live) return;
    this.threads.delete(thread);
    const sub = this.threadSubs.get(thread);
    this.threadSubs.delete(thread);
    if (sub && sub.active) sub.unsubscribe().catch(() => {});
    const conversation = this.conversations.get(thread);
    if (conversation) conversation.close();
    this.conversations.delete(thread);
    const title = t ? t.title : thread;
    if (thread === this.open) {
      this.open = null;
      this.dropPresence();
      this.renderConversation(`You were removed from “${title}”. Its messages are no longer shown.`);
    }
    this.banner(`You were removed from “${title}”.`);
    this.renderThreads();
  }

  // ---------------------------------------------------------------- the open thread

  openThread(thread) {
    if (!this.threads.has(thread)) return;
    if (this.open === thread) {
      this.conversationBox.querySelector('textarea')?.focus();
      return;
    }
    this.dropPresence();
    this.open = thread;
    this.banner('');
    const t = this.threads.get(thread);
    t.unread = 0;
    this.renderThreads();
    let conversation = this.conversations.get(thread);
    const fresh = !conversation;
    if (fresh) {
      const list = h('ol', { class: 'messages', 'aria-label': `Messages in ${t.title}`, role: 'log', tabindex: '0' });
      conversation = new Conversation({ thread, me: this.me, api: this.api, list });
      this.conversations.set(thread, conversation);
      list.addEventListener('scroll', () => {
        if (list.scrollTop < 80) conversation.loadOlder().catch((e) => this.banner(e.message));
      });
    }
    this.renderConversation();
    (fresh ? conversation.loadLatest() : conversation.fillGap())
      .then(() => this.markReadSoon(0))
      .catch((e) => this.historyFailed(thread, e));
    this.watchPresence();
    this.root.querySelector('.shell').classList.add('thread-open');
    this.conversationBox.querySelector('textarea').focus();
  }

  historyFailed(thread, error) {
    if (error.status === 404) {
      this.removed(thread, true);
    } else {
      this.banner(`Could not load the messages: ${error.message}`);
    }
  }

  closeThreadOnPhone() {
    this.root.querySelector('.shell').classList.remove('thread-open');
    this.threadList.querySelector('[aria-current="true"]')?.focus();
  }

  renderConversation(notice) {
    const conversation = this.open ? this.conversations.get(this.open) : null;
    if (!conversation) {
      fill(this.conversationBox,
        h('div', { class: 'placeholder' },
          notice ? h('p', { class: 'notice', role: 'alert' }, notice) : null,
          h('p', {}, this.threads.size ? 'Pick a thread on the left, or create one.' : 'Create a thread to start chatting.')));
      this.root.querySelector('.shell')?.classList.remove('thread-open');
      return;
    }
    const t = this.threads.get(this.open);
    this.onlineBox = h('p', { class: 'online', 'aria-live': 'polite' });
    this.membersBox = h('section', { class: 'members', 'aria-label': 'Members', hidden: true });
    const membersButton = h('button', { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'members' }, 'Members');
    this.membersBox.id = 'members';
    membersButton.addEventListener('click', () => {
      const show = this.membersBox.hidden;
      this.membersBox.hidden = !show;
      membersButton.setAttribute('aria-expanded', String(show));
      if (show) this.loadMembers();
    });
    const composer = h('textarea', { id: 'composer', rows: 2, maxlength: MAX_TEXT, placeholder: 'Write a message', 'aria-describedby': 'composer-hint' });
    const form = h('form', { class: 'composer', 'aria-label': 'Send a message' },
      h('label', { for: 'composer', class: 'visually-hidden' }, 'Message'),
      composer,
      h('button', { type: 'submit' }, 'Send'),
      h('p', { id: 'composer-hint', class: 'visually-hidden' }, 'Enter sends; Shift+Enter starts a new line.'));
    composer.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = composer.value.replace(/\u0000/g, '');
      if (!text.trim()) return;
      composer.value = '';
      this.send(conversation, text);
    });
    fill(this.conversationBox,
      h('header', { class: 'conversation-head' },
        h('button', { type: 'button', class: 'back', onclick: () => this.closeThreadOnPhone() }, '← Threads'),
        h('h2', {}, t.title),
        this.onlineBox,
        membersButton),
      this.membersBox,
      conversation.list,
      form);
    this.renderOnline();
    conversation.list.scrollTop = conversation.list.scrollHeight;
  }

  send(conversation, text) {
    const clientId = crypto.randomUUID();
    conversation.addOwn(text, clientId);
    this.flush(conversation);
  }

  /** Publishes a conversation's unsent messages in the order they were written. */
  flush(conversation) {
    const session = this.live.current();
    const generation = this.generation;
    if (!session || this.sendable !== generation) return;
    for (const message of conversation.unsent()) {
      if (message.state === 'sending' && message.generation === generation) continue;
      message.generation = generation;
      conversation.setState(message, 'sending');
      session.publish(THREAD_TOPIC + conversation.thread, [message.text], { client_id: message.clientId },
        { acknowledge: true, exclude_me: false })
        .then(() => {
          if (message.state === 'sending') conversation.setState(message, 'sent');
        })
        .catch((e) => {
          if (e && e.error === 'wamp.error.not_authorized') {
            conversation.setState(message, 'failed');
            this.refreshThreads();
          } else if (message.state === 'sending') {
            conversation.setState(message, 'queued'); // sent again after the next join
          }
        });
    }
  }

  markReadSoon(delay = 800) {
    const thread = this.open;
    if (!thread || document.visibilityState !== 'visible') return;
    clearTimeout(this.readTimer);
    this.readTimer = setTimeout(() => {
      this.api.markRead(thread).catch(() => {});
    }, delay);
  }

  // ---------------------------------------------------------------- presence

  watchPresence() {
    const session = this.live.current();
    const thread = this.open;
    if (!session || !thread) return;
    const generation = this.generation;
    this.online = [];
    session.subscribe(PRESENCE_TOPIC + thread, (args) => {
      if (this.open === thread) this.setOnline(args[0]);
    }, { get_retained: true }).then((sub) => {
      if (generation !== this.generation || this.open !== thread) {
        sub.unsubscribe().catch(() => {});
      } else {
        this.presenceSub = sub;
      }
    }).catch(() => {});
    session.call('natter.presence.list', [thread]).then((online) => {
      if (this.open === thread && Array.isArray(online) && this.online.length === 0) {
        this.setOnline({ thread, online });
      }
    }).catch(() => {});
  }

  dropPresence() {
    const sub = this.presenceSub;
    this.presenceSub = null;
    this.online = [];
    if (sub && sub.active) sub.unsubscribe().catch(() => {});
  }

  setOnline(change) {
    if (!change || !Array.isArray(change.online)) return;
    this.online = [...change.online].sort();
    this.renderOnline();
  }

  renderOnline() {
    if (!this.onlineBox) return;
    const others = this.online.filter((n) => n !== this.me);
    fill(this.onlineBox,
      h('span', { class: 'dot', 'aria-hidden': 'true' }),
      this.online.length === 0 ? 'Nobody else is here' : `Online: ${this.online.join(', ')}`);
    this.onlineBox.dataset.online = this.online.join(',');
    this.onlineBox.dataset.others = String(others.length);
  }

  // ---------------------------------------------------------------- members

  async loadMembers() {
    const thread = this.open;
    const box = this.membersBox;
    fill(box, h('p', {}, 'Loading members…'));
    let details;
    try {
      details = await this.api.thread(thread);
    } catch (e) {
      if (e.status === 404) this.removed(thread, true);
      else fill(box, h('p', { class: 'error', role: 'alert' }, e.message));
      return;
    }
    if (thread !== this.open) return;
    const owner = details.owner === this.me;
    const error = h('p', { class: 'error', role: 'alert' });
    const list = h('ul', {}, details.members.map((name) => h('li', {},
      h('span', {}, name + (name === details.owner ? ' (owner)' : '')),
      owner && name !== details.owner
        ? h('button', {
          type: 'button',
          'aria-label': `Remove ${name}`,
          onclick: () => this.api.removeMember(thread, name).then(() => this.loadMembers()).catch((e) => { error.textContent = e.message; }),
        }, 'Remove')
        : null)));
    let add = null;
    if (owner) {
      add = h('form', { class: 'add-member' },
        h('label', { for: 'add-member-name' }, 'Add a member'),
        h('div', { class: 'row' },
          h('input', { id: 'add-member-name', name: 'name', maxlength: 32, placeholder: 'Their name', autocomplete: 'off', autocapitalize: 'none' }),
          h('button', { type: 'submit' }, 'Add')));
      add.addEventListener('submit', (event) => {
        event.preventDefault();
        const name = add.elements.name.value.trim().toLowerCase();
        if (!name) return;
        this.api.addMember(thread, name).then(() => this.loadMembers())
          .catch((e) => { error.textContent = e.status === 404 ? `There is no user “${name}”.` : e.message; });
      });
    }
    fill(box, h('h3', {}, `Members (${details.members.length})`), list, add, error);
    if (add) add.elements.name.focus();
  }

  // ---------------------------------------------------------------- notifications

  async loadInbox() {
    const list = await this.api.notifications(false);
    for (const n of list) this.inbox.set(n.id, n);
    this.renderInboxButton();
  }

  notification(args) {
    const n = args[0];
    if (!n || typeof n.id !== 'string' || this.inbox.has(n.id)) return;
    this.inbox.set(n.id, { ...n, read: false });
    this.renderInboxButton();
    this.toast(n);
    if (this.inboxDialog.open) this.renderInbox();
    // app-api's own notification when someone adds us to a thread: show the thread now, not at the
    // next refresh.
    if (n.data && n.data.kind === MEMBER_ADDED) this.refreshThreads();
  }

  toast(n) {
    const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Dismiss notification' }, '×');
    const item = h('div', { class: 'toast', role: 'status', 'data-id': n.id },
      h('strong', { class: 'toast-title' }, String(n.title || '')),
      n.body ? h('p', {}, String(n.body)) : null,
      n.from ? h('p', { class: 'from' }, `from ${n.from}`) : null,
      close);
    close.addEventListener('click', () => item.remove());
    this.toasts.append(item);
    setTimeout(() => item.remove(), 10_000);
    while (this.toasts.children.length > 4) this.toasts.firstElementChild.remove();
  }

  unreadCount() {
    let unread = 0;
    for (const n of this.inbox.values()) if (!n.read) unread++;
    return unread;
  }

  renderInboxButton() {
    const unread = this.unreadCount();
    fill(this.inboxButton, 'Inbox', unread ? h('span', { class: 'badge', 'aria-label': `${unread} unread` }, String(unread)) : null);
  }

  openInbox() {
    this.renderInbox();
    if (!this.inboxDialog.open) this.inboxDialog.showModal();
    this.loadInbox().then(() => this.renderInbox()).catch(() => {});
  }

  renderInbox() {
    const items = [...this.inbox.values()].sort((a, b) => String(b.ts).localeCompare(String(a.ts)));
    const markAll = h('button', { type: 'button', disabled: this.unreadCount() === 0 }, 'Mark all as read');
    markAll.addEventListener('click', () => {
      const ids = items.filter((n) => !n.read).map((n) => n.id);
      if (!ids.length) return;
      this.api.markNotificationsRead(ids.slice(0, 1000)).then(() => {
        for (const id of ids) this.inbox.get(id).read = true;
        this.renderInboxButton();
        this.renderInbox();
      }).catch(() => {});
    });
    fill(this.inboxDialog,
      h('h2', { id: 'inbox-title' }, 'Inbox'),
      items.length
        ? h('ul', { class: 'inbox-list' }, items.map((n) => h('li', { class: n.read ? 'read' : 'unread' },
          h('strong', {}, String(n.title || '')),
          n.read ? null : h('span', { class: 'badge' }, 'new'),
          n.body ? h('p', {}, String(n.body)) : null,
          h('p', { class: 'from' }, [n.from ? `from ${n.from}, ` : '', shortTime(n.ts)]))))
        : h('p', {}, 'No notifications.'),
      h('div', { class: 'row' }, markAll,
        h('button', { type: 'button', onclick: () => this.inboxDialog.close() }, 'Close')));
  }

  // ---------------------------------------------------------------- the WAMP session

  joined(session) {
    this.generation += 1;
    const generation = this.generation;
    this.threadSubs.clear();
    this.presenceSub = null;
    session.subscribe(NOTIFY_TOPIC + this.me, (args) => this.notification(args)).catch(() => {});
    this.loadThreads().catch((e) => this.banner(e.message)).then(() => {
      if (generation !== this.generation) return undefined;
      for (const thread of this.threads.keys()) this.subscribeThread(thread);
      if (this.open) this.watchPresence();
      return this.catchUp(session, generation);
    });
    this.loadInbox().catch(() => {});
  }

  /**
   * Whether the listener, which stores what is published, is attached to the router again (it
   * registers natter.presence.list). After a router restart the page may rejoin before the workers
   * do, and a message published before the listener resubscribed would reach only those who are
   * subscribed at that moment and never be stored; so what waited to be sent waits for it too, up to
   * STORAGE_WAIT_MS.
   */
  async storageAttached(session, generation) {
    const thread = this.open || this.threads.keys().next().value;
    const deadline = Date.now() + STORAGE_WAIT_MS;
    while (thread && generation === this.generation && Date.now() < deadline) {
      try {
        await session.call('natter.presence.list', [thread]);
        return;
      } catch (e) {
        if (!e || e.error !== 'wamp.error.no_such_procedure') return;
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  /** After a (re)join: fill the open conversation's gap, then send what waited, then fill again later. */
  async catchUp(session, generation) {
    await this.storageAttached(session, generation);
    if (generation !== this.generation) return;
    this.sendable = generation;
    for (const conversation of this.conversations.values()) {
      if (conversation.thread === this.open) {
        try {
          await conversation.fillGap();
        } catch (e) {
          this.historyFailed(conversation.thread, e);
        }
      }
      if (generation === this.generation) this.flush(conversation);
    }
    for (const delay of LATE_FILLS_MS) {
      setTimeout(() => {
        const conversation = this.open && this.conversations.get(this.open);
        if (generation === this.generation && conversation) conversation.fillGap().catch(() => {});
      }, delay);
    }
  }

  /** The router refused the credentials: is the token still good (then it is the server's trouble)? */
  checkToken() {
    this.api.tokens().catch(() => {}); // a 401 ends the app through onTokenRefused
  }
}

function routerUrl(config) {
  if (config.router_url) return config.router_url;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.hostname}:${config.router_port}/ws`;
}
