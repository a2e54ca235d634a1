// Self-check of the harness, no app needed: the gate proxies and counts, and
// the offline recipe of support/offline.ts leaves no way to the network, not
// even for a service worker's own fetch (Playwright issue 2311).
import { test, expect } from '@playwright/test';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { openGate, type Gate } from '../support/gate.ts';
import { cutEverything } from '../support/offline.ts';
import { waitForServiceWorker } from '../support/page.ts';

const serviceWorker = `
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(clients.claim()));
self.addEventListener('fetch', (event) => {
  if (new URL(event.request.url).pathname.startsWith('/via-sw/')) {
    event.respondWith(fetch(event.request).catch(() => new Response('sw-offline')));
  }
});`;

let server: http.Server;
let gate: Gate;

test.beforeAll(async () => {
  server = http.createServer((request, response) => {
    if (request.url === '/sw.js') {
      response.setHeader('content-type', 'text/javascript');
      response.end(serviceWorker);
    } else if (request.url === '/') {
      response.setHeader('content-type', 'text/html');
      response.end('<!doctype html><html lang="fr"><title>porte</title><body>porte</body></html>');
    } else {
      response.end('net');
    }
  });
  new WebSocketServer({ server }).on('connection', (socket) => socket.on('message', (data) => socket.send(data)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gate = await openGate(() => (server.address() as AddressInfo).port);
});

test.afterAll(async () => {
  await gate?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

/** A GET on a fresh connection (no keep-alive pool), so every call is one attempt. */
function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}

test('a request through the gate is proxied and counted', async () => {
  const before = gate.attempts();
  expect(await get(`${gate.url}/hello`)).toBe('net');
  expect(gate.attempts()).toBe(before + 1);
  expect(gate.bytes()).toBeGreaterThan(0);
});

test('a cut gate refuses connections and still counts them', async () => {
  gate.cut();
  try {
    const before = gate.attempts();
    await expect(get(`${gate.url}/hello`)).rejects.toThrow();
    expect(gate.attempts()).toBe(before + 1);
  } finally {
    gate.restore();
  }
  expect(await get(`${gate.url}/hello`)).toBe('net');
});

test('an offline context reaches nothing: page fetch, WebSocket, service worker fetch', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${gate.url}/`);
  await page.evaluate(() => navigator.serviceWorker.register('/sw.js'));
  await waitForServiceWorker(page);
  const probe = () =>
    page.evaluate(async (wsUrl) => {
      const viaServiceWorker = await fetch('/via-sw/x').then((r) => r.text(), () => 'failed');
      const direct = await fetch('/direct').then((r) => r.text(), () => 'failed');
      const socket = await new Promise<string>((resolve) => {
        const ws = new WebSocket(wsUrl);
        ws.onopen = () => (ws.close(), resolve('open'));
        ws.onerror = () => resolve('failed');
        setTimeout(() => resolve('timeout'), 5_000);
      });
      return { viaServiceWorker, direct, socket };
    }, `${gate.url.replace('http', 'ws')}/ws`);

  expect(await probe()).toEqual({ viaServiceWorker: 'net', direct: 'net', socket: 'open' });

  const offline = await cutEverything(gate, context);
  expect(await probe()).toEqual({ viaServiceWorker: 'sw-offline', direct: 'failed', socket: 'failed' });
  expect(offline.attempts(), 'connections that reached the gate while offline').toBe(0);

  await offline.end();
  expect(await probe()).toEqual({ viaServiceWorker: 'net', direct: 'net', socket: 'open' });
  await context.close();
});

test('an offline navigation sends nothing through the gate', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${gate.url}/`);
  const offline = await cutEverything(gate, context);
  await expect(page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
  await expect(context.newPage().then((other) => other.goto(`${gate.url}/elsewhere`))).rejects.toThrow(
    /ERR_INTERNET_DISCONNECTED/,
  );
  // Chromium may open a connection on which it sends nothing: no request got out.
  expect(await offline.leaks()).toEqual([]);
  await offline.end();
  await context.close();
});
