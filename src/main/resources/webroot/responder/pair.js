// Pair a heart-rate strap from the browser (Web Bluetooth) and relay its Heart Rate Measurement (0x2A37)
// notifications to the gateway's device stream (GET /v1/devices/stream, binary relay frames), authenticated
// with the responder's own device token. No build step, no third-party code, no inline script (CSP-safe).
//
// The module renders into the responder page's <section id="pair-strap"> and shows it. Where the browser has no Web
// Bluetooth (Firefox, Safari on iOS, or a page not served over HTTPS) it says so plainly and points to the
// alternatives: the gateway's own Bluetooth adapter (`limbic pair`) or edge mode (`limbic edge`).

const HEART_RATE_SERVICE = 0x180d;
const HEART_RATE_MEASUREMENT = 0x2a37;
const BATTERY_SERVICE = 0x180f;
const BATTERY_LEVEL = 0x2a19;

/** Relay frame: byte 0 the format version, bytes 1-8 the sent-at epoch millis (int64 big-endian), then the raw value. */
const RELAY_FRAME_VERSION = 1;
const RELAY_HEADER_BYTES = 9;

/** Reconnect delays (strap and gateway alike): 1 s, 2 s, 4 s, ... at most 30 s. */
const FIRST_RETRY_MS = 1000;
const LONGEST_RETRY_MS = 30000;

/** Frames kept while the gateway is unreachable (four minutes at 1 Hz); the oldest go first. */
const MAX_WAITING_FRAMES = 240;
/** The gateway refuses frames sent more than 5 min ago (too_old): older waiting frames are dropped, not sent. */
const MAX_FRAME_AGE_MS = 290000;

const TOKEN_KEY = 'limbic.deviceToken';

/** The relay frame for a 0x2A37 value (a DataView) sent at {@code sentAtMillis}. */
export function relayFrame(sentAtMillis, value) {
  const frame = new Uint8Array(RELAY_HEADER_BYTES + value.byteLength);
  const header = new DataView(frame.buffer);
  header.setUint8(0, RELAY_FRAME_VERSION);
  header.setBigInt64(1, BigInt(sentAtMillis), false);
  frame.set(new Uint8Array(value.buffer, value.byteOffset, value.byteLength), RELAY_HEADER_BYTES);
  return frame;
}

/** The delay before reconnect attempt {@code attempt} (0 for the first). */
export function retryDelayMillis(attempt) {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(attempt, 15));
}

/** The heart rate in a 0x2A37 value, for showing the wearer what is being relayed; null when too short. */
export function heartRateOf(value) {
  if (value.byteLength < 2) {
    return null;
  }
  const sixteenBit = (value.getUint8(0) & 0x01) !== 0;
  if (sixteenBit) {
    return value.byteLength < 3 ? null : value.getUint16(1, true);
  }
  return value.getUint8(1);
}

/** Why this browser cannot pair a strap: 'insecure' (not HTTPS), 'absent' (no Web Bluetooth), or null when it can. */
export function missingBluetooth(nav = navigator, win = window) {
  if (nav.bluetooth && typeof nav.bluetooth.requestDevice === 'function') {
    return null;
  }
  return win.isSecureContext === false ? 'insecure' : 'absent';
}

/**
 * The gateway's device stream as seen from the browser: one WebSocket, reopened after a drop with growing
 * delays; frames sent while it is down wait in a bounded queue (oldest dropped first) and go out in order,
 * except those the gateway would refuse as too old.
 */
export class GatewayStream {
  constructor(url, onState) {
    this.url = url;
    this.onState = onState;
    this.socket = null;
    this.waiting = [];
    this.attempt = 0;
    this.retryTimer = null;
    this.closed = false;
    this.sent = 0;
  }

  open() {
    this.closed = false;
    this.connect();
  }

  connect() {
    this.retryTimer = null;
    this.onState('connecting');
    const socket = new WebSocket(this.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      this.attempt = 0;
      this.onState('open');
      this.flush();
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) {
        return;
      }
      this.socket = null;
      if (this.closed) {
        this.onState('closed');
        return;
      }
      const delay = retryDelayMillis(this.attempt++);
      this.onState('retrying', delay, opened);
      this.retryTimer = setTimeout(() => this.connect(), delay);
    });
  }

  send(sentAtMillis, frame) {
    this.waiting.push({sentAtMillis, frame});
    if (this.waiting.length > MAX_WAITING_FRAMES) {
      this.waiting.shift();
    }
    this.flush();
  }

  flush() {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return;
    }
    const oldest = Date.now() - MAX_FRAME_AGE_MS;
    while (this.waiting.length > 0) {
      const {sentAtMillis, frame} = this.waiting.shift();
      if (sentAtMillis >= oldest) {
        socket.send(frame);
        this.sent++;
      }
    }
  }

  close() {
    this.closed = true;
    clearTimeout(this.retryTimer);
    if (this.socket) {
      this.socket.close(1000, 'unpaired');
    }
  }
}

/**
 * The GATT link to one strap: subscribes to Heart Rate Measurement notifications (and reads the battery level
 * when the strap has the Battery service), and after an unexpected disconnection reconnects with growing delays.
 */
export class StrapLink {
  constructor(device, handlers) {
    this.device = device;
    this.handlers = handlers;
    this.attempt = 0;
    this.retryTimer = null;
    this.unpaired = false;
    this.onMeasurement = (event) => handlers.measurement(event.target.value);
    this.onBattery = (event) => handlers.battery(event.target.value.getUint8(0));
    this.onDisconnected = () => this.disconnected();
    device.addEventListener('gattserverdisconnected', this.onDisconnected);
  }

  async connect() {
    this.retryTimer = null;
    this.handlers.state('connecting');
    try {
      const server = await this.device.gatt.connect();
      if (this.unpaired) {
        this.device.gatt.disconnect();
        return;
      }
      const service = await server.getPrimaryService(HEART_RATE_SERVICE);
      const measurement = await service.getCharacteristic(HEART_RATE_MEASUREMENT);
      measurement.addEventListener('characteristicvaluechanged', this.onMeasurement);
      await measurement.startNotifications();
      this.attempt = 0;
      this.handlers.state('connected');
      await this.watchBattery(server);
    } catch (error) {
      if (this.unpaired) {
        return;
      }
      this.handlers.problem(error);
      if (this.device.gatt.connected) {
        this.device.gatt.disconnect(); // fires gattserverdisconnected, which retries
        return;
      }
      this.retryLater();
    }
  }

  /** The battery level is optional: a strap without it, or failing to give it, is relayed all the same. */
  async watchBattery(server) {
    try {
      const service = await server.getPrimaryService(BATTERY_SERVICE);
      const level = await service.getCharacteristic(BATTERY_LEVEL);
      if (level.properties.read) {
        this.handlers.battery((await level.readValue()).getUint8(0));
      }
      if (level.properties.notify) {
        level.addEventListener('characteristicvaluechanged', this.onBattery);
        await level.startNotifications();
      }
    } catch (absentOrFailing) {
      // Shown as "unknown" until a level arrives.
    }
  }

  disconnected() {
    if (this.unpaired || this.retryTimer !== null) {
      return;
    }
    this.retryLater();
  }

  retryLater() {
    const delay = retryDelayMillis(this.attempt++);
    this.handlers.state('retrying', delay);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  unpair() {
    this.unpaired = true;
    clearTimeout(this.retryTimer);
    this.device.removeEventListener('gattserverdisconnected', this.onDisconnected);
    if (this.device.gatt.connected) {
      this.device.gatt.disconnect();
    }
  }
}

/** Asks the gateway whether {@code token} may stream: null when it may, else the reason to show. */
async function checkToken(token) {
  const response = await fetch('/v1/devices/stream', {headers: {Authorization: 'Bearer ' + token}, cache: 'no-store'});
  if (response.status === 426) {
    return null;
  }
  if (response.status === 401) {
    return 'The gateway does not know that device token. Copy it from your entry in the gateway\'s configuration (responders[].devices[].token).';
  }
  if (response.status === 403) {
    return 'Heart-rate monitoring is off for you (heart_rate_monitoring in the configuration), so the gateway will not take your strap\'s data.';
  }
  return 'The gateway answered ' + response.status + ' when checking the device token.';
}

function streamUrl(token) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return scheme + '//' + location.host + '/v1/devices/stream?access_token=' + encodeURIComponent(token);
}

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

function renderUnsupported(section, reason) {
  const why = reason === 'insecure'
      ? 'This page is not served over HTTPS, and browsers only offer Bluetooth to secure pages.'
      : 'This browser has no Web Bluetooth (Firefox and Safari, including every browser on iPhone and iPad, lack it).';
  section.append(
      element('p', {class: 'pair-unsupported', 'data-pair': 'unsupported'},
          'You cannot pair a strap here. ', why),
      element('p', {class: 'muted'}, 'Instead:'),
      element('ul', {class: 'pair-alternatives'},
          element('li', {}, 'open this page in Chrome or Edge on a computer or an Android phone;'),
          element('li', {}, 'pair the strap with the gateway\'s own Bluetooth adapter: ',
              element('code', {}, 'limbic pair'), ' on the gateway;'),
          element('li', {}, 'or run edge mode on a small computer near you, which relays your strap: ',
              element('code', {}, 'limbic edge'), '.')));
}

function renderPairing(section) {
  const tokenInput = element('input', {
    id: 'pair-token', name: 'device-token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: '',
  });
  const pairButton = element('button', {type: 'submit', id: 'pair-button', class: 'primary'}, 'Pair a strap');
  const form = element('form', {id: 'pair-form', class: 'pair-form', autocomplete: 'off'},
      element('label', {for: 'pair-token'}, 'Your device token'), tokenInput, element('div', {class: 'row'}, pairButton));
  const strapState = element('span', {'data-pair': 'strap'}, 'not paired');
  const gatewayState = element('span', {'data-pair': 'gateway'}, 'not connected');
  const battery = element('span', {'data-pair': 'battery'}, 'unknown');
  const heartRate = element('span', {'data-pair': 'heart-rate'}, '–');
  const relayed = element('span', {'data-pair': 'relayed'}, '0');
  const entry = (term, value) => element('div', {}, element('dt', {}, term), element('dd', {}, value));
  const status = element('dl', {class: 'signal pair-status', hidden: ''},
      entry('Strap', strapState), entry('Gateway', gatewayState), entry('Strap battery', battery),
      entry('Last reading', heartRate), entry('Frames relayed', relayed));
  const unpairButton = element('button', {type: 'button', id: 'unpair-button', class: 'quiet', hidden: ''}, 'Stop relaying');
  const message = element('p', {class: 'pair-message', role: 'status', 'aria-live': 'polite', 'data-pair': 'message'});
  section.append(
      element('p', {class: 'muted small'}, 'Pair your heart-rate strap with this browser: it relays the strap to the ',
          'gateway while this page stays open. Use the device token configured for you; it stays in this tab.'),
      form, message, status, element('div', {class: 'row'}, unpairButton));
  tokenInput.value = sessionStorage.getItem(TOKEN_KEY) || '';

  let link = null;
  let stream = null;
  const say = (text) => { message.textContent = text; };
  const seconds = (millis) => Math.round(millis / 1000) + ' s';

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = tokenInput.value.trim();
    // requestDevice must run inside the click's user activation: ask for the strap first, check the token after.
    let device;
    try {
      device = await navigator.bluetooth.requestDevice({
        filters: [{services: [HEART_RATE_SERVICE]}],
        optionalServices: [BATTERY_SERVICE],
      });
    } catch (error) {
      say(error.name === 'NotFoundError' ? 'No strap was chosen.' : 'Bluetooth refused: ' + error.message);
      return;
    }
    const refusal = await checkToken(token).catch((error) => 'The gateway cannot be reached: ' + error.message);
    if (refusal) {
      say(refusal);
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, token);
    if (link) {
      link.unpair();
      stream.close();
    }
    stream = new GatewayStream(streamUrl(token), (state, delay, wasOpen) => {
      gatewayState.textContent = state === 'retrying' ? 'connection lost, retrying in ' + seconds(delay)
          : state === 'open' ? 'connected' : state;
      if (state === 'retrying' && !wasOpen) {
        // Refused before opening: the gateway may be down, or the token revoked or consent withdrawn meanwhile.
        checkToken(token).then((refusal) => refusal && stop(refusal), () => {});
      }
    });
    link = new StrapLink(device, {
      measurement: (value) => {
        const sentAtMillis = Date.now();
        stream.send(sentAtMillis, relayFrame(sentAtMillis, value));
        relayed.textContent = String(stream.sent + stream.waiting.length);
        const bpm = heartRateOf(value);
        heartRate.textContent = bpm === null ? '–' : bpm + ' bpm';
      },
      battery: (percent) => { battery.textContent = percent + ' %'; },
      state: (state, delay) => {
        strapState.textContent = (device.name || 'strap') + ': ' + (state === 'retrying'
            ? 'disconnected, reconnecting in ' + seconds(delay) : state);
      },
      problem: (error) => say('Strap: ' + error.message),
    });
    form.hidden = true;
    status.hidden = false;
    unpairButton.hidden = false;
    say('Relaying ' + (device.name || 'the strap') + ' to the gateway.');
    stream.open();
    link.connect();
  });

  const stop = (why) => {
    if (!link) {
      return;
    }
    link.unpair();
    stream.close();
    link = null;
    stream = null;
    form.hidden = false;
    status.hidden = true;
    unpairButton.hidden = true;
    strapState.textContent = 'not paired';
    say(why);
  };
  unpairButton.addEventListener('click', () => stop('Stopped. The strap is no longer relayed from this browser.'));
  if (window.limbic) {
    // Someone else may sign in on this browser next: their page must not relay this strap.
    window.limbic.on('signed-out', () => stop('Signed out: the strap is no longer relayed from this browser.'));
  }
}

const section = document.getElementById('pair-strap');
if (section) {
  section.hidden = false;
  const reason = missingBluetooth();
  if (reason) {
    renderUnsupported(section, reason);
  } else {
    renderPairing(section);
  }
}
