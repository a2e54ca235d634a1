// Throughput, latency, memory and CPU of our relay against the reference
// @automerge/automerge-repo-sync-server, driven by stock automerge-repo clients.
//
//   node relay.mjs [--writers 4] [--docs 50] [--changes 20] [--relays ours,theirs]
//
// For each relay: start it on a free port with a fresh temp data dir, read its
// idle RSS, run relay-clients.mjs in a fresh Node process (the reader and the
// latency prober/observer; the W writers in --writer-procs processes of their
// own), poll its RSS every 50 ms, read its CPU time at the start and end of the
// load, stop it. Then print one table with both and the ratio.
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  cpuSeconds,
  fmt,
  installCleanupHandlers,
  median,
  memory,
  parseFlags,
  pollRss,
  printTable,
  registerChild,
  sleep,
} from './lib.mjs';
import { CLIENT_VERSION, REFERENCE_VERSION, startRelay } from './relays.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
installCleanupHandlers();

const USAGE = `usage: node relay.mjs [options]
  --writers W       writer clients, each on its own connection (default 4)
  --docs D          documents created by each writer (default 50)
  --changes E       changes made to each document (default 20)
  --writer-procs P  processes sharing the writers (default 2)
  --probe-docs P    latency probe documents (default 16)
  --idle-probes N   latency probes sent one at a time before the load (default 200)
  --timeout S       seconds allowed for the load on each relay (default 300)
  --rounds R        runs of each relay, alternating the order; medians are shown (default 1)
  --relays LIST     which relays, in order: ours,theirs (default)`;

const options = parseFlags(
  process.argv.slice(2),
  { writers: 4, docs: 50, changes: 20, writerProcs: 2, probeDocs: 16, idleProbes: 200, timeout: 300, rounds: 1, relays: 'ours,theirs' },
  USAGE,
);
for (const key of ['writers', 'docs', 'changes', 'writerProcs', 'probeDocs', 'rounds']) {
  if (!Number.isInteger(options[key]) || options[key] < 1) throw new Error(`--${key} must be a positive integer`);
}
const kinds = options.relays.split(',').map((s) => s.trim());
for (const kind of kinds) if (!['ours', 'theirs'].includes(kind)) throw new Error(`unknown relay ${kind}\n${USAGE}`);


const MiB = (kib) => kib / 1024;

async function bench(kind) {
  const relay = await startRelay(kind);
  console.error(`${relay.label}: pid ${relay.pid}, ${relay.url}`);
  try {
    await sleep(1_000);
    const idleKiB = memory(relay.pid).rssKiB;
    const cpuStartup = cpuSeconds(relay.pid);
    const poll = pollRss(relay.pid, 50);
    const marks = {};
    let result;
    const child = registerChild(
      spawn(process.execPath, [path.join(here, 'relay-clients.mjs'), relay.url, JSON.stringify(options)], {
        cwd: here,
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk.toString();
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.startsWith('MARK ')) {
          marks[line.slice(5)] = { cpu: cpuSeconds(relay.pid), at: performance.now() };
        } else if (line.startsWith('RESULT ')) {
          result = JSON.parse(line.slice(7));
        } else if (line) {
          console.error(`  [clients] ${line}`);
        }
      }
    });
    // The clients enforce --timeout on the load; this one only guards against a hang elsewhere.
    const hardLimitMs = options.timeout * 1000 + 120_000;
    const exit = await new Promise((resolve) => {
      const timer = setTimeout(() => {
        console.error(`clients for ${relay.label} still running after ${hardLimitMs / 1000} s: killing them`);
        child.kill('SIGKILL');
      }, hardLimitMs);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal });
      });
    });
    relay.checkAlive();
    if (exit.code !== 0 || !result) {
      throw new Error(`the clients failed against ${relay.label} (exit code ${exit.code}, signal ${exit.signal})`);
    }
    const peakPolledKiB = poll.stop();
    const { rssKiB: endKiB, hwmKiB } = memory(relay.pid);
    const cpuEnd = cpuSeconds(relay.pid);
    const loadCpu = marks['load-end'].cpu - marks['load-start'].cpu;
    return {
      label: relay.label,
      idleKiB,
      peakKiB: Math.max(hwmKiB, peakPolledKiB),
      endKiB,
      cpuStartup,
      loadCpu,
      cpuTotal: cpuEnd,
      ...result,
    };
  } finally {
    await relay.stop();
  }
}

console.error(
  `relay benchmark: ${options.writers} writers × ${options.docs} documents × ${options.changes} changes, ` +
    `${options.rounds} round(s); clients: @automerge/automerge-repo ${CLIENT_VERSION}; ` +
    `reference: @automerge/automerge-repo-sync-server ${REFERENCE_VERSION}; ${availableParallelism()} CPUs`,
);
const runs = Object.fromEntries(kinds.map((kind) => [kind, []]));
for (let round = 0; round < options.rounds; round++) {
  // Alternate the order so that neither relay always runs on a warmer (or busier) machine.
  const order = round % 2 === 0 ? kinds : [...kinds].reverse();
  for (const kind of order) {
    const loadBefore = loadavg()[0];
    runs[kind].push({ kind, loadBefore, ...(await bench(kind)), loadAfter: loadavg()[0] });
  }
}

const rows = [
  ['idle RSS (MiB)', (r) => MiB(r.idleKiB), 1],
  ['peak RSS (MiB, VmHWM)', (r) => MiB(r.peakKiB), 1],
  ['RSS after the load (MiB)', (r) => MiB(r.endKiB), 1],
  ['wall time (s)', (r) => r.wallMs / 1000, 2],
  ['documents/s delivered to the reader', (r) => r.documents / (r.readerMs / 1000), 1],
  ['changes/s delivered to the reader', (r) => r.changes / (r.readerMs / 1000), 0],
  ['all writes stored by the relay (s)', (r) => r.ackedMs / 1000, 2],
  ['latency idle p50 (ms)', (r) => r.latency.idle.p50, 2],
  ['latency idle p99 (ms)', (r) => r.latency.idle.p99, 2],
  ['latency under load p50 (ms)', (r) => r.latency.load.p50, 1],
  ['latency under load p99 (ms)', (r) => r.latency.load.p99, 1],
  ['relay CPU during the load (s)', (r) => r.loadCpu, 2],
  ['relay CPU total, incl. startup (s)', (r) => r.cpuTotal, 2],
  ['client processes CPU during the load (s)', (r) => r.clientCpuSec, 2],
];
const label = (kind) => runs[kind][0].label;
const header = ['', ...kinds.map(label)];
const withRatio = kinds.length === 2 && kinds[0] === 'ours' && kinds[1] === 'theirs';
if (withRatio) header.push('ours/theirs');
const total = options.writers * options.docs;
console.log(
  `\n${options.writers} writers × ${options.docs} documents × ${options.changes} changes = ${total} documents, ` +
    `${total * options.changes} changes; ${availableParallelism()} CPUs` +
    (options.rounds > 1 ? `; median of ${options.rounds} rounds` : '') +
    '\n',
);
const table = rows.map(([name, get, digits]) => {
  const values = kinds.map((kind) => median(runs[kind].map(get)));
  const cells = values.map((v) => fmt(v, digits));
  if (withRatio) cells.push(values[1] ? `${fmt(values[0] / values[1], 2)}×` : '');
  return [name, ...cells];
});
const joined = (kind, f) => runs[kind].map(f).join(', ');
table.push(
  ['latency samples idle, load (received/sent)', ...kinds.map((k) => joined(k, (r) => `${r.latency.idle.n}/${r.latency.idle.sent} ${r.latency.load.n}/${r.latency.load.sent}`))],
  ['load average (1 min) before each run', ...kinds.map((k) => joined(k, (r) => fmt(r.loadBefore, 2)))],
);
printTable(header, table);
process.exit(0);
