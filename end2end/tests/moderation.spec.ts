// Trust and control, on two tablets in one space. B flags a comment and a
// mine, each with a reason: an empty reason is refused in words, and what B
// typed survives closing the form. A, who created the space and so
// moderates it, sees both on /moderation with the reasons and who flagged,
// and hides the comment. B then reads « Contenu masqué par la modération »
// in its place, the idea's history still lists the comment, and B, not a
// moderator, has no hide button; /moderation tells B who the moderators are.
// A still sees the hidden comment, marked, with « Afficher à nouveau ».
// Finally A names B moderator, and B's /moderation shows what is left to
// review. axe-core finds no violation on /moderation, for either of them.
import { test, expect, type Page } from '@playwright/test';
import { expectNoViolations } from '../support/axe';
import { useStack } from '../support/stack.ts';
import { collectErrors, waitReady } from '../support/page.ts';
import { createIdea, fields, syncStatus } from '../support/ideas.ts';
import { createSpace, joinSpace } from '../support/spaces.ts';

const stack = useStack();

function nav(page: Page) {
  return page.getByRole('navigation', { name: 'Navigation principale' });
}

/** The idea's own discussion (mine threads have no « Discussion » heading). */
function discussion(page: Page) {
  return page.locator('.comments').filter({ has: page.getByRole('heading', { name: 'Discussion' }) });
}

function mineCard(page: Page, question: string) {
  return page.locator('.mine-card').filter({ has: page.getByRole('heading', { name: question }) });
}

function moderatorList(page: Page) {
  return page.getByRole('list', { name: 'Modérateur·rices de l’espace' });
}

test('flagged content reaches the moderators, who hide it; the others see it was hidden', async ({ browser }) => {
  test.setTimeout(120_000);
  const a = await browser.newContext({ baseURL: stack.gate.url });
  const b = await browser.newContext({ baseURL: stack.gate.url });
  const [pageA, pageB] = [await a.newPage(), await b.newPage()];
  const errorsA = collectErrors(pageA);
  const errorsB = collectErrors(pageB);

  // A creates the space, hence moderates it, and signs as Alice.
  const link = await createSpace(pageA, 'Mairie de Villeurbanne');
  await waitReady(pageA);
  await nav(pageA).getByRole('link', { name: 'Profil' }).click();
  await pageA.getByLabel('Nom affiché').fill('Alice');
  await pageA.getByRole('button', { name: 'Enregistrer le profil' }).click();
  await expect(pageA.getByRole('status').filter({ hasText: 'Profil enregistré' })).toBeVisible();

  // A writes an idea, plants a mine and comments.
  await nav(pageA).getByRole('link', { name: 'Idées' }).click();
  await createIdea(pageA);
  const ideaPath = new URL(pageA.url()).pathname;
  const title = 'Cantine bio le vendredi';
  await fields(pageA).title.fill(title);
  const question = 'Qui nettoie le parking du personnel ?';
  await pageA.getByLabel('Question ou risque').fill(question);
  await pageA.getByRole('button', { name: 'Poser la mine' }).click();
  await expect(mineCard(pageA, question)).toBeVisible();
  const remark = 'Remarque déplacée sur un collègue du service';
  await discussion(pageA).getByLabel('Votre commentaire').fill(remark);
  await discussion(pageA).getByRole('button', { name: 'Publier' }).click();
  await expect(discussion(pageA).locator('.comment').filter({ hasText: remark })).toBeVisible();
  await expect(syncStatus(pageA)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });

  // B joins as Bruno and opens the idea.
  await joinSpace(pageB, link, 'Bruno');
  await pageB.goto(ideaPath);
  await waitReady(pageB);
  const comment = discussion(pageB).locator('.comment').filter({ hasText: remark });
  await expect(comment).toBeVisible({ timeout: 15_000 });

  // B flags the comment: a reason is required, and closing the form keeps it.
  await comment.getByRole('button', { name: 'Signaler ce commentaire' }).click();
  const commentReason = comment.getByLabel('Pourquoi signalez-vous ce contenu ?');
  await expect(commentReason).toBeFocused();
  await comment.getByRole('button', { name: 'Envoyer le signalement' }).click();
  await expect(comment.getByRole('alert')).toHaveText('Dites pourquoi vous signalez ce contenu.');
  await commentReason.fill('Propos blessants');
  await comment.getByRole('button', { name: 'Annuler' }).click();
  await expect(commentReason).toHaveCount(0);
  await comment.getByRole('button', { name: 'Signaler ce commentaire' }).click();
  await expect(commentReason).toHaveValue('Propos blessants');
  await commentReason.fill('Propos blessants envers un collègue');
  await comment.getByRole('button', { name: 'Envoyer le signalement' }).click();
  await expect(comment.locator('.flag-done')).toHaveText('Signalé');
  await expect(comment.getByRole('button', { name: 'Signaler ce commentaire' })).toHaveCount(0);

  // B flags the mine.
  const mine = mineCard(pageB, question);
  await mine.getByRole('button', { name: 'Signaler cette mine' }).click();
  await mine.getByLabel('Pourquoi signalez-vous ce contenu ?').fill('Hors sujet : rien à voir avec la cantine');
  await mine.getByRole('button', { name: 'Envoyer le signalement' }).click();
  await expect(mine.locator(':scope > .flag .flag-done')).toHaveText('Signalé');
  await expect(pageB.getByRole('button', { name: 'Masquer' })).toHaveCount(0);
  await expect(syncStatus(pageB)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });

  // A, a moderator, sees both on /moderation, with the reasons and who flagged.
  await nav(pageA).getByRole('link', { name: 'Modération' }).click();
  await expect(pageA.getByRole('heading', { level: 1, name: 'Modération' })).toBeVisible();
  const queue = pageA.getByRole('region', { name: 'À examiner' });
  await expect(queue.locator('.flagged-item')).toHaveCount(2, { timeout: 15_000 });
  const flaggedComment = queue.locator('.flagged-item[data-kind="comment"]');
  await expect(flaggedComment.locator('.flagged-heading')).toContainText('Commentaire');
  await expect(flaggedComment.getByRole('link', { name: title })).toBeVisible();
  await expect(flaggedComment.locator('.flagged-text')).toHaveText(remark);
  await expect(flaggedComment.locator('.flag-reasons')).toContainText('Propos blessants envers un collègue');
  await expect(flaggedComment.locator('.flag-reasons')).toContainText('Bruno');
  const flaggedMine = queue.locator('.flagged-item[data-kind="mine"]');
  await expect(flaggedMine.locator('.flagged-text')).toHaveText(question);
  await expect(flaggedMine.locator('.flag-reasons')).toContainText('Hors sujet : rien à voir avec la cantine');
  await expect(flaggedMine.locator('.flag-reasons')).toContainText('Bruno');
  await expect(flaggedMine.getByRole('button', { name: 'Classer sans suite' })).toBeVisible();
  await expectNoViolations(pageA, '/moderation for a moderator');

  // A hides the comment: it leaves the queue for « Contenus masqués ».
  await flaggedComment.getByRole('button', { name: 'Masquer' }).click();
  await expect(queue.locator('.flagged-item')).toHaveCount(1);
  const hiddenList = pageA.getByRole('region', { name: 'Contenus masqués' });
  await expect(hiddenList.locator('.flagged-item[data-kind="comment"] .flagged-text')).toHaveText(remark);

  // B sees only that it was hidden; the history still lists the comment.
  const hiddenNotice = discussion(pageB).getByText('Contenu masqué par la modération');
  await expect(hiddenNotice).toBeVisible({ timeout: 15_000 });
  await expect(discussion(pageB).getByText(remark)).toHaveCount(0);
  await expect(pageB.getByRole('button', { name: 'Masquer' })).toHaveCount(0);
  await expect(pageB.getByRole('button', { name: 'Afficher à nouveau' })).toHaveCount(0);
  await expect(pageB.locator('.timeline')).toContainText('Alice a commenté');
  await expect(pageB.locator('.timeline')).toContainText('Alice a masqué un contenu');

  // B's /moderation: only moderators see flags; it names them.
  await nav(pageB).getByRole('link', { name: 'Modération' }).click();
  await expect(pageB.getByText('Seul·es les modérateur·rices de l’espace voient les contenus signalés')).toBeVisible();
  await expect(moderatorList(pageB).getByRole('listitem')).toHaveText(['Alice']);
  await expect(pageB.locator('.flagged-item')).toHaveCount(0);
  await expect(pageB.getByRole('button', { name: 'Masquer' })).toHaveCount(0);
  await expectNoViolations(pageB, '/moderation for a member who does not moderate');

  // A still reads the hidden comment, marked, and may show it again.
  await hiddenList.getByRole('link', { name: title }).click();
  const marked = discussion(pageA).locator('.comment').filter({ hasText: remark });
  await expect(marked).toHaveAttribute('data-hidden', 'true');
  await expect(marked.getByRole('button', { name: 'Afficher à nouveau ce commentaire' })).toBeVisible();

  // A names B moderator; B's /moderation then shows what is left to review.
  await nav(pageA).getByRole('link', { name: 'Modération' }).click();
  await pageA.getByLabel('Membre à nommer').selectOption({ label: 'Bruno' });
  await pageA.getByRole('button', { name: 'Nommer modérateur·rice' }).click();
  await expect(pageA.getByRole('status').filter({ hasText: 'Modérateur·rice nommé·e.' })).toBeVisible();
  await expect(moderatorList(pageA).getByRole('listitem')).toHaveText(['Bruno', 'Vous']);
  const queueB = pageB.getByRole('region', { name: 'À examiner' });
  await expect(queueB.locator('.flagged-item')).toHaveCount(1, { timeout: 15_000 });
  await expect(queueB.locator('.flagged-item[data-kind="mine"] .flagged-text')).toHaveText(question);
  await expect(moderatorList(pageB).getByRole('listitem')).toHaveText(['Alice', 'Vous']);

  expect([...errorsA.list(), ...errorsB.list()], 'console errors').toEqual([]);
  await a.close();
  await b.close();
});

test('a proposal adopted in one tap, then hidden, takes the decision’s text with it', async ({ browser }) => {
  test.setTimeout(90_000);
  const a = await browser.newContext({ baseURL: stack.gate.url });
  const b = await browser.newContext({ baseURL: stack.gate.url });
  const [pageA, pageB] = [await a.newPage(), await b.newPage()];
  const errors = [collectErrors(pageA), collectErrors(pageB)];
  const link = await createSpace(pageA, 'Mairie', { person: 'Alice' });
  const id = await createIdea(pageA);
  await fields(pageA).title.fill('Navette entre les sites');
  const question = 'Qui conduit la navette ?';
  await pageA.getByLabel('Question ou risque').fill(question);
  await pageA.getByRole('button', { name: 'Poser la mine' }).click();
  await expect(syncStatus(pageA)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });

  await joinSpace(pageB, link, 'Bruno');
  await pageB.goto(`/idees/${id}`);
  await waitReady(pageB);
  const offensive = 'Le collègue Untel, puisqu’il ne fait rien de ses journées';
  const cardB = mineCard(pageB, question);
  await cardB.getByLabel('Proposer une façon de déminer').fill(offensive, { timeout: 15_000 });
  await cardB.getByRole('button', { name: 'Proposer', exact: true }).click();
  await expect(syncStatus(pageB)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });

  // Alice adopts it in one tap, then thinks better of it: flags and hides it.
  const cardA = mineCard(pageA, question);
  const proposal = cardA.locator('.proposal').filter({ hasText: offensive });
  await proposal.getByRole('button', { name: 'Retenir cette proposition' }).click({ timeout: 15_000 });
  await expect(cardA.locator('.decision')).toContainText(offensive);
  await proposal.getByRole('button', { name: 'Signaler cette proposition' }).click();
  await proposal.getByLabel('Pourquoi signalez-vous ce contenu ?').fill('Vise un collègue nommément');
  await proposal.getByRole('button', { name: 'Envoyer le signalement' }).click();
  await nav(pageA).getByRole('link', { name: 'Modération' }).click();
  const flagged = pageA.getByRole('region', { name: 'À examiner' }).locator('.flagged-item[data-kind="proposal"]');
  await flagged.getByRole('button', { name: 'Masquer' }).click();
  await expect(syncStatus(pageA)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });

  // Bruno reads neither the proposal nor the decision that copied it, on
  // the card or in the history.
  await expect(cardB.locator('.decision')).toContainText('Contenu masqué par la modération', { timeout: 15_000 });
  await expect(pageB.getByText(offensive)).toHaveCount(0);
  await expect(pageB.locator('.timeline')).not.toContainText('Untel');
  // Alice, a moderator, still reads it, marked.
  await pageA.goto(`/idees/${id}`);
  await waitReady(pageA);
  await expect(cardA.locator('.decision')).toContainText(offensive);
  await expect(cardA.locator('.decision .chip')).toHaveText('masqué');
  expect(errors.flatMap((e) => e.list()), 'console errors').toEqual([]);
  await a.close();
  await b.close();
});
