// The list tells an author where things happen. Alice writes two ideas; on
// the older one Bruno plants two mines, proposes how to defuse one and
// comments. Alice's list puts the older idea first (latest activity, the
// default order), with « 2 mines ouvertes », « 1 proposition en attente »
// and « 1 commentaire »; sorted by « Date de création », the newer idea comes
// first again. axe-core passes on the list.
import { test, expect, type Page } from '@playwright/test';
import { expectNoViolations } from '../support/axe';
import { createSpace, joinSpace } from '../support/spaces.ts';
import { useStack } from '../support/stack.ts';
import { collectErrors, waitReady } from '../support/page.ts';
import { createIdea, fields, ideaList, syncStatus } from '../support/ideas.ts';

const stack = useStack();

function nav(page: Page) {
  return page.getByRole('navigation', { name: 'Navigation principale' });
}

test('the list puts the last active idea first and counts what waits there', async ({ browser }) => {
  test.setTimeout(120_000);
  const a = await browser.newContext({ baseURL: stack.gate.url });
  const b = await browser.newContext({ baseURL: stack.gate.url });
  const [pageA, pageB] = [await a.newPage(), await b.newPage()];
  const errors = [collectErrors(pageA), collectErrors(pageB)];

  const link = await createSpace(pageA, 'Services généraux', { person: 'Alice' });
  const older = await createIdea(pageA);
  await fields(pageA).title.fill('Salle de repos partagée');
  await nav(pageA).getByRole('link', { name: 'Idées' }).click();
  await createIdea(pageA);
  await fields(pageA).title.fill('Badge unique pour les deux bâtiments');
  await expect(syncStatus(pageA)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });
  await nav(pageA).getByRole('link', { name: 'Idées' }).click();
  const titles = () => ideaList(pageA).locator('.idea-card > a');
  await expect(titles()).toHaveText(['Badge unique pour les deux bâtiments', 'Salle de repos partagée']);

  await joinSpace(pageB, link, 'Bruno');
  await pageB.goto(`/idees/${older}`);
  await waitReady(pageB);
  await expect(fields(pageB).title).toHaveValue('Salle de repos partagée', { timeout: 15_000 });
  for (const question of ['Qui fait le ménage ?', 'Quelle salle est libre ?']) {
    await pageB.getByLabel('Question ou risque').fill(question);
    await pageB.getByRole('button', { name: 'Poser la mine' }).click();
  }
  const mine = pageB.locator('.mine-card').filter({ has: pageB.getByRole('heading', { name: 'Qui fait le ménage ?' }) });
  await mine.getByLabel('Proposer une façon de déminer').fill('Un planning tournant par service');
  await mine.getByRole('button', { name: 'Proposer', exact: true }).click();
  const discussion = pageB.locator('.comments').filter({ has: pageB.getByRole('heading', { name: 'Discussion' }) });
  await discussion.getByLabel('Votre commentaire').fill('Le 3e étage a une salle vide');
  await discussion.getByRole('button', { name: 'Publier' }).click();
  await expect(syncStatus(pageB)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });

  // Alice's list: the active idea on top, with what waits there.
  await expect(titles()).toHaveText(['Salle de repos partagée', 'Badge unique pour les deux bâtiments'], { timeout: 15_000 });
  const card = ideaList(pageA).locator('.idea-card').first();
  await expect(card.locator('[data-count="open-mines"]')).toHaveText('2 mines ouvertes');
  await expect(card.locator('[data-count="waiting"]')).toHaveText('1 proposition en attente');
  await expect(card.locator('[data-count="comments"]')).toHaveText('1 commentaire');
  await expectNoViolations(pageA, 'the idea list with counts');

  await pageA.getByLabel('Trier par').selectOption({ label: 'Date de création' });
  await expect(titles()).toHaveText(['Badge unique pour les deux bâtiments', 'Salle de repos partagée']);
  await pageA.getByLabel('Trier par').selectOption({ label: 'Dernière activité' });
  await expect(titles()).toHaveText(['Salle de repos partagée', 'Badge unique pour les deux bâtiments']);

  expect(errors.flatMap((e) => e.list()), 'console errors').toEqual([]);
  await a.close();
  await b.close();
});
