// An event's time is shown with the UTC offset of its own moment, not
// today's: an idea written on a July noon in Paris (UTC+2) and read in
// December (UTC+1) still says 12:00 in its history, not 11:00. The
// browser's clock is set with Playwright (Date only, timers keep running)
// and its time zone is Paris, so the clock change between the two moments
// is a real one.
import { test, expect } from '@playwright/test';
import { createSpace } from '../support/spaces.ts';
import { useStack } from '../support/stack.ts';
import { waitReady } from '../support/page.ts';
import { createIdea, fields } from '../support/ideas.ts';

const stack = useStack();

test('a history entry written in July shows July’s hour when read in December', async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date('2026-07-14T10:00:00Z'));
  await createSpace(page, 'Été', { origin: stack.gate.url });
  const id = await createIdea(page);
  await fields(page).title.fill('De l’ombre sur la place du marché');
  // A keystroke is durable within 100 ms (README, « Performance »).
  await page.waitForTimeout(500);

  await page.clock.setFixedTime(new Date('2026-12-07T10:00:00Z'));
  await page.goto(`${stack.gate.url}/idees/${id}`);
  await waitReady(page);
  await expect(page.getByRole('heading', { name: 'Historique' })).toBeVisible();
  const timeline = page.locator('.timeline');
  await expect(timeline.locator('.moment').first()).toContainText('14 juil. 2026 à 12:00');
  await expect(timeline.locator('time').first()).toHaveAttribute('datetime', '2026-07-14T12:00+02:00');
  await expect(timeline).not.toContainText('11:00');
  await context.close();
});
