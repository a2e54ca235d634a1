// The device keeps the idea list's cards and the space index's listing, so
// that a large space lists at once: reopened, the list shows from what was
// kept before the device has read its index (« Nouvelle idée » waits for
// it) or its documents (`data-app-ready`); a card or a listing kept before
// the last change gives way once the document is read, then is kept again,
// as is the listing after any change to the index; a damaged listing only
// means waiting for the index; an idea opened by its link shows as soon as
// it is read, before the index.
import { test, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { createSpace } from '../support/spaces.ts';
import { useStack } from '../support/stack.ts';
import { collectErrors, waitReady } from '../support/page.ts';
import { createIdea, fields, ideaList } from '../support/ideas.ts';
import { putInStore, storeValues } from '../support/device-storage.ts';

const stack = useStack();

/** The kept cards of the space, as text (titles are plain UTF-8 in their CBOR). */
async function keptCards(page: Page): Promise<string[]> {
  return (await storeValues(page, 'cards')).map((bytes) => new TextDecoder().decode(new Uint8Array(bytes)));
}

/**
 * How many ideas the kept listing holds, read from its CBOR: `[2, [heads],
 * [[id, created_at]…]]` (`0x83 0x02`: format 2, an array of fewer than 24 heads of 32
 * bytes each, `0x58 0x20` + hash; then the array of ideas, fewer than 24
 * here).
 */
async function keptListingLength(page: Page): Promise<number | null> {
  const [listing] = await storeValues(page, 'listing');
  if (!listing) return null;
  if (listing[0] !== 0x83 || listing[1] !== 0x02 || (listing[2] & 0xe0) !== 0x80) throw new Error(`not a kept listing: ${listing.slice(0, 8)}`);
  const ideas = listing[3 + (listing[2] & 0x1f) * 34];
  if ((ideas & 0xe0) !== 0x80 || (ideas & 0x1f) >= 24) throw new Error(`unexpected array of ideas: ${ideas}`);
  return ideas & 0x1f;
}

/** Logs, at each change of the page, what the list shows and what the device had read by then. */
async function logTheList(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: { ready: boolean; spaceRead: boolean; titles: string[] }[] = [];
    (window as unknown as { listLog: typeof log }).listLog = log;
    new MutationObserver(() => {
      const list = document.querySelector('ul[aria-label="Idées"]');
      // The live app's list only, not the copy kept from the last start.
      if (!list || document.body.hasAttribute('data-kept-list')) return;
      const create = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Nouvelle idée');
      log.push({
        ready: document.documentElement.getAttribute('data-app-ready') === 'true',
        spaceRead: create !== undefined && !create.disabled,
        titles: [...list.querySelectorAll('li > a')].map((a) => a.textContent ?? ''),
      });
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

type ListLog = { ready: boolean; spaceRead: boolean; titles: string[] }[];
const listLog = (page: Page) => page.evaluate(() => (window as unknown as { listLog: ListLog }).listLog);

/** The app's own marks (`demineurs:*` on the performance timeline), by name. */
const marks = (page: Page) =>
  page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name.replace('demineurs:', ''), m.startTime])));

const keptWith = async (page: Page, title: string) => (await keptCards(page)).filter((c) => c.includes(title)).length;

/** A device in a new space `name` holding ideas of these `titles`, created in this order. */
async function deviceWithIdeas(browser: Browser, name: string, titles: string[]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = collectErrors(page);
  await createSpace(page, name, { origin: stack.gate.url });
  const ids: Record<string, string> = {};
  for (const title of titles) {
    await page.goto(`${stack.gate.url}/`);
    await waitReady(page);
    ids[title] = await createIdea(page);
    await fields(page).title.fill(title);
  }
  return { context, page, errors, ids };
}

/** Closes `page` 300 ms after its last change: before the device keeps anything again (2 s after a change). */
async function closeSoon(page: Page, errors: { list(): string[] }): Promise<void> {
  await page.waitForTimeout(300);
  await page.close({ runBeforeUnload: false });
  expect(errors.list()).toEqual([]);
}

/** The device's space opened again in a new page, what the list showed logged, until ready. */
async function reopen(context: BrowserContext) {
  const next = await context.newPage();
  const errors = collectErrors(next);
  await logTheList(next);
  await next.goto(`${stack.gate.url}/`);
  await waitReady(next);
  return { next, errors };
}

test('the list shows kept cards before the documents are read; a stale card gives way and is kept again', async ({ browser }) => {
  const { context, page, errors, ids } = await deviceWithIdeas(browser, 'Voirie', ['Bancs publics', 'Pistes cyclables', 'Éclairage sobre']);
  for (const title of Object.keys(ids)) {
    await expect.poll(() => keptWith(page, title), `card of « ${title} » kept`).toBe(1);
  }

  // Edited, and closed before the card is kept again.
  await page.goto(`${stack.gate.url}/idees/${ids['Bancs publics']}`);
  await waitReady(page);
  await fields(page).title.fill('Bancs ombragés');
  await closeSoon(page, errors);

  const { next, errors: nextErrors } = await reopen(context);
  await expect(ideaList(next).getByRole('link', { name: 'Bancs ombragés' })).toBeVisible();
  await expect(ideaList(next).getByRole('link', { name: 'Bancs publics' })).toHaveCount(0);
  const log = await listLog(next);
  const early = log.filter((entry) => !entry.spaceRead);
  expect(early.length, 'the list showed before the space index was read').toBeGreaterThan(0);
  expect(early.at(-1)?.titles, 'from the kept listing and cards, the stale card included').toEqual([
    'Éclairage sobre',
    'Pistes cyclables',
    'Bancs publics',
  ]);
  const at = await marks(next);
  expect(at['list-opened'], 'the list opened from the kept listing').toBeLessThan(at['index-read']);
  await expect.poll(() => keptWith(next, 'Bancs ombragés'), 'the card read again is kept').toBe(1);
  expect(await keptWith(next, 'Bancs publics')).toBe(0);
  expect(nextErrors.list()).toEqual([]);
  await context.close();
});

test('an idea created just before the tab closed shows once the index is read, and the listing is kept again', async ({ browser }) => {
  const { context, page, errors } = await deviceWithIdeas(browser, 'Espaces verts', ['Prairies fleuries', 'Composteurs']);
  await expect.poll(() => keptListingLength(page), 'listing of two ideas kept').toBe(2);
  await expect.poll(() => keptWith(page, 'Composteurs'), 'card kept').toBe(1);
  // A third idea, and the tab closed before anything is kept again.
  await page.goto(`${stack.gate.url}/`);
  await waitReady(page);
  await createIdea(page);
  await fields(page).title.fill('Nichoirs');
  await closeSoon(page, errors);

  const { next, errors: nextErrors } = await reopen(context);
  await expect(ideaList(next).getByRole('listitem')).toHaveCount(3);
  await expect(ideaList(next).getByRole('link', { name: 'Nichoirs' })).toBeVisible();
  const log = await listLog(next);
  const early = log.filter((entry) => !entry.spaceRead);
  expect(early.length, 'the list showed before the space index was read').toBeGreaterThan(0);
  expect(early.at(-1)?.titles, 'the kept listing: two ideas').toEqual(['Composteurs', 'Prairies fleuries']);
  await expect.poll(() => keptListingLength(next), 'the listing read from the index is kept').toBe(3);
  // « Nouvelle idée » works once the index is read: a fourth idea.
  await createIdea(next);
  await fields(next).title.fill('Mare');
  await next.goto(`${stack.gate.url}/`);
  await waitReady(next);
  await expect(ideaList(next).getByRole('listitem')).toHaveCount(4);
  expect(nextErrors.list()).toEqual([]);
  await context.close();
});

test('a damaged kept listing only means waiting for the index, and is kept again', async ({ browser }) => {
  const { context, page } = await deviceWithIdeas(browser, 'Archives', ['Inventaire', 'Numérisation']);
  await expect.poll(() => keptListingLength(page), 'listing kept').toBe(2);
  await putInStore(page, 'listing', [['index', [...new TextEncoder().encode('not a listing')]]]);
  await page.close();

  const next = await context.newPage();
  const nextErrors = collectErrors(next);
  const warnings: string[] = [];
  next.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await next.goto(`${stack.gate.url}/`);
  await waitReady(next);
  await expect(ideaList(next).getByRole('link', { name: 'Inventaire' })).toBeVisible();
  await expect(ideaList(next).getByRole('link', { name: 'Numérisation' })).toBeVisible();
  const at = await marks(next);
  expect(at['list-opened'], 'the list waited for the index').toBeGreaterThan(at['index-read']);
  expect(warnings.some((w) => w.includes('kept listing'))).toBe(true);
  await expect.poll(() => keptListingLength(next), 'a sound listing kept again').toBe(2);
  // A change to the index alone (a profile saved) moves its heads: the
  // listing is kept again at them, not left behind until an idea changes.
  const [before] = await storeValues(next, 'listing');
  await next.goto(`${stack.gate.url}/profil`);
  await waitReady(next);
  await next.getByLabel('Service').fill('Archives départementales');
  await next.getByRole('button', { name: 'Enregistrer le profil' }).click();
  await expect(next.getByRole('status').filter({ hasText: 'Profil enregistré' })).toBeVisible();
  await expect
    .poll(async () => JSON.stringify((await storeValues(next, 'listing'))[0]) !== JSON.stringify(before), 'listing kept at the new heads')
    .toBe(true);
  expect(await keptListingLength(next)).toBe(2);
  expect(nextErrors.list()).toEqual([]);
  await context.close();
});

test('an idea opened by its link shows before the space index is read', async ({ browser }) => {
  const { context, page, ids } = await deviceWithIdeas(browser, 'Mairie annexe', ['Guichet unique', 'Horaires élargis']);
  await expect.poll(() => keptListingLength(page), 'listing kept').toBe(2);
  await page.close();

  const next = await context.newPage();
  const errors = collectErrors(next);
  await next.goto(`${stack.gate.url}/idees/${ids['Guichet unique']}`);
  await expect(fields(next).title).toHaveValue('Guichet unique');
  await waitReady(next);
  const at = await marks(next);
  expect(at['list-opened'], 'from the kept listing').toBeLessThan(at['index-read']);
  expect(at['idea-read-ahead'], 'the idea was read, and shown, before the space index').toBeLessThan(at['index-read']);
  // The same page once everything is read; an edit is kept.
  await fields(next).title.fill('Guichet unique des démarches');
  await next.reload();
  await waitReady(next);
  await expect(fields(next).title).toHaveValue('Guichet unique des démarches');
  expect(errors.list()).toEqual([]);
  await context.close();
});
