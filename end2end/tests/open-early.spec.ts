// An idea opened while the device still reads the documents of a large
// space opens at once: the device reads that one ahead of the others. An
// edit made then is neither lost nor undone when the device, reading on,
// reaches the stored copy of that idea.
//
// The space is made large behind the app's back: 1,500 copies of an idea's
// stored chunks under fresh ids, which the device reads at start like any
// other documents; the CPU is slowed 4× (CDP) so that reading them takes
// seconds, as on a tablet.
import { test, expect, type Page } from '@playwright/test';
import { generateAutomergeUrl } from '@automerge/automerge-repo';
import { createSpace } from '../support/spaces.ts';
import { useStack } from '../support/stack.ts';
import { collectErrors, waitReady } from '../support/page.ts';
import { createIdea, fields, ideaList } from '../support/ideas.ts';
import { openSpaceDatabase } from '../support/device-storage.ts';

const stack = useStack();
const COPIES = 1500;

/** Writes copies of document `source`'s chunks under each of `ids`, in one transaction. */
async function fillTheSpace(page: Page, source: string, ids: string[]): Promise<number> {
  await openSpaceDatabase(page);
  return page.evaluate(
    async ({ source, ids }) => {
      const db = await window.openSpaceDatabase();
      const range = IDBKeyRange.bound([source], [source, '\uffff']);
      const transaction = db.transaction('chunks', 'readwrite');
      const store = transaction.objectStore('chunks');
      const [keys, values] = await Promise.all(
        [store.getAllKeys(range), store.getAll(range)].map(
          (request) =>
            new Promise<unknown[]>((resolve, reject) => {
              request.onsuccess = () => resolve(request.result as unknown[]);
              request.onerror = () => reject(request.error);
            }),
        ),
      );
      for (const id of ids) {
        keys.forEach((key, i) => store.put(values[i], [id, ...(key as string[]).slice(1)]));
      }
      await new Promise((resolve, reject) => {
        transaction.oncomplete = resolve;
        transaction.onerror = () => reject(transaction.error);
      });
      db.close();
      return keys.length;
    },
    { source, ids },
  );
}

test('an idea opened while the device reads a large space opens at once, and an edit made then stays', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await createSpace(page, 'Grand espace', { origin: stack.gate.url });
  const filler = await createIdea(page);
  await fields(page).title.fill('Une idée parmi d’autres');
  await fields(page).constat.fill('Beaucoup d’idées attendent sur cet appareil.');
  await page.goto(`${stack.gate.url}/`);
  await waitReady(page);
  const id = await createIdea(page);
  await fields(page).title.fill('Registre des salles');
  await page.waitForTimeout(300);
  const ids = Array.from({ length: COPIES }, () => generateAutomergeUrl().slice('automerge:'.length));
  expect(await fillTheSpace(page, filler, ids), 'chunks copied per document').toBeGreaterThan(0);
  await page.close();

  const next = await context.newPage();
  const errors = collectErrors(next);
  const cdp = await context.newCDPSession(next);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await next.goto(`${stack.gate.url}/idees/${id}`);
  await expect(fields(next).title).toHaveValue('Registre des salles', { timeout: 30_000 });
  await expect(next.locator('html'), 'the idea showed while the device was still reading').not.toHaveAttribute('data-app-ready', 'true', {
    timeout: 100,
  });
  const marks = await next.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
  expect(marks, 'read ahead of the others').toContain('demineurs:idea-read-ahead');
  expect(marks).not.toContain('demineurs:every-document-read');
  // An edit while the device reads on.
  await fields(next).title.press('End');
  await fields(next).title.pressSequentially(' et des bureaux');
  await expect(next.locator('html'), 'the edit was made while the device was still reading').not.toHaveAttribute('data-app-ready', 'true', {
    timeout: 100,
  });
  await waitReady(next);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await expect(fields(next).title, 'not undone by the stored copy').toHaveValue('Registre des salles et des bureaux');
  await next.reload();
  await waitReady(next);
  await expect(fields(next).title, 'stored').toHaveValue('Registre des salles et des bureaux');
  expect(errors.list()).toEqual([]);
  await next.close();

  // Opened from the list while the device reads again: the idea shows, and
  // the address bar says where it is (the router's navigation completes
  // although the page waited for the idea to be read).
  const third = await context.newPage();
  const thirdErrors = collectErrors(third);
  await (await context.newCDPSession(third)).send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await third.goto(`${stack.gate.url}/`);
  await expect(third.locator('body'), 'the live list').not.toHaveAttribute('data-kept-list');
  await ideaList(third).getByRole('link', { name: 'Registre des salles et des bureaux' }).click();
  await expect(fields(third).title).toHaveValue('Registre des salles et des bureaux', { timeout: 30_000 });
  await expect(third.locator('html'), 'opened while the device was still reading').not.toHaveAttribute('data-app-ready', 'true', {
    timeout: 100,
  });
  await expect(third).toHaveURL(`${stack.gate.url}/idees/${id}`);
  await waitReady(third);
  await expect(third).toHaveURL(`${stack.gate.url}/idees/${id}`);
  expect(thirdErrors.list()).toEqual([]);
  await context.close();
});
