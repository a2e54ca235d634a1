// A change is durable on the device as soon as it is made: a page closed
// 200 ms after a keystroke shows that keystroke when the app is reopened.
// Run 20 times, each time with the network cut so the relay cannot be the
// copy that saved it.
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { createSpace } from '../support/spaces.ts';
import { useStack } from '../support/stack.ts';
import { cutEverything } from '../support/offline.ts';
import { collectErrors, waitForServiceWorker, waitReady } from '../support/page.ts';
import { createIdea, fields } from '../support/ideas.ts';
import { putInStore, storeKeys } from '../support/device-storage.ts';

const stack = useStack();

test('a page closed 200 ms after an edit shows the edit when reopened (20 times)', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const first = await context.newPage();
  await createSpace(first, 'Salles', { origin: stack.gate.url });
  await waitForServiceWorker(first);
  const id = await createIdea(first);
  await first.close();

  const offline = await cutEverything(stack.gate, context);
  try {
    for (let round = 1; round <= 20; round++) {
      const page = await context.newPage();
      await page.goto(`${stack.gate.url}/idees/${id}`);
      await waitReady(page);
      const title = `Essai ${round} : la salle du 2e étage`;
      await fields(page).title.fill(title);
      await page.waitForTimeout(200);
      await page.close({ runBeforeUnload: false });

      const reopened = await context.newPage();
      await reopened.goto(`${stack.gate.url}/idees/${id}`);
      await waitReady(reopened);
      await expect(fields(reopened).title, `round ${round}`).toHaveValue(title);
      await reopened.close();
    }
  } finally {
    await offline.end();
    await context.close();
  }
});

// The last keystroke is durable even when the page goes at once: closed 0,
// 10 and 50 ms after it (20 times each), offline, the reopened idea shows
// it. Odd rounds fill the title in one input event; even rounds fill all
// but its last character, then type that one as a key press.
const LEAVE_AFTER_MS = [0, 10, 50];

async function typeTitle(page: Page, title: string, round: number): Promise<void> {
  const input = fields(page).title;
  if (round % 2 === 1) {
    await input.fill(title);
  } else {
    await input.fill(title.slice(0, -1));
    await input.pressSequentially(title.slice(-1));
  }
}

async function openIdea(context: BrowserContext, id: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${stack.gate.url}/idees/${id}`);
  await waitReady(page);
  return page;
}

for (const delay of LEAVE_AFTER_MS) {
  test(`a page closed ${delay} ms after the last keystroke keeps it (20 times)`, async ({ browser }) => {
    test.setTimeout(90_000);
    const context = await browser.newContext();
    const first = await context.newPage();
    await createSpace(first, 'Couloirs', { origin: stack.gate.url });
    await waitForServiceWorker(first);
    const id = await createIdea(first);
    await first.close();

    const offline = await cutEverything(stack.gate, context);
    const lost: string[] = [];
    try {
      let page = await openIdea(context, id);
      for (let round = 1; round <= 20; round++) {
        const title = `Fermé ${delay} ms après, essai ${round}`;
        await typeTitle(page, title, round);
        if (delay > 0) await page.waitForTimeout(delay);
        await page.close({ runBeforeUnload: false });
        page = await openIdea(context, id);
        const shown = await fields(page).title.inputValue();
        if (shown !== title) lost.push(`round ${round}: « ${shown} » instead of « ${title} »`);
      }
      await page.close();
    } finally {
      await offline.end();
      await context.close();
    }
    expect(lost, `${lost.length} of 20 titles lost`).toEqual([]);
  });
}

test('a page reloaded or left 0, 10 or 50 ms after the last keystroke keeps it', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await createSpace(page, 'Escaliers', { origin: stack.gate.url });
  await waitForServiceWorker(page);
  const id = await createIdea(page);
  await waitReady(page);

  const offline = await cutEverything(stack.gate, context);
  const lost: string[] = [];
  try {
    let round = 0;
    for (const delay of LEAVE_AFTER_MS) {
      for (let i = 1; i <= 10; i++) {
        round++;
        // Odd rounds reload; even ones navigate to the list, then come back.
        const how = round % 2 === 1 ? 'reload' : 'navigation';
        const title = `Quitté (${how}) ${delay} ms après, essai ${i}`;
        await typeTitle(page, title, round);
        if (delay > 0) await page.waitForTimeout(delay);
        if (how === 'reload') {
          await page.reload();
        } else {
          await page.goto(`${stack.gate.url}/`);
          await page.goto(`${stack.gate.url}/idees/${id}`);
        }
        await waitReady(page);
        const shown = await fields(page).title.inputValue();
        if (shown !== title) lost.push(`${how} ${delay} ms, round ${i}: « ${shown} » instead of « ${title} »`);
      }
    }
  } finally {
    await offline.end();
    await context.close();
  }
  expect(lost, `${lost.length} of 30 titles lost`).toEqual([]);
});

// Stored chunks of an idea are damaged behind the app's back: a snapshot that
// is pure junk, and an incremental chunk with Automerge's magic bytes and a
// broken body. Reopened, the app says part of the device's data is unreadable,
// still shows the idea from its sound chunks, and deletes nothing.
test('damaged chunks in device storage are reported, kept, and the rest still shows', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = collectErrors(page);
  await createSpace(page, 'Archives', { origin: stack.gate.url });
  const id = await createIdea(page);
  // The keys of the idea's chunks in the space's IndexedDB (`document/kind/hash`),
  // after writing `extra` chunks ([kind, hash, bytes]) behind the app's back.
  const chunks = async (documentId: string, extra: [string, string, number[]][] = []) => {
    if (extra.length > 0) await putInStore(page, 'chunks', extra.map(([kind, hash, bytes]) => [[documentId, kind, hash], bytes]));
    return (await storeKeys(page, 'chunks')).map((k) => (k as string[]).join('/')).filter((k) => k.startsWith(`${documentId}/`));
  };
  await fields(page).title.fill('Numériser les registres');
  await expect.poll(async () => (await chunks(id)).length).toBeGreaterThan(0);
  const beforeConstat = (await chunks(id)).length;
  await fields(page).constat.fill('Les registres papier s’abîment aux archives.');
  // Every chunk of the idea, once the last edit is stored.
  await expect.poll(async () => (await chunks(id)).length).toBeGreaterThan(beforeConstat);
  const sound = await chunks(id);

  const junk = Array.from({ length: 300 }, (_, i) => (i * 37 + 11) % 256);
  const broken = [0x85, 0x6f, 0x4a, 0x83, 0xde, 0xad, 0xbe, 0xef, 0x01, 0x40, ...junk.slice(0, 80)];
  await chunks(id, [
    ['snapshot', '00-damaged-snapshot', junk],
    ['incremental', '00-damaged-change', broken],
  ]);

  await page.reload();
  await waitReady(page);
  await expect(page.getByRole('alert').filter({ hasText: 'Une partie des données enregistrées sur cet appareil est illisible' })).toBeVisible();
  await expect(fields(page).title).toHaveValue('Numériser les registres');
  await expect(fields(page).constat).toHaveValue('Les registres papier s’abîment aux archives.');
  const after = await chunks(id);
  for (const key of [...sound, `${id}/snapshot/00-damaged-snapshot`, `${id}/incremental/00-damaged-change`]) {
    expect(after, 'nothing is deleted').toContain(key);
  }
  expect(errors.list()).toEqual([]);
  await context.close();
});

// A newer version of the app, in another tab, upgrades the space's database:
// the open page lets go of it at once (the upgrade is not blocked) and says
// it no longer saves anything, rather than failing silently.
test('a page lets a newer version upgrade its storage, and says it stopped saving', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await createSpace(page, 'Mises à jour', { origin: stack.gate.url });
  await waitReady(page);
  const other = await context.newPage();
  await other.goto(`${stack.gate.url}/icons/icon.svg`);
  const upgrade = await other.evaluate(async () => {
    const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((n) => n.startsWith('demineurs.'));
    if (!name) throw new Error('no space database');
    const current = (await indexedDB.databases()).find((d) => d.name === name)?.version ?? 0;
    return new Promise<{ blocked: boolean; version: number }>((resolve, reject) => {
      let blocked = false;
      const open = indexedDB.open(name, current + 1);
      open.onblocked = () => {
        blocked = true;
      };
      open.onsuccess = () => {
        const version = open.result.version;
        open.result.close();
        resolve({ blocked, version });
      };
      open.onerror = () => reject(open.error);
    });
  });
  expect(upgrade.blocked, 'the open page did not hold the upgrade up').toBe(false);
  expect(upgrade.version).toBeGreaterThan(1);
  await expect(page.getByRole('alert').filter({ hasText: 'Une version plus récente de l’application est ouverte dans un autre onglet' })).toBeVisible();
  await context.close();
});
