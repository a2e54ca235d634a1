// The device keeps the idea list's cards, so that a large space lists at
// once: reopened, the list shows from the kept cards before the device has
// read its documents (`data-app-ready`), and a card kept before the last
// edit gives way to the document once it is read, then is kept again.
import { test, expect, type Page } from '@playwright/test';
import { createSpace } from '../support/spaces.ts';
import { useStack } from '../support/stack.ts';
import { collectErrors, waitReady } from '../support/page.ts';
import { createIdea, fields, ideaList } from '../support/ideas.ts';

const stack = useStack();

/** The kept cards of the space, as text (titles are plain UTF-8 in their CBOR). */
function keptCards(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((n) => n.startsWith('demineurs.'));
    if (!name) throw new Error('no space database');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const values = await new Promise<Uint8Array[]>((resolve, reject) => {
      const request = db.transaction('cards').objectStore('cards').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return values.map((bytes) => new TextDecoder().decode(bytes));
  });
}

const keptWith = async (page: Page, title: string) => (await keptCards(page)).filter((c) => c.includes(title)).length;

test('the list shows kept cards before the documents are read; a stale card gives way and is kept again', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = collectErrors(page);
  await createSpace(page, 'Voirie', { origin: stack.gate.url });
  const ids: Record<string, string> = {};
  for (const title of ['Bancs publics', 'Pistes cyclables', 'Éclairage sobre']) {
    await page.goto(`${stack.gate.url}/`);
    await waitReady(page);
    ids[title] = await createIdea(page);
    await fields(page).title.fill(title);
  }
  for (const title of Object.keys(ids)) {
    await expect.poll(() => keptWith(page, title), `card of « ${title} » kept`).toBe(1);
  }

  // Edited, and closed before the card is kept again (2 s after a change).
  await page.goto(`${stack.gate.url}/idees/${ids['Bancs publics']}`);
  await waitReady(page);
  await fields(page).title.fill('Bancs ombragés');
  await page.waitForTimeout(300);
  await page.close({ runBeforeUnload: false });
  expect(errors.list()).toEqual([]);

  const next = await context.newPage();
  const nextErrors = collectErrors(next);
  // What the list shows at each change of the page, and whether the device
  // had read its documents by then.
  await next.addInitScript(() => {
    const log: { ready: boolean; titles: string[] }[] = [];
    (window as unknown as { listLog: typeof log }).listLog = log;
    new MutationObserver(() => {
      const list = document.querySelector('ul[aria-label="Idées"]');
      if (!list) return;
      log.push({
        ready: document.documentElement.getAttribute('data-app-ready') === 'true',
        titles: [...list.querySelectorAll('li > a')].map((a) => a.textContent ?? ''),
      });
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await next.goto(`${stack.gate.url}/`);
  await waitReady(next);
  await expect(ideaList(next).getByRole('link', { name: 'Bancs ombragés' })).toBeVisible();
  await expect(ideaList(next).getByRole('link', { name: 'Bancs publics' })).toHaveCount(0);
  const log = await next.evaluate(() => (window as unknown as { listLog: { ready: boolean; titles: string[] }[] }).listLog);
  const early = log.filter((entry) => !entry.ready);
  expect(early.length, 'the list showed before the documents were read').toBeGreaterThan(0);
  expect(early.at(-1)?.titles, 'from the kept cards, the stale one included').toEqual([
    'Éclairage sobre',
    'Pistes cyclables',
    'Bancs publics',
  ]);
  await expect.poll(() => keptWith(next, 'Bancs ombragés'), 'the card read again is kept').toBe(1);
  expect(await keptWith(next, 'Bancs publics')).toBe(0);
  expect(nextErrors.list()).toEqual([]);
  await context.close();
});
