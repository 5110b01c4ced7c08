// One open thread: its messages in order, without gaps or duplicates, whatever mix of stored
// history (with sequence numbers), live events (publication ids) and the user's own messages
// (client ids, shown before the router confirmed them) brought them.
//
// Order: messages with a stored sequence number by that number; the others (live, not yet known
// to be stored) after them, in the order they arrived. Identity: the publication id, and for a
// message with a client id also (author, client id), so a message re-sent after a lost
// acknowledgement is shown once.

import { h, shortTime } from './dom.js';

export const PAGE = 50;
const FILL_PAGE = 200;

let arrivals = 0;

export class Conversation {
  constructor({ thread, me, api, list }) {
    Object.assign(this, { thread, me, api, list });
    this.messages = [];
    this.byKey = new Map();
    this.hasOlder = true;
    this.loadingOlder = false;
    this.closed = false;
  }

  /** The highest stored sequence seen (0: none). */
  lastSeq() {
    let last = 0;
    for (const m of this.messages) {
      if (m.seq !== undefined && m.seq > last) last = m.seq;
    }
    return last;
  }

  firstSeq() {
    for (const m of this.messages) {
      if (m.seq !== undefined) return m.seq;
    }
    return undefined;
  }

  /** The latest page of history, on open. */
  async loadLatest() {
    const page = await this.api.history(this.thread, { limit: PAGE });
    if (this.closed) return;
    this.hasOlder = page.messages.length === PAGE;
    this.stick(() => page.messages.forEach((m) => this.addStored(m)));
    this.renderEdge();
  }

  /** One page further back (scrolling up). */
  async loadOlder() {
    const first = this.firstSeq();
    if (!this.hasOlder || this.loadingOlder || first === undefined || first <= 1) {
      this.hasOlder = this.hasOlder && first !== undefined && first > 1;
      this.renderEdge();
      return;
    }
    this.loadingOlder = true;
    try {
      const page = await this.api.history(this.thread, { before: first, limit: PAGE });
      if (this.closed) return;
      this.hasOlder = page.messages.length === PAGE;
      // Keep what the reader sees in place while older messages go in above it.
      const before = this.list.scrollHeight;
      const top = this.list.scrollTop;
      page.messages.forEach((m) => this.addStored(m));
      this.list.scrollTop = top + (this.list.scrollHeight - before);
    } finally {
      this.loadingOlder = false;
      this.renderEdge();
    }
  }

  /** Everything stored after the last sequence seen: after a reconnect, nothing is missed. */
  async fillGap() {
    if (this.firstSeq() === undefined && this.messages.every((m) => m.own)) {
      // nothing stored was ever shown (an empty thread): load the latest page instead
      return this.loadLatest();
    }
    for (let rounds = 0; rounds < 50 && !this.closed; rounds++) {
      const page = await this.api.history(this.thread, { after: this.lastSeq(), limit: FILL_PAGE });
      if (this.closed) return;
      this.stick(() => page.messages.forEach((m) => this.addStored(m)));
      if (page.messages.length < FILL_PAGE) return;
    }
  }

  /** A message from history: {seq, publication, author, text, ts, client_id?}. */
  addStored(stored) {
    this.merge({
      seq: stored.seq,
      publication: stored.publication,
      author: stored.author,
      text: stored.text,
      ts: stored.ts,
      clientId: stored.client_id,
      state: 'stored',
    });
  }

  /** A live event on natter.thread.<t>. */
  addLive(args, kwargs, details) {
    const text = typeof args[0] === 'string' ? args[0] : null;
    if (text === null) return;
    this.stick(() => this.merge({
      publication: details.publication,
      author: details.publisher_authid || '?',
      text,
      ts: new Date().toISOString(),
      clientId: kwargs && typeof kwargs.client_id === 'string' ? kwargs.client_id : undefined,
      state: 'delivered',
    }));
  }

  /** The user's own message, shown at once, before it is sent. Returns it. */
  addOwn(text, clientId) {
    const message = { author: this.me, text, ts: new Date().toISOString(), clientId, state: 'queued', own: true };
    this.stick(() => this.merge(message), true);
    return message;
  }

  /** Own messages not yet acknowledged by the router, in the order they were written. */
  unsent() {
    return this.messages.filter((m) => m.own && (m.state === 'queued' || m.state === 'sending'));
  }

  setState(message, state) {
    message.state = state;
    this.render(message);
  }

  keys(m) {
    const keys = [];
    if (m.publication !== undefined) keys.push(`p:${m.publication}`);
    if (m.clientId !== undefined) keys.push(`c:${m.author}\u0000${m.clientId}`);
    return keys;
  }

  merge(incoming) {
    let known = null;
    for (const key of this.keys(incoming)) {
      known = known || this.byKey.get(key) || null;
    }
    if (!known) {
      incoming.arrival = arrivals++;
      this.index(incoming);
      this.insert(incoming);
      return incoming;
    }
    // The same message again: keep what is known, learn what is new (a sequence, a publication
    // id, a confirmation) and move it if its place changed.
    let moved = false;
    if (incoming.seq !== undefined && known.seq === undefined) {
      known.seq = incoming.seq;
      known.ts = incoming.ts || known.ts;
      moved = true;
    }
    if (incoming.publication !== undefined && known.publication === undefined) {
      known.publication = incoming.publication;
    }
    if (known.own && known.state !== 'stored' && (incoming.state === 'delivered' || incoming.state === 'stored')) {
      known.state = incoming.state;
    } else if (incoming.state === 'stored') {
      known.state = 'stored';
    }
    this.index(known);
    if (moved) {
      this.messages.splice(this.messages.indexOf(known), 1);
      known.element.remove();
      this.insert(known);
    } else {
      this.render(known);
    }
    return known;
  }

  index(m) {
    for (const key of this.keys(m)) this.byKey.set(key, m);
  }

  insert(m) {
    let at = this.messages.length;
    while (at > 0 && precedes(m, this.messages[at - 1])) at--;
    this.messages.splice(at, 0, m);
    m.element = h('li', { class: 'message' });
    this.render(m);
    const next = this.messages[at + 1];
    this.list.insertBefore(m.element, next ? next.element : null);
  }

  render(m) {
    const mine = m.author === this.me;
    // Own messages say where they are until the router has them; then nothing more is said.
    const status = !m.own ? null
      : m.state === 'queued' ? 'waiting to send'
        : m.state === 'sending' ? 'sending…'
          : m.state === 'failed' ? 'not sent' : null;
    m.element.className = `message${mine ? ' mine' : ''}${m.state === 'failed' ? ' failed' : ''}`;
    m.element.dataset.state = m.state;
    if (m.seq !== undefined) m.element.dataset.seq = m.seq;
    m.element.replaceChildren(
      h('div', { class: 'meta' },
        h('span', { class: 'author' }, m.author),
        h('time', { datetime: m.ts }, shortTime(m.ts)),
        status ? h('span', { class: 'status' }, status) : null),
      h('p', { class: 'text' }, m.text),
    );
  }

  renderEdge() {
    const edge = this.list.querySelector('.edge');
    const text = this.hasOlder ? (this.loadingOlder ? 'Loading earlier messages…' : 'Scroll up for earlier messages')
      : this.messages.length ? 'Beginning of the conversation' : 'No messages yet. Say hello!';
    if (edge) {
      edge.textContent = text;
    } else {
      this.list.prepend(h('li', { class: 'edge', role: 'presentation' }, text));
    }
  }

  /** Runs a change and keeps the view at the bottom if it was there (or `force`). */
  stick(change, force = false) {
    const atBottom = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 48;
    change();
    if (atBottom || force) {
      this.list.scrollTop = this.list.scrollHeight;
    }
    const edge = this.list.querySelector('.edge');
    if (edge && !this.hasOlder) this.renderEdge();
  }

  close() {
    this.closed = true;
  }
}

/** Whether a goes before b: stored ones by sequence, then the rest by arrival. */
function precedes(a, b) {
  if (a.seq !== undefined && b.seq !== undefined) return a.seq < b.seq;
  if (a.seq !== undefined) return true;
  if (b.seq !== undefined) return false;
  return a.arrival < b.arrival;
}
