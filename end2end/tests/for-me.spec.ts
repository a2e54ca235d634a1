// « Pour moi » on two tablets. Bruno ticks « Besoin de mon expertise » with
// an empty profile and is told to fill in his domains, with a link; he then
// says he can help in « juridique ». Alice writes an idea and plants a
// « juridique » mine on it; Bruno plants a mine and comments on it. Alice's
// navigation counts 2 news, her list marks the idea « Nouveau »; her « Pour
// moi » page names what Bruno did, marked new, and visiting it clears the
// count, for good (after a reload too); opening the idea clears its
// « Nouveau ». Bruno's « Pour moi » shows the mine that needs his expertise,
// offline too; a mine he plants offline, arriving after Alice looked, is
// new for her though made before. axe-core passes on the page.
import { test, expect, type Page } from '@playwright/test';
import { expectNoViolations } from '../support/axe';
import { createSpace, joinSpace } from '../support/spaces.ts';
import { useStack } from '../support/stack.ts';
import { cutEverything } from '../support/offline.ts';
import { collectErrors, waitReady } from '../support/page.ts';
import { createIdea, fields, ideaList, syncStatus } from '../support/ideas.ts';

const stack = useStack();

function nav(page: Page) {
  return page.getByRole('navigation', { name: 'Navigation principale' });
}

function forMeLink(page: Page) {
  return nav(page).getByRole('link', { name: /^Pour moi/ });
}

test('« Pour moi » tells the author what colleagues did, and the expert where they are needed', async ({ browser }) => {
  test.setTimeout(150_000);
  const a = await browser.newContext({ baseURL: stack.gate.url });
  const b = await browser.newContext({ baseURL: stack.gate.url });
  const [pageA, pageB] = [await a.newPage(), await b.newPage()];
  const errors = [collectErrors(pageA), collectErrors(pageB)];

  const link = await createSpace(pageA, 'Direction juridique', { person: 'Alice' });
  await joinSpace(pageB, link, 'Bruno');

  // An empty profile: « Besoin de mon expertise » says what to do, with a link.
  await createIdea(pageB);
  await fields(pageB).title.fill('Idée de Bruno');
  await nav(pageB).getByRole('link', { name: 'Idées' }).click();
  await pageB.getByRole('checkbox', { name: 'Besoin de mon expertise' }).check();
  const hint = pageB.getByRole('note').filter({ hasText: 'Votre profil ne dit pas encore dans quels domaines vous pouvez aider' });
  await expect(hint).toBeVisible();
  await hint.getByRole('link', { name: 'Compléter mon profil' }).click();
  await expect(pageB.getByRole('heading', { level: 1, name: 'Profil' })).toBeVisible();
  await pageB.getByRole('checkbox', { name: 'juridique' }).check();
  await pageB.getByRole('button', { name: 'Enregistrer le profil' }).click();
  await expect(pageB.getByRole('status').filter({ hasText: 'Profil enregistré' })).toBeVisible();

  // Alice's idea, with a « juridique » mine of her own.
  await nav(pageA).getByRole('link', { name: 'Idées' }).click();
  const id = await createIdea(pageA);
  await fields(pageA).title.fill('Registre des traitements partagé');
  const legal = 'Qui est responsable du traitement ?';
  await pageA.getByLabel('Question ou risque').fill(legal);
  await pageA.getByLabel('Domaine').selectOption('juridique');
  await pageA.getByRole('button', { name: 'Poser la mine' }).click();
  await expect(syncStatus(pageA)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });
  await nav(pageA).getByRole('link', { name: 'Idées' }).click();
  await expect(forMeLink(pageA)).toHaveAccessibleName('Pour moi');

  // Bruno plants a mine and comments.
  await pageB.goto(`/idees/${id}`);
  await waitReady(pageB);
  await expect(fields(pageB).title).toHaveValue('Registre des traitements partagé', { timeout: 15_000 });
  const budget = 'Qui paie la licence du logiciel ?';
  await pageB.getByLabel('Question ou risque').fill(budget);
  await pageB.getByRole('button', { name: 'Poser la mine' }).click();
  const discussion = pageB.locator('.comments').filter({ has: pageB.getByRole('heading', { name: 'Discussion' }) });
  await discussion.getByLabel('Votre commentaire').fill('Le service informatique a déjà un outil');
  await discussion.getByRole('button', { name: 'Publier' }).click();
  await expect(syncStatus(pageB)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });

  // Alice: a count in the navigation, « Nouveau » on the card.
  await expect(forMeLink(pageA)).toHaveAccessibleName('Pour moi (2 nouveautés)', { timeout: 15_000 });
  const card = ideaList(pageA).locator('.idea-card').filter({ hasText: 'Registre des traitements partagé' });
  await expect(card.locator('[data-unread="true"]')).toHaveText('Nouveau');

  await forMeLink(pageA).click();
  await expect(pageA.getByRole('heading', { level: 1, name: 'Pour moi' })).toBeVisible();
  await expect(pageA).toHaveTitle('Pour moi — Les démineurs');
  const feed = pageA.locator('.feed-item');
  await expect(feed).toHaveCount(2);
  await expect(feed.nth(0)).toContainText('Bruno a commenté : Le service informatique a déjà un outil');
  await expect(feed.nth(1)).toContainText(`Bruno a posé la mine « ${budget} »`);
  await expect(pageA.locator('.feed-item[data-new="true"]')).toHaveCount(2);
  await expect(feed.nth(0).getByRole('link', { name: 'Registre des traitements partagé' })).toBeVisible();
  await expectNoViolations(pageA, '« Pour moi »');
  await expect(forMeLink(pageA)).toHaveAccessibleName('Pour moi');
  await pageA.reload();
  await waitReady(pageA);
  await expect(pageA.locator('.feed-item')).toHaveCount(2);
  await expect(pageA.locator('.feed-item[data-new="true"]')).toHaveCount(0);
  await expect(forMeLink(pageA)).toHaveAccessibleName('Pour moi');

  // Opening the idea clears its « Nouveau ».
  await feed.nth(0).getByRole('link', { name: 'Registre des traitements partagé' }).click();
  await expect(fields(pageA).title).toHaveValue('Registre des traitements partagé');
  await nav(pageA).getByRole('link', { name: 'Idées' }).click();
  await expect(card).toBeVisible();
  await expect(card.locator('[data-unread="true"]')).toHaveCount(0);

  // Bruno: the « juridique » mine needs him; offline too (both tablets are
  // cut off: Alice's would otherwise keep trying the relay).
  const offline = await cutEverything(stack.gate, a, b);
  await forMeLink(pageB).click();
  const needed = pageB.locator('.feed-item').filter({ hasText: `Alice a posé une mine en « juridique », votre domaine : « ${legal} »` });
  await expect(needed).toBeVisible();
  // Still offline, Bruno plants another mine on Alice's idea; Alice looks
  // at « Pour moi » after that, before it reaches her. Once it arrives it
  // is new, though made before she looked.
  await needed.getByRole('link', { name: 'Registre des traitements partagé' }).click();
  const late = 'Le registre doit-il être public ?';
  await pageB.getByLabel('Question ou risque').fill(late);
  await pageB.getByRole('button', { name: 'Poser la mine' }).click();
  await expect(pageB.locator('.mine-card').filter({ has: pageB.getByRole('heading', { name: late }) })).toBeVisible();
  await pageA.waitForTimeout(1_100);
  await forMeLink(pageA).click();
  await expect(pageA.locator('.feed-item[data-new="true"]')).toHaveCount(0);
  await offline.end();
  await expect(forMeLink(pageA)).toHaveAccessibleName('Pour moi (1 nouveauté)', { timeout: 15_000 });
  await pageA.reload();
  await waitReady(pageA);
  await expect(pageA.locator('.feed-item[data-new="true"]')).toHaveCount(1);
  await expect(pageA.locator('.feed-item[data-new="true"]')).toContainText(`Bruno a posé la mine « ${late} »`);

  expect(errors.flatMap((e) => e.list()), 'console errors').toEqual([]);
  await a.close();
  await b.close();
});
