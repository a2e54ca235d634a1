// The idea's history on two tablets, open on the idea page: the author
// (Alice) writes an idea, a colleague (Bruno) plants two mines within a
// minute and proposes how to defuse one, Alice adopts that proposal, edits
// the title and moves the stage with a reason. Each tablet reads a
// timeline that says who did what exactly: both mines' questions on two
// lines, « Vous avez … » for the reader's own actions and the colleague's
// name for theirs, the stage from → to with its reason, the adopted
// proposal, and the title's words before and after the edit. axe-core
// finds no violation; screenshots at 800×1280 and 1280×800.
import { test, expect, type Page } from '@playwright/test';
import { expectNoViolations } from '../support/axe';
import { createSpace, joinSpace } from '../support/spaces.ts';
import { useStack } from '../support/stack.ts';
import { collectErrors, waitReady } from '../support/page.ts';
import { createIdea, fields, syncStatus } from '../support/ideas.ts';

const stack = useStack();

function mineCard(page: Page, question: string) {
  return page.locator('.mine-card').filter({ has: page.getByRole('heading', { name: question }) });
}

async function plant(page: Page, question: string, domain: string) {
  await page.getByLabel('Question ou risque').fill(question);
  await page.getByLabel('Domaine').selectOption(domain);
  await page.getByRole('button', { name: 'Poser la mine' }).click();
  await expect(mineCard(page, question)).toBeVisible();
}

function history(page: Page) {
  return page.getByRole('region', { name: 'Historique' });
}

test('the history says who did what exactly, grouped by person and minute', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const [a, b] = [await browser.newContext(), await browser.newContext()];
  const [pageA, pageB] = [await a.newPage(), await b.newPage()];
  const errorsA = collectErrors(pageA);
  const errorsB = collectErrors(pageB);

  const link = await createSpace(pageA, 'Zéro déchet', { origin: stack.gate.url, person: 'Alice' });
  const id = await createIdea(pageA);
  await fields(pageA).title.fill('Gobelets jetables à la cantine');
  await expect(syncStatus(pageA)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });

  await joinSpace(pageB, link, 'Bruno');
  await pageB.goto(`${stack.gate.url}/idees/${id}`);
  await waitReady(pageB);
  await expect(fields(pageB).title).toHaveValue('Gobelets jetables à la cantine', { timeout: 15_000 });

  // Bruno plants two mines within a minute and proposes how to defuse one.
  const budget = 'Qui paie le lave-vaisselle ?';
  const washing = 'Qui lave les gobelets ?';
  await plant(pageB, budget, 'budget');
  await plant(pageB, washing, 'organisation');
  const proposal = 'Le budget vert de la direction';
  await mineCard(pageB, budget).getByLabel('Proposer une façon de déminer').fill(proposal);
  await mineCard(pageB, budget).getByRole('button', { name: 'Proposer' }).click();
  await expect(mineCard(pageB, budget).locator('.proposal')).toContainText(proposal);

  // Alice adopts Bruno's proposal, edits the title, moves the stage with a reason.
  const card = mineCard(pageA, budget);
  await expect(card.locator('.proposal')).toContainText(proposal, { timeout: 15_000 });
  await card.getByRole('button', { name: 'Retenir cette proposition' }).click();
  await expect(card).toHaveAttribute('data-status', 'defused');
  await fields(pageA).title.fill('Gobelets lavables à la cantine');
  const reason = 'Les mines sont posées : on s’y met.';
  await pageA.getByRole('radio', { name: 'en déminage', exact: true }).check();
  await pageA.getByLabel('Pourquoi ce changement (facultatif)').fill(reason);
  await pageA.getByRole('button', { name: 'Changer d’étape' }).click();
  await expect(pageA.locator('.badge')).toHaveText('en déminage');

  // Alice's tablet: open, newest first, her own actions in the second person.
  const timelineA = history(pageA).locator('.timeline');
  await expect(history(pageA).getByRole('heading', { name: 'Historique' })).toBeVisible();
  await expect(history(pageA).locator('details')).toHaveCount(0);
  const moved = timelineA.locator('.action').first();
  await expect(moved).toContainText('Vous avez fait passer l’idée de « idée floue » à « en déminage »');
  await expect(moved.locator('.note')).toHaveText(`Pourquoi ce changement : ${reason}`);
  const planted = timelineA.locator('.action').filter({ hasText: 'Bruno a posé la mine' });
  await expect(planted).toHaveCount(2, { timeout: 15_000 });
  await expect(timelineA).toContainText(`Bruno a posé la mine « ${budget} »`);
  await expect(timelineA).toContainText(`Bruno a posé la mine « ${washing} »`);
  // One heading for Bruno's minute, both mines under it (unless the minute turned between them).
  const bruno = timelineA.locator('.moment').filter({ hasText: 'Bruno a posé la mine' }).first();
  await expect(bruno.locator('.moment-head')).toContainText('Bruno');
  await expect(timelineA).toContainText(`Bruno a proposé une façon de désamorcer la mine « ${budget} »`);
  const adopted = timelineA.locator('.action').filter({ hasText: 'Vous avez désamorcé la mine' });
  await expect(adopted).toContainText(`Vous avez désamorcé la mine « ${budget} » en retenant la proposition de Bruno`);
  await expect(adopted.locator('.note')).toHaveText(`Proposition retenue : ${proposal}`);
  const edit = timelineA.locator('.action').filter({ hasText: 'Vous avez modifié le titre' }).filter({ has: pageA.locator('del') });
  await expect(edit).toHaveCount(1);
  await expect(edit.locator('del')).toHaveText('supprimé : jetables');
  await expect(edit.locator('ins')).toHaveText('ajouté : lavables');
  await expect(edit.locator('.diff')).toContainText('Gobelets');
  await expect(timelineA).not.toContainText(/Vous a\s/);
  await expect(timelineA.locator('.moment-head time').first()).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT\d\d:\d\d[+-]\d\d:\d\d$/);
  await expectNoViolations(pageA, 'an idea with its history');

  // Bruno's tablet: Alice by her name, his own actions in the second person.
  const timelineB = history(pageB).locator('.timeline');
  await expect(timelineB).toContainText('Alice a fait passer l’idée de « idée floue » à « en déminage »', { timeout: 15_000 });
  await expect(timelineB).toContainText(`Alice a désamorcé la mine « ${budget} » en retenant votre proposition`);
  await expect(timelineB.locator('.action').filter({ hasText: 'Vous avez posé la mine' })).toHaveCount(2);
  await expect(timelineB).toContainText(reason);

  // Screenshots of the history, tablet portrait and landscape.
  for (const [width, height] of [[800, 1280], [1280, 800]]) {
    await pageA.setViewportSize({ width, height });
    await history(pageA).scrollIntoViewIfNeeded();
    await history(pageA).screenshot({ path: testInfo.outputPath(`history-${width}x${height}.png`) });
  }

  expect([...errorsA.list(), ...errorsB.list()], 'console errors').toEqual([]);
  await a.close();
  await b.close();
});
