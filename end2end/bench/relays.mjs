// What the relay benchmarks (relay.mjs, connections.mjs and the client
// processes they fork) share besides lib.mjs: the two relays, and stock
// automerge-repo 1.x clients. Takes them from this directory's node_modules
// (`npm ci` here); the device benchmarks never import it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Repo } from '@automerge/automerge-repo';
import { BrowserWebSocketClientAdapter } from '@automerge/automerge-repo-network-websocket';

import { freePort, makeTempDir, removeTempDir, startProcess, startServer, withTimeout } from './lib.mjs';

/** The space the benchmark's clients prove on our relay (32 bytes of 0x5e, base58check). */
export const BENCH_SECRET = 'iZXA4112N4FV19FqLBg3Y1s4MDdBxmswcBGDz1k6971yBU4nx';

const here = path.dirname(fileURLToPath(import.meta.url));

export const REFERENCE_ENTRY = path.join(here, 'node_modules', '@automerge', 'automerge-repo-sync-server', 'src', 'index.js');
export const REFERENCE_VERSION = JSON.parse(
  readFileSync(path.join(here, 'node_modules', '@automerge', 'automerge-repo-sync-server', 'package.json'), 'utf8'),
).version;
export const CLIENT_VERSION = JSON.parse(
  readFileSync(path.join(here, 'node_modules', '@automerge', 'automerge-repo', 'package.json'), 'utf8'),
).version;

// ---------------------------------------------------------------------------
// Relays

/**
 * Starts a relay: `kind` is "ours" (the server binary, relay only: no site)
 * or "theirs" (@automerge/automerge-repo-sync-server), on a free port with a
 * fresh temp data dir. Resolves once it listens, with its sync `url`;
 * `stop()` (SIGTERM, then SIGKILL after 5 s) also removes the data dir.
 */
export async function startRelay(kind) {
  const dataDir = makeTempDir(`demineurs-bench-${kind}-`);
  let relay;
  let label;
  let url;
  if (kind === 'ours') {
    label = 'ours';
    // Logging as deployed ("info": one line per connection and disconnection)
    // unless RUST_LOG says otherwise.
    relay = await startServer({ dataDir, siteRoot: path.join(dataDir, 'no-site'), label: `relay "${label}"` });
    // Ours serves a space only to connections that prove its secret.
    url = `ws://127.0.0.1:${relay.port}/sync?secret=${BENCH_SECRET}`;
  } else if (kind === 'theirs') {
    if (!existsSync(REFERENCE_ENTRY)) {
      throw new Error(`reference relay missing at ${REFERENCE_ENTRY}: run \`npm ci\` in end2end/bench`);
    }
    label = `reference ${REFERENCE_VERSION}`;
    const port = await freePort();
    relay = await startProcess(`relay "${label}"`, process.execPath, [REFERENCE_ENTRY], {
      cwd: dataDir,
      env: { ...process.env, PORT: String(port), DATA_DIR: path.join(dataDir, 'data'), DEBUG: '' },
      pattern: /Listening on port (\d+)/,
    });
    url = `ws://127.0.0.1:${relay.match[1]}/sync`;
  } else {
    throw new Error(`unknown relay kind ${kind}`);
  }
  return {
    kind,
    label,
    pid: relay.pid,
    url,
    dataDir,
    output: relay.output,
    checkAlive: relay.checkAlive,
    /** SIGTERM, then SIGKILL after 5 s; removes the data dir. */
    async stop() {
      await relay.stop();
      removeTempDir(dataDir);
    },
  };
}

// ---------------------------------------------------------------------------
// Stock automerge-repo clients

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
