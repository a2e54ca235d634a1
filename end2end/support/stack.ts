// The relay behind a gate: what every browser test runs against.
import { writeFile } from 'node:fs/promises';
import { test, type TestInfo } from '@playwright/test';
import { openGate, type Gate } from './gate.ts';
import { startRelay, type Relay } from './relay.ts';

export interface Stack {
  relay: Relay;
  /** Pages use `gate.url` as their origin, whatever port the relay has. */
  gate: Gate;
  stop(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const relay = await startRelay();
  const gate = await openGate(() => relay.port);
  return {
    relay,
    gate,
    async stop() {
      await gate.close();
      await relay.kill();
    },
  };
}

/**
 * On failure, saves what the relay printed next to the test's results and
 * prints its panics and errors: a panic there explains many a failed page.
 */
export async function attachRelayOutput(stack: Stack | undefined, testInfo: TestInfo): Promise<void> {
  if (!stack || testInfo.status === testInfo.expectedStatus) return;
  const output = stack.relay.output;
  const file = testInfo.outputPath('relay.log');
  await writeFile(file, output);
  await testInfo.attach('relay output', { path: file, contentType: 'text/plain' });
  const lines = output.split('\n');
  const notable = lines.flatMap((line, i) => (/panicked|ERROR/.test(line) ? [line, lines[i + 1] ?? ''] : []));
  if (notable.length > 0) console.log(`relay said:\n${notable.join('\n')}`);
}

/**
 * The stack of a spec file: started once before its tests, the relay's
 * output attached to each failed test, stopped after the last one. Call it
 * at the top level of the spec; read `gate` and `relay` inside tests.
 */
export function useStack(): Stack {
  let current: Stack | undefined;
  test.beforeAll(async () => {
    current = await startStack();
  });
  test.afterEach(async ({}, testInfo) => {
    await attachRelayOutput(current, testInfo);
  });
  test.afterAll(async () => {
    await current?.stop();
  });
  const started = (): Stack => {
    if (!current) throw new Error('the stack starts in beforeAll: read it inside a test');
    return current;
  };
  return {
    get relay() {
      return started().relay;
    },
    get gate() {
      return started().gate;
    },
    stop: () => started().stop(),
  };
}
