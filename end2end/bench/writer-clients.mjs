// Writers of relay.mjs, in their own process (forked by relay-clients.mjs and
// driven over IPC) so that the stock clients' JavaScript spreads over the CPUs.
//
// Parent → worker: { type: 'start' }, { type: 'close' }.
// Worker → parent: { type: 'ready' }; { type: 'doc', url } once the relay has
// stored a document's first version; { type: 'written' } when every change is
// made; { type: 'acked', cpuSec } when the relay has stored every change;
// { type: 'error', message } on failure.
import { sleep, yieldToLoop } from './lib.mjs';
import { connectClient, whenRelayHas } from './relays.mjs';

const [url, json] = process.argv.slice(2);
const { writers, docs, changes } = JSON.parse(json);

function fail(error) {
  process.send?.({ type: 'error', message: String(error?.stack ?? error) });
  setTimeout(() => process.exit(1), 100);
}
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
process.on('disconnect', () => process.exit(0)); // the parent is gone

const clients = await Promise.all(Array.from({ length: writers }, () => connectClient(url)));
const storage = clients[0].relayStorage;
if (!storage) throw new Error('the relay announced no storageId: cannot tell when it has stored a change');
process.send({ type: 'ready' });

async function runWriter(client, handles) {
  for (let d = 0; d < docs; d++) {
    const handle = client.repo.create({ items: [] });
    handles.push(handle);
    // The reader asks for the document once the relay has stored its first version.
    const onHeads = () => {
      if (handle.getRemoteHeads(storage)?.length > 0) {
        handle.off('remote-heads', onHeads);
        process.send({ type: 'doc', url: handle.url });
      }
    };
    handle.on('remote-heads', onHeads);
    for (let i = 0; i < changes; i++) {
      handle.change((doc) => {
        doc.items.push(i);
      });
      await yieldToLoop();
    }
  }
}

process.on('message', async (message) => {
  if (message.type === 'close') {
    for (const client of clients) client.close();
    await sleep(200);
    process.exit(0);
  }
  if (message.type !== 'start') return;
  const cpu0 = process.cpuUsage();
  const handles = [];
  await Promise.all(clients.map((client) => runWriter(client, handles)));
  process.send({ type: 'written' });
  await Promise.all(handles.map((handle) => whenRelayHas(handle, storage)));
  const cpu = process.cpuUsage(cpu0);
  process.send({ type: 'acked', cpuSec: (cpu.user + cpu.system) / 1e6 });
});
