// Taking browser contexts offline in a way that cannot be fooled.
//
// `context.setOffline(true)` stops pages (and WebSockets); with
// PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS (set in playwright.config.ts)
// it also reaches service workers, and `context.route` aborts what remains.
// The gate is cut on top and records every connection: `leaks()` must be [].
import type { BrowserContext } from '@playwright/test';
import type { Gate } from './gate.ts';

const abortAll = '**/*';

export async function goOffline(context: BrowserContext): Promise<void> {
  await context.setOffline(true);
  await context.route(abortAll, (route) => route.abort('internetdisconnected'));
}

export async function goOnline(context: BrowserContext): Promise<void> {
  await context.unroute(abortAll);
  await context.setOffline(false);
}

export interface OfflinePhase {
  /** Connections the gate accepted since the phase began, whatever they carried. */
  attempts(): number;
  /**
   * The first line of every connection that carried a request since the phase
   * began: must be []. Two things Chromium does by itself, out of reach of
   * setOffline and route, are left out (and printed): on every navigation it
   * opens a connection on which it sends nothing, and after a navigation to a
   * controlled page it checks the service worker script for an update.
   */
  leaks(options?: { serviceWorkerScript?: string }): Promise<string[]>;
  /** Restores the gate and takes every context back online. */
  end(): Promise<void>;
}

/** Takes `contexts` offline and cuts the gate. */
export async function cutEverything(gate: Gate, ...contexts: BrowserContext[]): Promise<OfflinePhase> {
  for (const context of contexts) await goOffline(context);
  gate.cut();
  // Connections the browser opened before going offline may still be in the
  // accept queue; let them land before taking the baseline.
  await settle();
  const baseline = gate.attempts();
  return {
    attempts: () => gate.attempts() - baseline,
    async leaks({ serviceWorkerScript } = {}) {
      await settle(); // the gate reads a refused connection's first bytes for up to 200 ms
      const seen = gate.requests().slice(baseline);
      const byChromium = (line: string) =>
        line === '(nothing sent)' || (serviceWorkerScript !== undefined && line === `GET ${serviceWorkerScript} HTTP/1.1`);
      const ignored = seen.filter(byChromium);
      if (ignored.length > 0) console.log(`offline phase: ignored Chromium's own ${JSON.stringify(ignored)}`);
      return seen.filter((line) => !byChromium(line));
    },
    async end() {
      gate.restore();
      for (const context of contexts) await goOnline(context);
    },
  };
}

function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 250));
}
