// The client side of relay.mjs, run in a fresh process for each relay so that
// neither relay profits from the other's warm JIT. Stock automerge-repo
// clients, each on its own WebSocket:
//
// * W writers, shared among --writer-procs forked processes (writer-clients.mjs);
// * here: the reader, a prober and an observer. The prober stamps
//   { seq, t: performance.now(), phase } into small probe documents the
//   observer has open; the observer's change handler records now - t (same
//   process, same clock).
//
//   node relay-clients.mjs <ws://…/sync> <json options>
//
// stdout carries only "MARK load-start", "MARK load-end" (so that the parent
// reads the relay's CPU time at those instants) and a final "RESULT {json}";
// progress and errors go to stderr. Exits non-zero on any failure or timeout.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { sleep, summarize, withTimeout } from './lib.mjs';
import { connectClient, whenRelayHas } from './relays.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const [url, json] = process.argv.slice(2);
const o = JSON.parse(json);
const { writers: W, docs: D, changes: E } = o;
const timeoutMs = o.timeout * 1000;
// Each probe document is stamped at most this often: more than the 100 ms
// throttle automerge-repo 1.x puts on outgoing sync messages (README).
const PROBE_SPACING_MS = 150;

const workers = [];
let closing = false;
function die(message, code = 1) {
  console.error(`clients: ${message}`);
  for (const w of workers) w.child.kill('SIGKILL');
  process.exit(code);
}
process.on('uncaughtException', (error) => die(error?.stack ?? error));
process.on('unhandledRejection', (error) => die(error?.stack ?? error));
// Stop if the parent benchmark is gone (it owns the relay).
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) die('the benchmark process is gone');
}, 1_000).unref();
process.stdout.on('error', () => die('stdout closed'));

const log = (message) => console.error(`  [clients] ${message}`);
const mark = (name) => process.stdout.write(`MARK ${name}\n`);

// ----- connections ------------------------------------------------------------

const procs = Math.max(1, Math.min(o.writerProcs, W));
for (let k = 0; k < procs; k++) {
  const writers = Math.floor(W / procs) + (k < W % procs ? 1 : 0);
  const child = fork(path.join(here, 'writer-clients.mjs'), [url, JSON.stringify({ writers, docs: D, changes: E })], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const worker = { child, writers, ready: null, written: null, acked: null, cpuSec: 0 };
  const events = {};
  for (const name of ['ready', 'written', 'acked']) worker[name] = new Promise((resolve) => (events[name] = resolve));
  child.on('message', (message) => {
    if (message.type === 'doc') readerTakes(message.url);
    else if (message.type === 'error') die(`writer process: ${message.message}`);
    else if (message.type === 'acked') {
      worker.cpuSec = message.cpuSec;
      events.acked();
    } else events[message.type]?.();
  });
  child.on('exit', (code, signal) => {
    if (!closing) die(`a writer process exited (code ${code}, signal ${signal})`);
  });
  workers.push(worker);
}

const [reader, prober, observer] = await Promise.all([connectClient(url), connectClient(url), connectClient(url)]);
await withTimeout(
  Promise.all(workers.map((w) => w.ready)),
  timeoutMs,
  () => 'the writers could not connect',
);
const storage = reader.relayStorage;
if (!storage) throw new Error('the relay announced no storageId: cannot tell when it has stored a change');

// ----- latency probes ---------------------------------------------------------

const samples = { idle: [], load: [] };
const stamped = { idle: 0, load: 0 };
const arrivals = new Map(); // `${probe}:${seq}` -> resolve
const stamps = new Map(); // `${probe}:${seq}` -> { t, phase }
const probes = Array.from({ length: o.probeDocs }, () => ({
  handle: prober.repo.create({ seq: 0, t: 0, phase: 'setup' }),
  seq: 0,
  last: 0,
}));
await withTimeout(
  Promise.all(probes.map(({ handle }) => whenRelayHas(handle, storage))),
  timeoutMs,
  () => 'the relay did not acknowledge the probe documents',
);
await withTimeout(
  Promise.all(
    probes.map(async (probe, index) => {
      const handle = observer.repo.find(probe.handle.url);
      await handle.whenReady();
      let lastSeen = 0;
      handle.on('change', ({ doc }) => {
        const now = performance.now();
        // Stamps made in quick succession may arrive together: each counts,
        // from its own time (kept by the prober, same process).
        for (let seq = lastSeen + 1; seq <= doc.seq; seq++) {
          const key = `${index}:${seq}`;
          const sent = stamps.get(key);
          if (sent) samples[sent.phase].push(now - sent.t);
          stamps.delete(key);
          arrivals.get(key)?.();
          arrivals.delete(key);
        }
        lastSeen = Math.max(lastSeen, doc.seq);
      });
    }),
  ),
  timeoutMs,
  () => 'the observer could not open the probe documents',
);

/** Stamps `probe`; resolves when the observer saw it (or after 5 s; then it counts as lost). */
function stamp(probe, phase) {
  const index = probes.indexOf(probe);
  probe.seq += 1;
  const seq = probe.seq;
  const seen = new Promise((resolve) => {
    arrivals.set(`${index}:${seq}`, resolve);
    setTimeout(resolve, 5_000);
  });
  probe.last = performance.now();
  stamped[phase] += 1;
  probe.handle.change((d) => {
    const t = performance.now();
    stamps.set(`${index}:${seq}`, { t, phase });
    d.seq = seq;
    d.t = t;
    d.phase = phase;
  });
  return seen;
}

// Idle latency: one probe at a time, nothing else going on.
for (let i = 0; i < o.idleProbes; i++) {
  const probe = probes[i % probes.length];
  const wait = probe.last + PROBE_SPACING_MS - performance.now();
  if (wait > 0) await sleep(wait);
  await stamp(probe, 'idle');
  await sleep(5);
}
log(`idle latency: ${samples.idle.length}/${stamped.idle} probes arrived`);
await sleep(500);

// ----- load -------------------------------------------------------------------

const total = W * D;
let complete = 0;
let completeAt = 0;
let allComplete;
const allCompleteP = new Promise((resolve) => {
  allComplete = resolve;
});

function readerTakes(docUrl) {
  const handle = reader.repo.find(docUrl);
  let done = false;
  const check = () => {
    if (done) return;
    const doc = handle.docSync();
    if (!doc?.items || doc.items.length < E) return;
    done = true;
    handle.off('change', check);
    if (doc.items.length !== E || doc.items.some((v, i) => v !== i)) {
      die(`the reader got wrong content for ${docUrl}: ${JSON.stringify(doc.items)}`);
    }
    complete += 1;
    if (complete === total) {
      completeAt = performance.now();
      allComplete();
    }
  };
  handle.on('change', check);
  handle.whenReady().then(check, () => {});
}

const cpuBefore = process.cpuUsage();
mark('load-start');
const t0 = performance.now();
for (const w of workers) w.child.send({ type: 'start' });

// Probes under load: the next probe every PROBE_SPACING_MS / probeDocs ms.
let next = 0;
const probeTimer = setInterval(
  () => {
    const probe = probes[next++ % probes.length];
    if (performance.now() - probe.last >= PROBE_SPACING_MS - 1) stamp(probe, 'load');
  },
  Math.max(1, Math.round(PROBE_SPACING_MS / probes.length)),
);

let writtenAt = 0;
let ackedAt = 0;
let acked = 0;
const progress = () =>
  `${acked}/${procs} writer processes have every change stored by the relay and the reader has ` +
  `${complete}/${total} documents complete (${E} changes each) after ${o.timeout} s`;
try {
  await withTimeout(
    Promise.all([
      Promise.all(workers.map((w) => w.written)).then(() => {
        writtenAt = performance.now();
        log(`writers done in ${((writtenAt - t0) / 1000).toFixed(2)} s; waiting for the relay and the reader`);
      }),
      Promise.all(
        workers.map((w) =>
          w.acked.then(() => {
            acked += 1;
          }),
        ),
      ).then(() => {
        ackedAt = performance.now();
      }),
      allCompleteP,
    ]),
    timeoutMs,
    progress,
  );
} catch (error) {
  die(error.message, 2);
}
clearInterval(probeTimer);
mark('load-end');
const cpu = process.cpuUsage(cpuBefore);

// Let the last probes arrive.
const deadline = performance.now() + 5_000;
while (samples.load.length < stamped.load && performance.now() < deadline) await sleep(20);

const result = {
  documents: total,
  changes: total * E,
  writerProcs: procs,
  wallMs: Math.max(completeAt, ackedAt) - t0,
  readerMs: completeAt - t0,
  ackedMs: ackedAt - t0,
  writtenMs: writtenAt - t0,
  clientCpuSec: (cpu.user + cpu.system) / 1e6 + workers.reduce((sum, w) => sum + w.cpuSec, 0),
  latency: {
    idle: { ...summarize(samples.idle), sent: stamped.idle },
    load: { ...summarize(samples.load), sent: stamped.load },
  },
};
closing = true;
for (const w of workers) w.child.send({ type: 'close' });
for (const client of [reader, prober, observer]) client.close();
await sleep(300);
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
process.exit(0);
