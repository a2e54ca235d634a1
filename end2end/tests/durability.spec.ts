// A change is durable on the device as soon as it is made: a page closed
// 200 ms after a keystroke shows that keystroke when the app is reopened.
// Run 20 times, each time with the network cut so the relay cannot be the
// copy that saved it.
import { test, expect } from '@playwright/test';
import { createSpace } from '../support/spaces.ts';
import { useStack } from '../support/stack.ts';
import { cutEverything } from '../support/offline.ts';
import { waitForServiceWorker, waitReady } from '../support/page.ts';
import { createIdea, fields } from '../support/ideas.ts';

const stack = useStack();

test('a page closed 200 ms after an edit shows the edit when reopened (20 times)', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const first = await context.newPage();
  await createSpace(first, 'Salles', { origin: stack.gate.url });
  await waitForServiceWorker(first);
  const id = await createIdea(first);
  await first.close();

  const offline = await cutEverything(stack.gate, context);
  try {
    for (let round = 1; round <= 20; round++) {
      const page = await context.newPage();
      await page.goto(`${stack.gate.url}/idees/${id}`);
      await waitReady(page);
      const title = `Essai ${round} : la salle du 2e étage`;
      await fields(page).title.fill(title);
      await page.waitForTimeout(200);
      await page.close({ runBeforeUnload: false });

      const reopened = await context.newPage();
      await reopened.goto(`${stack.gate.url}/idees/${id}`);
      await waitReady(reopened);
      await expect(fields(reopened).title, `round ${round}`).toHaveValue(title);
      await reopened.close();
    }
  } finally {
    await offline.end();
    await context.close();
  }
});
