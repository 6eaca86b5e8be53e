/*
 * The browser host's bridge: defines `window.tas` (the same TasApi the Electron preload exposes)
 * over a WebSocket to the host, with exactly the contract's channel names (the host fills them in
 * where the placeholders are). Plain JS, loaded as a classic script before the renderer bundle.
 *
 * The host answers the socket only with this launch's key (src/webhost/launch-key.ts). It comes in
 * the printed URL's query (`/?key=...`; the fragment belongs to the renderer's router): kept in
 * sessionStorage so a reload still works, taken out of the visible URL before the renderer runs.
 */
/* global window, location, history, __TAS_INVOKE_CHANNELS__, __TAS_EVENT_CHANNELS__ */
(function () {
  'use strict';
  var INVOKE = __TAS_INVOKE_CHANNELS__;
  var EVENTS = __TAS_EVENT_CHANNELS__;
  var ALARM_AFTER_MS = 30000;
  var KEY_STORE = 'opentas.launchKey';
  var key = launchKey();
  var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ipc?key=' + encodeURIComponent(key || '');
  var socket = null;
  var open = false;
  var nextId = 1;
  var waiting = new Map();
  var outbox = [];
  var listeners = new Map();
  var retryMs = 250;
  var downSince = null;
  var alarmTimer = null;

  function launchKey() {
    var params = new URLSearchParams(location.search);
    var given = params.get('key');
    if (given) {
      try {
        sessionStorage.setItem(KEY_STORE, given);
      } catch {
        // Storage refused (private mode): the key still works until the page is reloaded.
      }
      params.delete('key');
      var rest = params.toString();
      history.replaceState(history.state, '', location.pathname + (rest ? '?' + rest : '') + location.hash);
      return given;
    }
    try {
      return sessionStorage.getItem(KEY_STORE);
    } catch {
      return null;
    }
  }

  function emit(channel, payload) {
    var set = listeners.get(channel);
    if (!set) return;
    set.forEach(function (listener) {
      try {
        listener(payload);
      } catch (err) {
        console.error('tas listener failed', err);
      }
    });
  }

  // The host itself is gone: say so the way the main process would, so the renderer shows
  // NOT RECEIVING ALERTS instead of a stale "connected".
  function hostDown() {
    if (downSince === null) downSince = new Date().toISOString();
    // A refused key looks like a host that is down (the browser hides the 401); a restarted host has a new key.
    var why = key
      ? 'The OpenTAS app is not answering; if it was restarted, open the URL it printed'
      : 'This page has no key: open the URL the browser host printed';
    var down = { state: 'offline', since: downSince, alarm: false, lastError: why };
    emit('link:presence', down);
    if (alarmTimer === null) {
      alarmTimer = setTimeout(function () {
        emit('link:presence', { state: 'offline', since: downSince, alarm: true, lastError: down.lastError });
      }, ALARM_AFTER_MS);
    }
  }

  function connect() {
    socket = new WebSocket(url);
    socket.onopen = function () {
      open = true;
      retryMs = 250;
      downSince = null;
      if (alarmTimer !== null) clearTimeout(alarmTimer);
      alarmTimer = null;
      outbox.splice(0).forEach(function (text) {
        socket.send(text);
      });
    };
    socket.onmessage = function (e) {
      var msg;
      try {
        msg = JSON.parse(e.data);
      } catch {
        return;
      }
      if (msg && typeof msg.event === 'string') {
        emit(msg.event, msg.payload);
        return;
      }
      var w = msg && waiting.get(msg.id);
      if (!w) return;
      waiting.delete(msg.id);
      if (msg.error) {
        var err = new Error(msg.error.message);
        err.code = msg.error.code;
        w.reject(err);
      } else w.resolve(msg.result);
    };
    socket.onclose = function () {
      var wasOpen = open;
      open = false;
      waiting.forEach(function (w) {
        w.reject(new Error('The connection to the OpenTAS app was lost.'));
      });
      waiting.clear();
      if (wasOpen || downSince === null) hostDown();
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  }

  function invoke(channel, request) {
    if (INVOKE.indexOf(channel) < 0) return Promise.reject(new Error('Unknown channel: ' + String(channel)));
    return new Promise(function (resolve, reject) {
      var id = nextId++;
      waiting.set(id, { resolve: resolve, reject: reject });
      var text = JSON.stringify({ id: id, channel: channel, request: request });
      if (open) socket.send(text);
      else outbox.push(text);
    });
  }

  function on(channel, listener) {
    if (EVENTS.indexOf(channel) < 0) throw new Error('Unknown event: ' + String(channel));
    if (!listeners.has(channel)) listeners.set(channel, new Set());
    listeners.get(channel).add(listener);
    return function () {
      listeners.get(channel).delete(listener);
    };
  }

  Object.defineProperty(window, 'tas', { value: Object.freeze({ invoke: invoke, on: on }), writable: false, configurable: false });
  connect();
})();
