// app-api over HTTP: JSON in and out, the login token as a bearer credential, and every failure
// as an ApiError whose message can be shown to a person as it is.

export class ApiError extends Error {
  constructor(status, code, message, { field = null, retryAfter = null } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfter = retryAfter;
  }
}

const UNREACHABLE = 'The server cannot be reached. Check your connection and try again.';

export class Api {
  constructor() {
    this.token = null;
    /** Told when a request made with the token is refused with 401: the token no longer works. */
    this.onTokenRefused = () => {};
  }

  async request(method, path, body) {
    const headers = { accept: 'application/json' };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    const withToken = this.token !== null;
    if (withToken) {
      headers.authorization = `Bearer ${this.token}`;
    }
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch (e) {
      throw new ApiError(0, 'unreachable', UNREACHABLE);
    }
    let data = null;
    if (response.status !== 204) {
      try {
        data = await response.json();
      } catch (e) {
        data = null;
      }
    }
    if (response.ok) {
      return data;
    }
    const retryAfter = Number(response.headers.get('retry-after')) || null;
    const error = new ApiError(response.status, (data && data.error) || `http_${response.status}`,
      explain(response.status, data, retryAfter), { field: data && data.field, retryAfter });
    if (response.status === 401 && withToken) {
      this.onTokenRefused(error);
    }
    throw error;
  }

  config() { return this.request('GET', '/api/config'); }
  signUp(name, password) { return this.request('POST', '/api/users', password ? { name, password } : { name }); }
  login(name, password) { return this.request('POST', '/api/login', { name, password }); }
  logout() { return this.request('POST', '/api/logout'); }
  tokens() { return this.request('GET', '/api/tokens'); }
  threads() { return this.request('GET', '/api/threads'); }
  thread(thread) { return this.request('GET', `/api/threads/${encodeURIComponent(thread)}`); }
  createThread(title) { return this.request('POST', '/api/threads', { title }); }
  addMember(thread, name) { return this.request('POST', `/api/threads/${encodeURIComponent(thread)}/members`, { name }); }
  removeMember(thread, name) {
    return this.request('DELETE', `/api/threads/${encodeURIComponent(thread)}/members/${encodeURIComponent(name)}`);
  }
  markRead(thread, seq) {
    return this.request('POST', `/api/threads/${encodeURIComponent(thread)}/read`, seq === undefined ? {} : { seq });
  }
  history(thread, { before, after, limit } = {}) {
    const query = new URLSearchParams();
    if (before !== undefined) query.set('before', before);
    if (after !== undefined) query.set('after', after);
    if (limit !== undefined) query.set('limit', limit);
    const suffix = query.toString() ? `?${query}` : '';
    return this.request('GET', `/api/threads/${encodeURIComponent(thread)}/messages${suffix}`);
  }
  notifications(unreadOnly) { return this.request('GET', `/api/notifications${unreadOnly ? '?unread=true' : ''}`); }
  markNotificationsRead(ids) { return this.request('POST', '/api/notifications/read', { ids }); }
}

function explain(status, data, retryAfter) {
  const message = data && typeof data.message === 'string' ? data.message : null;
  switch (status) {
    case 429:
      return `Too many attempts. Try again in ${retryAfter || 60} seconds.`;
    case 502:
    case 503:
    case 504:
      return 'The service is unavailable right now. Try again in a moment.';
    default:
      if (status >= 500) {
        return 'Something went wrong on the server. Try again in a moment.';
      }
      return message ? capitalize(message) + (/[.!?]$/.test(message) ? '' : '.') : `The request failed (HTTP ${status}).`;
  }
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
