#!/usr/bin/env node
// How the app behaves on a device that holds a big space: N ideas of M mines
// each in IndexedDB, measured in headless Chromium. Prints figures; no
// pass/fail on timing.
//
//   node device.mjs [--ideas 2000] [--mines 10] [--runs 5] [--throttle-runs 5]
//                   [--keystrokes 20] [--throttle 4] [--unsynced]
//                   [--without-kept-cards] [--without-kept-list] [--keep]
//
// Setup (timed apart, not part of the figures):
//   1. start target/release/server on 127.0.0.1:0 with a temporary data dir;
//   2. one online visit in a fresh Chromium profile: the service worker
//      precaches the app, the app writes the space index's genesis change;
//   3. offline, read the index chunks the app wrote back from IndexedDB, add
//      N ideas to the index with the JS automerge library (one change per idea,
//      like `space::add_idea`), build N idea documents the way the Rust domain
//      writes them (idea.create / idea.author / constat / idée, stage move to
//      « en déminage », M mines planted by a colleague, some proposals and
//      decisions), and write everything into the `chunks` store as snapshots
//      (one per document: a compacted device), plus the `acks` store with
//      every document's heads (a device in step with its relay; --unsynced
//      leaves the acks out, so everything counts as "waiting");
//   4. one more offline visit, left until the app has read every idea's card
//      in idle time and kept them in the `cards` store, with the index's
//      listing in the `listing` store and the list as it showed in Cache
//      Storage: what any earlier visit leaves on a device. With
//      --without-kept-cards there is no such visit, and the `cards` and
//      `listing` stores and the kept list are emptied before every run: each
//      run is then the first visit after the documents arrived. With
//      --without-kept-list only the kept list is dropped, after that visit
//      and at the end of each run: each start shows « Chargement… » until
//      the live list, as before the app kept its list.
//
// Figures: every run relaunches Chromium on the same profile (a cold process:
// service worker not running, IndexedDB read from disk) with the network cut
// (offline from the start: the relay plays no part), then measures
//   load    navigation start → the list kept from the last start (the page
//           as it last showed, which the service worker serves, its controls
//           disabled, while the app starts behind it) showing its first page
//           (DOM), the next animation frame, and the first contentful paint;
//           → the live « Idées » list showing its first page (50 ideas with
//           their titles and chips, or N if fewer; the list shows 50 at a
//           time) (DOM), and the next animation frame; and →
//           <html data-app-ready>: every document read, every page can show;
//           with, for the list, where the time went: when the page got the
//           shell, the script and the wasm (Resource Timing), and the steps
//           the app marks on the performance timeline (`demineurs:*`, see
//           frontend/src/clock.rs);
//   early   as soon as the list shows, a click on an idea's link → its
//           « Titre » field shows its title (the device still reading its
//           documents: it reads that one ahead), then back to the list;
//   link    a cold start of its own on an idea's address (/idees/<id>, a
//           link from a colleague) → its « Titre » shows its title, checked
//           at every frame; and whether the space index was read by then;
//   filter  one `input` event carrying a word that ~1 % of the ideas contain,
//           dispatched on « Rechercher » → the list holds exactly those;
//   clear   emptying the search → the list shows its first page again;
//   again   the same filter once more: the device now holds every idea's
//           card (the first filter, or idle time after start, read them);
//   open    click on an idea's link → its « Titre » field shows its title;
//   back    click on « Toutes les idées » → the list shows its first page again;
// medians of --runs runs, without then with CPU throttling (CDP
// Emulation.setCPUThrottlingRate). Then, unthrottled, on one idea page:
//   keystroke → durable: a real key press in « Titre » (keydown, timed in the
//           page) → a new chunk of that idea visible from a second IndexedDB
//           connection polling the `chunks` store; also → the `complete`
//           event of the app's own readwrite transaction (observed by wrapping
//           IDBDatabase.prototype.transaction). Median and p95.
import { createHash, randomBytes } from 'node:crypto';

import {
  cleanup,
  chromiumVersion,
  installCleanupHandlers,
  keepTempDirs,
  launchChromium,
  makeTempDir,
  median,
  ms,
  parseFlags,
  percentile,
  requireEnd2end,
  serviceWorkerControls,
  sorted,
  startServer,
  table,
} from './lib.mjs';

// From end2end/ (lib.mjs): this directory's package.json pins an older
// automerge for the relay benchmarks; this script uses end2end's 3.x.
const A = requireEnd2end('@automerge/automerge');
const LIST_NAME = 'Idées'; // aria-label of the list (French UI)
const KEPT_LIST_CACHE = 'demineurs-kept-list'; // where the page keeps the list (frontend/src/kept_list.rs)
const SEARCH_WORD = 'trottinette'; // in the title of ideas i % 100 === 0 only
const WAIT_MS = 120_000; // longest wait for one step, unthrottled (× the throttling rate when throttled)

// ---------------------------------------------------------------------------
// Options

const USAGE = `node device.mjs [--ideas 2000] [--mines 10] [--runs 5] [--throttle-runs <runs>] [--keystrokes 20] [--throttle 4] [--unsynced] [--without-kept-cards] [--without-kept-list] [--keep]
--throttle 1 skips the throttled pass; --keystrokes 0 skips the durability figures.`;

function parseArgs(argv) {
  const options = parseFlags(
    argv,
    { ideas: 2000, mines: 10, runs: 5, throttleRuns: null, keystrokes: 20, throttle: 4, unsynced: false, withoutKeptCards: false, withoutKeptList: false, keep: false },
    USAGE,
  );
  for (const name of ['ideas', 'mines', 'runs', 'throttleRuns', 'keystrokes', 'throttle']) {
    if (options[name] !== null && !Number.isInteger(options[name])) throw new Error(`--${name} needs a whole number`);
  }
  if (options.ideas < 1 || options.runs < 1 || options.throttle < 1) throw new Error('--ideas, --runs and --throttle must be at least 1');
  options.throttleRuns ??= options.runs;
  if (options.throttleRuns < 1) throw new Error('--throttle-runs must be at least 1');
  return options;
}

// ---------------------------------------------------------------------------
// Ids: 16 random bytes written as base58check, like the Rust side.

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const sha256 = (bytes) => createHash('sha256').update(bytes).digest();
function bs58(bytes) {
  let n = BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
  let out = '';
  while (n > 0n) {
    out = ALPHABET[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = `1${out}`;
  }
  return out;
}
function bs58check(bytes) {
  const payload = Buffer.from(bytes);
  return bs58(Buffer.concat([payload, sha256(sha256(payload)).subarray(0, 4)]));
}
const shortId = () => bs58check(randomBytes(16));
// The bench's space: a secret, and the id the app derives from it
// (app/src/sync/space_secret.rs: SHA-256 of a label and the secret, 16 bytes).
const SECRET = randomBytes(32);
const COMMONS = bs58check(sha256(Buffer.concat([Buffer.from('les-demineurs/space-id/v1\0'), SECRET])).subarray(0, 16));
/** How many ideas the list shows at a time (app/src/ui/idea_list.rs `PAGE`). */
const PAGE = 50;

// ---------------------------------------------------------------------------
// Documents, as the Rust domain writes them (app/src/domain/*.rs)

const TOPICS = [
  'Covoiturage entre agents',
  'Salle de repos partagée',
  'Formulaire en ligne pour les congés',
  'Tri des déchets à la cantine',
  'Prêt de vélos de service',
  'Accueil des nouveaux arrivants',
  'Plantes dans les bureaux',
  'Atelier de réparation',
  'Horaires souples le vendredi',
  'Bibliothèque d’échange',
  'Navette vers la gare',
  'Boîte à idées numérique',
];
const PLACES = ['au 2e étage', 'à la mairie annexe', 'au centre technique', 'à la médiathèque', 'aux archives', 'à l’accueil', 'au service jeunesse'];
const QUESTIONS = [
  'Qui paie l’entretien ?',
  'Est-ce conforme au règlement intérieur ?',
  'Quelles données personnelles sont collectées ?',
  'Faut-il un marché public ?',
  'Qui en est responsable le week-end ?',
  'Les usagers sont-ils prévenus ?',
  'Quel budget pour la première année ?',
  'Le logiciel est-il compatible avec nos postes ?',
  'Les représentants du personnel sont-ils consultés ?',
  'Que se passe-t-il en cas d’accident ?',
];
const DOMAINS = ['juridique', 'budget', 'achats', 'SI/technique', 'données/RGPD', 'RH', 'usagers', 'organisation', 'communication', 'sécurité'];
const SIZES = ['petite', 'moyenne', 'grosse'];

const str = (s) => new A.ImmutableString(s); // a plain string, not a text object
const secs = (ms) => Math.floor(ms / 1000);
const actorHex = () => randomBytes(16).toString('hex');

function ideaTitle(i) {
  const topic = i % 100 === 0 ? `Trottinettes électriques ${PLACES[i % PLACES.length]}` : `${TOPICS[i % TOPICS.length]} ${PLACES[(i * 7) % PLACES.length]}`;
  return `${topic} (${i + 1})`;
}

/** One idea document: the changes the app would have made, saved as one snapshot. */
function makeIdea(i, mines, createdAt, members) {
  const author = members[i % members.length];
  const colleague = members[(i + 1) % members.length];
  const title = ideaTitle(i);
  let t = createdAt;
  const authorActor = actorHex();
  let doc = A.init({ actor: authorActor });
  // idea::new_document + mine::set_author
  doc = A.change(doc, { message: `${author}|idea.create`, time: secs(t) }, (d) => {
    d.title = title;
    d.constat = '';
    d.idee = '';
    d.createdAt = new Date(createdAt);
  });
  doc = A.change(doc, { message: `${author}|idea.author`, time: secs(t) }, (d) => {
    d.author = str(author);
  });
  // idea::set_field (update_text)
  t += 60_000;
  doc = A.change(doc, { message: `${author}|idea.edit constat`, time: secs(t) }, (d) => {
    A.updateText(d, ['constat'], `Aujourd’hui, ${TOPICS[(i + 3) % TOPICS.length].toLowerCase()} n’existe pas ${PLACES[i % PLACES.length]} : les agents s’organisent seuls et perdent du temps chaque semaine.`);
  });
  doc = A.change(doc, { message: `${author}|idea.edit idee`, time: secs(t) }, (d) => {
    A.updateText(d, ['idee'], `Proposer un essai de trois mois ${PLACES[(i + 2) % PLACES.length]}, avec un bilan partagé avant de décider d’étendre ou d’arrêter.`);
  });
  if (mines === 0) return { doc, title };
  // stage::move_stage floue → en-deminage
  t += 60_000;
  doc = A.change(doc, { message: `${author}|stage.move en-deminage`, time: secs(t) }, (d) => {
    d.stage = str('en-deminage');
    d[`stageLog:${author}:${t}`] = { from: str('floue'), to: str('en-deminage'), by: str(author), at: new Date(t) };
  });
  // mine::plant and mine::propose, on a colleague's device
  doc = A.clone(doc, { actor: actorHex() });
  const planted = [];
  for (let j = 0; j < mines; j++) {
    t += 60_000;
    const mine = shortId();
    planted.push(mine);
    doc = A.change(doc, { message: `${colleague}|mine.plant mine:${mine}`, time: secs(t) }, (d) => {
      d[`mine:${mine}`] = {
        question: QUESTIONS[(i + j) % QUESTIONS.length],
        domain: str(DOMAINS[(i + j) % DOMAINS.length]),
        size: str(SIZES[j % SIZES.length]),
        plantedBy: str(colleague),
        plantedAt: new Date(t),
        proposals: {},
      };
    });
    if (j % 3 === 1) {
      const proposal = shortId();
      doc = A.change(doc, { message: `${colleague}|mine.propose proposal:${mine}:${proposal}`, time: secs(t) }, (d) => {
        d[`mine:${mine}`].proposals[proposal] = {
          text: str('Demander l’avis du service concerné avant l’essai.'),
          by: str(colleague),
          at: new Date(t),
          plusOnes: {},
        };
      });
    }
  }
  // mine::decide, back on the author's device
  doc = A.clone(doc, { actor: authorActor });
  for (let j = 3; j < mines; j += 4) {
    t += 60_000;
    doc = A.change(doc, { message: `${author}|mine.decide mine:${planted[j]}`, time: secs(t) }, (d) => {
      d[`mine:${planted[j]}`].decision = { kind: str('defused'), how: str('Vu avec le service : c’est prévu au budget.'), by: str(author), at: new Date(t) };
    });
  }
  return { doc, title };
}

/** The chunk and ack records of `doc` under document id `id`. */
function records(id, doc) {
  const bytes = A.save(doc);
  return {
    chunk: { key: [id, 'snapshot', sha256(bytes).toString('hex')], b64: Buffer.from(bytes).toString('base64') },
    ack: { key: id, b64: Buffer.concat(A.getHeads(doc).map((h) => Buffer.from(h, 'hex'))).toString('base64') },
    size: bytes.length,
  };
}

// ---------------------------------------------------------------------------
// In the page (runs before the app's own scripts, on every page)

function pageInit(cfg) {
  // The device is in the bench's space (as if it had created it).
  if (!localStorage.getItem('demineurs.spaces')) {
    localStorage.setItem('demineurs.spaces', cfg.spaceLine);
    localStorage.setItem('demineurs.current-space', cfg.space);
  }
  const bench = { expect: cfg.expect, t: {}, writes: [], longTasks: [] };
  // Tasks of 50 ms or more on the page's main thread (input waits for them).
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longTasks.push({ at: entry.startTime, ms: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No Long Tasks API: nothing listed.
  }
  window.__bench = bench;
  const listSelector = `ul[aria-label="${cfg.listName}"]`;
  bench.list = () => document.querySelector(listSelector);
  bench.count = () => {
    const list = bench.list();
    return list ? list.children.length : -1;
  };
  // Ideas the list shows with their title and chips: not the « Chargement… »
  // lines of ideas whose card is not read yet.
  bench.shown = () => bench.list()?.querySelectorAll('li .chips').length ?? -1;
  // The page on screen is the list kept from the last start (served
  // by the service worker), not yet the live app.
  bench.keptCopy = () => document.body?.hasAttribute('data-kept-list') ?? false;
  // Load milestones.
  const observer = new MutationObserver(() => {
    const now = performance.now();
    if (bench.t.ready === undefined && document.documentElement?.getAttribute('data-app-ready') === 'true') bench.t.ready = now;
    if (bench.t.kept === undefined && bench.keptCopy() && bench.shown() === bench.expect) {
      bench.t.kept = now;
      requestAnimationFrame(() => {
        bench.t.keptFrame = performance.now();
      });
    }
    if (bench.t.list === undefined && !bench.keptCopy() && bench.shown() === bench.expect) {
      bench.t.list = now;
      requestAnimationFrame(() => {
        bench.t.listFrame = performance.now();
      });
    }
    if (bench.t.ready !== undefined && bench.t.list !== undefined) observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-app-ready', 'data-kept-list'] });
  // Completion of the app's writes to `chunks`.
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, ...rest) {
    const tx = transaction.call(this, stores, mode, ...rest);
    if (mode === 'readwrite' && [].concat(stores).includes('chunks')) {
      tx.addEventListener('complete', () => bench.writes.push(performance.now()));
    }
    return tx;
  };

  const waitFor = (what, condition, timeoutMs) =>
    new Promise((resolve, reject) => {
      let finished = false;
      const finish = (value, error) => {
        if (finished) return;
        finished = true;
        mo.disconnect();
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(value);
      };
      const check = () => {
        if (finished) return;
        try {
          if (condition()) finish(performance.now());
        } catch (error) {
          finish(null, error);
        }
      };
      const mo = new MutationObserver(check);
      mo.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      const frame = () => {
        if (finished) return;
        check();
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
      const timer = setTimeout(() => finish(null, new Error(`${what}: not within ${timeoutMs} ms`)), timeoutMs);
      bench.check = check;
    });
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));

  /** Dispatches one `input` event with `value` on the search box; resolves when the list holds `expect` items. */
  bench.search = async (value, expect) => {
    const input = document.getElementById('search-text');
    const done = waitFor(`search "${value}" → ${expect} items`, () => bench.count() === expect, cfg.waitMs);
    input.value = value;
    const t0 = performance.now();
    input.dispatchEvent(new Event('input', { bubbles: true }));
    bench.check();
    const t1 = await done;
    const t2 = await nextFrame();
    return { dom: t1 - t0, frame: t2 - t0 };
  };

  /** Clicks the link of the index-th idea; resolves when « Titre » shows its title. */
  bench.open = async (index) => {
    const link = bench.list().querySelectorAll('li > a')[index];
    const title = link.textContent.trim();
    const done = waitFor(`open « ${title} »`, () => document.getElementById('idea-title')?.value === title, cfg.waitMs);
    const t0 = performance.now();
    link.click();
    bench.check();
    const t1 = await done;
    const t2 = await nextFrame();
    const statuses = {};
    for (const card of document.querySelectorAll('li.mine-card')) statuses[card.dataset.status] = (statuses[card.dataset.status] ?? 0) + 1;
    const progress = document.querySelector('.progress-figure')?.textContent.trim();
    return { dom: t1 - t0, frame: t2 - t0, title, href: link.getAttribute('href'), statuses, progress };
  };

  /** Clicks « Toutes les idées »; resolves when the list holds `expect` items. */
  bench.back = async (expect) => {
    const done = waitFor(`back → ${expect} items`, () => bench.count() === expect, cfg.waitMs);
    const t0 = performance.now();
    document.querySelector('a.back').click();
    bench.check();
    const t1 = await done;
    const t2 = await nextFrame();
    return { dom: t1 - t0, frame: t2 - t0 };
  };

  // A second IndexedDB connection, the bench's own.
  let db;
  const open = () =>
    db ??
    (db = new Promise((resolve, reject) => {
      const request = indexedDB.open(`demineurs.${cfg.space}`);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    }));
  const done = (request) =>
    new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  const range = (id) => IDBKeyRange.bound([id], [id, '\uffff']);
  const b64 = (bytes) => {
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  };
  const unb64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

  bench.keys = async (id) => (await done((await open()).transaction('chunks', 'readonly').objectStore('chunks').getAllKeys(range(id)))).map((k) => k.join('/'));

  bench.readChunks = async (id) => {
    const store = (await open()).transaction('chunks', 'readonly').objectStore('chunks');
    const [keys, values] = await Promise.all([done(store.getAllKeys(range(id))), done(store.getAll(range(id)))]);
    return keys.map((key, i) => ({ key, b64: b64(new Uint8Array(values[i])) }));
  };

  /** How many cards the app keeps (store `cards`). */
  bench.keptCards = async () => done((await open()).transaction('cards', 'readonly').objectStore('cards').count());

  /**
   * The list the page kept for the next start (frontend/src/kept_list.rs):
   * its size and how many ideas it shows (0 and 0 while there is none).
   */
  bench.keptList = async () => {
    const kept = (await caches.has(cfg.keptListCache)) && (await (await caches.open(cfg.keptListCache)).match('/'));
    if (!kept) return { bytes: 0, shown: 0 };
    const html = await kept.text();
    const copy = new DOMParser().parseFromString(html, 'text/html');
    return { bytes: new TextEncoder().encode(html).length, shown: copy.querySelectorAll(`${listSelector} li .chips`).length };
  };

  /** Empties the store of kept cards, and drops the kept list. */
  bench.forgetCards = async () => {
    await caches.delete(cfg.keptListCache);
    const tx = (await open()).transaction(['cards', 'listing'], 'readwrite');
    tx.objectStore('cards').clear();
    tx.objectStore('listing').clear();
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
  };

  bench.write = async ({ chunks, acks, remove }) => {
    const tx = (await open()).transaction(['chunks', 'acks'], 'readwrite');
    const completed = new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('aborted'));
    });
    for (const key of remove ?? []) tx.objectStore('chunks').delete(key);
    for (const { key, b64: value } of chunks ?? []) tx.objectStore('chunks').put(unb64(value), key);
    for (const { key, b64: value } of acks ?? []) tx.objectStore('acks').put(unb64(value), key);
    await completed;
  };

  /** Arms the next keydown: resolves (bench.pending) when a new chunk of `id` is readable. */
  bench.armDurable = async (id) => {
    const before = new Set(await bench.keys(id));
    bench.pending = new Promise((resolve, reject) => {
      document.addEventListener(
        'keydown',
        async () => {
          const t0 = performance.now();
          const loading = document.documentElement.getAttribute('data-app-ready') !== 'true';
          let polls = 0;
          try {
            for (;;) {
              polls++;
              const fresh = (await bench.keys(id)).filter((k) => !before.has(k));
              if (fresh.length > 0) {
                const t1 = performance.now();
                const write = bench.writes.find((w) => w >= t0);
                resolve({ poll: t1 - t0, complete: write === undefined ? null : write - t0, polls, loading });
                return;
              }
              if (performance.now() - t0 > 10_000) throw new Error('no new chunk within 10 s of the keystroke');
            }
          } catch (error) {
            reject(error);
          }
        },
        { once: true, capture: true },
      );
    });
  };

  bench.busy = () => {
    const t0 = performance.now();
    let x = 0;
    for (let i = 0; i < 20_000_000; i++) x = (x + i * 7) % 1_000_003;
    return { ms: performance.now() - t0, x };
  };
}

// ---------------------------------------------------------------------------
// Statistics and printing

const pct = (xs, p) => percentile(sorted(xs), p);
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

// ---------------------------------------------------------------------------
// Main

const options = parseArgs(process.argv.slice(2));
installCleanupHandlers();
keepTempDirs(options.keep);

/** page.evaluate with a deadline on the Node side too (a page whose main thread never yields cannot time itself out). */
async function evaluate(page, what, fn, arg, timeoutMs) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer from the page within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([page.evaluate(fn, arg), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Drops the list the app kept for the next start, from a page of the origin
 * that does not start the app (the list page would keep it again): the next
 * start then shows « Chargement… » until the live list, as before the app
 * kept its list (--without-kept-list). Done at the end of a run, so that the
 * next cold start is not preceded by another visit.
 */
async function dropKeptList(page) {
  await page.goto(new URL('/icons/icon.svg', page.url()).href);
  await page.evaluate((name) => caches.delete(name), KEPT_LIST_CACHE);
}

const progress = (text) => process.stderr.write(`  … ${text}\n`);

const launch = (profile, { offline, throttle }) => launchChromium(profile, { offline, throttle, consoleErrors: true });

async function main() {
  const { ideas: N, mines: M, runs, keystrokes, throttle } = options;
  const expectMatches = Math.ceil(N / 100); // ideas i % 100 === 0
  const server = await startServer({ dataDir: makeTempDir('demineurs-bench-relay-') });
  const profile = makeTempDir('demineurs-bench-chromium-');
  const shown = Math.min(N, PAGE);
  const relay = server.url.replace(/^http/, 'ws') + '/sync';
  const spaceLine = new URLSearchParams({ s: bs58check(SECRET), r: relay, n: 'Banc d’essai', c: '1', p: 'Banc' }).toString();
  const init = { expect: shown, listName: LIST_NAME, keptListCache: KEPT_LIST_CACHE, waitMs: WAIT_MS, space: COMMONS, spaceLine };
  const browserVersion = await chromiumVersion();

  console.log('Les démineurs — device benchmark');
  console.log(`server ${server.url} (pid ${server.pid}), Chromium ${browserVersion} headless, ${process.platform}/${process.arch}`);
  console.log(`space: ${N} ideas × ${M} mines; ${runs} runs per figure${throttle > 1 ? `, then ${options.throttleRuns} with CPU throttling ${throttle}x` : ''}`);
  console.log(`acks: ${options.unsynced ? 'none (every change counts as waiting)' : 'every document acknowledged (a device in step with its relay)'}`);
  console.log('');

  // 1. One online visit: service worker installed, genesis of the index written.
  const setupStart = performance.now();
  {
    const { context, page, stop } = await launch(profile, { offline: false, throttle: 1 });
    await page.addInitScript(pageInit, init);
    await page.goto(`${server.url}/`);
    await page.waitForSelector('html[data-app-ready="true"]', { timeout: 30_000 });
    await serviceWorkerControls(page);
    await page.waitForFunction(async (id) => (await window.__bench.keys(id)).length > 0, COMMONS, { polling: 50 });
    await stop();
    void context;
  }

  // 2. Offline: read the index back, build the space, write it.
  const generateStart = performance.now();
  const { context: setupContext, page: setupPage, stop: stopSetup } = await launch(profile, { offline: true, throttle: 1 });
  await setupPage.addInitScript(pageInit, init);
  await setupPage.goto(`${server.url}/`);
  await setupPage.waitForSelector('html[data-app-ready="true"]', { timeout: 30_000 });
  const indexChunks = await setupPage.evaluate((id) => window.__bench.readChunks(id), COMMONS);
  if (indexChunks.length === 0) throw new Error(`no chunk of the index ${COMMONS} on the device`);
  // The chunks come back in key (hash) order, not in writing order: changes
  // whose dependencies come later wait in Automerge's queue.
  let index = A.init();
  for (const chunk of indexChunks) index = A.loadIncremental(index, Buffer.from(chunk.b64, 'base64'));
  if (!index.ideas || typeof index.ideas !== 'object') throw new Error('the app wrote an index without an `ideas` map');

  const members = Array.from({ length: 12 }, shortId);
  const now = Date.now();
  let ideaBytes = 0;
  let written = 0;
  let batch = { chunks: [], acks: [] };
  let batchBytes = 0;
  const ideaIds = [];
  const titles = [];
  const flush = async () => {
    if (batch.chunks.length === 0) return;
    await setupPage.evaluate((b) => window.__bench.write(b), batch);
    written += batch.chunks.length;
    batch = { chunks: [], acks: [] };
    batchBytes = 0;
  };
  for (let i = 0; i < N; i++) {
    const createdAt = now - (i + 1) * 3_600_000; // i = 0 is the newest
    const id = shortId();
    const { doc, title } = makeIdea(i, M, createdAt, members);
    const r = records(id, doc);
    ideaBytes += r.size;
    ideaIds.push(id);
    titles.push(title);
    batch.chunks.push(r.chunk);
    if (!options.unsynced) batch.acks.push(r.ack);
    batchBytes += r.size;
    // space::add_idea: one change per idea, no message, time in seconds.
    index = A.change(index, { time: secs(createdAt) }, (d) => {
      d.ideas[id] = { createdAt: new Date(createdAt) };
    });
    if (batchBytes > 1_000_000) await flush();
  }
  await flush();
  const indexRecords = records(COMMONS, index);
  await setupPage.evaluate((b) => window.__bench.write(b), {
    remove: indexChunks.map((c) => c.key),
    chunks: [indexRecords.chunk],
    acks: options.unsynced ? [] : [indexRecords.ack],
  });
  const estimate = await setupPage.evaluate(() => navigator.storage.estimate());
  await stopSetup();
  void setupContext;
  const setupEnd = performance.now();
  // 4. A visit that leaves the cards kept, as any earlier visit does.
  let kept = 0;
  let keptListBytes = 0;
  if (!options.withoutKeptCards) {
    const { page, stop } = await launch(profile, { offline: true, throttle: 1 });
    await page.addInitScript(pageInit, init);
    await page.goto(`${server.url}/`);
    await page.waitForSelector('html[data-app-ready="true"]', { timeout: WAIT_MS });
    const deadline = Date.now() + WAIT_MS;
    while ((kept = await page.evaluate(() => window.__bench.keptCards())) < N) {
      if (Date.now() > deadline) throw new Error(`the app kept ${kept} cards of ${N} in ${WAIT_MS} ms`);
      await page.waitForTimeout(250);
    }
    // Not a copy kept by an earlier visit (the space before its ideas were
    // written): one showing the list's first page.
    let keptList;
    while ((keptList = await page.evaluate(() => window.__bench.keptList())).shown < shown) {
      if (Date.now() > deadline) throw new Error(`the app kept a list of ${keptList.shown} ideas, not ${shown}, in ${WAIT_MS} ms`);
      await page.waitForTimeout(250);
    }
    keptListBytes = keptList.bytes;
    if (options.withoutKeptList) await dropKeptList(page);
    await stop();
  }
  const keptEnd = performance.now();
  console.log(
    `setup (not in the figures): online visit ${ms(generateStart - setupStart)}, generate + write ${N} ideas ${ms(setupEnd - generateStart)}`,
  );
  console.log(
    `  ${written + 1} snapshots in \`chunks\`: ideas ${mib(ideaBytes)} (${kib(ideaBytes / N)} each), index ${kib(indexRecords.size)}; origin usage ${mib(estimate.usage ?? 0)}`,
  );
  console.log(
    options.withoutKeptCards
      ? '  kept cards: none (--without-kept-cards: the `cards` store is emptied before every run)'
      : `  kept cards: ${kept}, after a visit of ${ms(keptEnd - setupEnd)} (idle-time reading, then one write); kept list (the page as it showed) ${kib(keptListBytes)}`,
  );
  console.log(`  search word « ${SEARCH_WORD} »: in ${expectMatches} of ${N} titles`);
  console.log('');

  // 3. The figures.
  const passes = [{ throttle: 1, runs }, ...(throttle > 1 ? [{ throttle, runs: options.throttleRuns }] : [])];
  const results = [];
  for (const pass of passes) {
    const samples = { ready: [], kept: [], keptFrame: [], paint: [], list: [], listFrame: [], search: [], searchFrame: [], again: [], clear: [], clearFrame: [], open: [], openFrame: [], back: [], backFrame: [], busy: [], steps: {}, early: [], earlyLoading: 0, deepLink: [], deepLinkBeforeIndex: 0 };
    for (let run = 0; run < pass.runs; run++) {
      const { page, stop } = await launch(profile, { offline: true, throttle: pass.throttle });
      const waitMs = WAIT_MS * pass.throttle;
      const deadline = waitMs + 30_000;
      await page.addInitScript(pageInit, { ...init, waitMs });
      if (options.withoutKeptCards) {
        // A page of the origin that does not start the app (served by the
        // service worker, offline), to reach its IndexedDB.
        await page.goto(`${server.url}/icons/icon.svg`);
        await page.evaluate(() => window.__bench.forgetCards());
      }
      await page.goto(`${server.url}/`, { waitUntil: 'commit' });
      // As soon as the list shows: open an idea while the device still
      // reads its documents, then back to the list.
      await page.waitForFunction(() => window.__bench?.t?.listFrame !== undefined, null, { timeout: waitMs, polling: 5 });
      const early = await evaluate(page, 'open early', (i) => window.__bench.open(i), Math.floor(((run + 1) * shown) / (pass.runs + 1) + shown / 2) % shown, deadline);
      early.loading = await page.evaluate(() => document.documentElement.getAttribute('data-app-ready') !== 'true');
      samples.early.push(early.dom);
      if (early.loading) samples.earlyLoading += 1;
      progress(`open while loading ${ms(early.dom)}${early.loading ? '' : ' (the device had read every document by then)'}`);
      await evaluate(page, 'back', (n) => window.__bench.back(n), shown, deadline);
      const load = await page.waitForFunction(
        () => {
          const t = window.__bench?.t;
          return t && t.ready !== undefined && t.listFrame !== undefined ? t : null;
        },
        null,
        { timeout: waitMs, polling: 100 },
      );
      const t = await load.jsonValue();
      // Where the time went: the shell, script and wasm as the page got
      // them (from the service worker), and the steps the app marks on the
      // performance timeline (frontend/src/clock.rs `mark`).
      const steps = await page.evaluate(() => {
        const at = {};
        for (const entry of performance.getEntriesByType('navigation')) at['shell (HTML) received'] = entry.responseEnd;
        for (const entry of performance.getEntriesByType('paint')) at[entry.name] = entry.startTime;
        for (const entry of performance.getEntriesByType('resource')) {
          if (/\.js$/.test(entry.name)) at['script received'] = entry.responseEnd;
          if (/\.css$/.test(entry.name)) at['stylesheet received'] = entry.responseEnd;
          if (/\.wasm$/.test(entry.name)) at['wasm received'] = entry.responseEnd;
        }
        for (const entry of performance.getEntriesByType('mark')) {
          if (entry.name.startsWith('demineurs:')) at[entry.name.slice('demineurs:'.length)] = entry.startTime;
        }
        return at;
      });
      for (const [step, at] of Object.entries(steps)) (samples.steps[step] ??= []).push(at);
      samples.ready.push(t.ready);
      if (t.kept !== undefined) {
        samples.kept.push(t.kept);
        samples.keptFrame.push(t.keptFrame);
      }
      if (steps['first-contentful-paint'] !== undefined) samples.paint.push(steps['first-contentful-paint']);
      samples.list.push(t.list);
      samples.listFrame.push(t.listFrame);
      if (run === 0) {
        const check = await page.evaluate((name) => ({
          chips: document.querySelectorAll(`ul[aria-label="${name}"] li .chips`).length,
          sync: document.querySelector('[role="status"]')?.getAttribute('data-sync'),
          status: document.querySelector('[role="status"]')?.textContent.trim(),
          search: document.querySelector('label[for="search-text"]')?.textContent.trim(),
        }), LIST_NAME);
        if (check.chips !== shown) throw new Error(`the first page shows ${check.chips} ideas, not ${shown}`);
        if (check.search !== 'Rechercher') throw new Error(`search box labelled ${check.search}`);
        pass.status = `${check.sync} (« ${check.status} »)`;
      }
      progress(`CPU ${pass.throttle}x run ${run + 1}: loaded in ${ms(t.listFrame)}`);
      const search = await evaluate(page, 'filter', ([w, n]) => window.__bench.search(w, n), [SEARCH_WORD, expectMatches], deadline);
      samples.search.push(search.dom);
      samples.searchFrame.push(search.frame);
      progress(`filter ${ms(search.dom)}`);
      const clear = await evaluate(page, 'clear filter', (n) => window.__bench.search('', n), shown, deadline);
      progress(`clear ${ms(clear.dom)}`);
      // The same filter again: every card has now been read once.
      const again = await evaluate(page, 'filter again', ([w, n]) => window.__bench.search(w, n), [SEARCH_WORD, expectMatches], deadline);
      samples.again.push(again.dom);
      progress(`filter again ${ms(again.dom)}`);
      await evaluate(page, 'clear filter', (n) => window.__bench.search('', n), shown, deadline);
      samples.clear.push(clear.dom);
      samples.clearFrame.push(clear.frame);
      const target = Math.floor(((run + 1) * shown) / (pass.runs + 1));
      const open = await evaluate(page, 'open', (i) => window.__bench.open(i), target, deadline);
      progress(`open ${ms(open.dom)}`);
      if (run === 0 && pass.throttle === 1) {
        const shown = Object.values(open.statuses).reduce((a, b) => a + b, 0);
        if (shown !== M) throw new Error(`the idea page shows ${shown} mines, not ${M}`);
        pass.idea = `${shown} mines (${Object.entries(open.statuses).map(([k, v]) => `${k} ${v}`).join(', ')})${open.progress ? `, « ${open.progress} »` : ''}`;
      }
      samples.open.push(open.dom);
      samples.openFrame.push(open.frame);
      const back = await evaluate(page, 'back', (n) => window.__bench.back(n), shown, deadline);
      progress(`back ${ms(back.dom)}`);
      samples.back.push(back.dom);
      samples.backFrame.push(back.frame);
      samples.busy.push((await evaluate(page, 'calibration', () => window.__bench.busy(), undefined, deadline)).ms);
      if (options.withoutKeptList) await dropKeptList(page);
      await stop();

      // A cold start on an idea's own address (a link from a colleague):
      // from navigation start until its « Titre » shows the title (checked
      // at every frame), and whether the space index was read by then.
      const linked = await launch(profile, { offline: true, throttle: pass.throttle });
      const id = ideaIds[Math.floor(((run + 1) * N) / (pass.runs + 1))];
      await linked.page.goto(`${server.url}/idees/${id}`, { waitUntil: 'commit' });
      const shownAt = await linked.page.waitForFunction(
        () => {
          const field = document.querySelector('#idea-title');
          if (!field || !field.value) return null;
          const marks = Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]));
          return { at: performance.now(), beforeIndex: marks['demineurs:index-read'] === undefined };
        },
        null,
        { timeout: waitMs, polling: 'raf' },
      );
      const deep = await shownAt.jsonValue();
      samples.deepLink.push(deep.at);
      if (deep.beforeIndex) samples.deepLinkBeforeIndex += 1;
      progress(`idea by its link ${ms(deep.at)}${deep.beforeIndex ? ' (before the space index was read)' : ''}`);
      await linked.stop();
    }
    results.push({ pass, samples });
  }

  const header = ['', ...results.map((r) => (r.pass.throttle > 1 ? `CPU ${r.pass.throttle}x: median` : 'median')), ...results.map((r) => (r.pass.throttle > 1 ? `CPU ${r.pass.throttle}x: min–max` : 'min–max'))];
  const row = (label, key) => [
    label,
    ...results.map((r) => ms(median(r.samples[key]))),
    ...results.map((r) => (r.samples[key].length ? `${ms(Math.min(...r.samples[key]))}–${ms(Math.max(...r.samples[key]))}` : '–')),
  ];
  console.log(`Cold start offline (Chromium relaunched per run), ${passes.map((p) => `${p.runs} runs at ${p.throttle}x`).join(', ')}; times from navigation start, then from the event:`);
  console.log(
    table([
      header,
      row('load → data-app-ready', 'ready'),
      row(`load → list kept from the last start (first ${shown}) in the DOM`, 'kept'),
      row('  … next frame', 'keptFrame'),
      row('  … first contentful paint', 'paint'),
      row(`load → live list (first ${shown} of ${N}) in the DOM`, 'list'),
      row('  … next frame', 'listFrame'),
      row('open an idea as soon as the list shows → « Titre » filled (DOM)', 'early'),
      row('load /idees/<id> (a link) → « Titre » filled (checked every frame)', 'deepLink'),
      row(`filter « ${SEARCH_WORD} » → ${expectMatches} items (DOM)`, 'search'),
      row('  … next frame', 'searchFrame'),
      row(`clear filter → ${shown} items (DOM)`, 'clear'),
      row('  … next frame', 'clearFrame'),
      row(`filter again, every card read → ${expectMatches} items (DOM)`, 'again'),
      row('open an idea → « Titre » filled (DOM)', 'open'),
      row('  … next frame', 'openFrame'),
      row(`back to the list → ${shown} items (DOM)`, 'back'),
      row('  … next frame', 'backFrame'),
      row('calibration: 20 M-iteration JS loop', 'busy'),
    ]),
  );
  const stepNames = [...new Set(results.flatMap((r) => Object.keys(r.samples.steps)))];
  stepNames.sort((a, b) => median(results[0].samples.steps[a] ?? [Infinity]) - median(results[0].samples.steps[b] ?? [Infinity]));
  console.log('Where the time to the list goes: each step from navigation start (medians; the app\'s own marks are `demineurs:*` on the performance timeline):');
  console.log(
    table([
      ['', ...results.map((r) => (r.pass.throttle > 1 ? `CPU ${r.pass.throttle}x` : 'unthrottled'))],
      ...stepNames.map((step) => [step, ...results.map((r) => (r.samples.steps[step] ? ms(median(r.samples.steps[step])) : '–'))]),
      ['kept list in the DOM', ...results.map((r) => ms(median(r.samples.kept)))],
      ['live list in the DOM', ...results.map((r) => ms(median(r.samples.list)))],
    ]),
  );
  for (const r of results) console.log(`the list kept from the last start showed first in ${r.samples.kept.length} of ${r.pass.runs} runs at ${r.pass.throttle}x`);
  for (const r of results) console.log(`opened early: the device was still reading its documents in ${r.samples.earlyLoading} of ${r.pass.runs} runs at ${r.pass.throttle}x`);
  for (const r of results) console.log(`opened by its link: shown before the space index was read in ${r.samples.deepLinkBeforeIndex} of ${r.pass.runs} runs at ${r.pass.throttle}x`);
  console.log(`an opened idea shows ${passes[0].idea}`);
  for (const r of results) console.log(`status during the ${r.pass.throttle > 1 ? `${r.pass.throttle}x` : 'unthrottled'} runs: ${r.pass.status}`);
  console.log('');

  // 4. Keystroke → durable, unthrottled.
  if (keystrokes > 0) {
    const { page, stop } = await launch(profile, { offline: true, throttle: 1 });
    await page.addInitScript(pageInit, init);
    const k = Math.floor(N / 2);
    const id = ideaIds[k];
    await page.goto(`${server.url}/idees/${id}`);
    await page.waitForFunction((title) => document.getElementById('idea-title')?.value === title, titles[k], { timeout: WAIT_MS });
    const field = page.getByLabel('Titre', { exact: true });
    await field.focus();
    await page.keyboard.press('End');
    const poll = [];
    const whileLoading = [];
    const complete = [];
    let polls = 0;
    for (let n = 0; n < keystrokes; n++) {
      await page.evaluate((doc) => window.__bench.armDurable(doc), id);
      await page.keyboard.press(String.fromCharCode(97 + (n % 26)));
      const r = await evaluate(page, 'keystroke', () => window.__bench.pending, undefined, 30_000);
      poll.push(r.poll);
      if (r.loading) whileLoading.push(r.poll);
      if (r.complete !== null) complete.push(r.complete);
      polls += r.polls;
      await page.waitForTimeout(100);
    }
    const typed = await field.inputValue();
    if (!typed.endsWith(Array.from({ length: Math.min(keystrokes, 26) }, (_, n) => String.fromCharCode(97 + n)).join('').slice(-Math.min(keystrokes, 26)))) {
      console.log(`  warning: the title reads « ${typed} »`);
    }
    const longTasks = await page.evaluate(() => window.__bench.longTasks);
    await stop();
    console.log(`Keystroke in « Titre » → durable in IndexedDB, ${keystrokes} keystrokes from the moment the idea shows (it is read ahead: the device still reads its other documents during the first ${whileLoading.length}), unthrottled, offline:`);
    console.log(
      table([
        ['', 'median', 'p95', 'max'],
        ['keydown → new chunk readable (2nd connection, polling)', ms(median(poll)), ms(pct(poll, 95)), ms(Math.max(...poll))],
        ['keydown → app\'s readwrite transaction `complete`', ms(median(complete)), ms(pct(complete, 95)), ms(Math.max(...complete))],
        ...(whileLoading.length > 0
          ? [[`  of which while the device still reads (${whileLoading.length})`, ms(median(whileLoading)), ms(pct(whileLoading, 95)), ms(Math.max(...whileLoading))]]
          : []),
      ]),
    );
    console.log(
      `  long tasks (≥ 50 ms) on the page from navigation to the last keystroke: ${longTasks.length}${longTasks.length > 0 ? `, longest ${ms(Math.max(...longTasks.map((t) => t.ms)))} (at ${longTasks.map((t) => `${ms(t.at)}: ${ms(t.ms)}`).join(', ')})` : ''}`,
    );
    console.log(`  (${(polls / keystrokes).toFixed(1)} getAllKeys polls per keystroke; ${complete.length}/${keystrokes} completions observed)`);
  }
}

const started = performance.now();
try {
  await main();
  console.log(`\n(whole benchmark: ${(performance.now() - started) / 1000 | 0} s)`);
} catch (error) {
  console.error(`error: ${error?.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
