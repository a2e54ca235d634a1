// What every benchmark here shares: the server binary started on a free port,
// headless Chromium launched with its flags, temp dirs, and their clean-up on
// any exit; /proc readings, timeouts, flags, medians and tables.
//
// Node built-ins only, so that every script can import it whichever
// node_modules it needs besides: the device benchmarks (device.mjs,
// first-load.mjs) take Playwright and automerge 3.x from end2end/ through
// `requireEnd2end`, loaded when first used; the relay benchmarks take
// automerge-repo 1.x from this directory, through relays.mjs.
//
// The Playwright helpers of end2end/support/ (relay.ts starts the same server,
// page.ts waits for the service worker) are TypeScript for Playwright's own
// loader, which Node 20 cannot import: what the benchmarks need of them is here.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');

/** The server binary (site + relay): `DEMINEURS_SERVER_BIN`, or the release build. */
export const SERVER_BIN = path.resolve(process.env.DEMINEURS_SERVER_BIN ?? path.join(repoRoot, 'target', 'release', 'server'));
/** The site it serves to the device benchmarks: `DEMINEURS_SITE_ROOT`, or `cargo leptos build --release`'s. */
export const SITE_ROOT = path.resolve(process.env.DEMINEURS_SITE_ROOT ?? path.join(repoRoot, 'target', 'site'));
/** Debian's Chromium (no browser is downloaded): `CHROMIUM_BIN` overrides it. */
export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
  // Chromium's own pages for its address bar (omnibox popup, tab search),
  // which a desktop Chromium, headless or not, loads in a renderer of its
  // own at every launch: ~0.3 s of CPU in the first 0.3 s of each cold
  // start, on this 2-core machine half of it. A tablet's browser loads no
  // such page; the figures are the app's.
  '--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup',
];

/**
 * `require` from end2end/, not end2end/bench/: this directory's package.json
 * pins an older automerge for the relay benchmarks; the device benchmarks
 * use end2end's Playwright and automerge 3.x (`cd end2end && npm ci`).
 */
export const requireEnd2end = createRequire(path.join(repoRoot, 'end2end', 'package.json'));

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

// ---------------------------------------------------------------------------
// Clean-up: every child process, browser and temp dir is registered here and
// goes on any exit (normal end, error, Ctrl-C, SIGTERM).

const steps = []; // async, run last registered first by cleanup()
const children = new Set(); // SIGKILLed if still running once the steps ran
const tempDirs = new Set();
let keepDirs = false;

/**
 * Registers `step` (may be async) for `cleanup()`, which runs the steps last
 * registered first (a browser closes before the server it talks to stops).
 * Returns a function that unregisters it.
 */
export function atCleanup(step) {
  steps.push(step);
  return () => {
    const i = steps.lastIndexOf(step);
    if (i >= 0) steps.splice(i, 1);
  };
}

/** The last thing before exiting, synchronous: what the steps left running is killed, temp dirs go. */
function cleanupNow() {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  children.clear();
  for (const dir of [...tempDirs].reverse()) {
    if (keepDirs) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  tempDirs.clear();
}

/** Runs every registered step (best effort), then kills what remains and removes the temp dirs. */
export async function cleanup() {
  for (const step of steps.splice(0).reverse()) {
    try {
      await step();
    } catch {
      // best effort
    }
  }
  cleanupNow();
}

let handlersInstalled = false;
/**
 * Cleans up on Ctrl-C, SIGTERM, SIGHUP (exit code 130; a second signal
 * does not wait for the steps) and on an error nothing caught (exit code 1:
 * its message, or its stack with BENCH_DEBUG=1); and on `process.exit`,
 * synchronously, kills the children and removes the temp dirs.
 */
export function installCleanupHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', cleanupNow);
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, async () => {
      if (stopping) process.exit(130);
      stopping = true;
      console.error(`\n${signal}: stopping`);
      await cleanup();
      process.exit(130);
    });
  }
  const fail = async (error) => {
    console.error(`error: ${(process.env.BENCH_DEBUG ? error?.stack : error?.message) ?? error}`);
    await cleanup();
    process.exit(1);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
}

/** With `--keep`: temp dirs are left in place and named on stdout instead of removed. */
export function keepTempDirs(keep = true) {
  keepDirs = keep;
}

export function registerChild(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function makeTempDir(prefix) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

// ---------------------------------------------------------------------------
// Processes that listen

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Spawns `command` and resolves once its output (stdout or stderr) matches
 * `pattern`, with `{ pid, match, output(), checkAlive(), stop() }`; `stop()`
 * (SIGTERM, then SIGKILL after 5 s) also runs at clean-up if nobody called it.
 * Rejects, killing it, if it exits or prints no match within 30 s.
 */
export async function startProcess(label, command, args, { cwd, env, pattern }) {
  const child = registerChild(spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  let log = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const match = await new Promise((resolve, reject) => {
    let settled = false;
    const fail = (why) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${label} ${why}\n--- its output ---\n${log.slice(-4000)}`));
    };
    const timer = setTimeout(() => fail(`printed no "listening" line within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    const onData = (chunk) => {
      log = (log + chunk.toString()).slice(-100_000);
      const found = pattern.exec(log);
      if (found && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) => fail(`could not start: ${error.message}`));
    child.once('exit', (code, signal) => fail(`exited before listening (code ${code}, signal ${signal})`));
  });
  let died = null;
  exited.then((how) => {
    died = how;
  });
  const stop = async () => {
    forget();
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
  };
  const forget = atCleanup(stop);
  return {
    pid: child.pid,
    match,
    output: () => log,
    /** Throws if the process has exited on its own. */
    checkAlive() {
      if (died) {
        throw new Error(`${label} exited unexpectedly (code ${died.code}, signal ${died.signal})\n--- its output ---\n${log.slice(-4000)}`);
      }
    },
    /** SIGTERM, then SIGKILL after 5 s. */
    stop,
  };
}

/**
 * Starts our server (`SERVER_BIN`) on 127.0.0.1:0 with `dataDir`, serving
 * `siteRoot`; resolves once it listens, with `url` (`http://127.0.0.1:PORT`)
 * and `port` besides what `startProcess` gives. Logs as deployed ("info")
 * unless RUST_LOG says otherwise.
 */
export async function startServer({ dataDir, siteRoot = SITE_ROOT, label = 'server' }) {
  if (!existsSync(SERVER_BIN)) {
    throw new Error(
      `the server binary is missing at ${SERVER_BIN}: build it from the repository root ` +
        '(`cargo build --release -p server`; the device benchmarks need `cargo leptos build --release --precompress`), ' +
        'or set DEMINEURS_SERVER_BIN',
    );
  }
  const server = await startProcess(
    label,
    SERVER_BIN,
    ['--listen', '127.0.0.1:0', '--data-dir', dataDir, '--site-root', siteRoot],
    { cwd: dataDir, env: { ...process.env, NO_COLOR: '1' }, pattern: /listening on (http:\/\/[^\s/]+:(\d+))/ },
  );
  return { ...server, url: server.match[1], port: Number(server.match[2]) };
}

// ---------------------------------------------------------------------------
// Chromium (Playwright from end2end/)

let playwright;
const chromium = () => (playwright ??= requireEnd2end('playwright-core')).chromium;

/** The version of the Chromium the benchmarks launch (one launch of its own). */
export async function chromiumVersion() {
  const browser = await chromium().launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const version = browser.version();
  await browser.close();
  return version;
}

/**
 * Launches headless Chromium on the profile dir `profile` (French, service
 * workers allowed), `offline` from the start, its CPU throttled `throttle`
 * times (CDP `Emulation.setCPUThrottlingRate`) when above 1. The page's
 * errors go to stderr, and its console errors with `consoleErrors`.
 * Resolves with `{ context, page, cdp, stop }`: `cdp` is the throttling
 * session (null unthrottled); `stop()` closes the browser, as clean-up does
 * if nobody called it.
 */
export async function launchChromium(profile, { offline, throttle, consoleErrors = false }) {
  const context = await chromium().launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    serviceWorkers: 'allow',
    locale: 'fr-FR',
    offline,
  });
  const forget = atCleanup(() => context.close());
  const stop = () => {
    forget();
    return context.close().catch(() => {});
  };
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
  if (consoleErrors) {
    page.on('console', (message) => {
      if (message.type() === 'error') console.error(`  console error: ${message.text()}`);
    });
  }
  let cdp = null;
  if (throttle > 1) {
    cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  }
  return { context, page, cdp, stop };
}

/** Resolves once a service worker is active and controls the page. */
export async function serviceWorkerControls(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

// ---------------------------------------------------------------------------
// /proc readings

let clockTicks;
export function clkTck() {
  if (clockTicks === undefined) {
    const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
    clockTicks = Number.parseInt(out.stdout, 10) || 100;
  }
  return clockTicks;
}

/** `{ rssKiB, hwmKiB }` of `pid` from /proc/<pid>/status. */
export function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssKiB: field('VmRSS'), hwmKiB: field('VmHWM') };
}

/** User + system CPU seconds of `pid` so far (its own, not its children's). */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime field 15
  return (Number(fields[11]) + Number(fields[12])) / clkTck();
}

/** Bytes `pid` has read and written so far (sockets and files), from /proc/<pid>/io. */
export function ioBytes(pid) {
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  const field = (name) => Number(new RegExp(`^${name}: (\\d+)`, 'm').exec(io)?.[1] ?? NaN);
  return { read: field('rchar'), written: field('wchar') };
}

/** Polls VmRSS every `intervalMs`; `stop()` returns the largest value seen, in KiB. */
export function pollRss(pid, intervalMs = 50) {
  let max = 0;
  const sample = () => {
    try {
      max = Math.max(max, memory(pid).rssKiB);
    } catch {
      // process gone
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return max;
    },
  };
}

/** The soft and hard limits on open files of this process. */
export function openFileLimits() {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  const [soft, hard] = line.trim().split(/\s+/).slice(3, 5);
  const parse = (v) => (v === 'unlimited' ? Infinity : Number(v));
  return { soft: parse(soft), hard: parse(hard) };
}

/**
 * Makes sure this process (and the relays it starts) may open `needed` files:
 * re-executes itself through `bash -c 'ulimit -n …'` when the soft limit is
 * too low but the hard one allows it. Returns true when the caller must stop
 * (the re-executed copy ran instead).
 */
export function ensureOpenFiles(needed) {
  const { soft, hard } = openFileLimits();
  if (soft >= needed) return false;
  if (process.env.BENCH_REEXECED) {
    throw new Error(`open files limit is still ${soft} after raising it; ${needed} needed`);
  }
  if (hard < needed) {
    throw new Error(
      `need ${needed} open files but the hard limit is ${hard}: ` +
        `run as root with \`ulimit -n ${needed}\` first, or lower --connections`,
    );
  }
  const target = hard === Infinity ? Math.max(needed, 65536) : hard;
  console.error(`raising the open files limit from ${soft} to ${target} (re-executing through bash)`);
  const quoted = [process.execPath, ...process.argv.slice(1)].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const result = spawnSync('bash', ['-c', `ulimit -n ${target} && exec ${quoted}`], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_REEXECED: '1' },
  });
  process.exitCode = result.status ?? 1;
  return true;
}

// ---------------------------------------------------------------------------
// Waiting

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const yieldToLoop = () => new Promise((resolve) => setImmediate(resolve));

/** Rejects with `message` after `ms` unless `promise` settles first. */
export function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timeout after ${ms} ms: ${message()}`)), ms);
    }),
  ]);
}

/** Runs `task(i)` for i in [0, count) with at most `limit` in flight. */
export async function pool(count, limit, task) {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

// ---------------------------------------------------------------------------
// Figures

export const sorted = (xs) => [...xs].sort((a, b) => a - b);

/** The middle value, or the mean of the two middle ones (NaN for none). */
export function median(xs) {
  const s = sorted(xs);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The nearest-rank percentile of an `ascending` array (NaN for none). */
export function percentile(ascending, p) {
  if (ascending.length === 0) return NaN;
  const rank = Math.min(ascending.length - 1, Math.max(0, Math.ceil((p / 100) * ascending.length) - 1));
  return ascending[rank];
}

export function summarize(samples) {
  const ascending = sorted(samples);
  return {
    n: ascending.length,
    p50: percentile(ascending, 50),
    p99: percentile(ascending, 99),
    max: ascending.length ? ascending[ascending.length - 1] : NaN,
  };
}

export function fmt(value, digits = 1) {
  if (value === undefined || value === null || Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return String(value);
  return value.toFixed(digits);
}

/** Milliseconds: « 12.3 ms », « 123 ms », « – » for none. */
export const ms = (x) => (x === null || x === undefined || Number.isNaN(x) ? '–' : x >= 100 ? `${Math.round(x)} ms` : `${x.toFixed(1)} ms`);

/** Rows of cells aligned in columns (the first left, the rest right), as lines. */
function aligned(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  const lines = rows.map((r) => r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  '));
  return { widths, lines };
}

/** Rows (the first is the header) as an aligned table, one string. */
export function table(rows) {
  return aligned(rows).lines.join('\n');
}

/** Prints a header and rows as an aligned table, with a rule under the header. */
export function printTable(header, rows) {
  const { widths, lines } = aligned([header, ...rows]);
  console.log(lines[0]);
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines.slice(1)) console.log(line);
}

/**
 * Parses `--name value` / `--name=value` flags against `defaults`: a number
 * (or `null`, a number with no default) takes a non-negative number, a string
 * a string, and a boolean is a switch (`--keep`). `--kebab-case` flags fill
 * `camelCase` keys; `--help` or `-h` prints `usage` and exits.
 */
export function parseFlags(argv, defaults, usage) {
  const options = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(usage);
      process.exit(0);
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unexpected argument ${arg}\n${usage}`);
    const key = match[1].replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(key in defaults)) throw new Error(`unknown flag --${match[1]}\n${usage}`);
    if (typeof defaults[key] === 'boolean') {
      if (match[2] !== undefined) throw new Error(`--${match[1]} takes no value`);
      options[key] = true;
      continue;
    }
    const raw = match[2] ?? argv[++i];
    if (raw === undefined) throw new Error(`--${match[1]} needs a value`);
    if (typeof defaults[key] === 'number' || defaults[key] === null) {
      const n = Number(raw);
      if (!Number.isFinite(n) || n < 0) throw new Error(`--${match[1]} needs a non-negative number, got ${raw}`);
      options[key] = n;
    } else {
      options[key] = raw;
    }
  }
  return options;
}
