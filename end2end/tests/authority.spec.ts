// The author decides, and nothing is a dead end — on two tablets in one
// space. Alice (who created the space) writes an idea; Bruno, neither its
// author nor a moderator, cannot move it: he proposes « en veille » with a
// reason, Alice sees the proposal with his name and accepts it, and the
// stage panel then says why the idea is there and on whose proposal. Taking
// it up again needs a reason; an abandoned idea shows what was learned and
// can be taken up again. A mine Bruno plants on an idea « prête à devenir
// projet » sends it back to « en déminage », and Alice's panel names the
// mine. Alice adopts Bruno's proposal to defuse it in one tap, crediting him.
// The idea page names its author, and nobody is offered « Signaler » on
// what they wrote. Finally, with Bruno named moderator, both move the idea
// offline at the same time: after the merge both tablets show the same
// stage and the same reason. axe-core passes on both sides of the panel.
import { test, expect, type Page } from '@playwright/test';
import { expectNoViolations } from '../support/axe';
import { createSpace, joinSpace } from '../support/spaces.ts';
import { useStack } from '../support/stack.ts';
import { cutEverything } from '../support/offline.ts';
import { collectErrors, waitReady } from '../support/page.ts';
import { createIdea, fields, syncStatus } from '../support/ideas.ts';

const stack = useStack();

function stagePanel(page: Page) {
  return page.locator('section.stage');
}

function mineCard(page: Page, question: string) {
  return page.locator('.mine-card').filter({ has: page.getByRole('heading', { name: question }) });
}

async function moveTo(page: Page, stage: string, note?: string) {
  const panel = stagePanel(page);
  await panel.getByRole('radio', { name: stage, exact: true }).check();
  if (note !== undefined) await panel.locator('#stage-note').fill(note);
  await panel.getByRole('button', { name: 'Changer d’étape' }).click();
}

async function expectStage(page: Page, stage: string) {
  await expect(stagePanel(page).locator('.badge')).toHaveText(stage, { timeout: 15_000 });
}

test('only the author moves an idea; colleagues propose; reasons show; a new mine sends a finished idea back', async ({ browser }) => {
  test.setTimeout(150_000);
  const a = await browser.newContext({ baseURL: stack.gate.url });
  const b = await browser.newContext({ baseURL: stack.gate.url });
  const [pageA, pageB] = [await a.newPage(), await b.newPage()];
  const errorsA = collectErrors(pageA);
  const errorsB = collectErrors(pageB);

  const link = await createSpace(pageA, 'Mobilités douces', { person: 'Alice' });
  const id = await createIdea(pageA);
  await fields(pageA).title.fill('Navette entre les deux sites');
  await expect(syncStatus(pageA)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });
  // The invitation says in words where the space syncs; the address on request.
  await pageB.goto(link);
  await waitReady(pageB);
  await expect(pageB.locator('.syncs-through')).toHaveText(/se synchronisent par ce même serveur.*sans réseau, tout reste enregistré sur cet appareil/);
  await expect(pageB.locator('.relay-address code')).toBeHidden();
  await pageB.getByText('Adresse technique du relais').click();
  await expect(pageB.locator('.relay-address code')).toHaveText(/^ws:\/\/.*\/sync$/);
  await joinSpace(pageB, link, 'Bruno');
  await pageB.goto(`/idees/${id}`);
  await waitReady(pageB);
  await expect(fields(pageB).title).toHaveValue('Navette entre les deux sites', { timeout: 15_000 });

  // The page names its author; « Signaler » is for others' content only.
  await expect(pageA.locator('.byline')).toContainText('Écrite par vous le');
  await expect(pageB.locator('.byline')).toContainText('Écrite par Alice le');
  await expect(pageA.getByRole('button', { name: 'Signaler cette idée' })).toHaveCount(0);
  await expect(pageB.getByRole('button', { name: 'Signaler cette idée' })).toBeVisible();

  // Bruno cannot move Alice's idea: he proposes, with a reason.
  const panelB = stagePanel(pageB);
  await expect(panelB.getByRole('button', { name: 'Changer d’étape' })).toHaveCount(0);
  await expect(panelB).toContainText('L’auteur·rice décide de l’étape de son idée');
  await panelB.getByRole('radio', { name: 'en veille', exact: true }).check();
  const why = 'Le marché de transport est renégocié en juin';
  await panelB.locator('#stage-note').fill(why);
  await panelB.getByRole('button', { name: 'Proposer ce changement' }).click();
  await expect(panelB.getByRole('status').filter({ hasText: 'Proposition envoyée' })).toBeVisible();
  await expectStage(pageB, 'idée floue');
  await expect(panelB.locator('.stage-proposal')).toContainText('Vous proposez de passer à « en veille »');
  await expectNoViolations(pageB, 'the stage panel of a colleague who proposes');

  // Alice sees it, with Bruno's name and reason, and accepts it.
  const proposal = stagePanel(pageA).locator('.stage-proposal');
  await expect(proposal).toContainText('Bruno propose de passer à « en veille »', { timeout: 15_000 });
  await expect(proposal).toContainText(why);
  await expectNoViolations(pageA, 'the stage panel of an author with a proposed move');
  await proposal.getByRole('button', { name: 'Accepter' }).click();
  await expectStage(pageA, 'en veille');
  await expectStage(pageB, 'en veille');
  for (const page of [pageA, pageB]) {
    const whyHere = stagePanel(page).locator('.stage-why');
    await expect(whyHere).toContainText('Passée de « idée floue » à « en veille »', { timeout: 15_000 });
    await expect(whyHere).toContainText(why);
  }
  await expect(stagePanel(pageA).locator('.stage-why')).toContainText('par vous');
  await expect(stagePanel(pageA).locator('.stage-why')).toContainText('sur proposition de Bruno');
  await expect(stagePanel(pageB).locator('.stage-why')).toContainText('par Alice');
  await expect(stagePanel(pageB).locator('.stage-why')).toContainText('sur votre proposition');
  await expect(stagePanel(pageA).locator('.stage-proposal')).toHaveCount(0);

  // Taking it up again needs a reason, which then shows.
  await moveTo(pageA, 'en déminage');
  await expect(stagePanel(pageA).getByRole('alert')).toHaveText('Dites pourquoi vous reprenez l’idée.');
  await expectStage(pageA, 'en veille');
  await moveTo(pageA, 'en déminage', 'Le nouveau marché prévoit une ligne');
  await expectStage(pageA, 'en déminage');
  await expect(stagePanel(pageA).locator('.stage-why')).toContainText('Le nouveau marché prévoit une ligne');

  // Abandoned is not a dead end: its lessons show, and it can be taken up again.
  const lessons = 'Les agents préfèrent le covoiturage organisé par service';
  await moveTo(pageA, 'abandonnée', lessons);
  await expectStage(pageB, 'abandonnée');
  await expect(stagePanel(pageB).locator('.stage-why')).toContainText(`Ce que nous avons appris : ${lessons}`);
  // The list says what was learned too.
  await pageB.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Idées' }).click();
  const listed = pageB.locator('.idea-card').filter({ hasText: 'Navette entre les deux sites' });
  await expect(listed.locator('.lessons')).toHaveText(`Ce que nous avons appris : ${lessons}`);
  await listed.getByRole('link').click();
  await waitReady(pageB);
  await expect(stagePanel(pageA).getByRole('radio', { name: 'idée floue', exact: true })).toBeVisible();
  await moveTo(pageA, 'idée floue', 'Une autre direction veut la reprendre');
  await expectStage(pageB, 'idée floue');

  // To « prête à devenir projet »; Bruno's new mine sends it back, and says which.
  await moveTo(pageA, 'en déminage');
  await moveTo(pageA, 'déminée');
  await moveTo(pageA, 'prête à devenir projet');
  await expectStage(pageB, 'prête à devenir projet');
  const question = 'Le permis D est-il exigé pour un minibus de 16 places ?';
  await pageB.getByLabel('Question ou risque').fill(question);
  await pageB.getByRole('button', { name: 'Poser la mine' }).click();
  await expectStage(pageB, 'en déminage');
  await expectStage(pageA, 'en déminage');
  await expect(stagePanel(pageA).locator('.stage-why')).toContainText(
    `Renvoyée en déminage le`,
  );
  await expect(stagePanel(pageA).locator('.stage-why')).toContainText(`Bruno a posé la mine « ${question} »`);

  // Nobody flags their own mine; Alice can.
  await expect(mineCard(pageB, question).getByRole('button', { name: 'Signaler cette mine' })).toHaveCount(0);
  await expect(mineCard(pageA, question).getByRole('button', { name: 'Signaler cette mine' })).toBeVisible();

  // Bruno proposes how to defuse it; Alice adopts it in one tap.
  const fix = 'Un minibus de 9 places : le permis B suffit';
  const cardB = mineCard(pageB, question);
  await cardB.getByLabel('Proposer une façon de déminer').fill(fix);
  await cardB.getByRole('button', { name: 'Proposer', exact: true }).click();
  await expect(cardB.getByRole('button', { name: 'Retenir cette proposition' })).toHaveCount(0);
  const cardA = mineCard(pageA, question);
  await cardA.locator('.proposal').filter({ hasText: fix }).getByRole('button', { name: 'Retenir cette proposition' }).click();
  await expect(cardA).toHaveAttribute('data-status', 'defused');
  await expect(cardA.locator('.decision')).toContainText(fix);
  await expect(cardA.locator('.decision')).toContainText('proposition de Bruno');
  await expect(mineCard(pageB, question).locator('.decision')).toContainText('votre proposition', { timeout: 15_000 });

  // Alice names Bruno moderator; offline, both move the idea at once.
  await pageA.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Modération' }).click();
  await pageA.getByLabel('Membre à nommer').selectOption({ label: 'Bruno' });
  await pageA.getByRole('button', { name: 'Nommer modérateur·rice' }).click();
  await expect(pageA.getByRole('status').filter({ hasText: 'Modérateur·rice nommé·e.' })).toBeVisible();
  await pageA.goto(`/idees/${id}`);
  await waitReady(pageA);
  await expect(stagePanel(pageB).getByRole('button', { name: 'Changer d’étape' })).toBeVisible({ timeout: 15_000 });
  await expect(syncStatus(pageA)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });
  await expect(syncStatus(pageB)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });

  const offline = await cutEverything(stack.gate, a, b);
  await moveTo(pageA, 'en veille', 'On attend le budget');
  await moveTo(pageB, 'déminée', 'Plus aucune mine armée');
  await expectStage(pageA, 'en veille');
  await expectStage(pageB, 'déminée');
  await expect(stagePanel(pageB).locator('.stage-why')).toContainText('(modération)');
  await offline.end();
  await expect(syncStatus(pageA)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });
  await expect(syncStatus(pageB)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });
  await expect
    .poll(async () => {
      const [x, y] = [await stagePanel(pageA).locator('.badge').textContent(), await stagePanel(pageB).locator('.badge').textContent()];
      return x === y;
    }, { timeout: 15_000 })
    .toBe(true);
  const settled = await stagePanel(pageA).locator('.badge').textContent();
  const reason = settled === 'en veille' ? 'On attend le budget' : 'Plus aucune mine armée';
  for (const page of [pageA, pageB]) {
    await expect(stagePanel(page).locator('.stage-why')).toContainText(reason);
  }

  expect([...errorsA.list(), ...errorsB.list()], 'console errors').toEqual([]);
  await a.close();
  await b.close();
});
