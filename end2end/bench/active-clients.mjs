// A share of the active clients of connections.mjs, in their own process
// (forked, driven over IPC) so that the stock clients' JavaScript and garbage
// collection spread over the CPUs instead of one event loop.
//
// Its `count` clients form a ring: client i creates document i and client
// (i + 1) % count opens it. A stamp writes { seq, t: performance.now(), phase }
// into a client's own document; its neighbour's change handler records
// now - t (same process, same clock).
//
// Parent → worker: { type: 'round', gapMs } (one stamp per client, gapMs
// apart), { type: 'burst' } (all at once), { type: 'close' }.
// Worker → parent: { type: 'ready', setupSec } and, after each round,
// { type: 'done', samples, cpuSec }; { type: 'error', message } on failure.
import { pool, sleep, withTimeout, yieldToLoop } from './lib.mjs';
import { connectClient } from './relays.mjs';

const [url, json] = process.argv.slice(2);
const { count, timeout } = JSON.parse(json);
const phaseMs = timeout * 1000;

function fail(error) {
  process.send?.({ type: 'error', message: String(error?.message ?? error) });
  setTimeout(() => process.exit(1), 100);
}
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
process.on('disconnect', () => process.exit(0)); // the parent is gone

const t0 = performance.now();
const clients = [];
await withTimeout(
  pool(count, 50, async () => {
    clients.push(await connectClient(url));
  }),
  phaseMs,
  () => `${clients.length}/${count} active clients connected`,
);
const storage = clients[0].relayStorage;
if (!storage) throw new Error('the relay announced no storageId');

const samples = [];
const pending = new Map();
const owned = clients.map((client) => client.repo.create({ seq: 0, t: 0, phase: 'setup' }));
await withTimeout(
  Promise.all(
    owned.map(
      (handle) =>
        new Promise((resolve) => {
          const check = () => {
            if (handle.getRemoteHeads(storage)?.length > 0) {
              handle.off('remote-heads', check);
              resolve();
            }
          };
          handle.on('remote-heads', check);
          check();
        }),
    ),
  ),
  phaseMs,
  () => 'the relay did not store every active document',
);
await withTimeout(
  Promise.all(
    owned.map(async (handle, i) => {
      const reader = clients[(i + 1) % count].repo.find(handle.url);
      await reader.whenReady();
      let lastSeen = 0;
      reader.on('change', ({ doc }) => {
        const now = performance.now();
        if (doc.seq <= lastSeen) return;
        lastSeen = doc.seq;
        if (doc.phase !== 'setup') samples.push(now - doc.t);
        pending.get(`${i}:${doc.seq}`)?.();
        pending.delete(`${i}:${doc.seq}`);
      });
    }),
  ),
  phaseMs,
  () => 'the active clients could not open their neighbours’ documents',
);
process.send({ type: 'ready', setupSec: (performance.now() - t0) / 1000 });

const seqs = new Array(count).fill(0);
function stamp(i, phase) {
  seqs[i] += 1;
  const seq = seqs[i];
  const arrived = new Promise((resolve) => pending.set(`${i}:${seq}`, resolve));
  owned[i].change((d) => {
    d.seq = seq;
    d.t = performance.now();
    d.phase = phase;
  });
  return arrived;
}

async function round(gapMs) {
  const arrivals = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const wait = start + i * gapMs - performance.now();
    if (wait >= 1) await sleep(wait);
    else await yieldToLoop(); // let deliveries in between stamps
    arrivals.push(stamp(i, 'round'));
  }
  return arrivals;
}

process.on('message', async (message) => {
  if (message.type === 'close') {
    for (const client of clients) client.close();
    await sleep(200);
    process.exit(0);
  }
  const cpu0 = process.cpuUsage();
  samples.length = 0;
  const arrivals = message.type === 'burst' ? owned.map((_, i) => stamp(i, 'burst')) : await round(message.gapMs);
  try {
    await withTimeout(Promise.all(arrivals), 120_000, () => `${pending.size} of ${count} changes never arrived`);
  } catch (error) {
    fail(error);
    return;
  }
  const cpu = process.cpuUsage(cpu0);
  process.send({ type: 'done', samples: [...samples], cpuSec: (cpu.user + cpu.system) / 1e6 });
});
