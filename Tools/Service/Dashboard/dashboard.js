// qdot dashboard (docs/service.md): run controls, the live stream read with fetch() so it can carry
// the bearer token, plots drawn on canvas, and the certified result of each finished run.
// Plain ES2020, no frameworks; the page is served with CSP default-src 'self', so no inline code.
'use strict';

const TOKEN_KEY = 'qdot-token';
const HISTORY_SECONDS = 120;
const CHANNELS = ['A+', 'A-', 'B+', 'B-'];
const CHANNEL_IDS = { 'A+': 'Aplus', 'A-': 'Aminus', 'B+': 'Bplus', 'B-': 'Bminus' };
const CHANNEL_COLOURS = { 'A+': '#1f5fa8', 'A-': '#6fa8dc', 'B+': '#b42318', 'B-': '#f08c7a' };
const PAIRS = ['A+B+', 'A+B-', 'A-B+', 'A-B-'];
const PAIR_COLOURS = ['#1f5fa8', '#f0a050', '#9b59b6', '#2e9e6a'];
const FINISHED_STATES = new Set(['completed', 'stopped', 'failed']);

const $ = (id) => document.getElementById(id);

/** What the page knows: experiments, the run it is watching, the last 120 s of rates. */
const page = {
  experiments: [],
  lastFrame: null,
  history: [],              // { wallSeconds, singles: {A+: …}, coincidences }
  watchedRun: null,         // id of the run whose result the page shows when it ends
  shownResult: null,        // id of the run whose result is shown
  lastSettings: [],         // the per-setting counts drawn (the last run's, between runs)
  density: null,            // { real, imaginary } of a shown tomography result
  failedRun: null,          // words for the banner when the shown run failed or faulted
  streamConnected: false,
  streamRefusedForToken: false,
  restartingStream: false,  // the stream was aborted on purpose (a new token)
  wakeStream: null,         // cuts the reconnect wait short
  lastBytesAt: 0,           // frames or keep-alive comments: the stream is alive while they come
};

// ---------- API ----------

function token() { return sessionStorage.getItem(TOKEN_KEY) || ''; }

function headers(extra) {
  const h = Object.assign({}, extra || {});
  const t = token();
  if (t) h['Authorization'] = 'Bearer ' + t;
  return h;
}

/** Calls the API; resolves to { status, body } (body parsed as JSON when it is JSON). Never throws on HTTP errors. */
async function api(method, path, body, contentType) {
  const options = { method, headers: headers(body !== undefined ? { 'Content-Type': contentType || 'application/json' } : {}) };
  if (body !== undefined) options.body = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(path, options);
  const text = await response.text();
  let parsed = text;
  try { parsed = text ? JSON.parse(text) : null; } catch (_) { /* not JSON */ }
  return { status: response.status, ok: response.ok, body: parsed };
}

/** Fetches a binary or text resource with the token, as a Blob. */
async function fetchBlob(path) {
  const response = await fetch(path, { headers: headers() });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.blob();
}

// ---------- messages and banner ----------

function showMessage(text, ok) {
  const box = $('message');
  box.textContent = text;
  box.classList.toggle('ok', !!ok);
  box.classList.toggle('hidden', !text);
}

/** Turns a refused API call into words: 401 asks for the token, 409/422 say what the service said. */
function explainRefusal(what, reply) {
  const said = reply.body && reply.body.error ? reply.body.error : '';
  if (reply.status === 401) return `${what}: 401 — the token is missing or wrong${said ? ' (' + said + ')' : ''}`;
  if (reply.status === 409) return `${what}: 409 — ${said || 'the board is busy (or nothing runs)'}`;
  if (reply.status === 413) return `${what}: 413 — the request is too large`;
  if (reply.status === 422) return `${what}: 422 — ${said || 'the experiment does not check'}`;
  return `${what}: HTTP ${reply.status}${said ? ' — ' + said : ''}`;
}

function showCheckErrors(errors) {
  const list = $('upload-errors');
  list.replaceChildren();
  for (const e of errors || []) {
    const item = document.createElement('li');
    const where = document.createElement('span');
    where.className = 'where';
    where.textContent = `${e.file || 'file'}${e.line != null ? ':' + e.line : ''}${e.field ? ' ' + e.field : ''}`;
    item.append(where, ': ' + (e.message || e.text || ''));
    list.append(item);
  }
}

/** The banner: red for an open interlock or a failed run, amber for lost clicks, grey when disconnected. */
function updateBanner() {
  const frame = page.lastFrame;
  const problems = [];
  let colour = '';
  if (!page.streamConnected) {
    problems.push(page.streamRefusedForToken ? 'Live stream refused (401): enter the bearer token' : 'Live stream disconnected — reconnecting');
    colour = 'grey';
  }
  if (frame) {
    if (frame.lostEdges > 0 || frame.clickRingDrops > 0) {
      problems.push(`Clicks lost: ${frame.lostEdges} lost edges, ${frame.clickRingDrops} click ring drops`);
      colour = 'amber';
    }
    if (page.failedRun) { problems.push(page.failedRun); colour = 'red'; }
    if (frame.interlock === 'open') { problems.push('INTERLOCK OPEN — outputs held safe'); colour = 'red'; }
  } else if (page.failedRun) { problems.push(page.failedRun); colour = 'red'; }
  const banner = $('banner');
  banner.textContent = problems.join(' · ');
  banner.className = 'banner' + (problems.length ? ' banner-' + colour : ' hidden');
}

// ---------- number formatting ----------

function grouped(n) {
  if (n == null || !isFinite(n)) return '—';
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

function fixed(x, digits) { return x == null || !isFinite(x) ? '—' : x.toFixed(digits); }

function nanoseconds(ns) {
  if (ns == null) return '—';
  if (ns >= 1e6) return (ns / 1e6).toFixed(2) + ' ms';
  if (ns >= 1e3) return (ns / 1e3).toFixed(1) + ' µs';
  return ns + ' ns';
}

/** A value with its standard error, rounded to the error's second significant digit (2.598 ± 0.042). */
function withError(value, error) {
  if (!isFinite(value)) return String(value);
  if (!error || !isFinite(error) || error <= 0) return Number(value.toPrecision(4)).toString();
  const digits = Math.min(6, Math.max(0, 1 - Math.floor(Math.log10(error))));
  return `${value.toFixed(digits)} ± ${error.toFixed(digits)}`;
}

// ---------- live frames ----------

function windowOf(frame, seconds) {
  return (frame.windows || []).find((w) => w.seconds === seconds) || null;
}

function onFrame(frame) {
  const previous = page.lastFrame;
  if (previous && frame.sequence < previous.sequence) page.history = [];   // the service restarted
  page.lastFrame = frame;

  const second = windowOf(frame, 1);
  if (second) {
    page.history.push({ wallSeconds: frame.wallSeconds, singles: second.singlesPerSecond || {}, coincidences: second.coincidencesPerSecond });
    const oldest = frame.wallSeconds - HISTORY_SECONDS;
    while (page.history.length && page.history[0].wallSeconds < oldest) page.history.shift();
  }
  showFrameNumbers(frame, second);
  drawRates();
  // Between runs the stream carries no settings; keep the last run's bars until the next starts.
  if ((frame.settings || []).length || frame.state !== 'idle') page.lastSettings = frame.settings || [];
  drawCorrelations(page.lastSettings || []);
  noticeRunEnd(previous, frame);
  updateBanner();
}

function showFrameNumbers(frame, second) {
  $('state').textContent = frame.state + (frame.mode === 'alignment' ? ' (alignment)' : '');
  $('run-id').textContent = frame.run || '';
  for (const channel of CHANNELS) {
    const rate = second && second.singlesPerSecond ? second.singlesPerSecond[channel] : null;
    $('singles-rate-' + CHANNEL_IDS[channel]).textContent = rate == null ? '—' : grouped(rate) + ' /s';
  }
  $('coincidence-rate').textContent = second ? grouped(second.coincidencesPerSecond) + ' /s' : '—';

  // Over the run so far; in alignment the window's figures stand in (the run has no end).
  const figures = frame.figures || {};
  const tenSeconds = windowOf(frame, 10) || second;
  const S = figures.S != null ? figures.S : (frame.mode === 'alignment' && tenSeconds ? tenSeconds.S : null);
  const visibility = figures.visibility != null ? figures.visibility : (frame.mode === 'alignment' && tenSeconds ? tenSeconds.visibility : null);
  $('S').textContent = fixed(S, 3);
  $('visibility').textContent = fixed(visibility, 3);
  $('qber').textContent = figures.qber == null ? '—' : (100 * figures.qber).toFixed(2) + ' %';
  $('window-S').textContent = second ? `${fixed(second.S, 3)} (1 s) ${fixed(tenSeconds && tenSeconds.S, 3)} (10 s)` : '—';
  $('window-visibility').textContent = second ? `${fixed(second.visibility, 3)} (1 s) ${fixed(tenSeconds && tenSeconds.visibility, 3)} (10 s)` : '—';

  $('cycles').textContent = grouped(frame.cycles) + (frame.plannedCycles ? ' / ' + grouped(frame.plannedCycles) : '');
  const progress = $('progress');
  if (frame.plannedCycles) { progress.max = frame.plannedCycles; progress.value = Math.min(frame.cycles, frame.plannedCycles); }
  else { progress.max = 1; progress.value = frame.state === 'idle' ? 0 : 1; }
  $('setting').textContent = frame.setting || '—';
  $('board-seconds').textContent = fixed(frame.boardSeconds, 3) + ' s';
  $('lateness-p99').textContent = nanoseconds(frame.latenessP99Nanoseconds);
  $('lateness-max').textContent = nanoseconds(frame.latenessMaximumNanoseconds);
  $('overruns').textContent = grouped(frame.overruns);
  $('missed-slots').textContent = grouped(frame.missedSlots);
  $('lost-edges').textContent = grouped(frame.lostEdges);
  $('ring-drops').textContent = grouped(frame.clickRingDrops);
  syncButtons(frame.state);
}

function syncButtons(state) {
  const busy = state !== 'idle';
  $('start').disabled = busy;
  $('align').disabled = busy;
  $('upload').disabled = busy;
  $('stop').disabled = !busy;
}

/** A run ended when the frames leave it (state back to idle, or another run). */
function noticeRunEnd(previous, frame) {
  if (frame.run && frame.state !== 'idle') { page.watchedRun = frame.run; return; }
  if (page.watchedRun && page.shownResult !== page.watchedRun) checkWatchedRun();
  if (previous && previous.run && previous.run !== frame.run && previous.run !== page.shownResult) {
    page.watchedRun = previous.run;
    checkWatchedRun();
  }
}

let checking = false;
let lastCheckAt = 0;
let checksWithoutResult = 0;
const RESULT_CHECK_INTERVAL_MILLISECONDS = 400;
const CHECKS_WAITING_FOR_RESULT = 25;   // ≈ 10 s for the result file to follow the run's end

/** Asks for the watched run's entry; once it has ended (and its result is written), shows the result. */
async function checkWatchedRun() {
  const id = page.watchedRun;
  const now = performance.now();
  if (!id || checking || page.shownResult === id || now - lastCheckAt < RESULT_CHECK_INTERVAL_MILLISECONDS) return;
  checking = true;
  lastCheckAt = now;
  try {
    const reply = await api('GET', `/api/v1/runs/${encodeURIComponent(id)}`);
    if (!reply.ok || !FINISHED_STATES.has(reply.body.state)) return;
    if (!reply.body.hasResult && ++checksWithoutResult < CHECKS_WAITING_FOR_RESULT) return;
    checksWithoutResult = 0;
    page.shownResult = id;
    await showRunResult(reply.body);
    loadRuns();
  } catch (error) {
    showMessage(`run ${id}: ${error.message}`);
  } finally {
    checking = false;
  }
}

// ---------- the live stream (SSE over fetch, so it carries the token) ----------

let streamAbort = null;

function setStreamConnected(connected) {
  if (page.streamConnected === connected) return;
  page.streamConnected = connected;
  const status = $('live-status');
  status.textContent = connected ? 'live' : 'disconnected';
  status.className = 'pill ' + (connected ? 'pill-live' : 'pill-down');
  updateBanner();
}

/** Reads `event:` / `data:` lines; a blank line ends an event. */
function parseServerSentEvents(buffer, deliver) {
  let end;
  while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
    const block = buffer.slice(0, end);
    buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
    let event = 'message';
    const data = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length) deliver(event, data.join('\n'));
  }
  return buffer;
}

async function readLiveStream() {
  let backoffMilliseconds = 500;
  for (;;) {
    streamAbort = new AbortController();
    let gotFrame = false;
    try {
      const response = await fetch('/api/v1/live', { headers: headers({ Accept: 'text/event-stream' }), signal: streamAbort.signal, cache: 'no-store' });
      page.streamRefusedForToken = response.status === 401;
      if (!response.ok || !response.body) throw new Error('HTTP ' + response.status);
      page.lastBytesAt = performance.now();
      setStreamConnected(true);
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        page.lastBytesAt = performance.now();
        buffer = parseServerSentEvents(buffer + decoder.decode(value, { stream: true }), (event, data) => {
          if (event !== 'frame') return;
          try { onFrame(JSON.parse(data)); gotFrame = true; } catch (error) { console.error('bad frame', error); }
        });
      }
    } catch (_) { /* fall through to reconnect */ }
    if (page.restartingStream) {          // a new token: reconnect at once, still "live" until it fails
      page.restartingStream = false;
      backoffMilliseconds = 500;
      continue;
    }
    setStreamConnected(false);
    updateBanner();
    if (gotFrame) backoffMilliseconds = 500;
    // Wait before reconnecting; a new token cuts the wait short.
    await new Promise((resolve) => { page.wakeStream = resolve; setTimeout(resolve, backoffMilliseconds); });
    page.wakeStream = null;
    backoffMilliseconds = Math.min(10000, backoffMilliseconds * 2);
  }
}

/** A stream silent for longer than the service's keep-alive (5 s) is as good as gone: abort it and reconnect. */
const SILENT_STREAM_MILLISECONDS = 8000;
setInterval(() => {
  if (page.streamConnected && performance.now() - page.lastBytesAt > SILENT_STREAM_MILLISECONDS) {
    setStreamConnected(false);
    if (streamAbort) streamAbort.abort();
  }
  if (page.watchedRun && page.shownResult !== page.watchedRun) checkWatchedRun();
}, 1000);

function restartStream() {
  if (page.wakeStream) { page.wakeStream(); return; }
  if (!streamAbort) return;
  page.restartingStream = true;
  streamAbort.abort();
}

// ---------- plots ----------

/** Sizes the canvas to its laid-out size times the pixel ratio; returns the context and CSS size. */
function prepareCanvas(canvas) {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(50, canvas.clientWidth), height = Math.max(50, canvas.clientHeight);
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const context = canvas.getContext('2d');
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  context.font = '11px system-ui, sans-serif';
  return { context, width, height };
}

function niceMaximum(value) {
  if (!(value > 0)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(value)));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function axes(context, left, top, right, bottom, maximum) {
  context.strokeStyle = '#d0d5dd';
  context.fillStyle = '#667085';
  context.lineWidth = 1;
  context.textAlign = 'right';
  context.textBaseline = 'middle';
  for (let i = 0; i <= 4; i++) {
    const y = bottom - (i / 4) * (bottom - top);
    context.beginPath(); context.moveTo(left, y); context.lineTo(right, y); context.stroke();
    const value = maximum * i / 4;
    context.fillText(maximum >= 10 ? grouped(value) : value.toFixed(2), left - 4, y);
  }
}

/** Time series of `pick(sample)` over the last 120 s, one line per series. */
function drawTimeSeries(canvas, series) {
  const { context, width, height } = prepareCanvas(canvas);
  const left = 52, right = width - 8, top = 8, bottom = height - 18;
  const samples = page.history;
  const now = samples.length ? samples[samples.length - 1].wallSeconds : 0;
  let maximum = 0;
  for (const s of samples) for (const line of series) maximum = Math.max(maximum, line.pick(s) || 0);
  maximum = niceMaximum(maximum);
  axes(context, left, top, right, bottom, maximum);
  context.textAlign = 'center';
  context.textBaseline = 'top';
  for (const ago of [120, 90, 60, 30, 0]) {
    const x = right - (ago / HISTORY_SECONDS) * (right - left);
    context.textAlign = ago ? 'center' : 'right';
    context.fillText(ago ? `−${ago} s` : 'now', x, bottom + 3);
  }
  for (const line of series) {
    context.strokeStyle = line.colour;
    context.lineWidth = 1.6;
    context.beginPath();
    let started = false;
    for (const s of samples) {
      const x = right - ((now - s.wallSeconds) / HISTORY_SECONDS) * (right - left);
      const y = bottom - ((line.pick(s) || 0) / maximum) * (bottom - top);
      if (started) context.lineTo(x, y); else { context.moveTo(x, y); started = true; }
    }
    context.stroke();
  }
}

function drawRates() {
  drawTimeSeries($('plot-singles'), CHANNELS.map((channel) => ({ colour: CHANNEL_COLOURS[channel], pick: (s) => s.singles[channel] })));
  drawTimeSeries($('plot-coincidences'), [{ colour: '#2e9e6a', pick: (s) => s.coincidences }]);
}

/** The correlation histogram: per setting, the four pairs' coincidence counts side by side. */
function drawCorrelations(settings) {
  const { context, width, height } = prepareCanvas($('plot-histogram'));
  const left = 52, right = width - 8, top = 8, bottom = height - 44;
  let maximum = 0;
  for (const s of settings) for (const pair of PAIRS) maximum = Math.max(maximum, (s.coincidences || {})[pair] || 0);
  maximum = niceMaximum(maximum);
  axes(context, left, top, right, bottom, maximum);
  if (!settings.length) return;
  const groupWidth = (right - left) / settings.length;
  const barWidth = Math.max(1, (groupWidth * 0.8) / PAIRS.length);
  context.textAlign = 'center';
  context.textBaseline = 'top';
  settings.forEach((setting, index) => {
    const groupLeft = left + index * groupWidth + groupWidth * 0.1;
    PAIRS.forEach((pair, p) => {
      const count = (setting.coincidences || {})[pair] || 0;
      const barHeight = (count / maximum) * (bottom - top);
      context.fillStyle = PAIR_COLOURS[p];
      context.fillRect(groupLeft + p * barWidth, bottom - barHeight, barWidth - 1, barHeight);
    });
    // Labels that do not fit under their group are written slanting down to the left.
    context.fillStyle = '#1d2330';
    const label = setting.label.length > 16 ? setting.label.slice(0, 15) + '…' : setting.label;
    const slanted = context.measureText(label).width > groupWidth - 4;
    context.save();
    context.translate(left + (index + 0.5) * groupWidth, bottom + 4);
    if (slanted) { context.rotate(-0.6); context.textAlign = 'right'; }
    context.fillText(label, slanted ? 4 : 0, 0);
    context.restore();
  });
}

/** A 4×4 heat map with the values written in (blue positive, red negative, as qdot's SVG figure). */
function drawMatrix(canvas, matrix) {
  const { context, width } = prepareCanvas(canvas);
  const labels = ['HH', 'HV', 'VH', 'VV'];
  const margin = 28, cell = (width - margin) / 4;
  const scale = Math.max(0.5, ...matrix.flat().map(Math.abs));
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  for (let row = 0; row < 4; row++) {
    for (let column = 0; column < 4; column++) {
      const value = matrix[row][column];
      const strength = Math.min(1, Math.abs(value) / scale);
      const fade = Math.round(255 * (1 - strength));
      context.fillStyle = value >= 0 ? `rgb(${fade},${fade},255)` : `rgb(255,${fade},${fade})`;
      const x = margin + column * cell, y = margin + row * cell;
      context.fillRect(x, y, cell - 1, cell - 1);
      context.fillStyle = strength > 0.6 ? '#fff' : '#1d2330';
      context.fillText(value.toFixed(3), x + cell / 2, y + cell / 2);
    }
    context.fillStyle = '#667085';
    context.fillText(labels[row], margin / 2, margin + (row + 0.5) * cell);
    context.fillText(labels[row], margin + (row + 0.5) * cell, margin / 2);
  }
}

window.addEventListener('resize', () => {
  drawRates();
  drawCorrelations(page.lastSettings || []);
  if (page.density) { drawMatrix($('rho-real'), page.density.real); drawMatrix($('rho-imaginary'), page.density.imaginary); }
});

// ---------- results ----------

function cell(tag, text, className) {
  const element = document.createElement(tag);
  element.textContent = text;
  if (className) element.className = className;
  return element;
}

/** Shows a finished run: its outcome, the certified figures of its result, the density matrix and figures. */
async function showRunResult(entry) {
  page.failedRun = entry.state === 'failed' || (entry.outcome && /^fault|interlock|clicks lost/.test(entry.outcome))
    ? `Run ${entry.id} ${entry.state}: ${entry.outcome || ''}${entry.faults && entry.faults.length ? ' — ' + entry.faults.join('; ') : ''}`
    : null;
  updateBanner();
  const box = $('result');
  box.replaceChildren(cell('p', `${entry.experiment} · ${entry.id} · ${entry.state}${entry.outcome ? ' (' + entry.outcome + ')' : ''} · ${grouped(entry.cyclesRun)} cycles`, 'muted'));
  $('density').classList.add('hidden');
  $('figures').replaceChildren();
  $('result-json').classList.add('hidden');
  page.density = null;
  if (!entry.hasResult) { box.append(cell('p', 'this run wrote no result')); return; }
  const reply = await api('GET', `/api/v1/runs/${encodeURIComponent(entry.id)}/result`);
  if (!reply.ok) { box.append(cell('p', explainRefusal('result', reply))); return; }
  renderResult(box, reply.body);
  for (const name of entry.figures || []) showFigure(entry.id, name);
}

function renderResult(box, result) {
  const findings = (result && result.findings) || {};
  const figures = findings.figures || [];
  const chsh = figures.find((f) => f.key === 'chsh-s');
  if (chsh) box.append(cell('p', `S = ${withError(chsh.value, chsh.standardError)}`, 'headline'));
  const report = result.report || {};
  if (report.complete === false) box.append(cell('p', `incomplete: ${grouped(report.cyclesRun)} of ${grouped(report.cyclesPlanned)} cycles`, 'muted'));
  const table = document.createElement('table');
  for (const figure of figures) {
    const row = document.createElement('tr');
    row.append(cell('td', figure.name), cell('td', withError(figure.value, figure.standardError) + (figure.unit ? ' ' + figure.unit : ''), 'value'));
    table.append(row);
  }
  box.append(table);
  if (findings.densityMatrixReal && findings.densityMatrixImaginary) {
    page.density = { real: findings.densityMatrixReal, imaginary: findings.densityMatrixImaginary };
    $('density').classList.remove('hidden');
    drawMatrix($('rho-real'), page.density.real);
    drawMatrix($('rho-imaginary'), page.density.imaginary);
  }
}

/** Fetches an SVG figure with the token and inserts it as DOM: an <img> could not carry the header,
 *  and the page's CSP (default-src 'self') would refuse a blob: image. Scripts and handlers are dropped. */
async function showFigure(id, name) {
  try {
    const text = await (await fetchBlob(`/api/v1/runs/${encodeURIComponent(id)}/figures/${encodeURIComponent(name)}`)).text();
    const svg = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
    if (svg.nodeName !== 'svg') throw new Error('not an SVG');
    for (const bad of svg.querySelectorAll('script, foreignObject')) bad.remove();
    for (const element of [svg, ...svg.querySelectorAll('*')]) {
      for (const attribute of [...element.attributes]) if (/^on|^style$|href$/i.test(attribute.name)) element.removeAttribute(attribute.name);
    }
    const width = svg.getAttribute('width'), height = svg.getAttribute('height');
    if (width && height && !svg.getAttribute('viewBox')) svg.setAttribute('viewBox', `0 0 ${parseFloat(width)} ${parseFloat(height)}`);
    svg.removeAttribute('width'); svg.removeAttribute('height');
    const figure = document.createElement('figure');
    figure.append(document.importNode(svg, true), cell('figcaption', name));
    $('figures').append(figure);
  } catch (error) {
    $('figures').append(cell('p', `figure ${name}: ${error.message}`, 'muted'));
  }
}

async function downloadRecord(id) {
  try {
    const url = URL.createObjectURL(await fetchBlob(`/api/v1/runs/${encodeURIComponent(id)}/record`));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${id}.qdotrec`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (error) { showMessage(`record: ${error.message}`); }
}

async function showResultJson(id) {
  const reply = await api('GET', `/api/v1/runs/${encodeURIComponent(id)}/result`);
  const pre = $('result-json');
  pre.textContent = reply.ok ? JSON.stringify(reply.body, null, 2) : explainRefusal('result', reply);
  pre.classList.remove('hidden');
}

function actionLink(text, action) {
  const link = document.createElement('a');
  link.textContent = text;
  link.href = '#';
  link.addEventListener('click', (event) => { event.preventDefault(); action(); });
  return link;
}

async function loadRuns() {
  const reply = await api('GET', '/api/v1/runs');
  const list = $('runs');
  if (!reply.ok) { list.replaceChildren(cell('li', explainRefusal('runs', reply))); return; }
  list.replaceChildren();
  for (const entry of reply.body.runs || []) {
    const item = document.createElement('li');
    item.append(cell('span', entry.id, 'run-id'), ' ', cell('span', entry.state, 'state-' + entry.state),
      ` ${entry.mode === 'alignment' ? 'alignment ' + (entry.setting || '') : ''} ${grouped(entry.cyclesRun)} cycles `, document.createElement('br'));
    if (entry.hasResult) {
      item.append(actionLink('figures', () => { page.shownResult = entry.id; showRunResult(entry); $('result').scrollIntoView(); }));
      item.append(actionLink('result.json', () => showResultJson(entry.id)));
    }
    if (entry.hasRecord) item.append(actionLink('record', () => downloadRecord(entry.id)));
    list.append(item);
  }
  if (!list.children.length) list.append(cell('li', 'no runs yet', 'muted'));
  // A fresh page shows the newest finished run's result until a run of its own ends.
  const newest = (reply.body.runs || []).find((entry) => FINISHED_STATES.has(entry.state) && entry.hasResult);
  if (newest && !page.shownResult && !page.watchedRun) { page.shownResult = newest.id; await showRunResult(newest); }
}

// ---------- controls ----------

function selectedExperiment() { return page.experiments.find((e) => e.name === $('experiment').value) || null; }

function fillSettings() {
  const experiment = selectedExperiment();
  const select = $('align-setting');
  select.replaceChildren();
  for (const setting of ['all', ...(experiment ? experiment.settings : [])]) {
    const option = document.createElement('option');
    option.value = option.textContent = setting;
    select.append(option);
  }
  $('experiment-description').textContent = experiment
    ? `${experiment.description} — ${grouped(experiment.plannedCycles)} cycles at ${grouped(experiment.triggerPeriodNanoseconds)} ns` : '';
}

async function loadExperiments() {
  const reply = await api('GET', '/api/v1/experiments');
  if (!reply.ok) { showMessage(explainRefusal('experiments', reply)); return; }
  page.experiments = reply.body.experiments || [];
  const select = $('experiment');
  const before = select.value;
  select.replaceChildren();
  for (const experiment of page.experiments) {
    const option = document.createElement('option');
    option.value = experiment.name;
    option.textContent = `${experiment.name} (${experiment.kind})`;
    select.append(option);
  }
  if (before && page.experiments.some((e) => e.name === before)) select.value = before;
  fillSettings();
}

async function loadStatus() {
  const reply = await api('GET', '/api/v1/status');
  if (!reply.ok) { if (reply.status === 401) showMessage('401 — enter the bearer token above'); return; }
  const status = reply.body;
  $('state').textContent = status.state;
  $('board-name').textContent = `${status.board.name} (${status.board.backend}${status.board.pace ? ', ' + status.board.pace : ''}) v${status.version}`;
  syncButtons(status.state);
  if (status.run) page.watchedRun = status.run.id;
}

const LARGEST_SEED = 18446744073709551615n;   // UInt64.max

/** The seed field: empty means "let the service choose"; anything else a whole number that fits UInt64. */
function seedFromField() {
  const text = $('seed').value.trim();
  if (!text) return { ok: true, seed: undefined };
  if (!/^\d+$/.test(text) || BigInt(text) > LARGEST_SEED) return { ok: false };
  return { ok: true, seed: BigInt(text).toString() };
}

/** A JSON request body with the seed written as its digits (a JS number would round seeds above 2^53). */
function bodyWithSeed(fields, seed) {
  const json = JSON.stringify(fields);
  return seed === undefined ? json : json.slice(0, -1) + ',"seed":' + seed + '}';
}

function startedRun(entry, what) {
  page.watchedRun = entry.id;
  page.failedRun = null;
  showMessage(`${what} ${entry.id}`, true);
  $('upload-errors').replaceChildren();
  loadRuns();
}

async function startRun() {
  const seed = seedFromField();
  if (!seed.ok) { showMessage('seed: a whole number from 0 to 18446744073709551615, or empty'); return; }
  const reply = await api('POST', '/api/v1/runs', bodyWithSeed({ experiment: $('experiment').value }, seed.seed));
  if (reply.status === 201) startedRun(reply.body, 'started');
  else { showMessage(explainRefusal('start', reply)); if (reply.body && reply.body.errors) showCheckErrors(reply.body.errors); }
}

async function stopRun() {
  const reply = await api('POST', '/api/v1/stop');
  if (reply.status === 202) showMessage(`stopping ${reply.body.id} at the next cycle boundary`, true);
  else showMessage(explainRefusal('stop', reply));
}

async function startAlignment() {
  const seed = seedFromField();
  if (!seed.ok) { showMessage('seed: a whole number from 0 to 18446744073709551615, or empty'); return; }
  const reply = await api('POST', '/api/v1/alignment',
    bodyWithSeed({ experiment: $('experiment').value, setting: $('align-setting').value }, seed.seed));
  if (reply.status === 201) startedRun(reply.body, 'aligning');
  else showMessage(explainRefusal('alignment', reply));
}

/** Uploads an experiment file: validate first (422 → the `qdot check` errors), then start it. */
async function uploadExperiment() {
  const file = $('upload-file').files[0];
  if (!file) { showMessage('choose an experiment file first'); return; }
  const text = await file.text();
  showCheckErrors([]);
  const check = await api('POST', '/api/v1/experiments/validate', text, 'application/toml');
  if (check.status === 422) {
    showMessage(`${file.name}: 422 — the experiment does not check`);
    showCheckErrors(check.body && check.body.errors);
    return;
  }
  if (!check.ok) { showMessage(explainRefusal('validate', check)); return; }
  const reply = await api('POST', '/api/v1/runs', text, 'application/toml');
  if (reply.status === 201) startedRun(reply.body, `started ${file.name} as`);
  else { showMessage(explainRefusal('start', reply)); if (reply.body && reply.body.errors) showCheckErrors(reply.body.errors); }
}

function guard(action) {
  return () => action().catch((error) => showMessage(error.message));
}

/** A new token: kept for this tab's session, then every request and the stream start over with it. */
function useToken() {
  if ($('token').value === token()) return;
  sessionStorage.setItem(TOKEN_KEY, $('token').value);
  showMessage('');
  restartStream();
  refreshAll();
}

function refreshAll() {
  guard(loadStatus)();
  guard(loadExperiments)();
  guard(loadRuns)();
}

document.addEventListener('DOMContentLoaded', () => {
  $('token').value = token();
  $('token').addEventListener('change', useToken);
  $('token').addEventListener('keydown', (event) => { if (event.key === 'Enter') useToken(); });
  $('experiment').addEventListener('change', fillSettings);
  $('start').addEventListener('click', guard(startRun));
  $('stop').addEventListener('click', guard(stopRun));
  $('align').addEventListener('click', guard(startAlignment));
  $('upload').addEventListener('click', guard(uploadExperiment));
  $('refresh-runs').addEventListener('click', guard(loadRuns));
  updateBanner();
  drawRates();
  drawCorrelations([]);
  refreshAll();
  readLiveStream();
});
