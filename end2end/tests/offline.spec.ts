// Offline first: two devices edit apart and converge; a deep link opens with
// no network at all. Every offline phase is proven offline by the gate.
import { test, expect } from '@playwright/test';
import { createSpace, joinSpace } from '../support/spaces.ts';
import { useStack } from '../support/stack.ts';
import { cutEverything } from '../support/offline.ts';
import { collectErrors, waitForServiceWorker, waitReady } from '../support/page.ts';
import { createIdea, fields, ideaList, syncStatus } from '../support/ideas.ts';

const stack = useStack();

test('two tablets edit apart and converge', async ({ browser }) => {
  test.setTimeout(90_000);
  const started = Date.now();
  // Two devices: A creates the space, B joins it through the invitation link.
  const [a, b] = [await browser.newContext(), await browser.newContext()];
  const [pageA, pageB] = [await a.newPage(), await b.newPage()];

  const link = await createSpace(pageA, 'Cantine', { origin: stack.gate.url });
  const serviceWorkerScript = await waitForServiceWorker(pageA);
  await createIdea(pageA);
  await fields(pageA).title.fill('Cantine sans plastique');
  await expect(syncStatus(pageA)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });

  await joinSpace(pageB, link, 'Bruno');
  await waitForServiceWorker(pageB);
  const linkOnB = ideaList(pageB).getByRole('link', { name: 'Cantine sans plastique' });
  await expect(linkOnB).toBeVisible({ timeout: 15_000 });

  const offline = await cutEverything(stack.gate, a, b);
  await expect(syncStatus(pageA)).toHaveAttribute('data-sync', 'offline');
  await expect(syncStatus(pageB)).toHaveAttribute('data-sync', 'offline');

  await fields(pageA).title.fill('Cantine zéro plastique');
  await linkOnB.click();
  await fields(pageB).constat.fill('Trois sacs de barquettes jetées par jour.');

  await pageA.reload();
  await waitReady(pageA);
  await expect(fields(pageA).title).toHaveValue('Cantine zéro plastique');
  for (const page of [pageA, pageB]) {
    await expect(syncStatus(page)).toHaveAttribute('data-sync', 'offline');
    await expect(syncStatus(page)).toContainText('Hors ligne');
    // One idea edited on each: one idea to send, whatever the keystrokes.
    await expect(syncStatus(page)).toContainText('1 idée à envoyer');
  }
  expect(await offline.leaks({ serviceWorkerScript }), 'requests that got out while offline').toEqual([]);

  const back = Date.now();
  await offline.end();
  for (const page of [pageA, pageB]) {
    await expect(fields(page).title).toHaveValue('Cantine zéro plastique', { timeout: 15_000 });
    await expect(fields(page).constat).toHaveValue('Trois sacs de barquettes jetées par jour.', { timeout: 15_000 });
  }
  const converged = Date.now();
  await expect(syncStatus(pageA)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });
  await expect(syncStatus(pageB)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });
  console.log(
    `two tablets: converged ${converged - back} ms after coming back online; test took ${Date.now() - started} ms`,
  );
  await a.close();
  await b.close();
});

test('a deep link opens offline with the relay down', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await createSpace(page, 'Sorties', { origin: stack.gate.url });
  const serviceWorkerScript = await waitForServiceWorker(page);
  const id = await createIdea(page);
  await fields(page).title.fill('Sortie au marais');
  await expect(syncStatus(page)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });

  const offline = await cutEverything(stack.gate, context);
  await stack.relay.stop();
  try {
    const deepLink = await context.newPage();
    const errors = collectErrors(deepLink);
    await deepLink.goto(`${stack.gate.url}/idees/${id}`);
    await waitReady(deepLink);
    await expect(fields(deepLink).title).toHaveValue('Sortie au marais');
    await expect(syncStatus(deepLink)).toHaveAttribute('data-sync', 'offline');
    expect(errors.list(), 'console errors on the deep link').toEqual([]);
    expect(await offline.leaks({ serviceWorkerScript }), 'requests that got out while offline').toEqual([]);
  } finally {
    await offline.end();
    await stack.relay.restart();
    await context.close();
  }
});

// The status counts what a person recognises: a sentence typed offline into
// one idea, a key at a time, is one idea to send, not sixty changes.
test('a sentence typed offline into one idea is « 1 idée à envoyer »', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await createSpace(page, 'Jardins', { origin: stack.gate.url });
  await waitForServiceWorker(page);
  await createIdea(page);
  await fields(page).title.fill('Composteurs partagés');
  await expect(syncStatus(page)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });

  const offline = await cutEverything(stack.gate, context);
  try {
    await expect(syncStatus(page)).toHaveAttribute('data-sync', 'offline');
    await expect(syncStatus(page)).toHaveText('Hors ligne');
    const sentence = 'Les épluchures de la cantine finissent dans la poubelle grise.';
    expect(sentence.length).toBeGreaterThanOrEqual(60);
    await fields(page).constat.pressSequentially(sentence);
    await expect(fields(page).constat).toHaveValue(sentence);
    await expect(syncStatus(page)).toHaveText('Hors ligne — 1 idée à envoyer');
  } finally {
    await offline.end();
  }
  await expect(syncStatus(page)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });
  await context.close();
});
