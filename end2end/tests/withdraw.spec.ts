// A mistaken « Nouvelle idée » does not stay in everyone's list. Alice
// deletes an idea nobody else touched (after confirming): it leaves her
// list and Bruno's, and its page says it was deleted. An idea Bruno
// commented on can no longer be deleted: Alice withdraws it; it leaves the
// list, « Idées retirées » still finds it (marked), its page says so, and
// Alice puts it back. Bruno, not the author, has none of these buttons.
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

function titles(page: Page) {
  return ideaList(page).locator('.idea-card > a');
}

test('an author deletes an untouched idea, and withdraws one colleagues took part in', async ({ browser }) => {
  test.setTimeout(120_000);
  const a = await browser.newContext({ baseURL: stack.gate.url });
  const b = await browser.newContext({ baseURL: stack.gate.url });
  const [pageA, pageB] = [await a.newPage(), await b.newPage()];
  const errors = [collectErrors(pageA), collectErrors(pageB)];
  const link = await createSpace(pageA, 'Accueil du public', { person: 'Alice' });

  const kept = await createIdea(pageA);
  await fields(pageA).title.fill('Bornes de prise de rendez-vous');
  await nav(pageA).getByRole('link', { name: 'Idées' }).click();
  const mistake = await createIdea(pageA);
  await fields(pageA).title.fill('Sans intérêt');
  await expect(syncStatus(pageA)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });
  await joinSpace(pageB, link, 'Bruno');
  await expect(titles(pageB)).toHaveText(['Sans intérêt', 'Bornes de prise de rendez-vous'], { timeout: 15_000 });

  // Nobody else touched it: Alice deletes it, after confirming.
  await expect(pageA.getByText('Personne d’autre n’y a touché')).toBeVisible();
  await expectNoViolations(pageA, 'an idea its author may delete');
  await pageA.getByRole('button', { name: 'Supprimer cette idée' }).click();
  await pageA.getByRole('button', { name: 'Annuler' }).click();
  await expect(fields(pageA).title).toHaveValue('Sans intérêt');
  await pageA.getByRole('button', { name: 'Supprimer cette idée' }).click();
  await pageA.getByRole('button', { name: 'Oui, supprimer définitivement' }).click();
  await expect(pageA.getByRole('note').filter({ hasText: 'Cette idée a été supprimée par son auteur·rice.' })).toBeVisible();
  await nav(pageA).getByRole('link', { name: 'Idées' }).click();
  await expect(titles(pageA)).toHaveText(['Bornes de prise de rendez-vous']);
  await expect(titles(pageB)).toHaveText(['Bornes de prise de rendez-vous'], { timeout: 15_000 });
  await pageB.goto(`/idees/${mistake}`);
  await waitReady(pageB);
  await expect(pageB.getByRole('note').filter({ hasText: 'Cette idée a été supprimée' })).toBeVisible();

  // Bruno comments on the other: Alice can only withdraw it; Bruno has no button.
  await pageB.goto(`/idees/${kept}`);
  await waitReady(pageB);
  const discussion = pageB.locator('.comments').filter({ has: pageB.getByRole('heading', { name: 'Discussion' }) });
  await discussion.getByLabel('Votre commentaire').fill('Et pour les personnes sans téléphone ?');
  await discussion.getByRole('button', { name: 'Publier' }).click();
  await expect(pageB.getByRole('button', { name: /Supprimer cette idée|Retirer cette idée/ })).toHaveCount(0);
  await ideaList(pageA).getByRole('link', { name: 'Bornes de prise de rendez-vous' }).click();
  await expect(pageA.getByRole('button', { name: 'Retirer cette idée de la liste' })).toBeVisible({ timeout: 15_000 });
  await expect(pageA.getByRole('button', { name: 'Supprimer cette idée' })).toHaveCount(0);
  await pageA.getByRole('button', { name: 'Retirer cette idée de la liste' }).click();
  await expect(pageA.getByRole('note').filter({ hasText: 'Cette idée a été retirée de la liste par son auteur·rice.' })).toBeVisible();
  await expect(pageB.getByRole('note').filter({ hasText: 'retirée de la liste' })).toBeVisible({ timeout: 15_000 });

  // Out of the list; « Idées retirées » finds it, marked.
  await nav(pageB).getByRole('link', { name: 'Idées' }).click();
  await expect(ideaList(pageB)).toHaveCount(0);
  await pageB.getByRole('checkbox', { name: 'Idées retirées' }).check();
  await expect(titles(pageB)).toHaveText(['Bornes de prise de rendez-vous']);
  await expect(ideaList(pageB).locator('.withdrawn-chip')).toHaveText('retirée');

  // Alice puts it back.
  await pageA.getByRole('button', { name: 'Remettre l’idée dans la liste' }).click();
  await pageB.getByRole('checkbox', { name: 'Idées retirées' }).uncheck();
  await expect(titles(pageB)).toHaveText(['Bornes de prise de rendez-vous'], { timeout: 15_000 });

  expect(errors.flatMap((e) => e.list()), 'console errors').toEqual([]);
  await a.close();
  await b.close();
});
