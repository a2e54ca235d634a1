// Spaces in the browser tests: a tablet creates one and shows its invitation;
// another opens the link and joins. French labels, as a person reads them.
import { expect, type Page } from '@playwright/test';
import { expectNoViolations } from './axe.ts';
import { waitReady } from './page.ts';

const YOUR_NAME = 'Votre nom, tel que vos collègues le verront';

/** Where `path` is for `page`: relative when the context has a baseURL. */
function at(page: Page, path: string, origin?: string): string {
  if (origin) return `${origin}${path}`;
  const current = page.url();
  return current.startsWith('http') ? `${new URL(current).origin}${path}` : path;
}

/**
 * Creates a space named `name` on `page`'s device, as `person` (who becomes
 * its first moderator), and returns its invitation link, read from `/espace`.
 * The page ends on the space's idea list.
 */
export async function createSpace(
  page: Page,
  name: string,
  options: { person?: string; origin?: string } = {},
): Promise<string> {
  await page.goto(at(page, '/espaces', options.origin));
  await waitReady(page);
  const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Créer un espace' }) });
  await form.getByLabel('Nom de l’espace').fill(name);
  await form.getByLabel(YOUR_NAME).fill(options.person ?? 'Alice');
  await form.getByRole('button', { name: 'Créer l’espace' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await waitReady(page);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Espace', exact: true }).click();
  const link = await page.getByLabel('Lien d’invitation').inputValue();
  expect(link).toMatch(/\/rejoindre#s=/);
  await expect(page.getByRole('img', { name: 'QR code de l’invitation' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Idées' }).click();
  return link;
}

/** Opens the invitation `link` on `page` and joins as `name`; ends on the idea list. */
export async function joinSpace(
  page: Page,
  link: string,
  name: string,
  options: { audit?: boolean } = {},
): Promise<void> {
  await page.goto(link);
  await waitReady(page);
  if (options.audit) await expectNoViolations(page, 'an invitation');
  await page.getByLabel(YOUR_NAME).fill(name);
  await page.getByRole('button', { name: 'Rejoindre l’espace' }).click();
  await page.waitForURL((url) => url.pathname === '/' && url.hash === '');
  await waitReady(page);
}

/** The space secret an invitation link carries (for stock JS clients). */
export function secretOf(link: string): string {
  const secret = new URLSearchParams(new URL(link).hash.slice(1)).get('s');
  expect(secret, `a secret in ${link}`).toBeTruthy();
  return secret!;
}
