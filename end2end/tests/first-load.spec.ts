// The first-load budget: everything a first visit downloads before the
// agent's first keystroke — HTML, JS, wasm, CSS — stays within 630 KB of
// brotli, whether the visit lands on `/` (create or join a space) or on an
// invitation link. A size gate, not a timed test: byte counts do not depend
// on the machine's speed.
//
// A fresh context opens the page and records the page's own requests until
// the first field can be typed in (not the service worker's precache, which
// goes on behind a usable page); each recorded URL is then fetched again
// from Node with `Accept-Encoding: br` (Chromium offers br only on secure
// origins, which plain http://127.0.0.1 is not) and the bodies are summed,
// as `end2end/bench/first-load.mjs` counts them. The figures are printed;
// so is each chunk loaded on demand (`app::ui::on_demand`), and the test
// checks that one of them is fetched only when its page opens.
import { test, expect, type Page } from '@playwright/test';
import http from 'node:http';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { siteRoot, TEST_SECRET } from '../support/relay.ts';
import { useStack } from '../support/stack.ts';
import { createSpace } from '../support/spaces.ts';
import { cutEverything } from '../support/offline.ts';
import { collectErrors, waitForServiceWorker, waitReady } from '../support/page.ts';

/** 630 KB (1 KB = 1,000 bytes, as the benchmarks print them). */
const BUDGET_BYTES = 630_000;
const YOUR_NAME = 'Votre nom, tel que vos collègues le verront';

const stack = useStack();

/** The body of `url` as sent to a client accepting brotli, in bytes. */
function brotliBytes(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers: { 'accept-encoding': 'br' } }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () =>
          response.statusCode === 200 ? resolve(bytes) : reject(new Error(`${url}: HTTP ${response.statusCode}`)),
        );
      })
      .on('error', reject);
  });
}

/** What counts: the app's HTML, JS, wasm and CSS, as `first-load.mjs` sorts them. */
function counted(url: URL): boolean {
  return url.pathname === '/' || url.pathname === '/rejoindre' || /\.(js|wasm|css)$/.test(url.pathname);
}

/** The page's own GET requests (not its service worker's), recorded from now on. */
function recordRequests(page: Page): () => URL[] {
  const seen: URL[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'GET' || request.serviceWorker()) return;
    const url = new URL(request.url());
    url.hash = '';
    if (url.protocol === 'http:' && !seen.some((u) => u.href === url.href)) seen.push(url);
  });
  return () => [...seen];
}

async function measure(urls: URL[]): Promise<{ total: number; lines: string[] }> {
  const lines: string[] = [];
  let total = 0;
  for (const url of urls.filter(counted)) {
    const bytes = await brotliBytes(url.href);
    total += bytes;
    lines.push(`  ${(bytes / 1000).toFixed(1).padStart(7)} KB  ${url.pathname}`);
  }
  return { total, lines };
}

/** An invitation to the test space, through the gate's relay. */
function invitation(origin: string): string {
  const relay = `${origin.replace(/^http/, 'ws')}/sync`;
  return `/rejoindre#s=${TEST_SECRET}&r=${encodeURIComponent(relay)}&n=${encodeURIComponent('Atelier du jeudi')}`;
}

const landings = [
  { name: 'on / (create or join a space)', path: (_origin: string) => '/', field: 'Nom de l’espace' },
  { name: 'on an invitation link', path: invitation, field: YOUR_NAME },
];

for (const landing of landings) {
  test(`a first visit ${landing.name} downloads at most 630 KB (brotli) before the first keystroke`, async ({
    browser,
  }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests = recordRequests(page);
    await page.goto(`${stack.gate.url}${landing.path(stack.gate.url)}`);
    await expect(page.getByLabel(landing.field).first()).toBeEditable({ timeout: 20_000 });
    const { total, lines } = await measure(requests());
    console.log(`first load ${landing.name}: ${(total / 1000).toFixed(1)} KB brotli\n${lines.join('\n')}`);
    expect(total, `first load ${landing.name}, in bytes of brotli`).toBeLessThanOrEqual(BUDGET_BYTES);
    await context.close();
  });
}

test('each rare page comes in a chunk of its own, fetched when that page opens', async ({ browser }) => {
  const pkg = path.join(siteRoot, 'pkg');
  const wasm = readdirSync(pkg).filter((name) => name.endsWith('.wasm'));
  const sizes: string[] = [];
  for (const name of wasm) {
    const br = path.join(pkg, `${name}.br`);
    sizes.push(`  ${(statSync(br).size / 1000).toFixed(1).padStart(7)} KB  ${name}`);
  }
  console.log(`wasm files (brotli), the first load's and the chunks loaded on demand:\n${sizes.join('\n')}`);
  expect(wasm.length, 'a --split build writes the main module and its chunks').toBeGreaterThan(1);

  // Opening /espaces on a device with no space fetches a chunk the first
  // visit did not.
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = recordRequests(page);
  await page.goto(`${stack.gate.url}/`);
  await expect(page.getByLabel('Nom de l’espace').first()).toBeEditable({ timeout: 20_000 });
  const before = requests().filter((u) => u.pathname.endsWith('.wasm')).length;
  await page.goto(`${stack.gate.url}/espaces`);
  await expect(page.getByRole('heading', { level: 1, name: 'Espaces' })).toBeVisible();
  const after = requests().filter((u) => u.pathname.endsWith('.wasm')).length;
  expect(after, 'the spaces page fetched its own chunk').toBeGreaterThan(before);
  await context.close();
});

test('every page loaded on demand opens offline, from the service worker, with the relay down', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await createSpace(page, 'Hors réseau', { origin: stack.gate.url });
  const serviceWorkerScript = await waitForServiceWorker(page);

  const offline = await cutEverything(stack.gate, context);
  await stack.relay.stop();
  try {
    // /profil and /moderation were never opened online: only the service
    // worker's precache can give their chunks.
    const pages = [
      { path: '/profil', heading: 'Profil' },
      { path: '/pour-moi', heading: 'Pour moi' },
      { path: '/moderation', heading: 'Modération' },
      { path: '/espace', heading: 'Hors réseau' },
      { path: '/espaces', heading: 'Espaces' },
      { path: '/mon-appareil', heading: 'Invitation' },
    ];
    for (const { path: where, heading } of pages) {
      const cold = await context.newPage();
      const errors = collectErrors(cold);
      await cold.goto(`${stack.gate.url}${where}`);
      await waitReady(cold);
      await expect(cold.getByRole('heading', { level: 1, name: heading }), `${where} offline`).toBeVisible();
      expect(errors.list(), `console errors on ${where} offline`).toEqual([]);
      await cold.close();
    }
    expect(await offline.leaks({ serviceWorkerScript }), 'requests that got out while offline').toEqual([]);
  } finally {
    await offline.end();
    await stack.relay.restart();
    await context.close();
  }
});
