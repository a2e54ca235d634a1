// The app's UI contract, in one place: French labels and roles.
import { expect, type Page } from '@playwright/test';
import { isValidAutomergeUrl, type AutomergeUrl } from '@automerge/automerge-repo';

/** The always-visible sync status (`data-sync`: offline, connecting, syncing, synced). */
export function syncStatus(page: Page) {
  return page.getByRole('status').and(page.locator('[data-sync]'));
}

export function ideaList(page: Page) {
  return page.getByRole('list', { name: 'Idées' });
}

/** Clicks "Nouvelle idée" on `/` and returns the new idea's document id. */
export async function createIdea(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Nouvelle idée' }).click();
  await expect(page).toHaveURL(/\/idees\/[1-9A-HJ-NP-Za-km-z]+$/);
  const id = new URL(page.url()).pathname.split('/').pop()!;
  expect(isValidAutomergeUrl(`automerge:${id}`), `${id} is an automerge document id`).toBe(true);
  return id;
}

export function ideaUrl(id: string): AutomergeUrl {
  return `automerge:${id}` as AutomergeUrl;
}

export function fields(page: Page) {
  return {
    title: page.getByLabel('Titre'),
    constat: page.getByLabel('Constat'),
    idee: page.getByLabel('Idée', { exact: true }),
  };
}
