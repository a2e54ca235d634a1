// Words as an agent reads them: the status does not say « Hors ligne »
// when there is nothing to sync, the skip link says where it goes, the tab
// names the page, the device's user is « vous » / "you" in lower case
// within a sentence, and English puts no space before a colon.
import { test, expect } from '@playwright/test';
import { createSpace } from '../support/spaces.ts';
import { useStack } from '../support/stack.ts';
import { waitReady } from '../support/page.ts';
import { createIdea, fields, syncStatus } from '../support/ideas.ts';

const stack = useStack();

test('the skip link, the tab title, « vous » and colons read right in French and English', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${stack.gate.url}/`);
  await waitReady(page);
  await expect(page.getByRole('link', { name: 'Aller au contenu' })).toHaveAttribute('href', '#main');
  // A device in no space has nothing to sync: it does not claim to be offline.
  await expect(syncStatus(page)).toHaveText('Rien à synchroniser');
  await expect(syncStatus(page)).toHaveAttribute('data-sync', 'idle');

  await createSpace(page, 'Voirie', { origin: stack.gate.url });
  await expect(page).toHaveTitle('Idées — Les démineurs');
  // The header names the open space and leads to the others.
  const spaceSwitch = page.getByRole('banner').getByRole('link', { name: 'Espace : Voirie' });
  await expect(spaceSwitch).toHaveAttribute('href', '/espaces');
  await createIdea(page);
  await expect(page).toHaveTitle('Idée — Les démineurs');
  await fields(page).title.fill('Bancs à l’ombre');
  await page.getByLabel('Question ou risque').fill('Qui entretient les bancs ?');
  await page.getByRole('button', { name: 'Poser la mine' }).click();
  const card = page.locator('.mine-card');
  await expect(card).toContainText('posée par vous');
  await expect(page.locator('#stage-heading')).toContainText('Étape : ');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeAttached();
  await expect(page).toHaveTitle('Idea — Les démineurs');
  await expect(card).toContainText('planted by you');
  await expect(page.locator('#stage-heading')).toContainText('Stage: ');
  await expect(page.locator('#stage-heading')).not.toContainText('Stage :');

  await page.goto(`${stack.gate.url}/profil`);
  await waitReady(page);
  await expect(page).toHaveTitle('Profile — Les démineurs');
  await context.close();
});
