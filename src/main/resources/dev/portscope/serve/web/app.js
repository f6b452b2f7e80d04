// portscope serve's page: plain JavaScript from this server only (the Content-Security-Policy allows
// nothing else), every text set through textContent (process names are chosen by other users).
'use strict';

const WINDOW_MS = 10 * 60 * 1000;
const SVG = 'http://www.w3.org/2000/svg';
let token = sessionStorage.getItem('portscope-token') || '';
let history = [];
let lastEvent = 0;
let listenersDue = 0;
let auditDue = 0;
let streaming = false;

function $(id) { return document.getElementById(id); }

function status(text, error) {
  const el = $('status');
  el.textContent = text;
  el.classList.toggle('error', !!error);
}

class Unauthorized extends Error {}

async function api(path) {
  const headers = token ? { Authorization: 'Bearer ' + token } : {};
  const response = await fetch(path, { headers, cache: 'no-store' });
  if (response.status === 401) {
    $('login').hidden = false;
    throw new Unauthorized('this server needs its token');
  }
  if (!response.ok) {
    throw new Error(path + ': ' + response.status + ' ' + (await response.text()).trim());
  }
  return response;
}

async function json(path) {
  return (await api(path)).json();
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  row.appendChild(td);
}

function address(socket) {
  const local = socket.local;
  return local.address + (local.interface && local.interface.name ? '%' + local.interface.name : '');
}

function unique(values) {
  return [...new Set(values.filter(v => v !== null && v !== undefined && v !== ''))].join(', ');
}

async function loadListeners() {
  const doc = await json('/api/v1/listeners');
  const body = $('listeners').tBodies[0];
  const rows = doc.sockets.map(s => {
    const tr = document.createElement('tr');
    tr.dataset.port = String(s.local.port);
    if (s.exposure !== 'loopback') tr.className = 'exposed';
    cell(tr, s.protocol);
    cell(tr, address(s));
    cell(tr, String(s.local.port));
    cell(tr, s.service ? s.service.name : '');
    cell(tr, s.exposure, 'exposure');
    cell(tr, unique((s.processes || []).map(p => p.name + ' (' + p.pid + ')')));
    cell(tr, s.user || '');
    return tr;
  });
  body.replaceChildren(...rows);
  $('listener-count').textContent = '(' + rows.length + ', as of ' + doc.time + (doc.host ? ' on ' + doc.host : '') + ')';
  return doc;
}

async function loadAudit() {
  const doc = await json('/api/v1/audit');
  const items = doc.findings.map(f => {
    const li = document.createElement('li');
    li.className = f.severity;
    li.textContent = f.ruleId + ' ' + f.severity + ': ' + f.message;
    return li;
  });
  if (items.length === 0) {
    const li = document.createElement('li');
    li.textContent = 'none';
    items.push(li);
  }
  $('findings').replaceChildren(...items);
  $('finding-count').textContent = '(' + doc.findings.length + (doc.partial ? ', incomplete: not every owner could be read' : '') + ')';
}

async function loadHistory() {
  const doc = await json('/api/v1/history');
  history = doc.points.map(p => ({ t: Date.parse(p.time), states: p.states }));
  drawChart();
}

function drawChart() {
  const svg = $('chart');
  const legend = $('legend');
  if (history.length === 0) {
    svg.replaceChildren();
    legend.replaceChildren();
    return;
  }
  const end = history[history.length - 1].t;
  history = history.filter(p => p.t >= end - WINDOW_MS);
  const start = Math.min(history[0].t, end - 60 * 1000);
  const peaks = {};
  for (const p of history) {
    for (const [state, n] of Object.entries(p.states)) peaks[state] = Math.max(peaks[state] || 0, n);
  }
  const states = Object.keys(peaks).sort((a, b) => peaks[b] - peaks[a]).slice(0, 8);
  const top = Math.max(1, ...states.map(s => peaks[s]));
  const x = t => ((t - start) / Math.max(1, end - start)) * 790 + 5;
  const y = n => 190 - (n / top) * 175;
  const children = [];
  states.forEach((state, i) => {
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('class', 's' + i);
    line.setAttribute('points', history.map(p => x(p.t).toFixed(1) + ',' + y(p.states[state] || 0).toFixed(1)).join(' '));
    children.push(line);
  });
  const label = document.createElementNS(SVG, 'text');
  label.setAttribute('x', '8');
  label.setAttribute('y', '14');
  label.textContent = String(top);
  children.push(label);
  svg.replaceChildren(...children);
  legend.replaceChildren(...states.map((state, i) => {
    const li = document.createElement('li');
    li.className = 's' + i;
    const last = history[history.length - 1].states[state] || 0;
    li.textContent = state + ' ' + last;
    return li;
  }));
}

function onRefresh(data) {
  lastEvent = Date.now();
  history.push({ t: Date.parse(data.time), states: data.states });
  drawChart();
  status('live: ' + data.sockets + ' sockets at ' + data.time);
  const now = Date.now();
  if (now >= listenersDue) {
    listenersDue = now + 1000;
    loadListeners().catch(report);
  }
  if (now >= auditDue) {
    auditDue = now + 10000;
    loadAudit().catch(report);
  }
}

// Server-sent events read through fetch, so that the token can go in a header (EventSource sends none).
async function stream() {
  if (streaming) return;
  streaming = true;
  try {
    const response = await api('/api/v1/events');
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = 'message';
        let data = '';
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) name = line.slice(7);
          else if (line.startsWith('data: ')) data += line.slice(6);
        }
        if (name === 'refresh' && data) onRefresh(JSON.parse(data));
      }
    }
  } catch (e) {
    report(e);
  } finally {
    streaming = false;
  }
  setTimeout(stream, 2000);
}

function report(e) {
  if (e instanceof Unauthorized) {
    status('waiting for the token', true);
  } else {
    status('not live: ' + e.message + ' (retrying)', true);
  }
}

async function start() {
  try {
    await Promise.all([loadListeners(), loadAudit(), loadHistory()]);
    status('loaded');
    stream();
  } catch (e) {
    report(e);
  }
}

// Without events (a proxy that buffers them), the page still updates: it polls every 5 s.
setInterval(() => {
  if (Date.now() - lastEvent > 5000 && $('login').hidden) {
    loadListeners().then(() => status('polling (no live events)')).catch(report);
    loadAudit().catch(report);
  }
}, 5000);

document.addEventListener('DOMContentLoaded', () => {
  $('token-ok').addEventListener('click', () => {
    token = $('token').value.trim();
    sessionStorage.setItem('portscope-token', token);
    $('login').hidden = true;
    start();
  });
  start();
});
