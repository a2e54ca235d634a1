// Mines on two tablets in one space (A creates it and shows the invitation,
// B joins through the link): B plants two mines offline, A (the idea's author)
// proposes how to defuse one and marks it defused, offline too; once both
// are back online they show the same minefield and progress. « déminée »
// is refused while a mine is armed, and the refusal names it. User text
// with HTML and script is shown as text. axe-core finds no violation on an
// idea with mines.
import { test, expect, type Page } from '@playwright/test';
import { expectNoViolations } from '../support/axe';
import { createSpace, joinSpace } from '../support/spaces.ts';
import { useStack } from '../support/stack.ts';
import { cutEverything } from '../support/offline.ts';
import { collectErrors, waitForServiceWorker, waitReady } from '../support/page.ts';
import { createIdea, fields, syncStatus } from '../support/ideas.ts';

const stack = useStack();

function mineCard(page: Page, question: string | RegExp) {
  return page.locator('.mine-card').filter({ has: page.getByRole('heading', { name: question }) });
}

async function plant(page: Page, question: string, domain: string) {
  await page.getByLabel('Question ou risque').fill(question);
  await page.getByLabel('Domaine').selectOption(domain);
  await page.getByRole('button', { name: 'Poser la mine' }).click();
  await expect(mineCard(page, question)).toBeVisible();
}

async function moveTo(page: Page, stage: string) {
  await page.getByRole('radio', { name: stage, exact: true }).check();
  await page.getByRole('button', { name: 'Changer d’étape' }).click();
}

test('mines planted and defused offline on two tablets converge', async ({ browser }) => {
  test.setTimeout(90_000);
  const [a, b] = [await browser.newContext(), await browser.newContext()];
  const [pageA, pageB] = [await a.newPage(), await b.newPage()];
  const errorsA = collectErrors(pageA);
  const errorsB = collectErrors(pageB);

  // A creates the space and shows its invitation; B joins through the link.
  const link = await createSpace(pageA, 'Zéro déchet', { origin: stack.gate.url });
  const serviceWorkerScript = await waitForServiceWorker(pageA);
  const id = await createIdea(pageA);
  await fields(pageA).title.fill('Gobelets réutilisables');
  await expect(syncStatus(pageA)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });

  await joinSpace(pageB, link, 'Bruno');
  await pageB.goto(`${stack.gate.url}/idees/${id}`);
  await waitReady(pageB);
  await waitForServiceWorker(pageB);
  await expect(fields(pageB).title).toHaveValue('Gobelets réutilisables', { timeout: 15_000 });

  const offline = await cutEverything(stack.gate, a, b);
  await expect(syncStatus(pageB)).toHaveAttribute('data-sync', 'offline');

  const legal = 'Le marché en cours impose-t-il des gobelets jetables ?';
  const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script> Qui les lave ?';
  await plant(pageB, legal, 'achats');
  await plant(pageB, hostile, 'organisation');
  await expect(mineCard(pageB, legal).getByText('Seul·e l’auteur·rice de l’idée')).toBeVisible();
  await expect(pageB.locator('.progress-figure')).toHaveText('Terrain déminé à 0 %');

  // Meanwhile A, offline too, has no mine yet; A plants its own and settles it.
  // A blank question, proposal or decision is refused by the rule itself, in
  // its own words, and nothing is written.
  const plantForm = pageA.locator('form.plant');
  await plantForm.getByLabel('Question ou risque').fill('   ');
  await plantForm.getByRole('button', { name: 'Poser la mine' }).click();
  await expect(plantForm.getByRole('alert')).toHaveText('Écrivez la question avant de poser la mine.');
  await expect(pageA.locator('.mine-card')).toHaveCount(0);
  const budget = 'Qui paie le lave-vaisselle ?';
  await plant(pageA, budget, 'budget');
  await expect(plantForm.getByRole('alert')).toHaveCount(0);
  const card = mineCard(pageA, budget);
  await card.getByRole('button', { name: 'Proposer' }).click();
  await expect(card.locator('.proposals').getByRole('alert')).toHaveText('Écrivez la proposition avant de l’envoyer.');
  await expect(card.locator('.proposal')).toHaveCount(0);
  await card.getByLabel('Proposer une façon de déminer').fill('Le budget vert de la direction');
  await card.getByRole('button', { name: 'Proposer' }).click();
  await expect(card.locator('.proposal')).toContainText('Le budget vert de la direction');
  await card.getByRole('button', { name: 'Marquer désamorcée' }).click();
  await expect(card.locator('form.decide').getByRole('alert')).toHaveText('Dites comment, ou pourquoi, avant de décider.');
  await expect(card).toHaveAttribute('data-status', 'being-defused');
  await card.getByLabel('Comment elle est désamorcée').fill('Accord du directeur, budget vert 2027');
  await card.getByRole('button', { name: 'Marquer désamorcée' }).click();
  await expect(card).toHaveAttribute('data-status', 'defused');
  expect(await offline.leaks({ serviceWorkerScript }), 'requests that got out while offline').toEqual([]);

  await offline.end();
  for (const page of [pageA, pageB]) {
    await expect(page.locator('.mine-card'), 'three mines on both tablets').toHaveCount(3, { timeout: 15_000 });
    await expect(page.locator('.progress-figure')).toHaveText('Terrain déminé à 33 %');
    await expect(mineCard(page, budget)).toHaveAttribute('data-status', 'defused');
    await expect(mineCard(page, legal)).toHaveAttribute('data-status', 'armed');
    // Hostile text is text: no element was made of it.
    await expect(mineCard(page, hostile).locator('.mine-question')).toHaveText(hostile);
    expect(await page.locator('.mine-card img').count()).toBe(0);
  }

  // « déminée » is refused while mines are armed, and says which.
  await moveTo(pageA, 'en déminage');
  await expect(pageA.locator('.badge')).toHaveText('en déminage');
  await moveTo(pageA, 'déminée');
  const refusal = pageA.locator('.stage .refusal');
  await expect(refusal).toContainText('des mines restent à désamorcer');
  await expect(refusal).toContainText(legal);
  await expect(refusal).toContainText(hostile);
  await expect(pageA.locator('.badge')).toHaveText('en déminage');

  // A (the author) settles the other two; then « déminée » is accepted and celebrated.
  for (const question of [legal, hostile]) {
    const c = mineCard(pageA, question);
    await c.getByLabel('Comment elle est désamorcée').fill('Vérifié avec le service concerné');
    await c.getByRole('button', { name: 'Marquer désamorcée' }).click();
    await expect(c).toHaveAttribute('data-status', 'defused');
  }
  await expect(pageA.locator('.celebration')).toBeVisible();
  await moveTo(pageA, 'déminée');
  await expect(pageA.locator('.badge')).toHaveText('déminée');
  await expect(pageB.locator('.badge')).toHaveText('déminée', { timeout: 15_000 });
  await expect(pageB.locator('.progress-figure')).toHaveText('Terrain déminé à 100 %');

  await expectNoViolations(pageB, 'an idea with mines');
  expect([...errorsA.list(), ...errorsB.list()], 'console errors').toEqual([]);
  await a.close();
  await b.close();
});
