// A change is durable on the device as soon as it is made: a page closed
// 200 ms after a keystroke shows that keystroke when the app is reopened.
// Run 20 times, each time with the network cut so the relay cannot be the
// copy that saved it.
import { test, expect } from '@playwright/test';
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
