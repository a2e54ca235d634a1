import { defineConfig } from '@playwright/test';

// Route and take offline the requests a service worker makes itself (fetch
// from its own scope), not only the page's: without this, Chromium lets a
// service worker reach the network while the context is "offline"
// (Playwright issue 2311). Set here so the runner and its workers inherit it.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS ??= '1';

export default defineConfig({
  testDir: 'tests',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  forbidOnly: !!process.env.CI,
  use: {
    browserName: 'chromium',
    // Debian's Chromium: never download a browser.
    launchOptions: {
      executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-gpu',
        '--disable-quic',
      ],
    },
    serviceWorkers: 'allow',
    locale: 'fr-FR',
    trace: 'retain-on-failure',
  },
});
