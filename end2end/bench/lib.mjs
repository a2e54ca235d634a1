// Shared by relay.mjs and connections.mjs: starting and stopping the two relays,
// reading a process's memory and CPU from /proc, percentiles and tables, and
// stock automerge-repo clients.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Repo } from '@automerge/automerge-repo';
import { BrowserWebSocketClientAdapter } from '@automerge/automerge-repo-network-websocket';

/** The space the benchmark's clients prove on our relay (32 bytes of 0x5e, base58check). */
export const BENCH_SECRET = 'iZXA4112N4FV19FqLBg3Y1s4MDdBxmswcBGDz1k6971yBU4nx';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

export const OUR_BIN = process.env.DEMINEURS_SERVER_BIN ?? path.join(repoRoot, 'target', 'release', 'server');
export const REFERENCE_ENTRY = path.join(here, 'node_modules', '@automerge', 'automerge-repo-sync-server', 'src', 'index.js');
export const REFERENCE_VERSION = JSON.parse(
  readFileSync(path.join(here, 'node_modules', '@automerge', 'automerge-repo-sync-server', 'package.json'), 'utf8'),
).version;
export const CLIENT_VERSION = JSON.parse(
  readFileSync(path.join(here, 'node_modules', '@automerge', 'automerge-repo', 'package.json'), 'utf8'),
).version;

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

// ---------------------------------------------------------------------------
// Cleanup: every child process and temp dir is registered here and removed on
// any exit (normal end, error, Ctrl-C, SIGTERM).

const children = new Set();
const tempDirs = new Set();

function cleanupNow() {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  children.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

let handlersInstalled = false;
export function installCleanupHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', cleanupNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping relays and removing temp dirs`);
      cleanupNow();
      process.exit(130);
    });
  }
  // The message says what went wrong; BENCH_DEBUG=1 adds the stack.
  const fail = (error) => {
    console.error(`error: ${(process.env.BENCH_DEBUG ? error?.stack : error?.message) ?? error}`);
    cleanupNow();
    process.exit(1);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
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
// Relays

function freePort() {
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
 * Starts a relay: `kind` is "ours" (target/release/server, relay only) or
 * "theirs" (@automerge/automerge-repo-sync-server). Resolves once it listens.
 */
export async function startRelay(kind) {
  const dataDir = makeTempDir(`demineurs-bench-${kind}-`);
  let child;
  let pattern;
  let label;
  if (kind === 'ours') {
    if (!existsSync(OUR_BIN)) {
      throw new Error(
        `our relay binary is missing at ${OUR_BIN}: build it with \`cargo build --release -p server\` ` +
          'from the repository root, or set DEMINEURS_SERVER_BIN',
      );
    }
    child = spawn(
      OUR_BIN,
      ['--listen', '127.0.0.1:0', '--data-dir', dataDir, '--site-root', path.join(dataDir, 'no-site')],
      {
        cwd: dataDir,
        stdio: ['ignore', 'pipe', 'pipe'],
        // Logging as deployed ("info": one line per connection and disconnection)
        // unless RUST_LOG says otherwise.
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    pattern = /listening on http:\/\/([^\s/]+):(\d+)/;
    label = 'ours';
  } else if (kind === 'theirs') {
    if (!existsSync(REFERENCE_ENTRY)) {
      throw new Error(`reference relay missing at ${REFERENCE_ENTRY}: run \`npm ci\` in end2end/bench`);
    }
    const port = await freePort();
    child = spawn(process.execPath, [REFERENCE_ENTRY], {
      cwd: dataDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: String(port), DATA_DIR: path.join(dataDir, 'data'), DEBUG: '' },
    });
    pattern = /Listening on port (\d+)/;
    label = `reference ${REFERENCE_VERSION}`;
  } else {
    throw new Error(`unknown relay kind ${kind}`);
  }
  registerChild(child);
  let log = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    let settled = false;
    const fail = (why) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`relay "${label}" ${why}\n--- its output ---\n${log.slice(-4000)}`));
    };
    const timer = setTimeout(() => fail(`printed no "listening" line within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    const onData = (chunk) => {
      log = (log + chunk.toString()).slice(-100_000);
      const match = pattern.exec(log);
      if (match && !settled) {
        settled = true;
        clearTimeout(timer);
        const port = kind === 'ours' ? match[2] : match[1];
        // Ours serves a space only to connections that prove its secret.
        resolve(kind === 'ours' ? `ws://127.0.0.1:${port}/sync?secret=${BENCH_SECRET}` : `ws://127.0.0.1:${port}/sync`);
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
  return {
    kind,
    label,
    pid: child.pid,
    url,
    dataDir,
    output: () => log,
    /** Throws if the relay has exited on its own. */
    checkAlive() {
      if (died) {
        throw new Error(
          `relay "${label}" exited unexpectedly (code ${died.code}, signal ${died.signal})\n--- its output ---\n${log.slice(-4000)}`,
        );
      }
    },
    /** SIGTERM, then SIGKILL after 5 s; removes the data dir. */
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      removeTempDir(dataDir);
    },
  };
}

// ---------------------------------------------------------------------------
// Stock automerge-repo clients

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

/**
 * A Repo with no storage on its own WebSocket to `url`; resolves once the
 * relay answered `join` with `peer`. `relay` is the relay's peer id and
 * `relayStorage` its storageId (for `handle.getRemoteHeads`: the heads the
 * relay reported in its last sync message, i.e. what it has stored).
 */
let clientCount = 0;
export async function connectClient(url, { timeoutMs = 30_000 } = {}) {
  // The adapter opens a second socket whenever the first has not opened
  // within its retry interval (5 s by default), which happens with 1000
  // clients connecting on a loaded machine; a long interval avoids that. A
  // connection that drops is not retried either: see close().
  const adapter = new BrowserWebSocketClientAdapter(url, 120_000);
  // Default share policy: in automerge-repo 1.x a peer the policy excludes is
  // not even asked for documents, so a reader must "share" too (it has nothing
  // of its own to announce anyway). A unique peer id: the default one,
  // `user-${Math.round(Math.random() * 100000)}`, collides among a thousand
  // clients, and the reference relay keys its sockets by peer id.
  clientCount += 1;
  const peerId = `bench-${process.pid}-${clientCount}-${Math.random().toString(36).slice(2, 8)}`;
  const repo = new Repo({ network: [adapter], peerId });
  const peer = await withTimeout(
    new Promise((resolve) => repo.networkSubsystem.once('peer', resolve)),
    timeoutMs,
    () => `no "peer" answer from ${url}`,
  );
  const relayStorage = repo.peerMetadataByPeerId[peer.peerId]?.storageId ?? peer.peerMetadata?.storageId;
  return {
    repo,
    relay: peer.peerId,
    relayStorage,
    close() {
      adapter.retryInterval = 0; // no reconnection
      try {
        adapter.socket?.close();
      } catch {
        // already closed
      }
    },
  };
}

export function sameHeads(a, b) {
  if (!a || !b || a.length !== b.length) return false;
  const sa = [...a].sort();
  const sb = [...b].sort();
  return sa.every((h, i) => h === sb[i]);
}

/** Resolves once the relay (storage `storageId`) reports heads equal to `handle`'s own. */
export function whenRelayHas(handle, storageId, heads = handle.heads()) {
  return new Promise((resolve) => {
    const check = () => {
      if (sameHeads(handle.getRemoteHeads(storageId), heads)) {
        handle.off('remote-heads', check);
        resolve();
        return true;
      }
      return false;
    };
    if (!check()) handle.on('remote-heads', check);
  });
}

// ---------------------------------------------------------------------------
// Figures

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  };
}

export function fmt(value, digits = 1) {
  if (value === undefined || value === null || Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return String(value);
  return value.toFixed(digits);
}

/** Prints rows of strings as an aligned table (first column left, the rest right). */
export function printTable(header, rows) {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)));
  const line = (r) =>
    r.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** Parses `--name value` / `--name=value` flags against `defaults` (numbers or strings). */
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
    const raw = match[2] ?? argv[++i];
    if (raw === undefined) throw new Error(`--${match[1]} needs a value`);
    if (typeof defaults[key] === 'number') {
      const n = Number(raw);
      if (!Number.isFinite(n) || n < 0) throw new Error(`--${match[1]} needs a non-negative number, got ${raw}`);
      options[key] = n;
    } else {
      options[key] = raw;
    }
  }
  return options;
}
