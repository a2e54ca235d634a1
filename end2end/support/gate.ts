// A counting TCP proxy in front of the relay.
//
// Browsers always use the gate's origin, so the relay may restart on another
// port while pages, service workers and IndexedDB keep one origin. The gate
// counts every connection it accepts: a test asserts that the count did not
// move while a browser context was meant to be offline, which proves the
// offline phase really was offline (Chromium's setOffline alone does not stop
// a service worker's own fetches, Playwright issue 2311).
import net from 'node:net';

export interface Gate {
  /** `http://127.0.0.1:PORT`: the origin pages must use. */
  readonly url: string;
  readonly port: number;
  /** Connections accepted so far, including those refused while cut. */
  attempts(): number;
  /** The first line each connection sent, in order ("GET /sync HTTP/1.1"), to tell what got through. */
  requests(): string[];
  /** Bytes received from clients so far. */
  bytes(): number;
  /** Destroys every open connection and refuses (but counts) new ones. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function openGate(targetPort: () => number): Promise<Gate> {
  let attempts = 0;
  let bytes = 0;
  let isCut = false;
  const open = new Set<net.Socket>();
  const requests: string[] = [];

  const server = net.createServer((client) => {
    attempts += 1;
    const index = requests.push('(nothing sent)') - 1;
    client.once('data', (chunk) => {
      requests[index] = chunk.toString('latin1').split('\r\n')[0].slice(0, 200);
    });
    if (isCut) {
      // Refused: nothing goes upstream. Read what it wanted for the record, then drop it.
      client.on('error', () => {});
      client.once('data', () => client.destroy());
      setTimeout(() => client.destroy(), 200);
      return;
    }
    const upstream = net.connect(targetPort(), '127.0.0.1');
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      // A reset on one side closes the other; errors are expected when cut.
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk) => {
      bytes += chunk.length;
    });
    client.pipe(upstream);
    upstream.pipe(client);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    attempts: () => attempts,
    requests: () => [...requests],
    bytes: () => bytes,
    cut() {
      isCut = true;
      for (const socket of open) socket.destroy();
    },
    restore() {
      isCut = false;
    },
    close() {
      isCut = true;
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
