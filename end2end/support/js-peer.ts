// A stock JavaScript automerge-repo peer talking to our relay over WebSocket:
// the independent implementation that proves interoperability.
import { Repo, type AutomergeUrl, type DocHandle } from '@automerge/automerge-repo';
import { WebSocketClientAdapter } from '@automerge/automerge-repo-network-websocket';

/** A Repo with no storage, connected to `syncUrl`; resolves once the relay answered `join` with `peer`. */
export async function connectRepo(syncUrl: string, timeoutMs = 10_000): Promise<Repo> {
  const repo = new Repo({ network: [new WebSocketClientAdapter(syncUrl, 1_000)] });
  await new Promise<void>((resolve, reject) => {
    if (repo.peers.length > 0) return resolve();
    const timer = setTimeout(
      () => reject(new Error(`no peer message from ${syncUrl} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    repo.networkSubsystem.once('peer', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return repo;
}

/**
 * Finds `url` with a fresh Repo, retrying with another fresh Repo while the
 * relay answers "unavailable" (it may not have received the document yet).
 * The caller shuts the returned Repo down.
 */
export async function findEventually<T>(
  syncUrl: string,
  url: AutomergeUrl,
  timeoutMs = 15_000,
): Promise<{ repo: Repo; handle: DocHandle<T> }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const repo = await connectRepo(syncUrl);
    try {
      const handle = await repo.find<T>(url, { signal: AbortSignal.timeout(Math.max(deadline - Date.now(), 1)) });
      return { repo, handle };
    } catch (error) {
      await repo.shutdown();
      if (Date.now() >= deadline) throw new Error(`could not find ${url} within ${timeoutMs} ms: ${error}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Reads a text or string field as a plain string (Rust may write either kind). */
export function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}
