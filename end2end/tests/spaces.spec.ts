// Spaces on devices: one tablet in two spaces keeps them apart and moves
// between them, and a link to an idea of the other space opens it there; a
// colleague joins through the invitation while offline (the
// link was received earlier), writes, and everything meets once the network
// is back.
import { test, expect } from '@playwright/test';
import { createSpace, joinSpace } from '../support/spaces.ts';
import { useStack } from '../support/stack.ts';
import { cutEverything } from '../support/offline.ts';
import { collectErrors, waitForServiceWorker, waitReady } from '../support/page.ts';
import { createIdea, fields, ideaList, syncStatus } from '../support/ideas.ts';

const stack = useStack();

test('one device in two spaces keeps their ideas apart and moves between them', async ({ page }) => {
  const errors = collectErrors(page);
  // A space's name is text, whatever it holds.
  const alpha = '<i>Alpha</i><script>alert(1)</script>';
  await createSpace(page, alpha, { origin: stack.gate.url });
  await page.goto(`${stack.gate.url}/espace`);
  await waitReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(alpha);
  expect(await page.locator('main i, main script').count()).toBe(0);
  // A space keeps a name: a blank one is refused in the rule's words.
  const settings = page.locator('form').filter({ has: page.getByLabel('Nom de l’espace') });
  await settings.getByLabel('Nom de l’espace').fill('  ');
  await settings.getByRole('button', { name: 'Enregistrer l’espace' }).click();
  await expect(settings.getByRole('alert')).toHaveText('Donnez un nom à l’espace.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(alpha);
  await page.goto(`${stack.gate.url}/`);
  await waitReady(page);
  await createIdea(page);
  await fields(page).title.fill('Idée du service Alpha');
  await expect(syncStatus(page)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });

  await createSpace(page, 'Bêta', { origin: stack.gate.url, person: 'Alice B.' });
  await expect(page.getByRole('heading', { level: 1, name: 'Idées' })).toBeVisible();
  await expect(ideaList(page).getByRole('link', { name: 'Idée du service Alpha' })).toHaveCount(0);
  await createIdea(page);
  await fields(page).title.fill('Idée du service Bêta');

  await page.goto(`${stack.gate.url}/espaces`);
  await waitReady(page);
  const spaces = page.getByRole('list', { name: 'Espaces' });
  await expect(spaces.getByRole('listitem')).toHaveCount(2);
  await expect(spaces.getByRole('listitem').filter({ hasText: 'Bêta' })).toContainText('ouvert');
  await expect(spaces.getByRole('listitem').filter({ hasText: alpha })).toBeVisible();
  await page.getByRole('button', { name: `Ouvrir l’espace « ${alpha} »` }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await waitReady(page);
  await expect(ideaList(page).getByRole('link', { name: 'Idée du service Alpha' })).toBeVisible();
  await expect(ideaList(page).getByRole('link', { name: 'Idée du service Bêta' })).toHaveCount(0);
  await expect(syncStatus(page)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });
  expect(errors.list()).toEqual([]);
});

test('a link to an idea of another space on this device opens it in its space, offline too', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = collectErrors(page);
  await createSpace(page, 'Voirie', { origin: stack.gate.url });
  const id = await createIdea(page);
  await fields(page).title.fill('Bancs au soleil');
  await expect(syncStatus(page)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });
  const serviceWorkerScript = await waitForServiceWorker(page);
  await createSpace(page, 'Espaces verts', { origin: stack.gate.url, person: 'Alice V.' });
  const banner = page.getByRole('banner');
  await expect(banner.getByRole('link', { name: 'Espace : Espaces verts' })).toBeVisible();

  // The link, followed with no network at all: the idea is on the device,
  // in Voirie, which opens.
  const offline = await cutEverything(stack.gate, context);
  await page.goto(`${stack.gate.url}/idees/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Bancs au soleil' })).toBeVisible({ timeout: 15_000 });
  await waitReady(page);
  expect(new URL(page.url()).pathname).toBe(`/idees/${id}`);
  await expect(banner.getByRole('link', { name: 'Espace : Voirie' })).toBeVisible();
  await expect(fields(page).title).toHaveValue('Bancs au soleil');
  expect(await offline.leaks({ serviceWorkerScript }), 'requests that got out while offline').toEqual([]);
  await offline.end();
  expect(errors.list()).toEqual([]);
  await context.close();
});

test('a colleague joins offline with a link received earlier, and both meet once online', async ({ browser }) => {
  test.setTimeout(90_000);
  const [a, b] = [await browser.newContext(), await browser.newContext()];
  const [pageA, pageB] = [await a.newPage(), await b.newPage()];
  const link = await createSpace(pageA, 'Atelier du jeudi', { origin: stack.gate.url });
  await createIdea(pageA);
  await fields(pageA).title.fill('Covoiturage entre sites');
  await expect(syncStatus(pageA)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });

  // B has the app installed (one visit), then no network at all; A is cut
  // off too (the gate is the one way to the relay, for both).
  await pageB.goto(`${stack.gate.url}/`);
  await waitReady(pageB);
  const serviceWorkerScript = await waitForServiceWorker(pageB);
  const offline = await cutEverything(stack.gate, a, b);
  await joinSpace(pageB, link, 'Bruno', { audit: true });
  await expect(syncStatus(pageB)).toHaveAttribute('data-sync', 'offline');
  await createIdea(pageB);
  await fields(pageB).title.fill('Vélos de service');
  expect(await offline.leaks({ serviceWorkerScript }), 'requests that got out while offline').toEqual([]);

  await offline.end();
  await pageB.getByRole('link', { name: 'Toutes les idées' }).click();
  await expect(ideaList(pageB).getByRole('link', { name: 'Covoiturage entre sites' })).toBeVisible({ timeout: 15_000 });
  await pageA.getByRole('link', { name: 'Toutes les idées' }).click();
  await expect(ideaList(pageA).getByRole('link', { name: 'Vélos de service' })).toBeVisible({ timeout: 15_000 });
  await a.close();
  await b.close();
});
