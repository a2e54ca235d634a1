// Many idle connections on one relay, then latency with 1000 active clients.
//
//   node connections.mjs [--connections 10000] [--active 1000] [--relays ours]
//
// 1. Opens N raw WebSockets (the `ws` package), each sending an automerge-repo
//    `join` frame (CBOR via cbor-x, as automerge-repo encodes it) and waiting
//    for `peer`; they then stay idle. RSS of the relay before and after, and
//    per connection.
// 2. Connects A more clients (stock automerge-repo Repos, in addition to the N
//    idle sockets), shared among --client-procs processes (active-clients.mjs),
//    each share a ring: client i creates document i, client i+1 opens it. In
//    each round every client changes its document once (stamping
//    performance.now()), spread evenly at --rate changes/s in total; the next
//    client's change handler records the delay. Then one burst: all A at once.
// 3. Closes everything and reads the RSS once more.
import { fork } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { encode, decode } from 'cbor-x';
import WebSocket from 'ws';

import {
  cpuSeconds,
  ensureOpenFiles,
  fmt,
  installCleanupHandlers,
  ioBytes,
  memory,
  parseFlags,
  pollRss,
  pool,
  printTable,
  registerChild,
  sleep,
  summarize,
  withTimeout,
} from './lib.mjs';
import { CLIENT_VERSION, REFERENCE_VERSION, startRelay } from './relays.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

installCleanupHandlers();

const USAGE = `usage: node connections.mjs [options]
  --connections N   idle WebSocket clients (default 10000)
  --active A        active automerge-repo clients, in addition (default 1000)
  --rounds R        staggered rounds of one change per active client (default 5)
  --rate C          changes per second in a staggered round (default 200)
  --concurrency K   idle connection attempts in flight at once (default 200)
  --client-procs P  processes sharing the active clients (default 2)
  --timeout S       seconds allowed for each phase (default 300)
  --relays LIST     ours (default), theirs, or ours,theirs`;

const options = parseFlags(
  process.argv.slice(2),
  { connections: 10_000, active: 1_000, rounds: 5, rate: 200, concurrency: 200, clientProcs: 2, timeout: 300, relays: 'ours' },
  USAGE,
);
const kinds = options.relays.split(',').map((s) => s.trim());
for (const kind of kinds) if (!['ours', 'theirs'].includes(kind)) throw new Error(`unknown relay ${kind}\n${USAGE}`);
if (options.active === 1) throw new Error('--active must be 0 or at least 2 (a ring of clients)');
if (!Number.isInteger(options.clientProcs) || options.clientProcs < 1) throw new Error('--client-procs must be a positive integer');

// This process and the relay each hold one descriptor per connection.
if (ensureOpenFiles(options.connections + options.active + 1_000)) process.exit();

const N = options.connections;
const A = options.active;
const phaseMs = options.timeout * 1000;
const log = (message) => console.error(`  ${message}`);
const MiB = (kib) => kib / 1024;

/** One idle client: open, `join`, wait for `peer`. Resolves with the socket and its join delay. */
function idleClient(url, index) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const senderId = `idle-${index}-${Math.random().toString(36).slice(2, 10)}`;
    let t;
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`idle client ${index}: no "peer" answer within 30 s`));
    }, 30_000);
    socket.binaryType = 'nodebuffer';
    socket.once('open', () => {
      t = performance.now();
      socket.send(
        encode({ type: 'join', senderId, supportedProtocolVersions: ['1'], peerMetadata: { isEphemeral: true } }),
      );
    });
    socket.once('message', (data) => {
      clearTimeout(timer);
      const message = decode(data);
      if (message.type !== 'peer') {
        socket.terminate();
        reject(new Error(`idle client ${index}: expected "peer", got ${JSON.stringify(message)}`));
        return;
      }
      resolve({ socket, joinMs: performance.now() - t });
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`idle client ${index}: ${error.message}`));
    });
  });
}

async function bench(kind) {
  const relay = await startRelay(kind);
  log(`${relay.label}: pid ${relay.pid}, ${relay.url}`);
  const idle = [];
  let workers = [];
  try {
    await sleep(1_000);
    const r = { label: relay.label, loadBefore: loadavg()[0] };
    r.rssBefore = memory(relay.pid).rssKiB;
    const cpu0 = cpuSeconds(relay.pid);
    const poll = pollRss(relay.pid, 50);

    // ----- idle connections ----------------------------------------------------
    let t = performance.now();
    const joins = [];
    let unexpectedCloses = 0;
    await withTimeout(
      pool(N, options.concurrency, async (i) => {
        const { socket, joinMs } = await idleClient(relay.url, i);
        joins.push(joinMs);
        socket.on('close', () => {
          if (!socket.closingOnPurpose) unexpectedCloses += 1;
        });
        socket.on('error', () => {});
        idle.push(socket);
        if (idle.length % 2000 === 0) log(`${idle.length}/${N} idle clients joined`);
      }),
      phaseMs,
      () => `${idle.length}/${N} idle clients joined`,
    );
    r.connectSec = (performance.now() - t) / 1000;
    r.join = summarize(joins);
    await sleep(2_000);
    relay.checkAlive();
    r.rssIdle = memory(relay.pid).rssKiB;
    r.cpuConnect = cpuSeconds(relay.pid) - cpu0;

    // ----- active clients ------------------------------------------------------
    if (A > 0) {
      t = performance.now();
      const procs = Math.min(options.clientProcs, Math.floor(A / 2));
      const shares = Array.from({ length: procs }, (_, k) => Math.floor(A / procs) + (k < A % procs ? 1 : 0));
      workers = shares.map((count) => {
        const child = registerChild(
          fork(path.join(here, 'active-clients.mjs'), [relay.url, JSON.stringify({ count, timeout: options.timeout })], {
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          }),
        );
        const inbox = [];
        const waiters = [];
        child.on('message', (message) => {
          if (waiters.length) waiters.shift()(message);
          else inbox.push(message);
        });
        child.on('exit', (code, signal) => {
          const message = { type: 'error', message: `active client process exited (code ${code}, signal ${signal})` };
          while (waiters.length) waiters.shift()(message);
          inbox.push(message);
        });
        const next = (what) =>
          withTimeout(
            new Promise((resolve) => (inbox.length ? resolve(inbox.shift()) : waiters.push(resolve))),
            phaseMs,
            () => `active client process: no answer to ${what}`,
          ).then((message) => {
            if (message.type === 'error') throw new Error(`active clients: ${message.message}`);
            return message;
          });
        return { child, count, next };
      });
      const ready = await Promise.all(workers.map((w) => w.next('setup')));
      r.activeSetupSec = (performance.now() - t) / 1000;
      r.activeProcs = procs;
      relay.checkAlive();
      r.rssActive = memory(relay.pid).rssKiB;
      log(`${A} active clients in ${procs} process(es) ready in ${Math.max(...ready.map((m) => m.setupSec)).toFixed(1)} s`);
      await sleep(500);

      /** One round in every worker at once; resolves with all samples and the CPU used. */
      const runRound = async (message, what) => {
        const cpu0 = cpuSeconds(relay.pid);
        const io0 = ioBytes(relay.pid);
        const start = performance.now();
        for (const w of workers) w.child.send(message);
        const done = await Promise.all(workers.map((w) => w.next(what)));
        const io1 = ioBytes(relay.pid);
        return {
          samples: done.flatMap((m) => m.samples),
          seconds: (performance.now() - start) / 1000,
          relayCpu: cpuSeconds(relay.pid) - cpu0,
          clientCpu: done.reduce((sum, m) => sum + m.cpuSec, 0),
          readMB: (io1.read - io0.read) / 1e6,
          writtenMB: (io1.written - io0.written) / 1e6,
        };
      };
      const describe = (x) =>
        `${((x.seconds)).toFixed(2)} s; CPU: clients ${x.clientCpu.toFixed(2)} s, relay ${x.relayCpu.toFixed(2)} s; ` +
        `relay I/O: read ${x.readMB.toFixed(1)} MB, written ${x.writtenMB.toFixed(1)} MB`;

      // Each worker stamps its clients procs × 1000/rate ms apart: --rate in total.
      const staggered = [];
      r.cpuActive = 0;
      r.clientCpuActive = 0;
      for (let round = 1; round <= options.rounds; round++) {
        const x = await runRound({ type: 'round', gapMs: (procs * 1000) / options.rate }, `round ${round}`);
        staggered.push(...x.samples);
        r.cpuActive += x.relayCpu;
        r.clientCpuActive += x.clientCpu;
        log(`round ${round}/${options.rounds}: ${A} changes delivered in ${describe(x)}`);
        await sleep(200);
      }
      const burst = await runRound({ type: 'burst' }, 'the burst');
      log(`burst: ${A} changes delivered in ${describe(burst)}`);
      r.burstSec = burst.seconds;
      r.burstRelayCpu = burst.relayCpu;
      r.burstClientCpu = burst.clientCpu;
      r.staggered = summarize(staggered);
      r.burst = summarize(burst.samples);
    }
    relay.checkAlive();
    r.idleStillOpen = idle.filter((s) => s.readyState === WebSocket.OPEN).length;
    r.unexpectedCloses = unexpectedCloses;
    r.peak = Math.max(poll.stop(), memory(relay.pid).hwmKiB);
    r.cpuTotal = cpuSeconds(relay.pid);

    // ----- close everything ----------------------------------------------------
    for (const socket of idle) {
      socket.closingOnPurpose = true;
      socket.close();
    }
    const closeDeadline = performance.now() + 30_000;
    while (idle.some((s) => s.readyState !== WebSocket.CLOSED) && performance.now() < closeDeadline) await sleep(100);
    await sleep(2_000);
    r.rssClosed = memory(relay.pid).rssKiB;
    r.loadAfter = loadavg()[0];
    return r;
  } finally {
    for (const socket of idle) socket.terminate();
    await Promise.all(
      workers.map(
        (w) =>
          new Promise((resolve) => {
            if (w.child.exitCode !== null || w.child.signalCode !== null) return resolve();
            const timer = setTimeout(() => w.child.kill('SIGKILL'), 5_000);
            w.child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            w.child.send({ type: 'close' });
          }),
      ),
    );
    await relay.stop();
  }
}

console.error(
  `connections benchmark: ${N} idle + ${A} active clients; clients: @automerge/automerge-repo ${CLIENT_VERSION}` +
    (kinds.includes('theirs') ? `; reference: @automerge/automerge-repo-sync-server ${REFERENCE_VERSION}` : '') +
    `; ${availableParallelism()} CPUs`,
);
const results = [];
for (const kind of kinds) results.push({ kind, ...(await bench(kind)) });

const rows = [
  ['RSS before (MiB)', (r) => MiB(r.rssBefore), 1],
  [`RSS with ${N} idle clients (MiB)`, (r) => MiB(r.rssIdle), 1],
  ['RSS per idle connection (KiB)', (r) => (r.rssIdle - r.rssBefore) / N, 1],
  [`time to join ${N} idle clients (s)`, (r) => r.connectSec, 2],
  ['join → peer p50 (ms)', (r) => r.join.p50, 2],
  ['join → peer p99 (ms)', (r) => r.join.p99, 2],
  ['relay CPU for the idle clients (s)', (r) => r.cpuConnect, 2],
];
if (A > 0) {
  rows.push(
    [`RSS with ${A} active clients too (MiB)`, (r) => MiB(r.rssActive), 1],
    ['time to connect + open the ring (s)', (r) => r.activeSetupSec, 2],
    [`latency at ${options.rate}/s p50 (ms)`, (r) => r.staggered.p50, 2],
    [`latency at ${options.rate}/s p99 (ms)`, (r) => r.staggered.p99, 2],
    [`latency at ${options.rate}/s max (ms)`, (r) => r.staggered.max, 1],
    ['latency samples', (r) => r.staggered.n, 0],
    ['relay CPU for the rounds (s)', (r) => r.cpuActive, 2],
    ['client processes CPU for the rounds (s)', (r) => r.clientCpuActive, 2],
    [`burst of ${A} changes p50 (ms)`, (r) => r.burst.p50, 1],
    [`burst of ${A} changes p99 (ms)`, (r) => r.burst.p99, 1],
    ['burst delivered in (s)', (r) => r.burstSec, 2],
    ['relay CPU / clients CPU for the burst (s)', (r) => `${fmt(r.burstRelayCpu, 2)} / ${fmt(r.burstClientCpu, 2)}`],
  );
}
rows.push(
  ['peak RSS (MiB, VmHWM)', (r) => MiB(r.peak), 1],
  ['relay CPU total (s)', (r) => r.cpuTotal, 2],
  ['RSS after all closed (MiB)', (r) => MiB(r.rssClosed), 1],
  ['idle clients still open at the end', (r) => `${r.idleStillOpen}/${N}`],
  ['load average (1 min) before / after', (r) => `${fmt(r.loadBefore, 2)} / ${fmt(r.loadAfter, 2)}`],
);
const header = ['', ...results.map((r) => r.label)];
const withRatio = results.length === 2 && results[0].kind === 'ours' && results[1].kind === 'theirs';
if (withRatio) header.push('ours/theirs');
console.log(
  `\n${N} idle + ${A} active connections (active clients in ${results[0].activeProcs ?? 0} processes); ` +
    `${availableParallelism()} CPUs\n`,
);
printTable(
  header,
  rows.map(([name, get, digits]) => {
    const values = results.map(get);
    const cells = values.map((v) => (typeof v === 'number' ? fmt(v, digits) : v));
    if (withRatio) {
      const [a, b] = values;
      cells.push(typeof a === 'number' && typeof b === 'number' && b !== 0 ? `${fmt(a / b, 2)}×` : '');
    }
    return [name, ...cells];
  }),
);
if (results.some((r) => r.unexpectedCloses > 0)) {
  console.log(`\nwarning: idle clients closed by the relay: ${results.map((r) => `${r.label} ${r.unexpectedCloses}`).join(', ')}`);
}
process.exit(0);
