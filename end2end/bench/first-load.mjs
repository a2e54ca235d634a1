#!/usr/bin/env node
// What the app costs an empty device: the bytes of a first visit, and the
// cold start from the service worker's cache afterwards. Prints figures; no
// pass/fail.
//
//   node first-load.mjs [--runs 5] [--throttle 4] [--keep]
//
// 1. First visit, online, fresh Chromium profile: every response the page
//    receives (CDP Network: `loadingFinished.encodedDataLength`, i.e. bytes on
//    the wire with headers; Resource Timing `encodedBodySize`/`transferSize`),
//    with the Accept-Encoding Chromium actually sent and the Content-Encoding
//    the server chose; then the service worker's own precache fetches
//    (`cache: "reload"`, so they go to the network again), seen through
//    Playwright with PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS=1.
// 2. The same URLs fetched from Node with Accept-Encoding br, gzip and none:
//    what the server sends a client that accepts brotli (Chromium only
//    advertises br on secure origins, which plain http://127.0.0.1 is not for
//    its network stack — the script prints what it sent).
// 3. Cold start after that one visit: Chromium relaunched on the profile,
//    offline from the start, navigation start → <html data-app-ready>;
//    median of --runs, without then with CPU throttling (CDP
//    Emulation.setCPUThrottlingRate).
// Read when Playwright loads (lib.mjs loads it at the first launch).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

import http from 'node:http';

import {
  cleanup,
  installCleanupHandlers,
  keepTempDirs,
  launchChromium,
  makeTempDir,
  median,
  ms,
  parseFlags,
  serviceWorkerControls,
  startServer,
  table,
} from './lib.mjs';

const USAGE = 'node first-load.mjs [--runs 5] [--throttle 4] [--keep]';
const options = parseFlags(process.argv.slice(2), { runs: 5, throttle: 4, keep: false }, USAGE);
for (const name of ['runs', 'throttle']) {
  if (!Number.isInteger(options[name]) || options[name] < 1) throw new Error(`--${name} needs a whole number ≥ 1`);
}
installCleanupHandlers();
keepTempDirs(options.keep);

// Runs before the app's scripts: when <html data-app-ready> appears.
function pageInit() {
  const bench = { t: {} };
  window.__bench = bench;
  const observer = new MutationObserver(() => {
    if (document.documentElement?.getAttribute('data-app-ready') === 'true') {
      bench.t.ready = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-app-ready'] });
  bench.busy = () => {
    const t0 = performance.now();
    let x = 0;
    for (let i = 0; i < 20_000_000; i++) x = (x + i * 7) % 1_000_003;
    return { ms: performance.now() - t0, x };
  };
}

// ---------------------------------------------------------------------------
// Helpers

const kb = (bytes) => (bytes === null || bytes === undefined ? '–' : `${(bytes / 1000).toFixed(1)} kB`);
function kindOf(pathname, isNavigation) {
  if (isNavigation) return 'html';
  const ext = pathname.split('.').pop();
  if (ext === 'js') return pathname === '/sw.js' ? 'sw' : 'js';
  if (ext === 'wasm') return 'wasm';
  if (ext === 'css') return 'css';
  return 'other';
}
const APP_KINDS = ['html', 'js', 'wasm', 'css'];

/** GET `url` from Node with this Accept-Encoding; counts the body bytes as received (not decoded). */
function rawGet(url, acceptEncoding) {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === null ? {} : { 'accept-encoding': acceptEncoding };
    const request = http.get(url, { headers }, (response) => {
      let bytes = 0;
      response.on('data', (chunk) => {
        bytes += chunk.length;
      });
      response.on('end', () =>
        resolve({
          status: response.statusCode,
          encoding: response.headers['content-encoding'] ?? 'identity',
          length: response.headers['content-length'] === undefined ? null : Number(response.headers['content-length']),
          bytes,
        }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.setTimeout(30_000, () => request.destroy(new Error(`timeout on ${url}`)));
  });
}

// ---------------------------------------------------------------------------

async function main() {
  const server = await startServer({ dataDir: makeTempDir('demineurs-bench-relay-') });
  const profile = makeTempDir('demineurs-bench-chromium-');
  const origin = server.url;

  // 1. First visit.
  const { context, page, stop } = await launchChromium(profile, { offline: false, throttle: 1 });
  console.log('Les démineurs — first load');
  console.log(`server ${origin} (pid ${server.pid}), Chromium ${context.browser()?.version() ?? '(persistent context)'} headless`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  const byId = new Map();
  const entry = (id) => byId.get(id) ?? byId.set(id, {}).get(id);
  cdp.on('Network.requestWillBeSent', (e) => Object.assign(entry(e.requestId), { url: e.request.url, type: e.type, navigation: e.type === 'Document' }));
  cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
    const h = Object.fromEntries(Object.entries(e.headers).map(([k, v]) => [k.toLowerCase(), v]));
    entry(e.requestId).acceptEncoding = h['accept-encoding'];
  });
  cdp.on('Network.responseReceived', (e) => {
    const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    Object.assign(entry(e.requestId), {
      status: e.response.status,
      contentEncoding: h['content-encoding'] ?? 'identity',
      fromServiceWorker: e.response.fromServiceWorker,
      fromCache: e.response.fromDiskCache || e.response.fromPrefetchCache,
    });
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    entry(e.requestId).fromCache = true;
  });
  cdp.on('Network.loadingFinished', (e) => {
    entry(e.requestId).wire = e.encodedDataLength;
  });
  const workerRequests = [];
  context.on('requestfinished', async (request) => {
    if (!request.serviceWorker()) return;
    const record = { url: request.url() };
    workerRequests.push(record);
    try {
      const [sizes, headers, response] = await Promise.all([request.sizes(), request.allHeaders(), request.response()]);
      Object.assign(record, {
        body: sizes.responseBodySize,
        headers: sizes.responseHeadersSize,
        acceptEncoding: headers['accept-encoding'],
        contentEncoding: (await response?.allHeaders())?.['content-encoding'] ?? 'identity',
      });
    } catch (error) {
      record.error = String(error);
    }
  });

  const t0 = performance.now();
  await page.addInitScript(pageInit);
  await page.goto(`${origin}/`);
  await page.waitForSelector('html[data-app-ready="true"]', { timeout: 60_000 });
  const readyFirst = await page.evaluate(() => window.__bench.t.ready);
  await serviceWorkerControls(page);
  await page.waitForTimeout(1000); // let late responses and the worker's events arrive
  const precache = await page.evaluate(async () => {
    const names = await caches.keys();
    const out = [];
    for (const name of names) for (const request of await (await caches.open(name)).keys()) out.push(new URL(request.url).pathname);
    return out;
  });
  const timing = await page.evaluate(() =>
    [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => ({
      url: e.name,
      type: e.entryType,
      initiator: e.initiatorType,
      transfer: e.transferSize,
      encoded: e.encodedBodySize,
      decoded: e.decodedBodySize,
      responseEnd: e.responseEnd,
    })),
  );
  await stop();
  const firstVisitMs = performance.now() - t0;

  // Page responses, by URL.
  const rows = [];
  for (const r of byId.values()) {
    if (!r.url || !r.url.startsWith(origin) || r.wire === undefined) continue;
    const url = new URL(r.url);
    const rt = timing.find((t) => t.url === r.url);
    rows.push({ ...r, path: url.pathname, kind: kindOf(url.pathname, r.navigation), rt });
  }
  rows.sort((a, b) => APP_KINDS.concat(['other', 'sw']).indexOf(a.kind) - APP_KINDS.concat(['other', 'sw']).indexOf(b.kind) || a.path.localeCompare(b.path));
  const sent = [...new Set(rows.map((r) => r.acceptEncoding).filter(Boolean))];
  console.log(`first visit (online, empty device): data-app-ready at ${ms(readyFirst)}, whole visit incl. service worker install ${ms(firstVisitMs)}`);
  console.log(`Accept-Encoding sent by Chromium to ${origin}: ${sent.map((s) => `"${s}"`).join(', ') || '(not seen)'}`);
  console.log('');
  console.log('Page requests of the first visit (wire = CDP encodedDataLength, body + headers; body = Resource Timing encodedBodySize):');
  const pageTable = [['path', 'kind', 'from', 'encoding', 'wire', 'body', 'decoded']];
  for (const r of rows) {
    const from = r.fromServiceWorker ? 'worker' : r.fromCache ? 'cache' : 'network';
    pageTable.push([r.path.length > 52 ? `${r.path.slice(0, 49)}…` : r.path, r.kind, from, r.contentEncoding, kb(r.wire), kb(r.rt?.encoded), kb(r.rt?.decoded)]);
  }
  console.log(table(pageTable));
  const sum = (list, f) => list.reduce((acc, r) => acc + (f(r) ?? 0), 0);
  const onWire = rows.filter((r) => !r.fromServiceWorker && !r.fromCache);
  const app = onWire.filter((r) => APP_KINDS.includes(r.kind));
  const others = onWire.filter((r) => !APP_KINDS.includes(r.kind));
  console.log(
    `TOTAL html+js+wasm+css, as Chromium got them: wire ${kb(sum(app, (r) => r.wire))}, bodies ${kb(sum(app, (r) => r.rt?.encoded))}, decoded ${kb(sum(app, (r) => r.rt?.decoded))} (${app.length} responses)`,
  );
  console.log(`   other page requests from the network (icons, manifest): wire ${kb(sum(others, (r) => r.wire))} (${others.length} responses)`);

  // The service worker's precache fetches.
  const fromWorker = workerRequests.filter((r) => r.url.startsWith(origin));
  console.log('');
  console.log(`Service worker: its script, then its precache on install (${precache.length} URLs cached; fetched with cache: "reload"):`);
  if (fromWorker.length === 0) {
    console.log('  (Playwright reported no service-worker request)');
  } else {
    // Playwright reports no body size for the worker's own script: take it from the server.
    for (const r of fromWorker) {
      if (new URL(r.url).pathname === '/sw.js' && !r.body) {
        const got = await rawGet(r.url, r.acceptEncoding ?? 'br');
        Object.assign(r, { body: got.bytes, contentEncoding: `${got.encoding}, size from Node` });
      }
    }
    const swTable = [['path', 'encoding', 'body', 'headers']];
    for (const r of fromWorker.sort((a, b) => a.url.localeCompare(b.url))) {
      const p = new URL(r.url).pathname;
      swTable.push([p.length > 52 ? `${p.slice(0, 49)}…` : p, r.contentEncoding ?? '?', kb(r.body), kb(r.headers)]);
    }
    console.log(table(swTable));
    const swApp = fromWorker.filter((r) => APP_KINDS.includes(kindOf(new URL(r.url).pathname, new URL(r.url).pathname === '/')));
    console.log(
      `TOTAL precache: bodies ${kb(sum(fromWorker, (r) => r.body))} + headers ${kb(sum(fromWorker, (r) => r.headers))}; of which html+js+wasm+css bodies ${kb(sum(swApp, (r) => r.body))}`,
    );
    console.log(`   Accept-Encoding sent by the worker: ${[...new Set(fromWorker.map((r) => r.acceptEncoding).filter(Boolean))].map((s) => `"${s}"`).join(', ') || '(not seen)'}`);
    console.log(
      `FIRST VISIT ON THE WIRE, page + worker: ${kb(sum(onWire, (r) => r.wire) + sum(fromWorker, (r) => (r.body ?? 0) + (r.headers ?? 0)))}`,
    );
  }

  // 2. From Node, per Accept-Encoding.
  const appPaths = [...new Set(app.map((r) => r.path))];
  const encodings = [
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['none', null],
  ];
  const direct = [];
  for (const p of appPaths) {
    const row = { path: p, kind: app.find((r) => r.path === p).kind };
    for (const [label, header] of encodings) row[label] = await rawGet(`${origin}${p}`, header);
    direct.push(row);
  }
  console.log('');
  console.log('The same html+js+wasm+css fetched from Node (body bytes as sent, per Accept-Encoding):');
  const directTable = [['path', 'kind', 'br', 'gzip', 'none']];
  for (const r of direct) {
    directTable.push([
      r.path.length > 52 ? `${r.path.slice(0, 49)}…` : r.path,
      r.kind,
      `${kb(r.br.bytes)} (${r.br.encoding})`,
      `${kb(r.gzip.bytes)} (${r.gzip.encoding})`,
      `${kb(r.none.bytes)} (${r.none.encoding})`,
    ]);
  }
  directTable.push(['TOTAL', '', kb(sum(direct, (r) => r.br.bytes)), kb(sum(direct, (r) => r.gzip.bytes)), kb(sum(direct, (r) => r.none.bytes))]);
  console.log(table(directTable));
  const lengthMismatch = direct.filter((r) => r.br.length !== null && r.br.length !== r.br.bytes);
  if (lengthMismatch.length) console.log(`  note: Content-Length differs from the bytes received for ${lengthMismatch.map((r) => r.path).join(', ')}`);

  // 3. Cold start from the service worker's cache, offline.
  console.log('');
  const passes = [1, options.throttle].filter((v, i, a) => a.indexOf(v) === i);
  const results = [];
  for (const throttle of passes) {
    const samples = { ready: [], shell: [], wasm: [], transfer: [], busy: [] };
    for (let run = 0; run < options.runs; run++) {
      const { page: p, stop: s } = await launchChromium(profile, { offline: true, throttle });
      await p.addInitScript(pageInit);
      await p.goto(`${origin}/`, { waitUntil: 'commit' });
      const handle = await p.waitForFunction(() => (window.__bench?.t.ready === undefined ? null : window.__bench.t.ready), null, {
        timeout: 60_000,
        polling: 50,
      });
      samples.ready.push(await handle.jsonValue());
      const info = await p.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const resources = performance.getEntriesByType('resource');
        const wasm = resources.find((e) => e.name.endsWith('.wasm'));
        return {
          controlled: !!navigator.serviceWorker.controller,
          shell: nav?.responseEnd,
          wasm: wasm?.responseEnd,
          transfer: [nav, ...resources].reduce((acc, e) => acc + (e?.transferSize ?? 0), 0),
        };
      });
      if (!info.controlled) throw new Error('the cold start was not served by the service worker');
      samples.shell.push(info.shell);
      samples.wasm.push(info.wasm);
      samples.transfer.push(info.transfer);
      samples.busy.push((await p.evaluate(() => window.__bench.busy())).ms);
      await s();
    }
    results.push({ throttle, samples });
  }
  const label = (t) => (t > 1 ? `CPU ${t}x` : 'unthrottled');
  console.log(`Cold start from the service worker cache, offline, Chromium relaunched per run (${options.runs} runs; ms from navigation start):`);
  const coldTable = [['', ...results.map((r) => `${label(r.throttle)}: median`), ...results.map((r) => `${label(r.throttle)}: min–max`)]];
  const line = (name, key) => [
    name,
    ...results.map((r) => ms(median(r.samples[key]))),
    ...results.map((r) => `${ms(Math.min(...r.samples[key]))}–${ms(Math.max(...r.samples[key]))}`),
  ];
  coldTable.push(line('shell (/) responseEnd', 'shell'));
  coldTable.push(line('wasm responseEnd', 'wasm'));
  coldTable.push(line('→ data-app-ready (interactive)', 'ready'));
  coldTable.push(line('calibration: 20 M-iteration JS loop', 'busy'));
  console.log(table(coldTable));
  console.log(`network bytes during the cold starts (Resource Timing transferSize): ${results.map((r) => `${label(r.throttle)} ${Math.max(...r.samples.transfer)} B`).join(', ')}`);
}

try {
  await main();
} catch (error) {
  console.error(`error: ${error?.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
