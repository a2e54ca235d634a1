// The app online: its UI contract, accessibility, and a document written by
// the Rust side read by a stock JavaScript automerge-repo client.
import { test, expect } from '@playwright/test';
import { expectNoViolations } from '../support/axe';
import { createSpace, secretOf } from '../support/spaces.ts';
import { useStack } from '../support/stack.ts';
import { collectErrors, waitReady } from '../support/page.ts';
import { createIdea, fields, ideaList, ideaUrl, syncStatus } from '../support/ideas.ts';
import { findEventually, text } from '../support/js-peer.ts';

interface Idea {
  title: unknown;
  constat: unknown;
  idee: unknown;
}

const stack = useStack();

test('a device with no space is welcomed, and a bad invitation says so', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(`${stack.gate.url}/idees/2o5Fz6xMnyNG9sZpy4xwzkEFPW9Y`);
  await waitReady(page);
  await expect(page).toHaveTitle('Bienvenue — Les démineurs');
  await expect(page.getByRole('heading', { level: 1, name: 'Bienvenue' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Créer un espace' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Rejoindre un espace' })).toBeVisible();
  await expectNoViolations(page, 'the welcome');
  // Half a form: each missing piece is named, nothing is created.
  const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Créer un espace' }) });
  await form.getByRole('button', { name: 'Créer l’espace' }).click();
  await expect(form.getByRole('alert')).toHaveText('Donnez un nom à l’espace.');
  await form.getByLabel('Nom de l’espace').fill('Atelier');
  await form.getByRole('button', { name: 'Créer l’espace' }).click();
  await expect(form.getByRole('alert')).toHaveText('Indiquez votre nom : chaque modification est signée.');
  await expect(form.getByLabel('Nom de l’espace')).toHaveValue('Atelier');
  // A damaged invitation link, pasted or opened.
  await page.getByLabel('Lien d’invitation').fill(`${stack.gate.url}/rejoindre#s=abc&r=ws://x/sync`);
  await page.getByRole('button', { name: 'Rejoindre un espace' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'incomplet ou abîmé' })).toBeVisible();
  await page.goto(`${stack.gate.url}/rejoindre#s=pas-un-secret`);
  await waitReady(page);
  await expect(page.getByRole('alert').filter({ hasText: 'incomplet ou abîmé' })).toBeVisible();
  await expectNoViolations(page, 'a damaged invitation');
  expect(errors.list()).toEqual([]);
});

test('create an idea, edit it, find it in the list', async ({ page }) => {
  const errors = collectErrors(page);
  await createSpace(page, 'Cantine de l’école', { origin: stack.gate.url });
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
  const link = await createSpace(page, 'Sorties scolaires', { origin: stack.gate.url });
  const id = await createIdea(page);
  const idea = fields(page);
  await idea.title.fill('Vélos pour la sortie');
  await idea.constat.fill('La moitié de la classe n’a pas de vélo.');
  await expect(syncStatus(page)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });

  const { repo, handle } = await findEventually<Idea>(stack.relay.syncUrlFor(secretOf(link)), ideaUrl(id));
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

test('no accessibility violation on the list, an idea, the space and the spaces', async ({ page }) => {
  await createSpace(page, 'Potagers', { origin: stack.gate.url });
  await createIdea(page);
  await fields(page).title.fill('Un potager dans la cour');
  await page.getByRole('link', { name: 'Toutes les idées' }).click();
  await expect(ideaList(page).getByRole('link', { name: 'Un potager dans la cour' })).toBeVisible();
  await expectNoViolations(page, '/');

  await ideaList(page).getByRole('link', { name: 'Un potager dans la cour' }).click();
  await expect(fields(page).title).toHaveValue('Un potager dans la cour');
  await expectNoViolations(page, 'an idea');

  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  await nav.getByRole('link', { name: 'Espace', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Potagers' })).toBeVisible();
  await expectNoViolations(page, '/espace');
  await page.getByRole('link', { name: 'Espaces', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Espaces' })).toBeVisible();
  await expectNoViolations(page, '/espaces');
});
