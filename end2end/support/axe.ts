// The accessibility audit every page goes through: axe-core, once the page
// has settled (running CSS animations finished, so a fade or a scale is not
// measured half-way), reporting each violation with the elements it found.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Waits for the page's running animations, then asserts axe finds nothing. */
export async function expectNoViolations(page: Page, where: string): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(found, `axe violations on ${where}`).toEqual([]);
}
