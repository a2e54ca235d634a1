// The list as it last showed is kept for the next start: the service worker
// answers the next navigation to `/` with it, so the agent sees their ideas at
// the first paint while the app starts behind it (its links are plain links,
// its controls disabled); the live app then replaces it. Idea titles stay
// text in the copy; the copy of a space the device left, or one made by
// another version of the app, or damaged, is never shown.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { createSpace } from '../support/spaces.ts';
import { useStack } from '../support/stack.ts';
import { collectErrors, waitForServiceWorker, waitReady } from '../support/page.ts';
import { createIdea, fields, ideaList } from '../support/ideas.ts';

const stack = useStack();

/** Where the page keeps the copy (frontend/src/kept_list.rs). */
const KEPT_LIST = 'demineurs-kept-list';

/** The kept copy as stored, or null (without creating the cache). */
async function keptCopy(page: Page): Promise<string | null> {
  return page.evaluate(async (name) => {
    if (!(await caches.has(name))) return null;
    const kept = await (await caches.open(name)).match('/');
    return kept ? kept.text() : null;
  }, KEPT_LIST);
}

/** Records, when the list first appears in the DOM, whether the wasm had started. */
async function watchTheListAppear(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: { wasmStarted: boolean; titles: string[] }[] = [];
    (window as unknown as { listAppeared: typeof seen }).listAppeared = seen;
    const observer = new MutationObserver(() => {
      const list = document.querySelector('ul.idea-list');
      if (!list) return;
      seen.push({
        wasmStarted: performance.getEntriesByName('demineurs:wasm-started').length > 0,
        titles: [...list.querySelectorAll('li > a')].map((a) => a.textContent ?? ''),
      });
      observer.disconnect();
    });
    observer.observe(document, { subtree: true, childList: true });
  });
}

/**
 * A device in a new space `name` holding ideas of these `titles` (created in
 * this order), its list shown until the page has kept it.
 */
async function deviceWithKeptList(browser: Browser, name: string, titles: string[]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = collectErrors(page);
  await createSpace(page, name, { origin: stack.gate.url });
  await waitForServiceWorker(page);
  for (const title of titles) {
    await page.goto(`${stack.gate.url}/`);
    await waitReady(page);
    await createIdea(page);
    await fields(page).title.fill(title);
  }
  await page.getByRole('link', { name: 'Toutes les idées' }).click();
  await expect(ideaList(page).getByRole('listitem')).toHaveCount(titles.length);
  // Kept once the list has settled (the newest idea's title is plain text).
  await expect.poll(() => keptCopy(page), 'the list kept').toContain(titles.at(-1)!);
  return { context, page, errors };
}

const HOSTILE_TITLE = '<img src=x onerror="window.pwned=1">Bancs <b>publics</b>';

test('the next start shows the list kept from the last one until the live app replaces it', async ({ browser }) => {
  const { context, page, errors } = await deviceWithKeptList(browser, 'Voirie <script>window.pwned=1</script>', [
    HOSTILE_TITLE,
    'Pistes cyclables',
  ]);
  const stored = (await keptCopy(page))!;
  expect(stored.startsWith('<!DOCTYPE html>')).toBe(true);
  expect(stored).not.toContain('data-app-ready');
  await page.close();

  const next = await context.newPage();
  const nextErrors = collectErrors(next);
  await watchTheListAppear(next);
  const response = await next.goto(`${stack.gate.url}/`);
  expect(response?.fromServiceWorker(), 'answered by the service worker').toBe(true);
  const html = await response!.text();
  expect(html, 'the list comes with the page').toContain('Pistes cyclables');
  expect(html).toMatch(/<body[^>]*\bdata-kept-list\b/);
  // In the copy, a tap on an idea opens it by its address; a control
  // cannot take input before the app listens.
  const copy = await next.evaluate((html) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    return {
      title: doc.title,
      status: doc.querySelector('[role="status"]')?.textContent?.trim(),
      sync: doc.querySelector('[role="status"]')?.getAttribute('data-sync'),
      ideas: [...doc.querySelectorAll('ul.idea-list li > a')].map((a) => a.getAttribute('href')),
      controls: doc.querySelectorAll('button, input, select, textarea').length,
      enabled: [...doc.querySelectorAll('button, input, select, textarea')].filter((c) => !c.hasAttribute('disabled')).map((c) => c.outerHTML),
    };
  }, html);
  expect(copy.title).toBe('Idées — Les démineurs');
  // Not the last start's sync status: the app is starting.
  expect([copy.status, copy.sync]).toEqual(['Démarrage…', 'connecting']);
  expect(copy.ideas).toHaveLength(2);
  for (const href of copy.ideas) expect(href).toMatch(/^\/idees\/[1-9A-HJ-NP-Za-km-z]+$/);
  expect(copy.controls, 'search, filters, « Nouvelle idée », language').toBeGreaterThan(4);
  expect(copy.enabled).toEqual([]);
  await waitReady(next);
  const appeared = await next.evaluate(() => (window as unknown as { listAppeared: { wasmStarted: boolean; titles: string[] }[] }).listAppeared);
  expect(appeared[0], 'the list was on screen before the wasm started').toEqual({
    wasmStarted: false,
    titles: ['Pistes cyclables', HOSTILE_TITLE],
  });
  // The live app replaced the copy: the list filters.
  await expect(next.locator('body')).not.toHaveAttribute('data-kept-list');
  await expect(next.getByRole('button', { name: 'Nouvelle idée' })).toBeEnabled();
  expect(await next.evaluate(() => performance.getEntriesByName('demineurs:kept-list-replaced').length)).toBe(1);
  await expect(ideaList(next).getByRole('listitem')).toHaveCount(2);
  await next.getByLabel('Rechercher').fill('cyclables');
  await expect(ideaList(next).getByRole('listitem')).toHaveCount(1);
  // Titles and the space's name were text in the copy, as in the app.
  await expect(ideaList(next).getByRole('link', { name: HOSTILE_TITLE })).toHaveCount(0);
  await next.getByLabel('Rechercher').fill('');
  await expect(ideaList(next).getByRole('link', { name: HOSTILE_TITLE })).toBeVisible();
  expect(await next.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  expect(await next.locator('body img[src="x"], body script, main b').count()).toBe(0);
  expect(nextErrors.list()).toEqual([]);
  expect(errors.list()).toEqual([]);
  await context.close();
});

test('a tap on an idea of the copy, once the app has started, opens it in the live app', async ({ browser }) => {
  const { context, page } = await deviceWithKeptList(browser, 'Bibliothèque', ['Boîte à livres', 'Horaires du samedi']);
  await page.close();

  const next = await context.newPage();
  const errors = collectErrors(next);
  // A slow tablet: the app takes a while between its start and the swap.
  const cdp = await context.newCDPSession(next);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  // At the first frame where the app has started while the copy still
  // shows, a tap on « Boîte à livres » in the copy.
  await next.addInitScript(() => {
    const tap = () => {
      const started = performance.getEntriesByName('demineurs:wasm-started').length > 0;
      const link = [...document.querySelectorAll('ul.idea-list li > a')].find((a) => a.textContent === 'Boîte à livres');
      if (started && document.body?.hasAttribute('data-kept-list') && link) {
        (window as unknown as { tapped: string }).tapped = link.getAttribute('href')!;
        (link as HTMLElement).click();
      } else if (!started) {
        requestAnimationFrame(tap);
      }
    };
    requestAnimationFrame(tap);
  });
  await next.goto(`${stack.gate.url}/`);
  await expect(fields(next).title).toHaveValue('Boîte à livres', { timeout: 20_000 });
  const tapped = await next.evaluate(() => (window as unknown as { tapped?: string }).tapped);
  expect(tapped, 'tapped on the copy, in this same document (no reload)').toMatch(/^\/idees\//);
  expect(await next.evaluate(() => location.pathname)).toBe(tapped);
  expect(await next.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await next.getByRole('link', { name: 'Toutes les idées' }).click();
  await expect(ideaList(next).getByRole('listitem')).toHaveCount(2);
  expect(errors.list()).toEqual([]);
  await context.close();
});

test('a copy the app cannot trust is not shown: another version, or damaged', async ({ browser }) => {
  const { context, page } = await deviceWithKeptList(browser, 'Archives', ['Inventaire']);
  const kept = (await keptCopy(page))!;
  const wasm = await page.evaluate(
    async (name) => (await (await caches.open(name)).match('/'))!.headers.get('x-demineurs-wasm')!,
    KEPT_LIST,
  );
  const keep = (html: string, wasm: string) =>
    page.evaluate(
      async ({ name, html, wasm }) => {
        const headers = new Headers({ 'content-type': 'text/html; charset=utf-8', 'x-demineurs-wasm': wasm });
        await (await caches.open(name)).put('/', new Response(html, { headers }));
      },
      { name: KEPT_LIST, html, wasm },
    );
  // The control: the copy as kept is shown.
  await keep(kept, wasm);
  const control = await context.newPage();
  expect(await (await control.goto(`${stack.gate.url}/`))!.text()).toContain('data-kept-list');
  await waitReady(control);
  await control.close();
  for (const [what, corrupt] of [
    // Made by an older version: its wasm is not one this version holds.
    ['another version', () => keep(kept, '/pkg/demineurs.an-older-version.wasm')],
    ['cut short', () => keep(kept.slice(0, Math.floor(kept.length / 2)), wasm)],
    ['not a page', () => keep('\u0000\u0001 pas du HTML', wasm)],
  ] as const) {
    await corrupt();
    const next = await context.newPage();
    const errors = collectErrors(next);
    const response = await next.goto(`${stack.gate.url}/`);
    const html = await response!.text();
    expect(html, `${what}: the plain shell`).not.toContain('Inventaire');
    expect(html, what).not.toContain('data-kept-list');
    await waitReady(next);
    await expect(ideaList(next).getByRole('link', { name: 'Inventaire' }), what).toBeVisible();
    expect(errors.list()).toEqual([]);
    await next.close();
  }
  await context.close();
});

test('opening another space never shows the list kept from the one left', async ({ page }) => {
  const errors = collectErrors(page);
  await createSpace(page, 'Alpha', { origin: stack.gate.url });
  await waitForServiceWorker(page);
  await createIdea(page);
  await fields(page).title.fill('Idée du service Alpha');
  await page.getByRole('link', { name: 'Toutes les idées' }).click();
  await expect.poll(() => keptCopy(page), 'the list kept').toContain('Idée du service Alpha');

  // Entering a new space, then going back to the first: each start on `/`
  // is answered without the other space's list.
  const home = () => page.waitForResponse((r) => r.request().isNavigationRequest() && new URL(r.url()).pathname === '/');
  const created = home();
  await createSpace(page, 'Bêta', { origin: stack.gate.url });
  expect(await (await created).text()).not.toContain('Idée du service Alpha');
  await createIdea(page);
  await fields(page).title.fill('Idée du service Bêta');
  await page.getByRole('link', { name: 'Toutes les idées' }).click();
  await expect.poll(() => keptCopy(page), 'the list of Bêta kept').toContain('Idée du service Bêta');

  await page.goto(`${stack.gate.url}/espaces`);
  await waitReady(page);
  const opened = home();
  await page.getByRole('button', { name: 'Ouvrir l’espace « Alpha »' }).click();
  expect(await (await opened).text()).not.toContain('Idée du service Bêta');
  await waitReady(page);
  await expect(ideaList(page).getByRole('link', { name: 'Idée du service Alpha' })).toBeVisible();
  await expect(ideaList(page).getByRole('link', { name: 'Idée du service Bêta' })).toHaveCount(0);
  expect(errors.list()).toEqual([]);
});
