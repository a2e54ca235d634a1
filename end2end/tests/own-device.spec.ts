// One person, two devices. Alice's tablet shows her personal link (with its
// QR code) on her profile; her phone opens it and becomes Alice in the
// space, without giving a name. What she read on one device is read on the
// other: Bruno's idea that she opened on the tablet is not « Nouveau » on
// the phone, and the idea she opens on the phone stops being « Nouveau »
// on the tablet. What the phone writes is hers. A damaged personal link says what
// is wrong. axe-core passes on the link's page and on the profile.
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

function unread(page: Page, title: string) {
  return ideaList(page).locator('.idea-card').filter({ hasText: title }).locator('[data-unread="true"]');
}

test('a personal link makes a phone the same member, with the same read marks', async ({ browser }) => {
  test.setTimeout(150_000);
  const [tablet, phone, bruno] = [
    await browser.newContext({ baseURL: stack.gate.url }),
    await browser.newContext({ baseURL: stack.gate.url, viewport: { width: 412, height: 900 } }),
    await browser.newContext({ baseURL: stack.gate.url }),
  ];
  const [pageT, pageP, pageB] = [await tablet.newPage(), await phone.newPage(), await bruno.newPage()];
  const errors = [collectErrors(pageT), collectErrors(pageP), collectErrors(pageB)];

  const invitation = await createSpace(pageT, 'Voirie', { person: 'Alice' });
  await joinSpace(pageB, invitation, 'Bruno');
  const first = await createIdea(pageB);
  await fields(pageB).title.fill('Bancs au soleil');
  const discussion = pageB.locator('.comments').filter({ has: pageB.getByRole('heading', { name: 'Discussion' }) });
  await discussion.getByLabel('Votre commentaire').fill('Et des fontaines ?');
  await discussion.getByRole('button', { name: 'Publier' }).click();
  await expect(syncStatus(pageB)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });

  // The tablet: Bruno's idea is new; Alice opens it.
  await expect(unread(pageT, 'Bancs au soleil')).toHaveText('Nouveau', { timeout: 15_000 });
  await pageT.goto(`/idees/${first}`);
  await waitReady(pageT);
  await expect(fields(pageT).title).toHaveValue('Bancs au soleil');
  await nav(pageT).getByRole('link', { name: 'Idées' }).click();
  await expect(unread(pageT, 'Bancs au soleil')).toHaveCount(0);

  // Her personal link, on request, with its QR code.
  await nav(pageT).getByRole('link', { name: 'Profil' }).click();
  const section = pageT.getByRole('region', { name: 'Vos autres appareils' });
  await expect(section).toContainText('Gardez-le pour vous');
  await section.getByRole('button', { name: 'Afficher mon lien personnel' }).click();
  await expect(section.getByRole('img', { name: 'QR code de votre lien personnel' })).toBeVisible();
  const personal = await section.getByRole('textbox', { name: 'Votre lien personnel' }).inputValue();
  expect(personal).toMatch(/\/mon-appareil#s=.*&m=.*&k=/);
  await expectNoViolations(pageT, 'the profile with the personal link');
  for (const [width, height] of [[1280, 800], [800, 1280]]) {
    await pageT.setViewportSize({ width, height });
    await section.scrollIntoViewIfNeeded();
    await pageT.screenshot({ path: test.info().outputPath(`profile-link-${width}x${height}.png`) });
  }
  await expect(syncStatus(pageT)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });

  // A damaged copy says what is wrong, and joins nothing.
  const member = new URLSearchParams(new URL(personal).hash.slice(1)).get('m')!;
  await pageP.goto(personal.replace(`m=${member}`, `m=${member.slice(0, -3)}`));
  await waitReady(pageP);
  await expect(pageP.getByRole('alert')).toHaveText(
    'Ce lien personnel est abîmé : la partie qui dit qui vous êtes est incomplète. Recopiez-le en entier.',
  );

  // The phone opens it: no name to give, one button.
  await pageP.goto(personal);
  await waitReady(pageP);
  await expect(pageP.locator('.own-device')).toContainText('un autre appareil de Alice dans l’espace « Voirie »');
  await expect(pageP.getByLabel('Votre nom, tel que vos collègues le verront')).toHaveCount(0);
  await expectNoViolations(pageP, 'a personal link');
  await pageP.screenshot({ path: test.info().outputPath('personal-link-phone.png') });
  await pageP.getByRole('button', { name: 'Utiliser cet appareil' }).click();
  await pageP.waitForURL((url) => url.pathname === '/' && url.hash === '');
  await waitReady(pageP);
  await expect(ideaList(pageP).getByRole('link', { name: 'Bancs au soleil' })).toBeVisible({ timeout: 15_000 });
  // Read on the tablet, so read here — once her marks have arrived.
  await expect(unread(pageP, 'Bancs au soleil')).toHaveCount(0, { timeout: 15_000 });
  await nav(pageP).getByRole('link', { name: 'Profil' }).click();
  await expect(pageP.getByLabel('Nom affiché')).toHaveValue('Alice');

  // Bruno writes again; Alice reads it on the phone: read on the tablet.
  await pageB.goto('/');
  await waitReady(pageB);
  const second = await createIdea(pageB);
  await fields(pageB).title.fill('Toilettes publiques');
  await expect(syncStatus(pageB)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });
  await nav(pageT).getByRole('link', { name: 'Idées' }).click();
  await expect(unread(pageT, 'Toilettes publiques')).toHaveText('Nouveau', { timeout: 15_000 });
  await pageP.goto(`/idees/${second}`);
  await waitReady(pageP);
  await expect(fields(pageP).title).toHaveValue('Toilettes publiques', { timeout: 15_000 });
  await nav(pageP).getByRole('link', { name: 'Idées' }).click();
  await expect(unread(pageT, 'Toilettes publiques')).toHaveCount(0, { timeout: 15_000 });

  // What the phone writes is Alice's.
  const hers = await createIdea(pageP);
  await fields(pageP).title.fill('Écrite sur le téléphone');
  await expect(syncStatus(pageP)).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });
  await pageT.goto(`/idees/${hers}`);
  await waitReady(pageT);
  await expect(fields(pageT).title).toHaveValue('Écrite sur le téléphone', { timeout: 15_000 });
  await expect(pageT.locator('.byline')).toContainText('Écrite par vous');

  expect(errors.flatMap((e) => e.list()), 'console errors').toEqual([]);
  for (const context of [tablet, phone, bruno]) await context.close();
});
