// Logging in and signing up. On success `onSession({name, token, token_id})` takes over; the
// password is sent to app-api over HTTP only, never over the WebSocket.

import { h, fill } from './dom.js';

export function showAuth(root, api, { notice = '', onSession }) {
  const loginError = h('p', { class: 'error', role: 'alert' });
  const signupError = h('p', { class: 'error', role: 'alert' });

  const loginForm = h('form', { 'aria-label': 'Log in', novalidate: true },
    h('h2', {}, 'Log in'),
    field('Name', h('input', { name: 'name', autocomplete: 'username', required: true, maxlength: 32, autocapitalize: 'none', spellcheck: 'false' })),
    field('Password', h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: 128 })),
    h('button', { type: 'submit' }, 'Log in'),
    loginError);
  loginForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = loginForm.elements.name.value.trim().toLowerCase();
    const password = loginForm.elements.password.value;
    if (!name || !password) {
      loginError.textContent = 'Enter your name and password.';
      return;
    }
    busy(loginForm, true);
    api.login(name, password)
      .then((answer) => onSession({ name, token: answer.token, token_id: answer.token_id }))
      .catch((e) => {
        loginError.textContent = e.status === 401 ? 'Wrong name or password.' : e.message;
        loginForm.elements.password.select();
      })
      .finally(() => busy(loginForm, false));
  });

  const signupForm = h('form', { 'aria-label': 'Sign up', novalidate: true },
    h('h2', {}, 'Sign up'),
    field('Name', h('input', { name: 'name', autocomplete: 'username', required: true, maxlength: 32, autocapitalize: 'none', spellcheck: 'false', 'aria-describedby': 'name-rule' })),
    h('p', { class: 'hint', id: 'name-rule' }, '1–32 characters: lower-case letters, digits, - and _.'),
    field('Password (optional)', h('input', { name: 'password', type: 'password', autocomplete: 'new-password', maxlength: 128, 'aria-describedby': 'password-rule' })),
    h('p', { class: 'hint', id: 'password-rule' }, 'At least 8 characters. Leave it empty and Natter makes a strong one for you.'),
    h('button', { type: 'submit' }, 'Sign up'),
    signupError);
  signupForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = signupForm.elements.name.value.trim().toLowerCase();
    const password = signupForm.elements.password.value;
    if (!/^[a-z0-9_-]{1,32}$/.test(name)) {
      signupError.textContent = 'Choose a name of 1–32 lower-case letters, digits, - or _.';
      return;
    }
    if (password && password.length < 8) {
      signupError.textContent = 'A password needs at least 8 characters (or leave it empty).';
      return;
    }
    busy(signupForm, true);
    api.signUp(name, password)
      .then((answer) => {
        const session = { name: answer.name, token: answer.token, token_id: answer.token_id };
        if (answer.password) {
          showPassword(root, answer.name, answer.password, () => onSession(session));
        } else {
          onSession(session);
        }
      })
      .catch((e) => {
        signupError.textContent = e.status === 409 ? `The name “${name}” is taken. Choose another.` : e.message;
      })
      .finally(() => busy(signupForm, false));
  });

  fill(root,
    h('main', { class: 'auth' },
      h('h1', {}, 'Natter'),
      h('p', { class: 'tagline' }, 'Chat with your people, live.'),
      notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
      h('div', { class: 'auth-forms' }, loginForm, signupForm)));
  loginForm.elements.name.focus();
}

/** The generated password, once, with a copy button. */
function showPassword(root, name, password, onContinue) {
  const copied = h('span', { class: 'copied', role: 'status' });
  const shown = h('input', { id: 'generated-password', readonly: true, value: password, class: 'secret', 'aria-describedby': 'password-once', spellcheck: 'false' });
  const copy = h('button', { type: 'button' }, 'Copy password');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(password);
      copied.textContent = 'Copied.';
    } catch (e) {
      shown.select();
      copied.textContent = document.execCommand && document.execCommand('copy')
        ? 'Copied.' : 'Select the password and copy it with your keyboard.';
    }
  });
  const next = h('button', { type: 'button', class: 'primary' }, 'Continue to Natter');
  next.addEventListener('click', onContinue);
  fill(root,
    h('main', { class: 'auth' },
      h('h1', {}, 'Natter'),
      h('section', { class: 'once', 'aria-labelledby': 'welcome' },
        h('h2', { id: 'welcome' }, `Welcome, ${name}`),
        h('label', { for: 'generated-password' }, 'Your password'),
        h('div', { class: 'row' }, shown, copy),
        h('p', { id: 'password-once' }, 'It is shown only this once. Keep it somewhere safe: you need it to log in on another device.'),
        copied,
        next)));
  shown.focus();
  shown.select();
}

function field(label, input) {
  return h('label', { class: 'field' }, h('span', {}, label), input);
}

function busy(form, on) {
  for (const element of form.elements) element.disabled = on;
  form.setAttribute('aria-busy', String(on));
}
