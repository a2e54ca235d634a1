// The app online: its UI contract, accessibility, and a document written by
// the Rust side read by a stock JavaScript automerge-repo client.
import { test, expect } from '@playwright/test';
import { expectNoViolations } from '../support/axe';
import { attachRelayOutput, startStack, type Stack } from '../support/stack.ts';
import { collectErrors, waitReady } from '../support/page.ts';
import { createIdea, fields, ideaList, ideaUrl, syncStatus } from '../support/ideas.ts';
import { findEventually, text } from '../support/js-peer.ts';

interface Idea {
  title: unknown;
  constat: unknown;
  idee: unknown;
}

let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack();
});

test.afterEach(async ({}, testInfo) => {
  await attachRelayOutput(stack, testInfo);
});

test.afterAll(async () => {
  await stack?.stop();
});

test('create an idea, edit it, find it in the list', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(`${stack.gate.url}/`);
  await waitReady(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1, name: 'Idées' })).toBeVisible();
  await expect(syncStatus(page)).toHaveAttribute('data-sync', /^(offline|connecting|syncing|synced)$/);

  await createIdea(page);
  const idea = fields(page);
  await expect(idea.title).toHaveValue('');
  await page.getByRole('link', { name: 'Toutes les idées' }).click();
  await expect(ideaList(page).getByRole('link', { name: 'Sans titre' })).toBeVisible();

  await ideaList(page).getByRole('link', { name: 'Sans titre' }).click();
  await idea.title.fill('Cantine sans plastique');
  await idea.constat.fill('Trois sacs de barquettes jetées par jour.');
  await idea.idee.fill('Des bacs inox lavés sur place.');
  await page.getByRole('link', { name: 'Toutes les idées' }).click();
  await expect(ideaList(page).getByRole('link', { name: 'Cantine sans plastique' })).toBeVisible();

  // Saved on input, no save button: a reload shows the same idea.
  await page.reload();
  await waitReady(page);
  await ideaList(page).getByRole('link', { name: 'Cantine sans plastique' }).click();
  await expect(idea.constat).toHaveValue('Trois sacs de barquettes jetées par jour.');
  await expect(idea.idee).toHaveValue('Des bacs inox lavés sur place.');
  await expect(syncStatus(page)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });
  await expect(syncStatus(page)).toContainText('À jour');
  expect(errors.list()).toEqual([]);
});

test('a JS automerge-repo client reads what the app wrote, and the app shows what it writes', async ({ page }) => {
  await page.goto(`${stack.gate.url}/`);
  await waitReady(page);
  const id = await createIdea(page);
  const idea = fields(page);
  await idea.title.fill('Vélos pour la sortie');
  await idea.constat.fill('La moitié de la classe n’a pas de vélo.');
  await expect(syncStatus(page)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });

  const { repo, handle } = await findEventually<Idea>(stack.relay.syncUrl, ideaUrl(id));
  try {
    await expect.poll(() => text(handle.doc().title)).toBe('Vélos pour la sortie');
    expect(text(handle.doc().constat)).toBe('La moitié de la classe n’a pas de vélo.');

    handle.change((doc) => {
      doc.idee = 'Emprunter ceux du club.';
    });
    await expect(idea.idee).toHaveValue('Emprunter ceux du club.', { timeout: 15_000 });
  } finally {
    await repo.shutdown();
  }
});

test('no accessibility violation on the list and on an idea', async ({ page }) => {
  await page.goto(`${stack.gate.url}/`);
  await waitReady(page);
  await createIdea(page);
  await fields(page).title.fill('Un potager dans la cour');
  await page.getByRole('link', { name: 'Toutes les idées' }).click();
  await expect(ideaList(page).getByRole('link', { name: 'Un potager dans la cour' })).toBeVisible();
  await expectNoViolations(page, '/');

  await ideaList(page).getByRole('link', { name: 'Un potager dans la cour' }).click();
  await expect(fields(page).title).toHaveValue('Un potager dans la cour');
  await expectNoViolations(page, 'an idea');
});
