// The device's IndexedDB as tests read and damage it behind the app's back.
//
// Code run in the page cannot import helpers, so `openSpaceDatabase` installs
// one function in the page, `window.openSpaceDatabase()`, which the other
// helpers (and tests' own `page.evaluate` calls) use to open the space's
// database (`demineurs.<space id>`) without upgrading it.
import type { Page } from '@playwright/test';

declare global {
  interface Window {
    openSpaceDatabase(): Promise<IDBDatabase>;
  }
}

/** Installs `window.openSpaceDatabase()` in the page (again after a navigation). */
export async function openSpaceDatabase(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.openSpaceDatabase = async () => {
      const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((n) => n.startsWith('demineurs.'));
      if (!name) throw new Error('no space database');
      return new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
    };
  });
}

/** Every value of `store`, as byte arrays. */
export async function storeValues(page: Page, store: string): Promise<number[][]> {
  return (await readAll(page, store, 'getAll')) as number[][];
}

/** Every key of `store`. */
export async function storeKeys(page: Page, store: string): Promise<IDBValidKey[]> {
  return (await readAll(page, store, 'getAllKeys')) as IDBValidKey[];
}

/** Every value (`getAll`, byte arrays as arrays of numbers) or every key (`getAllKeys`) of `store`. */
async function readAll(page: Page, store: string, what: 'getAll' | 'getAllKeys'): Promise<unknown[]> {
  await openSpaceDatabase(page);
  return page.evaluate(
    async ([store, what]) => {
      const db = await window.openSpaceDatabase();
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store)[what]();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      return what === 'getAll' ? all.map((bytes) => [...(bytes as Uint8Array)]) : all;
    },
    [store, what] as const,
  );
}

/** Writes each `[key, bytes]` of `entries` into `store`, in one transaction. */
export async function putInStore(page: Page, store: string, entries: [IDBValidKey, number[]][]): Promise<void> {
  await openSpaceDatabase(page);
  await page.evaluate(
    async ({ store, entries }) => {
      const db = await window.openSpaceDatabase();
      const transaction = db.transaction(store, 'readwrite');
      for (const [key, bytes] of entries) transaction.objectStore(store).put(new Uint8Array(bytes), key);
      await new Promise((resolve, reject) => {
        transaction.oncomplete = resolve;
        transaction.onerror = () => reject(transaction.error);
      });
      db.close();
    },
    { store, entries },
  );
}
