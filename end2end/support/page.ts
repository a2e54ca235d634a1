// Page-level helpers shared by the browser tests.
import { expect, type Page } from '@playwright/test';

/** Waits until the app is mounted and has loaded the device storage. */
export async function waitReady(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-app-ready', 'true', { timeout: 20_000 });
}

/** Collects console errors and uncaught exceptions of a page; `list()` should stay empty. */
export function collectErrors(page: Page): { list(): string[] } {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return { list: () => [...errors] };
}

/**
 * Waits until a service worker is active (its install, hence its precache, is
 * done) and controls `page`. A worker that does not claim open clients controls
 * them from the next load, so the page is reloaded once in that case.
 * Returns the worker's script (path and query), e.g. "/sw.js".
 */
export async function waitForServiceWorker(page: Page): Promise<string> {
  const state = await page.evaluate(async () => {
    const active = await Promise.race([
      navigator.serviceWorker.ready.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000)),
    ]);
    if (!active) return 'no service worker became active within 15 s';
    if (navigator.serviceWorker.controller) return 'controlled';
    return new Promise<string>((resolve) => {
      navigator.serviceWorker.addEventListener('controllerchange', () => resolve('controlled'), { once: true });
      setTimeout(() => resolve('not claimed'), 3_000);
    });
  });
  if (state === 'not claimed') {
    await page.reload();
    await waitReady(page);
  } else {
    expect(state).toBe('controlled');
  }
  const script = await page.evaluate(() => {
    const url = navigator.serviceWorker.controller && new URL(navigator.serviceWorker.controller.scriptURL);
    return url ? url.pathname + url.search : null;
  });
  expect(script, 'page controlled by a service worker').not.toBeNull();
  return script!;
}
