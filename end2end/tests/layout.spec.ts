// The idea page as a tablet shows it, and the dark theme.
// In landscape (1280×800) the minefield stands beside the idea, above the
// fold; in portrait (800×1280) it comes right under the idea, before the
// stage, and each section folds from its heading. The minefield is a picture: each mine a mark in its domain's
// strip, drawn by status, a link that takes you to its card. With the
// system in dark mode the app is dark, and axe-core finds no violation on
// any page (contrast included), as in the light theme (the other specs).
import { test, expect, type Page } from '@playwright/test';
import { expectNoViolations } from '../support/axe';
import { createSpace } from '../support/spaces.ts';
import { useStack } from '../support/stack.ts';
import { collectErrors, waitReady } from '../support/page.ts';
import { createIdea, fields } from '../support/ideas.ts';

const stack = useStack();

async function plant(page: Page, question: string, domain: string, size: string) {
  await page.getByLabel('Question ou risque').fill(question);
  await page.getByLabel('Domaine').selectOption(domain);
  await page.getByRole('radio', { name: size, exact: true }).check();
  await page.getByRole('button', { name: 'Poser la mine' }).click();
  await expect(page.locator('.mine-card').filter({ has: page.getByRole('heading', { name: question }) })).toBeVisible();
}

async function box(page: Page, selector: string) {
  const found = await page.locator(selector).first().boundingBox();
  expect(found, selector).not.toBeNull();
  return found!;
}

test('the minefield is a picture beside the idea in landscape and under it in portrait', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: stack.gate.url, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await createSpace(page, 'Voirie');
  const id = await createIdea(page);
  await fields(page).title.fill('Éclairage public à la demande');
  await fields(page).constat.fill('Les rues résidentielles restent éclairées toute la nuit.');
  await plant(page, 'Qui paie les détecteurs ?', 'budget', 'grosse');
  await plant(page, 'La nuit noire inquiète-t-elle les habitants ?', 'usagers', 'petite');
  await plant(page, 'Le marché d’entretien le permet-il ?', 'juridique', 'moyenne');
  const card = page.locator('.mine-card').filter({ has: page.getByRole('heading', { name: 'Qui paie les détecteurs ?' }) });
  await card.getByLabel('Comment elle est désamorcée').fill('Le budget vert 2027');
  await card.getByRole('button', { name: 'Marquer désamorcée' }).click();
  await expect(card).toHaveAttribute('data-status', 'defused');

  // The picture: one mark per mine, by status, each a link to its card.
  const field = page.getByRole('group', { name: /Le terrain/ });
  await expect(field.locator('.mine-mark')).toHaveCount(3);
  await expect(field.locator('.strip-name')).toHaveText(['budget', 'usagers', 'juridique']);
  await expect(field.getByRole('link')).toHaveCount(3);
  await expect(field.getByRole('link', { name: 'Qui paie les détecteurs ? — désamorcée' })).toHaveAttribute('data-status', 'defused');
  const armed = field.getByRole('link', { name: 'Le marché d’entretien le permet-il ? — armée' });
  await expect(armed).toHaveAttribute('data-status', 'armed');
  await expect(field.locator('.mine-mark[data-status="defused"] .flag')).toHaveCount(1);
  await expect(field.locator('.mine-mark[data-status="armed"] .spikes')).toHaveCount(2);

  // Landscape: beside the idea, above the fold.
  const form = await box(page, '.idea-form');
  const minefield = await box(page, 'section.minefield');
  expect(minefield.x, 'the minefield is right of the idea').toBeGreaterThan(form.x + form.width - 1);
  expect(minefield.y, 'the minefield is above the fold').toBeLessThan(800);
  await page.screenshot({ path: test.info().outputPath('idea-landscape.png'), fullPage: false });

  // A mark takes you to its mine.
  await armed.click();
  await expect(page).toHaveURL(/#mine-/);
  await expect(page.getByRole('heading', { name: 'Le marché d’entretien le permet-il ?' })).toBeInViewport();

  // Portrait: under the idea, before the stage.
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.goto(`/idees/${id}`);
  await waitReady(page);
  // The three boxes are read in one frame, and again until the page has
  // settled (fields grow to their text once the idea is loaded).
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const top = (selector: string) => document.querySelector(selector)?.getBoundingClientRect();
          const form = top('.idea-form');
          const minefield = top('section.minefield');
          const stage = top('section.stage');
          if (!form || !minefield || !stage) return 'missing';
          if (minefield.top < form.bottom - 1) return `minefield at ${minefield.top}, over the idea ending at ${form.bottom}`;
          if (minefield.top >= stage.top) return `minefield at ${minefield.top}, after the stage at ${stage.top}`;
          return 'under the idea, before the stage';
        }),
      { message: 'portrait order' },
    )
    .toBe('under the idea, before the stage');
  await page.screenshot({ path: test.info().outputPath('idea-portrait.png'), fullPage: false });

  // Each section folds from its heading, and unfolds.
  const mines = page.getByRole('button', { name: 'Mines', exact: true });
  const history = page.getByRole('button', { name: 'Historique', exact: true });
  for (const toggle of [mines, history]) await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('section.mines .mine-card')).toHaveCount(3);
  await expect(page.locator('section.history .timeline')).toBeVisible();
  await mines.click();
  await history.click();
  for (const toggle of [mines, history]) await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('section.mines .mine-card').first()).toBeHidden();
  await expect(page.locator('section.history .timeline')).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Mines', exact: true })).toBeVisible();
  const folded = await box(page, 'section.history');
  expect(folded.height, 'a folded section is its heading').toBeLessThan(120);
  await page.screenshot({ path: test.info().outputPath('idea-portrait-folded.png'), fullPage: true });
  // A mark of the minefield unfolds « Mines » and goes to its card.
  await page.getByRole('group', { name: /Le terrain/ }).getByRole('link', { name: 'Le marché d’entretien le permet-il ? — armée' }).click();
  await expect(mines).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('heading', { name: 'Le marché d’entretien le permet-il ?' })).toBeInViewport();
  await expect(page.locator('section.mines .mine-card')).toHaveCount(3);
  expect(errors.list()).toEqual([]);
  await context.close();
});

test('in the dark theme every page passes axe-core', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ baseURL: stack.gate.url, colorScheme: 'dark', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await createSpace(page, 'Nuit');
  const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(background, 'the dark theme applies').toBe('rgb(18, 22, 21)');
  await expectNoViolations(page, '/ (dark)');
  await createIdea(page);
  await fields(page).title.fill('Extinction des vitrines la nuit');
  await plant(page, 'Les commerçants sont-ils d’accord ?', 'usagers', 'moyenne');
  await plant(page, 'Un arrêté est-il nécessaire ?', 'juridique', 'petite');
  const card = page.locator('.mine-card').filter({ has: page.getByRole('heading', { name: 'Les commerçants sont-ils d’accord ?' }) });
  await card.getByLabel('Proposer une façon de déminer').fill('Une réunion avec l’union commerciale');
  await card.getByRole('button', { name: 'Proposer', exact: true }).click();
  await card.getByLabel('Comment elle est désamorcée').fill('Accord de principe');
  await card.getByRole('button', { name: 'Marquer désamorcée' }).click();
  await expectNoViolations(page, 'an idea (dark)');
  await page.screenshot({ path: test.info().outputPath('idea-dark.png'), fullPage: true });
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  let personal = '';
  for (const [link, heading] of [
    ['Idées', 'Idées'],
    ['Pour moi', 'Pour moi'],
    ['Profil', 'Profil'],
    ['Modération', 'Modération'],
    ['Espace', 'Nuit'],
  ]) {
    await nav.getByRole('link', { name: link, exact: link !== 'Pour moi' }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    if (link === 'Profil') {
      await page.getByRole('button', { name: 'Afficher mon lien personnel' }).click();
      await expect(page.getByRole('img', { name: 'QR code de votre lien personnel' })).toBeVisible();
      personal = await page.getByRole('textbox', { name: 'Votre lien personnel' }).inputValue();
    }
    await expectNoViolations(page, `${link} (dark)`);
  }
  await page.getByRole('link', { name: 'Espaces', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Espaces' })).toBeVisible();
  await expectNoViolations(page, '/espaces (dark)');
  // Her own personal link, opened on the device that is already hers.
  expect(personal).toContain('/mon-appareil#');
  await page.goto(personal);
  await expect(page.getByRole('button', { name: 'Ouvrir l’espace' })).toBeVisible();
  await expectNoViolations(page, '/mon-appareil (dark)');
  expect(errors.list()).toEqual([]);
  await context.close();
});
