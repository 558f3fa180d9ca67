/**
 * `parley watch` against a real HTTP server this test starts on 127.0.0.1: conditional requests,
 * new items only, duplicates by URL and by text, back-off through failures, the limits (size,
 * redirects, schemes, timeout), directory sources, and `parley sources`.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Pipeline } from '../../src/pipeline/index.js';
import { createPipeline, projectRoot } from '../../src/pipeline/index.js';
import { connectStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { fetchFeed, loadState, parseSource, readSourceList, sourceHealth, Watcher, type SourceSpec } from '../../src/watch/index.js';

const SEEDS = join(projectRoot, '..', 'shared', 'seeds');
const seeds = readdirSync(SEEDS)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(SEEDS, f), 'utf8').replace(/^\s*date \d{4}-\d{2}-\d{2}\s+/, '').trim());

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
function rss(items: { url: string; text: string; title: string }[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test feed</title><link>http://127.0.0.1/</link>` +
    items.map((i) => `<item><title>${esc(i.title)}</title><link>${esc(i.url)}</link><pubDate>Tue, 10 Feb 2026 10:00:00 GMT</pubDate><description>${esc(i.text)}</description></item>`).join('') +
    `</channel></rss>`
  );
}

// the server: routes the tests change as they go
let server: Server;
let base = '';
const requests: { path: string; ifNoneMatch?: string; ifModifiedSince?: string }[] = [];
let feed = { body: '', etag: '"v1"', lastModified: 'Tue, 10 Feb 2026 10:00:00 GMT' };
let downStatus = 500;
const hanging: ServerResponse[] = [];

function handler(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? '/';
  requests.push({ path, ifNoneMatch: req.headers['if-none-match'] as string | undefined, ifModifiedSince: req.headers['if-modified-since'] as string | undefined });
  if (path === '/feed.rss') {
    if (req.headers['if-none-match'] === feed.etag) {
      res.writeHead(304, { etag: feed.etag });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: feed.etag, 'last-modified': feed.lastModified });
    res.end(feed.body);
  } else if (path === '/down.rss') {
    if (downStatus === 200) {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss([{ url: 'http://news.example/up', title: 'Up', text: seeds[4] }]));
    } else {
      res.writeHead(downStatus);
      res.end('service unavailable');
    }
  } else if (path === '/big.rss') {
    // 3 MB without a Content-Length: the cap applies while reading
    res.writeHead(200, { 'content-type': 'application/rss+xml', 'transfer-encoding': 'chunked' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let n = 0;
    const write = () => {
      while (n < 48) {
        n++;
        if (!res.write(chunk)) return void res.once('drain', write);
      }
      res.end();
    };
    res.on('error', () => {});
    write();
  } else if (path === '/big-declared.rss') {
    res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(50 * 1024 * 1024) });
    res.on('error', () => {});
    res.write(' ');
  } else if (path === '/loop') {
    res.writeHead(302, { location: '/loop' });
    res.end();
  } else if (path === '/to-file') {
    res.writeHead(301, { location: 'file:///etc/passwd' });
    res.end();
  } else if (path === '/moved') {
    res.writeHead(301, { location: '/feed.rss' });
    res.end();
  } else if (path === '/slow') {
    hanging.push(res);
  } else if (path === '/not-a-feed') {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><body><nav><a href="/">Home</a></nav></body></html>');
  } else {
    res.writeHead(404);
    res.end();
  }
}

let pipeline: Pipeline;
let dir: string;
before(async () => {
  server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  pipeline = await createPipeline();
  dir = mkdtempSync(join(tmpdir(), 'parley-watch-'));
});
after(async () => {
  for (const r of hanging) r.destroy();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

async function watcher(name: string, sources: SourceSpec[], intervalMs = 60_000): Promise<{ w: Watcher; store: Store; state: string }> {
  const store = await connectStore(join(dir, `${name}.db`));
  const state = join(dir, `${name}.watch.json`);
  const w = new Watcher({ store, sources, statePath: state, intervalMs, fetch: { timeoutMs: 1500, maxBytes: 1024 * 1024 }, analyze: async (raw) => pipeline.analyze(raw) });
  return { w, store, state };
}

test('a feed: new items stored, an unchanged feed costs a 304, then only what is new is taken (by URL and by text)', async () => {
  feed = { body: rss(seeds.slice(0, 3).map((text, i) => ({ url: `http://news.example/a${i}`, title: `A${i}`, text }))), etag: '"v1"', lastModified: 'Tue, 10 Feb 2026 10:00:00 GMT' };
  const { w, store, state } = await watcher('feed', [parseSource(`${base}/feed.rss`)]);
  const [r1] = await w.pollDue(true);
  assert.equal(r1.status, 'ok');
  assert.equal(r1.new, 3);
  assert.equal((await store.stats()).articles, 3);

  requests.length = 0;
  const [r2] = await w.pollDue(true);
  assert.equal(r2.status, 'not-modified');
  assert.equal(requests[0].ifNoneMatch, '"v1"', 'a conditional request');
  assert.equal(requests[0].ifModifiedSince, 'Tue, 10 Feb 2026 10:00:00 GMT');

  // a new item, the old ones again, and an old text under a new URL (a re-post)
  feed = {
    body: rss([
      { url: 'http://news.example/a3', title: 'A3', text: seeds[3] },
      ...seeds.slice(0, 3).map((text, i) => ({ url: `http://news.example/a${i}`, title: `A${i}`, text })),
      { url: 'http://news.example/repost', title: 'Repost', text: seeds[0] },
    ]),
    etag: '"v2"',
    lastModified: 'Tue, 10 Feb 2026 11:00:00 GMT',
  };
  const [r3] = await w.pollDue(true);
  assert.equal(r3.new, 1);
  assert.equal(r3.duplicates, 4);
  assert.equal((await store.stats()).articles, 4);
  // not due again before the interval
  assert.deepEqual(await w.pollDue(), []);
  const [h] = sourceHealth(loadState(state));
  assert.equal(h.status, 'ok');
  assert.equal(h.articlesNew, 4);
  assert.equal(h.notModified, 1);
  await store.close();
});

test('a failing source backs off and recovers; network errors do not stop the other sources', async () => {
  feed = { body: rss([{ url: 'http://news.example/ok', title: 'OK', text: seeds[2] }]), etag: '"x"', lastModified: 'Tue, 10 Feb 2026 10:00:00 GMT' };
  downStatus = 503;
  // a port nobody listens on: connection refused
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const deadPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  const { w, store, state } = await watcher('backoff', [parseSource(`${base}/down.rss`), parseSource(`http://127.0.0.1:${deadPort}/feed.rss`), parseSource(`${base}/feed.rss`)], 1000);
  const waits: number[] = [];
  for (let k = 0; k < 3; k++) {
    const reports = await w.pollDue(true);
    assert.equal(reports[0].status, 'error');
    assert.match(reports[0].error!, /HTTP 503/);
    assert.equal(reports[1].status, 'error');
    assert.match(reports[1].error!, /ECONNREFUSED/);
    assert.notEqual(reports[2].status, 'error', 'the healthy source is polled every time');
    const s = loadState(state).sources[`feed:${base}/down.rss`];
    assert.equal(s.failures, k + 1);
    waits.push(Date.parse(s.nextPoll!) - Date.parse(s.lastPoll!));
  }
  assert.ok(waits[1] > waits[0] && waits[2] > waits[1], `back-off grows: ${waits.join(', ')} ms`);
  assert.ok(waits[0] >= 1000, 'at least the interval');
  assert.equal(sourceHealth(loadState(state)).filter((h) => h.status === 'failing').length, 2);

  downStatus = 200;
  const [up] = await w.pollDue(true);
  assert.equal(up.status, 'ok');
  assert.equal(up.new, 1);
  const health = sourceHealth(loadState(state)).find((h) => h.source.endsWith('/down.rss'))!;
  assert.equal(health.status, 'ok');
  assert.equal(health.failures, 0);
  assert.match(health.lastError!, /HTTP 503/, 'the last error is remembered');
  await store.close();
});

test('HTTP limits: size cap (declared and streamed), redirect loops, non-http redirects, timeouts, only http(s) sources', async () => {
  const opts = { timeoutMs: 800, maxBytes: 1024 * 1024 };
  const big = await fetchFeed(`${base}/big.rss`, opts);
  assert.equal(big.status, 'error');
  assert.match((big as { error: string }).error, /response too large/);
  const declared = await fetchFeed(`${base}/big-declared.rss`, opts);
  assert.match((declared as { error: string }).error, /response too large \(52428800 bytes/);
  const loop = await fetchFeed(`${base}/loop`, opts);
  assert.match((loop as { error: string }).error, /too many redirects \(more than 5\)/);
  const file = await fetchFeed(`${base}/to-file`, opts);
  assert.match((file as { error: string }).error, /redirect to a non-http\(s\) location refused: file:\/\/\/etc\/passwd/);
  const t0 = Date.now();
  const slow = await fetchFeed(`${base}/slow`, opts);
  assert.match((slow as { error: string }).error, /timed out after 0.8 s/);
  assert.ok(Date.now() - t0 < 5000);
  const moved = await fetchFeed(`${base}/moved`, opts);
  assert.equal(moved.status, 'ok');
  assert.equal(moved.url, `${base}/feed.rss`);
  assert.throws(() => parseSource('file:///etc/passwd'), /only http:\/\/ and https:\/\/ feeds are polled/);
  assert.throws(() => parseSource('ftp://example.org/feed'), /only http/);
  assert.throws(() => parseSource(join(dir, 'no-such-dir')), /no such directory/);
  // a page that is not a feed is a failure of the source, named
  const { w, store } = await watcher('notfeed', [parseSource(`${base}/not-a-feed`)]);
  const [r] = await w.pollDue(true);
  assert.equal(r.status, 'error');
  assert.match(r.error!, /not-a-feed: HTML page with no article text/);
  await store.close();
});

test('a directory source: files that appear are ingested on the next poll, unchanged ones are not read again', async () => {
  const inbox = join(dir, 'inbox');
  mkdirSync(inbox);
  const old = (p: string) => utimesSync(p, new Date(Date.now() - 10_000), new Date(Date.now() - 10_000));
  writeFileSync(join(inbox, 'one.txt'), seeds[0]);
  old(join(inbox, 'one.txt'));
  const { w, store } = await watcher('dir', [parseSource(inbox)]);
  const [r1] = await w.pollDue(true);
  assert.equal(r1.new, 1);
  const [r2] = await w.pollDue(true);
  assert.equal(r2.new + r2.duplicates, 0, 'nothing re-read');
  writeFileSync(join(inbox, 'two.jsonl'), JSON.stringify({ id: 'two', text: seeds[1] }) + '\n' + '{"broken": \n');
  old(join(inbox, 'two.jsonl'));
  const [r3] = await w.pollDue(true);
  assert.equal(r3.new, 1);
  assert.equal(r3.rejected.length, 1);
  assert.match(r3.rejected[0], /two\.jsonl:2: invalid JSON/);
  assert.equal((await store.stats()).articles, 2);
  await store.close();
});

test('a source list file; parley watch --once and parley sources (CLI)', async () => {
  feed = { body: rss([{ url: 'http://news.example/cli', title: 'CLI', text: seeds[1] }]), etag: '"cli"', lastModified: 'Tue, 10 Feb 2026 10:00:00 GMT' };
  const list = join(dir, 'sources.txt');
  writeFileSync(list, `# feeds\n${base}/feed.rss   # the test feed\n\n${base}/down.rss\n`);
  assert.equal(readSourceList(list).length, 2);
  writeFileSync(join(dir, 'bad-sources.txt'), `${base}/feed.rss\nftp://x/y\n`);
  assert.throws(() => readSourceList(join(dir, 'bad-sources.txt')), /bad-sources\.txt:2: ftp:\/\/x\/y: only http/);
  downStatus = 500;
  const db = join(dir, 'cli.db');
  const cli = (args: string[]) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const c = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/cli/main.ts'), ...args], { cwd: projectRoot });
      let out = '';
      let err = '';
      c.stdout.on('data', (d) => (out += d));
      c.stderr.on('data', (d) => (err += d));
      c.on('close', (code) => resolve({ code, out, err }));
    });
  const r = await cli(['watch', '--sources-file', list, '--db', db, '--once', '--json']);
  assert.equal(r.code, 1, r.err); // one source failed
  const s = JSON.parse(r.out.trim());
  assert.equal(s.new, 1);
  assert.equal(s.errors, 1);
  assert.match(r.err, /down\.rss: HTTP 500/);
  const h = await cli(['sources', '--db', db]);
  assert.equal(h.code, 1);
  assert.match(h.out, new RegExp(`ok +${base.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/feed\\.rss`));
  assert.match(h.out, /FAILING .*down\.rss/);
  assert.match(h.out, /last error \(1 in a row\): HTTP 500/);
  const j = await cli(['sources', '--db', db, '--json']);
  assert.equal(j.out.trim().split('\n').length, 2);
  downStatus = 500;
});
