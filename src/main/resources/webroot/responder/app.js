// Limbic responder page: sign-in, the responder's pages with their actions, live updates, their own signal.
// Vanilla JS, no build step, no inline script (strict CSP). Other scripts (breathing.js, the strap pairing) use
// window.limbic: session(), responder(), api(path, init), on(event, handler), announce(text).
(function () {
  'use strict';

  const SESSION_KEY = 'limbic.session';
  const SIGNAL_EVERY_MS = 3000;
  const PING_EVERY_MS = 20000;
  const PONG_WITHIN_MS = 10000;
  const RECONNECT_MIN_MS = 1000;
  const RECONNECT_MAX_MS = 30000;

  const $ = (id) => document.getElementById(id);
  const listeners = {};
  let session = null;          // {session, responder, name, expires_at}
  let me = null;               // {id, name, partner}
  let socket = null;
  let reconnectDelay = RECONNECT_MIN_MS;
  let reconnectTimer = null;
  let countdownTimer = null;
  let pingTimer = null;
  let pongTimer = null;
  let signalTimer = null;
  let refreshTimer = null;
  let wanted = false;          // whether the live stream should be open

  function on(event, handler) {
    (listeners[event] = listeners[event] || []).push(handler);
  }

  function emit(event, detail) {
    (listeners[event] || []).forEach((handler) => {
      try { handler(detail); } catch (e) { console.error(e); }
    });
  }

  function announce(text) {
    const region = $('announcer');
    region.textContent = '';
    window.setTimeout(() => { region.textContent = text; }, 50);
  }

  class ApiError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  async function api(path, init) {
    const options = Object.assign({ headers: {} }, init || {});
    options.headers = Object.assign({ 'Accept': 'application/json' }, options.headers);
    if (session) options.headers['Authorization'] = 'Bearer ' + session.session;
    if (options.json !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(options.json);
      delete options.json;
    }
    const response = await fetch(path, options);
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (response.status === 401 && session && path !== '/v1/responder/session') {
      signOut('Your session has ended. Please sign in again.');
    }
    if (!response.ok) {
      throw new ApiError(response.status, (body && body.error) || ('HTTP ' + response.status));
    }
    return body;
  }

  // ---- sign-in ---------------------------------------------------------------------------------------------

  function loadSession() {
    try {
      const stored = JSON.parse(window.localStorage.getItem(SESSION_KEY) || 'null');
      if (stored && stored.session && Date.parse(stored.expires_at) > Date.now()) return stored;
    } catch (e) { /* unreadable: sign in again */ }
    window.localStorage.removeItem(SESSION_KEY);
    return null;
  }

  async function exchange(credentials) {
    const answer = await api('/v1/responder/session', { method: 'POST', json: credentials });
    session = answer;
    window.localStorage.setItem(SESSION_KEY, JSON.stringify(answer));
    return answer;
  }

  function linkFromFragment() {
    const match = /(?:^#|&)link=([^&]+)/.exec(window.location.hash);
    if (!match) return null;
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return decodeURIComponent(match[1]);
  }

  function showSignIn(message) {
    $('dashboard').hidden = true;
    $('sign-out').hidden = true;
    $('who').textContent = '';
    $('sign-in').hidden = false;
    $('sign-in-error').textContent = message || '';
    $('token').focus();
  }

  function signOut(message) {
    stopLive();
    session = null;
    me = null;
    window.localStorage.removeItem(SESSION_KEY);
    emit('signed-out');
    showSignIn(message);
  }

  async function start() {
    $('sign-in-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const button = $('sign-in-button');
      button.disabled = true;
      $('sign-in-error').textContent = '';
      try {
        await exchange({ token: $('token').value.trim() });
        $('token').value = '';
        await enter();
      } catch (e) {
        $('sign-in-error').textContent = e.status === 401 ? 'That token was not accepted.' : 'Could not sign in: ' + e.message;
      } finally {
        button.disabled = false;
      }
    });
    $('sign-out').addEventListener('click', () => signOut('Signed out.'));
    $('reconnect-now').addEventListener('click', () => connectNow());
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden && session) { refreshIncidents(); refreshSignal(); }
    });

    window.addEventListener('hashchange', () => {
      const link = linkFromFragment();
      if (link) signInWithLink(link);
    });
    const link = linkFromFragment();
    if (link) {
      await signInWithLink(link);
      return;
    }
    session = loadSession();
    if (session) {
      await enter();
    } else {
      showSignIn('');
    }
  }

  /** Exchanges a sign-in link (from a page notification) for a session, replacing any session this tab had. */
  async function signInWithLink(link) {
    stopLive();
    try {
      session = null;
      await exchange({ link: link });
    } catch (e) {
      signOut('That link has expired or is not valid. Sign in with your token.');
      return;
    }
    await enter();
  }

  async function enter() {
    try {
      me = await api('/v1/responder/me');
    } catch (e) {
      if (!session) return;
      showSignIn('Could not reach Limbic: ' + e.message);
      return;
    }
    $('sign-in').hidden = true;
    $('dashboard').hidden = false;
    $('sign-out').hidden = false;
    $('who').textContent = 'Signed in as ' + me.name;
    document.body.dataset.responder = me.id;
    emit('signed-in', me);
    await refreshIncidents();
    refreshSignal();
    startLive();
    $('main').focus();
  }

  // ---- incidents -------------------------------------------------------------------------------------------

  const ACTION_LABELS = { acknowledge: 'Acknowledge', resolve: 'Resolve', snooze: 'Snooze', hand_over: 'Hand over' };

  function scheduleRefresh() {
    if (refreshTimer) return;
    refreshTimer = window.setTimeout(() => { refreshTimer = null; refreshIncidents(); }, 50);
  }

  async function refreshIncidents() {
    if (!session) return;
    let answer;
    try {
      answer = await api('/v1/responder/incidents');
    } catch (e) {
      return;
    }
    renderIncidents(answer.incidents || []);
  }

  function renderIncidents(incidents) {
    const list = $('incident-list');
    const focusedAction = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.focusKey : null;
    list.replaceChildren(...incidents.map(incidentItem));
    $('no-pages').hidden = incidents.length > 0;
    document.body.dataset.incidents = String(incidents.length);
    if (focusedAction) {
      const again = list.querySelector('[data-focus-key="' + focusedAction + '"]');
      if (again) again.focus();
    }
    emit('incidents', incidents);
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function when(iso) {
    const at = new Date(iso);
    return at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function ago(iso) {
    const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    if (seconds < 60) return 'just now';
    if (seconds < 3600) return Math.round(seconds / 60) + ' min ago';
    return Math.round(seconds / 3600) + ' h ago';
  }

  function incidentItem(incident) {
    const item = el('li', 'incident sev-' + incident.severity);
    item.id = 'incident-' + incident.id;
    item.dataset.incidentId = incident.id;
    item.dataset.status = incident.status;
    item.setAttribute('aria-labelledby', 'incident-title-' + incident.id);

    const head = el('div', 'incident-head');
    const title = el('h3', null, incident.summary);
    title.id = 'incident-title-' + incident.id;
    head.append(el('span', 'badge sev-' + incident.severity, incident.severity), title,
      el('span', 'badge status', incident.status));
    item.append(head);

    const source = incident.source ? incident.source + ' via ' + incident.integration : incident.integration;
    const meta = el('p', 'meta');
    meta.append('#' + incident.id + ' · ' + source + ' · opened ');
    const opened = el('time', null, ago(incident.opened_at));
    opened.dateTime = incident.opened_at;
    opened.title = new Date(incident.opened_at).toLocaleString();
    meta.append(opened);
    if (incident.alert_count > 1) meta.append(' · ' + incident.alert_count + ' alerts');
    item.append(meta);

    const actions = el('div', 'actions');
    actions.setAttribute('role', 'group');
    actions.setAttribute('aria-label', 'Actions for incident ' + incident.id);
    if (incident.status === 'triggered') actions.append(actionButton(incident, 'acknowledge', true));
    actions.append(actionButton(incident, 'resolve', incident.status !== 'triggered'));
    const minutes = el('select', 'snooze-minutes');
    minutes.setAttribute('aria-label', 'Snooze for');
    [15, 30, 60, 120].forEach((m) => {
      const option = el('option', null, m < 60 ? m + ' min' : (m / 60) + ' h');
      option.value = String(m);
      if (m === 30) option.selected = true;
      minutes.append(option);
    });
    actions.append(actionButton(incident, 'snooze', false, () => ({ minutes: Number(minutes.value) })), minutes);
    if (me && me.partner) {
      const hand = actionButton(incident, 'hand_over', false);
      hand.textContent = 'Hand over to ' + me.partner;
      actions.append(hand);
    }
    item.append(actions);
    const problem = el('p', 'incident-error');
    problem.setAttribute('role', 'alert');
    item.append(problem);

    const timeline = incident.timeline || [];
    const details = el('details');
    details.append(el('summary', null, 'Timeline (' + timeline.length + ')'));
    const entries = el('ol', 'timeline');
    timeline.forEach((entry) => {
      const line = el('li');
      const at = el('time', null, when(entry.at));
      at.dateTime = entry.at;
      line.append(at, entry.text || entry.kind);
      if (entry.actor && entry.actor !== 'limbic') line.append(' — ' + entry.actor);
      entries.append(line);
    });
    details.append(entries);
    item.append(details);
    return item;
  }

  function actionButton(incident, action, primary, body) {
    const button = el('button', primary ? 'primary' : null, ACTION_LABELS[action]);
    button.type = 'button';
    button.dataset.action = action;
    button.dataset.focusKey = incident.id + ':' + action;
    button.addEventListener('click', () => act(incident, action, button, body ? body() : undefined));
    return button;
  }

  async function act(incident, action, button, body) {
    const item = $('incident-' + incident.id);
    const problem = item ? item.querySelector('.incident-error') : null;
    if (problem) problem.textContent = '';
    button.disabled = true;
    try {
      const path = action === 'hand_over' ? 'hand-over' : action;
      const answer = await api('/v1/incidents/' + incident.id + '/' + path, { method: 'POST', json: body || {} });
      if (answer && answer.message) notice(answer.message);
      announce(ACTION_LABELS[action] + ': incident ' + incident.id + ' done.');
      await refreshIncidents();
    } catch (e) {
      if (problem) problem.textContent = 'Could not ' + ACTION_LABELS[action].toLowerCase() + ': ' + e.message;
      button.disabled = false;
    }
  }

  /** Shows a calm message above the pages (for example what a hand-over told the responder). */
  function notice(text) {
    const line = $('notice');
    line.textContent = text;
    line.hidden = false;
  }

  // ---- live stream -----------------------------------------------------------------------------------------

  function startLive() {
    wanted = true;
    connectNow();
  }

  function stopLive() {
    wanted = false;
    window.clearTimeout(reconnectTimer);
    window.clearInterval(countdownTimer);
    window.clearInterval(pingTimer);
    window.clearTimeout(pongTimer);
    window.clearInterval(signalTimer);
    signalTimer = null;
    if (socket) { const s = socket; socket = null; s.close(); }
    setBanner(null);
  }

  function connectNow() {
    if (!session || !wanted) return;
    window.clearTimeout(reconnectTimer);
    window.clearInterval(countdownTimer);
    if (socket) { const old = socket; socket = null; old.close(); }
    const scheme = window.location.protocol === 'https:' ? 'wss://' : 'ws://';
    const url = scheme + window.location.host + '/v1/responders/' + encodeURIComponent(session.responder)
      + '/live?receipts=1&access_token=' + encodeURIComponent(session.session);
    const ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener('open', () => {
      if (socket !== ws) return;
      const wasLost = !$('banner').hidden;
      reconnectDelay = RECONNECT_MIN_MS;
      setBanner(null);
      document.body.dataset.live = 'open';
      window.clearInterval(pingTimer);
      pingTimer = window.setInterval(ping, PING_EVERY_MS);
      if (wasLost) announce('Connection is back.');
      refreshIncidents();
    });
    ws.addEventListener('message', (event) => { if (socket === ws) onMessage(event.data); });
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = null;
      lost();
    });
  }

  function ping() {
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    socket.send(JSON.stringify({ type: 'ping' }));
    window.clearTimeout(pongTimer);
    const ws = socket;
    pongTimer = window.setTimeout(() => { if (socket === ws) ws.close(); }, PONG_WITHIN_MS);
  }

  function lost() {
    window.clearInterval(pingTimer);
    window.clearTimeout(pongTimer);
    document.body.dataset.live = 'lost';
    if (!wanted) return;
    const delay = Math.min(RECONNECT_MAX_MS, reconnectDelay) * (0.8 + Math.random() * 0.4);
    reconnectDelay = Math.min(RECONNECT_MAX_MS, reconnectDelay * 2);
    const due = Date.now() + delay;
    const tell = () => {
      const seconds = Math.max(0, Math.ceil((due - Date.now()) / 1000));
      setBanner('Connection lost. Reconnecting in ' + seconds + ' s…');
    };
    tell();
    window.clearInterval(countdownTimer);
    countdownTimer = window.setInterval(tell, 1000);
    reconnectTimer = window.setTimeout(async () => {
      window.clearInterval(countdownTimer);
      setBanner('Connection lost. Reconnecting…');
      try {
        await api('/v1/responder/me');  // a 401 here signs out instead of retrying forever
      } catch (e) {
        if (!session) return;
      }
      connectNow();
    }, delay);
  }

  function setBanner(text) {
    const banner = $('banner');
    if (text === null) {
      banner.hidden = true;
      return;
    }
    $('banner-text').textContent = text;
    if (banner.hidden) {
      banner.hidden = false;
      announce('Connection to Limbic lost. Reconnecting by itself.');
    }
  }

  function onMessage(data) {
    let message;
    try { message = JSON.parse(data); } catch (e) { return; }
    window.clearTimeout(pongTimer);
    if (message.type === 'notification') {
      const notification = message.notification;
      if (socket && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify({ type: 'received', notification_id: notification.id }));
      }
      onNotification(notification);
    }
  }

  function onNotification(notification) {
    emit('notification', notification);
    if (notification.kind === 'page' || notification.kind === 'page_bundle' || notification.kind === 'partner_join') {
      announce('New page: ' + notification.title);
    }
    if (notification.kind !== 'breathing_prompt' && notification.kind !== 'grounding_prompt') {
      scheduleRefresh();
    }
  }

  // ---- their own signal ------------------------------------------------------------------------------------

  async function refreshSignal() {
    if (!signalTimer) signalTimer = window.setInterval(refreshSignal, SIGNAL_EVERY_MS);
    if (!session || document.hidden) return;
    let signal;
    try { signal = await api('/v1/responder/signal'); } catch (e) { return; }
    const hr = $('signal-hr');
    const state = $('signal-state');
    if (!signal.monitoring) {
      hr.textContent = 'Not monitored';
      state.textContent = '–';
      state.className = '';
      $('signal-sensor').textContent = '–';
      $('signal-battery').textContent = '–';
      return;
    }
    hr.textContent = signal.heart_rate_bpm === null ? '–' : signal.heart_rate_bpm + ' bpm';
    state.textContent = signal.state.charAt(0).toUpperCase() + signal.state.slice(1);
    state.className = 'state-' + signal.state;
    const sensor = signal.sensor || {};
    $('signal-sensor').textContent = sensor.connected ? 'Connected'
      : (sensor.last_reading_seconds_ago === null || sensor.last_reading_seconds_ago === undefined
        ? 'No data yet' : 'Silent for ' + sensor.last_reading_seconds_ago + ' s');
    $('signal-battery').textContent = sensor.battery_percent === null || sensor.battery_percent === undefined
      ? 'Unknown' : sensor.battery_percent + ' %';
    emit('signal', signal);
  }

  window.limbic = {
    session: () => session,
    responder: () => me,
    api: api,
    on: on,
    announce: announce,
    refreshIncidents: refreshIncidents,
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
