// The profile page: a name, a service and the domains where « je peux
// aider » are saved in the space and shown to colleagues; « besoin de mon
// expertise » then finds ideas with an open mine in those domains. axe-core
// finds no violation on the profile page, nor on the filtered list.
import { test, expect } from '@playwright/test';
import { expectNoViolations } from '../support/axe';
import { createSpace, joinSpace } from '../support/spaces.ts';
import { useStack } from '../support/stack.ts';
import { waitReady } from '../support/page.ts';
import { createIdea, fields, ideaList } from '../support/ideas.ts';

const stack = useStack();

test('a profile names its author to colleagues and drives « besoin de mon expertise »', async ({ browser }) => {
  const [a, b] = [await browser.newContext(), await browser.newContext()];
  const [pageA, pageB] = [await a.newPage(), await b.newPage()];

  const link = await createSpace(pageA, 'Mobilités', { origin: stack.gate.url });
  await joinSpace(pageB, link, 'Nadia');
  await pageB.goto(`${stack.gate.url}/profil`);
  await waitReady(pageB);
  await expect(pageB.getByLabel('Nom affiché')).toHaveValue('Nadia');
  await pageB.getByLabel('Nom affiché').fill('Nadia <b>Juriste</b>');
  await pageB.getByLabel('Service').fill('Affaires juridiques');
  await pageB.getByRole('checkbox', { name: 'juridique' }).check();
  await pageB.getByRole('button', { name: 'Enregistrer le profil' }).click();
  await expect(pageB.getByRole('status').filter({ hasText: 'Profil enregistré' })).toBeVisible();
  await expectNoViolations(pageB, '/profil');

  await pageA.goto(`${stack.gate.url}/`);
  await waitReady(pageA);
  const withMine = await createIdea(pageA);
  await fields(pageA).title.fill('Prêt de vélos aux usagers');
  await pageA.getByLabel('Question ou risque').fill('Quelle assurance en cas de chute ?');
  await pageA.getByLabel('Domaine').selectOption('juridique');
  await pageA.getByRole('button', { name: 'Poser la mine' }).click();
  await pageA.getByRole('link', { name: 'Toutes les idées' }).click();
  await createIdea(pageA);
  await fields(pageA).title.fill('Salle de pause végétalisée');

  // B proposes on A's mine: A sees B's profile name, as text.
  await pageB.goto(`${stack.gate.url}/idees/${withMine}`);
  await waitReady(pageB);
  const card = pageB.locator('.mine-card');
  await expect(card).toHaveCount(1, { timeout: 15_000 });
  await card.getByLabel('Proposer une façon de déminer').fill('Le contrat d’assurance de la ville couvre le prêt');
  await card.getByRole('button', { name: 'Proposer' }).click();
  await pageA.goto(`${stack.gate.url}/idees/${withMine}`);
  await waitReady(pageA);
  await expect(pageA.locator('.proposal')).toContainText('Nadia <b>Juriste</b>', { timeout: 15_000 });

  // « Besoin de mon expertise » on B: only the idea with an open juridique mine.
  await pageB.goto(`${stack.gate.url}/`);
  await waitReady(pageB);
  await expect(ideaList(pageB).getByRole('link')).toHaveCount(2, { timeout: 15_000 });
  await pageB.getByRole('checkbox', { name: 'Besoin de mon expertise' }).check();
  await expect(ideaList(pageB).getByRole('link')).toHaveCount(1);
  await expect(ideaList(pageB).getByRole('link', { name: 'Prêt de vélos aux usagers' })).toBeVisible();
  await pageB.getByRole('checkbox', { name: 'Besoin de mon expertise' }).uncheck();
  await pageB.getByLabel('Rechercher').fill('vegetalisee');
  await expect(ideaList(pageB).getByRole('link')).toHaveCount(1);
  await expect(ideaList(pageB).getByRole('link', { name: 'Salle de pause végétalisée' })).toBeVisible();
  await expectNoViolations(pageB, 'the filtered list');
  await a.close();
  await b.close();
});
