// Starts the real server binary (site + automerge-repo relay) on a free port.
//
// The binary prints `listening on http://127.0.0.1:PORT` and `data in /abs/path`
// on stdout; we wait for the first line and keep draining both streams so the
// process never blocks on a full pipe. Every child is SIGKILLed when the test
// worker exits, whatever happened to the test.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export const serverBin = process.env.DEMINEURS_SERVER_BIN ?? path.join(repoRoot, 'target', 'release', 'server');
export const siteRoot = process.env.DEMINEURS_SITE_ROOT ?? path.join(repoRoot, 'target', 'site');

const live = new Set<ChildProcess>();
const createdDirs = new Set<string>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
  if (!process.env.DEMINEURS_KEEP_DATA) {
    for (const dir of createdDirs) rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * The secret of the space stock JavaScript clients prove in the interop tests
 * (32 bytes of 0x5e, base58check): the relay serves nothing without one.
 */
export const TEST_SECRET = 'iZXA4112N4FV19FqLBg3Y1s4MDdBxmswcBGDz1k6971yBU4nx';

export interface Relay {
  /** `http://127.0.0.1:PORT` of the current process. */
  readonly url: string;
  /** `ws://127.0.0.1:PORT/sync?secret=…` of the current process, proving {@link TEST_SECRET}'s space. */
  readonly syncUrl: string;
  /** The sync endpoint proving another space's secret. */
  syncUrlFor(secret: string): string;
  readonly port: number;
  readonly dataDir: string;
  /** Output of the current process so far (stdout and stderr), for diagnostics. */
  readonly output: string;
  /** Sends `signal` and waits for the process to exit (SIGKILL after 10 s). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Kills the process abruptly (SIGKILL), as a power cut would. */
  kill(): Promise<void>;
  /** Stops the current process if still running, then starts a new one on the same data dir. */
  restart(): Promise<void>;
}

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<void>;
}

export async function startRelay(options: { dataDir?: string } = {}): Promise<Relay> {
  if (!existsSync(serverBin)) {
    throw new Error(
      `server binary not found at ${serverBin}: build it with \`cargo leptos build --release\` ` +
        'from the repository root, or set DEMINEURS_SERVER_BIN',
    );
  }
  let dataDir = options.dataDir;
  if (!dataDir) {
    dataDir = mkdtempSync(path.join(tmpdir(), 'demineurs-e2e-'));
    createdDirs.add(dataDir);
  }
  const dir = dataDir;
  let current = await spawnServer(dir);

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const { child, exited } = current;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
  };

  return {
    get url() {
      return current.url;
    },
    get syncUrl() {
      return current.url.replace(/^http/, 'ws') + `/sync?secret=${TEST_SECRET}`;
    },
    syncUrlFor(secret: string) {
      return current.url.replace(/^http/, 'ws') + `/sync?secret=${encodeURIComponent(secret)}`;
    },
    get port() {
      return Number(new URL(current.url).port);
    },
    get output() {
      return current.output();
    },
    dataDir: dir,
    stop,
    kill: () => stop('SIGKILL'),
    async restart() {
      await stop();
      current = await spawnServer(dir);
    },
  };
}

function spawnServer(dataDir: string): Promise<Running> {
  const child = spawn(
    serverBin,
    // Stopped and restarted by the tests: no drain before closing.
    ['--listen', '127.0.0.1:0', '--data-dir', dataDir, '--site-root', siteRoot, '--drain-seconds', '0'],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  live.add(child);
  let log = '';
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      live.delete(child);
      resolve();
    }),
  );

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`server ${serverBin} ${why}\n--- output ---\n${log}`));
    };
    const timer = setTimeout(
      () => fail(`printed no "listening on" line within ${START_TIMEOUT_MS} ms`),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      log += stripAnsi(chunk.toString());
      const match = /listening on (http:\/\/[^\s/]*:\d+)/.exec(log);
      if (match && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ child, url: match[1], output: () => log, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', (err) => fail(`could not start: ${err.message}`));
    child.once('exit', (code, signal) => fail(`exited before listening (code ${code}, signal ${signal})`));
  });
}

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}
