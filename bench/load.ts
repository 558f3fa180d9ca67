/**
 * `npm run bench:load`: `parley serve` under 1,000 concurrent connections, and hostile requests.
 *
 *  1. a SQLite store of `--size` articles (default 50,000) is filled as bench/api.ts fills it: the
 *     SlavicNER development articles and the seeds analysed by the default pipeline once, then
 *     variants of them under other ids and dates, written through the store's `putArticle` (the
 *     corpus updaters run as on ingest). `--db PATH --keep` builds it once and reuses it.
 *  2. `parley serve` (the real CLI, a child process, a write token set) listens on 127.0.0.1 only;
 *     the per-address rate limit is off for the load runs (one client address sends everything
 *     here: with it on, the bench would only measure the limiter) and checked on its own at the end.
 *  3. autocannon (in this process, one worker thread) opens `--connections` (1,000) connections to
 *     127.0.0.1 and sends GET requests on the read routes for `--duration` seconds per phase
 *     (each connection's requests time out after 10 s), each request drawn from a list of ~300 URLs
 *     (search words of the articles, ru/uk, frequent and rare; list filters by month, language,
 *     type; single articles, entities, claims, stories, actors). Phases:
 *       - "closed": every connection sends its next request when its answer arrives (the most load
 *         1,000 connections make: latency = connections / throughput);
 *       - "open":   the same 1,000 connections, `--rate` requests/s in total (users who read the
 *         answer before asking again);
 *     p50/p90/p99/max latency, requests/s, non-2xx answers, errors and timeouts; the server's CPU
 *     time from /proc.
 *  4. hostile requests, each asserted (the bench exits 1 if one fails): writes without or with a
 *     wrong token (401), an oversized body (413), malformed bodies (4xx, never 5xx, nothing stored),
 *     path traversal in static paths, ids and query strings (no file outside the web root served),
 *     SQL injection in every string parameter (answered as the literal text: no extra rows, nothing
 *     dropped; the article count and a checksum of the tables are unchanged), and the rate limit of
 *     a server with the default limit (429 past 600 requests/minute).
 *
 *   npm run bench:load                                   the whole run (fill ~5-10 min on a quiet core)
 *   npm run bench:load -- --db /tmp/load.db --keep       build once, reuse
 *   npm run bench:load -- --duration 20 --rate 2000 --json
 *   npm run bench:load -- --phases none                  the hostile requests only
 *   npm run bench:load -- --workers 1                    one serving process (default: one per core)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { Doc } from '../src/doc/model.js';
import { readInputs } from '../src/ingest/index.js';
import { createPipeline, projectRoot } from '../src/pipeline/index.js';
import { openStore } from '../src/store/index.js';

const SHARED = join(projectRoot, '..', 'shared');
const RAW = join(SHARED, 'data', 'slavicner', 'raw');
const SEEDS = join(SHARED, 'seeds');
const TOKEN = 'bench-load-token-' + Math.random().toString(36).slice(2);

function args() {
  const a = process.argv.slice(2);
  const val = (k: string) => {
    const i = a.indexOf(k);
    return i >= 0 ? a[i + 1] : undefined;
  };
  return {
    size: Number(val('--size') ?? 50000),
    connections: Number(val('--connections') ?? 1000),
    duration: Number(val('--duration') ?? 30),
    rate: Number(val('--rate') ?? 1000),
    phases: (val('--phases') ?? 'closed,open').split(','),
    db: val('--db'),
    keep: a.includes('--keep'),
    json: a.includes('--json'),
    fillOnly: a.includes('--fill-only'),
    /** `parley serve --workers N`; default one per core */
    workers: Number(val('--workers') ?? availableParallelism()),
  };
}

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (e.name.endsWith('.txt')) out.push(p);
  }
  return out;
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const log = (s: string) => process.stderr.write(s + '\n');

function shift(date: string | null, days: number): string {
  const base = Date.parse(date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : '2024-01-01');
  return new Date(base + days * 86400000).toISOString().slice(0, 10);
}

async function analyse(): Promise<Doc[]> {
  const pipeline = await createPipeline();
  const docs: Doc[] = [];
  const seen = new Set<string>();
  for await (const r of readInputs([...files(RAW), ...files(SEEDS)])) {
    if (!r.ok) continue;
    const doc = pipeline.analyze(r.article);
    if (seen.has(doc.id)) continue;
    seen.add(doc.id);
    docs.push(doc);
  }
  return docs;
}

interface Vocabulary {
  ru: string[];
  uk: string[];
  ids: string[];
}

/** Query words: the articles' own words by language, spread from frequent to rare. */
function vocabulary(docs: Doc[]): Vocabulary {
  const freq = { ru: new Map<string, number>(), uk: new Map<string, number>() };
  for (const d of docs) {
    const m = freq[d.lang as 'ru' | 'uk'];
    if (!m) continue;
    for (const t of d.layers.tokens ?? []) if (t.kind === 'word' && t.text.length >= 5 && /^[А-ЯІЇЄҐа-яіїєґё]+$/i.test(t.text)) m.set(t.text, (m.get(t.text) ?? 0) + 1);
  }
  const pick = (m: Map<string, number>) => {
    const sorted = [...m.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
    const out: string[] = [];
    for (let i = 0; out.length < 80 && i < sorted.length; i += Math.max(1, Math.floor(sorted.length / 80))) out.push(sorted[i]);
    return out;
  };
  return { ru: pick(freq.ru), uk: pick(freq.uk), ids: docs.map((d) => d.id) };
}

async function fill(path: string, size: number): Promise<{ articles: number; voc: Vocabulary }> {
  const store = openStore(path);
  const have = (await store.stats()).articles;
  const docs = await analyse();
  log(`analysed ${docs.length} development articles`);
  let n = have;
  const t0 = performance.now();
  if (have >= size) log(`${path} holds ${have} articles already`);
  else {
    for (let k = 0; n < size; k++) {
      for (const [i, d] of docs.entries()) {
        if (n >= size) break;
        const id = k === 0 ? d.id : `${d.id}~v${k}`;
        const r = await store.putArticle(k === 0 ? d : { ...d, id, published: shift(d.published, (k * 53 + i * 7) % 1100) });
        if (r.status === 'new') n++;
      }
      log(`  ${n} articles stored (${r1((performance.now() - t0) / 1000)} s)`);
    }
  }
  await store.close();
  return { articles: n, voc: vocabulary(docs) };
}

/** CPU ms a process and its children (the workers of `serve --workers N`) have used (utime + stime from /proc). */
function cpuOf(pid: number): number {
  const one = (p: number | string) => {
    const f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
    return { ppid: Number(f[1]), ms: ((Number(f[11]) + Number(f[12])) * 1000) / 100 };
  };
  try {
    let ms = one(pid).ms;
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d) || Number(d) === pid) continue;
      try {
        const s = one(d);
        if (s.ppid === pid) ms += s.ms;
      } catch {
        // gone meanwhile
      }
    }
    return ms;
  } catch {
    return NaN;
  }
}

async function serve(db: string, rateLimit: number, workers = 1): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const cmd = ['--import', 'tsx', join(projectRoot, 'src/cli/main.ts'), 'serve', '--db', db, '--host', '127.0.0.1', '--port', '0', '--rate-limit', String(rateLimit), '--no-ui', '--workers', String(workers)];
  const child = spawn(process.execPath, cmd, { cwd: projectRoot, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, PARLEY_TOKEN: TOKEN } });
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d) => {
      err += d;
      const m = /serving .* at (http:\/\/\S+?)\/? /.exec(err);
      if (m) resolve(m[1].replace('localhost', '127.0.0.1'));
    });
    child.on('exit', (c) => reject(new Error(`serve exited ${c}: ${err}`)));
  });
  child.stderr.on('data', (d) => {
    if (err.length < 20000) err += d;
  });
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The read requests the load phases draw from. */
function readPaths(voc: Vocabulary): string[] {
  const months = Array.from({ length: 36 }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  const e = encodeURIComponent;
  const out: string[] = [];
  for (let i = 0; i < 80; i++) {
    out.push(`/api/search?q=${e(voc.ru[i % voc.ru.length])}&limit=20`);
    out.push(`/api/search?q=${e(voc.uk[i % voc.uk.length])}&limit=20`);
    if (i % 2 === 0) out.push(`/api/search?q=${e(voc.ru[i % voc.ru.length] + ' ' + voc.ru[(i * 7 + 3) % voc.ru.length])}&limit=20`);
    if (i % 4 === 0) out.push(`/api/search?q=${e(voc.ru[(i * 3) % voc.ru.length])}&lang=ru&from=${months[i % 36]}&limit=20`);
  }
  for (let i = 0; i < 36; i++) {
    out.push(`/api/articles?limit=50&from=${months[i]}&to=${months[i]}`);
    if (i % 3 === 0) out.push(`/api/articles?limit=50&lang=${i % 2 ? 'ru' : 'uk'}`);
    if (i % 4 === 0) out.push(`/api/events?limit=50&type=CONSULT&from=${months[i]}`);
    if (i % 4 === 1) out.push(`/api/quotes?limit=50&lang=${i % 2 ? 'ru' : 'uk'}`);
  }
  for (let i = 0; i < 60; i++) out.push(`/api/articles/${e(voc.ids[(i * 13) % voc.ids.length] + (i % 3 ? `~v${i % 50}` : ''))}`);
  out.push('/api/articles?limit=50', '/api/entities?limit=50', '/api/entities?limit=50&type=PER', '/api/quotes?limit=50', '/api/events?limit=50');
  out.push('/api/claims?limit=50', '/api/stories?limit=50', '/api/actors?limit=50', '/api/stats', '/api/health');
  return out;
}

interface Phase {
  name: string;
  connections: number;
  durationS: number;
  requests: number;
  rps: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  status: Record<string, number>;
  non2xx: number;
  errors: number;
  timeouts: number;
  serverCpuMsPerRequest: number;
  serverCpuCores: number;
  load: number[];
}

async function loadPhase(name: string, url: string, pid: number, paths: string[], o: ReturnType<typeof args>, rate?: number): Promise<Phase> {
  let k = 0;
  const cpu0 = cpuOf(pid);
  const t0 = performance.now();
  const res = await autocannon({
    url,
    connections: o.connections,
    duration: o.duration,
    overallRate: rate,
    timeout: 10,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[k++ % paths.length] }) }],
  });
  const wall = (performance.now() - t0) / 1000;
  const cpu = cpuOf(pid) - cpu0;
  const status: Record<string, number> = {};
  for (const c of ['1xx', '2xx', '3xx', '4xx', '5xx'] as const) if ((res as any)[c]) status[c] = (res as any)[c];
  const p: Phase = {
    name,
    connections: o.connections,
    durationS: r1(wall),
    requests: res.requests.total,
    rps: Math.round(res.requests.total / wall),
    latencyMs: { p50: res.latency.p50, p90: res.latency.p90, p99: res.latency.p99, max: res.latency.max, mean: r1(res.latency.mean) },
    status,
    non2xx: res.non2xx,
    errors: res.errors,
    timeouts: res.timeouts,
    serverCpuMsPerRequest: Math.round((cpu / Math.max(1, res.requests.total)) * 100) / 100,
    serverCpuCores: Math.round((cpu / 1000 / wall) * 100) / 100,
    load: loadavg().map(r1),
  };
  log(
    `${name}: ${p.requests} requests in ${p.durationS} s (${p.rps}/s), latency p50 ${p.latencyMs.p50} p90 ${p.latencyMs.p90} p99 ${p.latencyMs.p99} max ${p.latencyMs.max} ms; ` +
      `status ${JSON.stringify(status)}, errors ${p.errors}, timeouts ${p.timeouts}; server CPU ${p.serverCpuMsPerRequest} ms/request (${p.serverCpuCores} cores); load ${p.load.join(' ')}`,
  );
  return p;
}

// ------------------------------------------------------------------ hostile requests

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

async function req(url: string, init: RequestInit = {}): Promise<{ status: number; body: string }> {
  const r = await fetch(url, init);
  return { status: r.status, body: await r.text() };
}

/** A raw HTTP/1.1 request: paths that fetch would normalise (`/../`) are sent as written. */
async function raw(url: string, path: string): Promise<{ status: number; body: string }> {
  const { connect } = await import('node:net');
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const s = connect(Number(u.port), u.hostname);
    let data = '';
    s.setEncoding('latin1');
    s.on('data', (d) => (data += d));
    s.on('error', reject);
    s.on('end', () => {
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    });
    s.write(`GET ${path} HTTP/1.1\r\nHost: ${u.host}\r\nConnection: close\r\n\r\n`);
  });
}

/** A POST over a raw socket: the body is written in 64 kB pieces until the server answers. */
async function rawPost(url: string, path: string, headers: Record<string, string>, body: Buffer, chunked = false): Promise<{ status: number; body: string }> {
  const { connect } = await import('node:net');
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = connect(Number(u.port), u.hostname);
    let data = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      s.destroy();
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(data)?.[1] ?? 0), body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    };
    s.setEncoding('latin1');
    s.on('data', (d) => {
      data += d;
      if (/\r\n\r\n/.test(data)) setTimeout(finish, 50);
    });
    s.on('error', finish);
    s.on('close', finish);
    s.write(`POST ${path} HTTP/1.1\r\nHost: ${u.host}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`);
    let at = 0;
    const more = () => {
      while (!done && at < body.length) {
        const piece = body.subarray(at, at + 65536);
        at += piece.length;
        const ok = s.write(chunked ? Buffer.concat([Buffer.from(piece.length.toString(16) + '\r\n'), piece, Buffer.from('\r\n')]) : piece);
        if (!ok) return void s.once('drain', more);
      }
      if (!done && chunked) s.write('0\r\n\r\n');
    };
    more();
  });
}

/** A fingerprint of the stored data: article count and counts of every layer. */
async function fingerprint(url: string): Promise<string> {
  const s = JSON.parse((await req(url + '/api/stats')).body);
  return JSON.stringify([s.articles, s.entities, s.mentions, s.quotes, s.events, s.times, s.attributions]);
}

async function hostile(url: string, voc: Vocabulary, db: string): Promise<Check[]> {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => {
    checks.push({ name, ok, detail });
    log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`);
  };
  const before = await fingerprint(url);
  const article = JSON.stringify({ id: 'bench-load-write', text: 'Министр иностранных дел России Сергей Лавров провёл переговоры с главой МИД Турции.' });
  const json = { 'content-type': 'application/json' };

  // writes need the token
  let r = await req(url + '/api/articles', { method: 'POST', headers: json, body: article });
  check('write without token', r.status === 401, `POST /api/articles -> ${r.status}`);
  r = await req(url + '/api/articles', { method: 'POST', headers: { ...json, authorization: 'Bearer wrong-token-wrong-token' }, body: article });
  check('write with a wrong token', r.status === 401 || r.status === 403, `-> ${r.status}`);
  r = await req(url + '/api/articles', { method: 'POST', headers: { ...json, authorization: `Basic ${Buffer.from('a:' + TOKEN).toString('base64')}` }, body: article });
  check('write with the token in the wrong scheme', r.status === 401 || r.status === 403, `Basic -> ${r.status}`);
  for (const m of ['PUT', 'DELETE', 'PATCH']) {
    r = await req(url + `/api/articles/${encodeURIComponent(voc.ids[0])}`, { method: m, headers: { authorization: `Bearer ${TOKEN}` } });
    check(`${m} on an article`, r.status === 404 || r.status === 405, `-> ${r.status}`);
  }
  const auth = { authorization: `Bearer ${TOKEN}` };
  // oversized and malformed bodies (with the token: the body itself must be refused)
  // the server answers 413 and closes as soon as it knows: the upload is sent over a raw socket that
  // stops writing when the answer arrives (fetch reports the early close as an error)
  const big = Buffer.alloc(11 * 1024 * 1024, 'x');
  r = await rawPost(url, '/api/articles', { 'content-type': 'application/json', ...auth, 'content-length': String(big.length) }, big);
  check('oversized body (11 MiB, Content-Length)', r.status === 413, `-> ${r.status}`);
  r = await rawPost(url, '/api/articles', { 'content-type': 'application/json', ...auth, 'transfer-encoding': 'chunked' }, big, true);
  check('oversized body (11 MiB, chunked, no length)', r.status === 413, `-> ${r.status}`);
  const malformed: [string, string, string][] = [
    ['truncated JSON', 'application/json', '{"id": "x", "text": "Лавров'],
    ['JSON with a non-string text', 'application/json', '{"id": "x", "text": {"a": 1}}'],
    ['JSON nesting bomb', 'application/json', '['.repeat(100000) + ']'.repeat(100000)],
    ['binary as JSON', 'application/json', '\u0000\u0001\u0002\u00ff'.repeat(1000)],
    ['empty body', 'application/json', ''],
    ['unknown content type', 'image/png', '\x89PNG\r\n'],
  ];
  for (const [name, type, body] of malformed) {
    const t = performance.now();
    r = await req(url + '/api/articles', { method: 'POST', headers: { 'content-type': type, ...auth }, body });
    const ms = Math.round(performance.now() - t);
    const leaked = r.body.includes('root:x:0:0');
    check(`malformed body: ${name}`, r.status >= 400 && r.status < 500 && !leaked && ms < 10000, `-> ${r.status} in ${ms} ms${leaked ? ' LEAKED /etc/passwd' : ''}: ${r.body.slice(0, 120)}`);
  }
  // XML entities in a feed: refused, or read with the entities left unexpanded (no 10^7 'a', no file)
  const entityFeeds: [string, string][] = [
    ['billion laughs feed',
      '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]><rss><channel><item><title>Laughs &g;</title><description>Лавров провёл переговоры &g; с главой МИД Турции в Анкаре.</description></item></channel></rss>'],
    ['external entity feed',
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><title>External</title><description>Лавров провёл переговоры &x; с главой МИД Турции в Анкаре.</description></item></channel></rss>'],
  ];
  let accepted = 0;
  for (const [name, body] of entityFeeds) {
    const t = performance.now();
    r = await req(url + '/api/articles', { method: 'POST', headers: { 'content-type': 'application/rss+xml', ...auth }, body });
    const ms = Math.round(performance.now() - t);
    let stored = '';
    if (r.status === 200) {
      for (const it of (JSON.parse(r.body).items ?? []) as { id: string; status: string }[]) {
        if (it.status === 'new') accepted++;
        stored += (await req(url + `/api/articles/${encodeURIComponent(it.id)}`)).body;
      }
    }
    const expanded = /a{100}/.test(stored) || /a{100}/.test(r.body);
    const leaked = stored.includes('root:x:0:0') || r.body.includes('root:x:0:0');
    check(`entity expansion: ${name}`, r.status < 500 && !expanded && !leaked && ms < 10000, `-> ${r.status} in ${ms} ms${expanded ? ' EXPANDED' : ''}${leaked ? ' LEAKED /etc/passwd' : ''}, stored ${stored.length} bytes`);
  }
  const expectedAfter = JSON.stringify(JSON.parse(before).map((x: number, i: number) => (i === 0 ? x + accepted : x)));
  const afterWrites = await fingerprint(url);
  check('nothing stored by refused writes', JSON.parse(afterWrites)[0] === JSON.parse(expectedAfter)[0], `articles ${JSON.parse(before)[0]} -> ${JSON.parse(afterWrites)[0]} (${accepted} feed items read without their entities)`);
  const baseline = afterWrites;

  // path traversal: nothing outside the web root / the store is served
  const secret = /root:x:0:0|"name":\s*"parley"|better-sqlite3|SQLite format 3|PRIVATE KEY/;
  const dbName = db.split('/').pop()!;
  const traversal = [
    '/../../../../etc/passwd',
    '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/assets/../../package.json',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/..%5c..%5cpackage.json',
    '/docs/static/../../../../etc/passwd',
    '/docs/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/api/articles/..%2f..%2f..%2fetc%2fpasswd',
    '/api/articles/%2e%2e%2f%2e%2e%2fpackage.json',
    `/${encodeURIComponent('../' + dbName)}`,
    '/api/export?format=../../etc/passwd',
    '/feeds/../../etc/passwd',
    '/%00/etc/passwd',
    '/api/articles/' + '%2e%2e%2f'.repeat(40) + 'etc%2fpasswd',
  ];
  for (const p of traversal) {
    r = await raw(url, p);
    check(`path traversal ${p.slice(0, 60)}`, r.status !== 500 && r.status !== 0 && !secret.test(r.body), `-> ${r.status}${secret.test(r.body) ? ' SERVED A FILE' : ''}`);
  }

  // SQL injection in every string parameter: answered as literal text
  const inj = ["' OR '1'='1", "'; DROP TABLE articles; --", '" OR ""="', "%' OR 1=1 --", "ru') UNION SELECT sql, 1, 1, 1, 1, 1, 1, 1 FROM sqlite_master --", '1; SELECT pg_sleep(5)', "\\'; DELETE FROM articles WHERE '1'='1"];
  const e = encodeURIComponent;
  for (const s of inj) {
    const probes: [string, (b: any) => boolean][] = [
      [`/api/articles?lang=${e(s)}`, (b) => (b.items ?? b).length === 0],
      [`/api/articles?outlet=${e(s)}`, (b) => (b.items ?? b).length === 0],
      [`/api/articles?from=${e(s)}`, () => false],
      [`/api/articles/${e(s)}`, () => false],
      // words of the probe searched as words: every hit contains them as text (no OR 1=1)
      [`/api/search?q=${e(s)}&limit=5`, (b) => Array.isArray(b.items) && b.total <= JSON.parse(baseline)[0] && b.items.every((h: any) => h.matches?.length > 0)],
      [`/api/search?q=${e('Лавров')}&lang=${e(s)}`, (b) => b.total === 0],
      [`/api/entities?name=${e(s)}`, (b) => (b.items ?? b).length === 0],
      [`/api/entities/${e(s)}`, () => false],
      [`/api/quotes?speaker=${e(s)}`, (b) => (b.items ?? b).length === 0],
      [`/api/events?actor=${e(s)}`, (b) => (b.items ?? b).length === 0],
      [`/api/events?type=${e(s)}`, (b) => (b.items ?? b).length === 0],
      [`/api/claims?actor=${e(s)}`, (b) => (b.items ?? b).length === 0],
      [`/api/claims/${e(s)}`, () => false],
      [`/api/stories/${e(s)}`, () => false],
      [`/api/actors?q=${e(s)}`, (b) => (b.items ?? b).length === 0],
    ];
    for (const [p, okBody] of probes) {
      const t = performance.now();
      r = await req(url + p);
      const ms = Math.round(performance.now() - t);
      let body: unknown = null;
      try {
        body = JSON.parse(r.body);
      } catch {
        /* not JSON */
      }
      // a 200 must hold nothing the literal text does not match; 400/404 are refusals
      const ok = ms < 4000 && (r.status === 400 || r.status === 404 || (r.status === 200 && body !== null && okBody(body)));
      check(`injection ${p.slice(0, 70)}`, ok, `-> ${r.status} in ${ms} ms: ${r.body.slice(0, 100)}`);
    }
  }
  const after = await fingerprint(url);
  check('data unchanged after the probes', after === baseline, `stats ${baseline} -> ${after}`);
  return checks;
}

/** Waits until the server answers /api/health with 200 three times in a row (or `ms` pass). */
/** A GET on a connection of its own (closed after), so the cluster's primary picks the next worker. */
async function getOnNewConnection(url: string): Promise<number> {
  const { get } = await import('node:http');
  return new Promise((resolve) => {
    const r = get(url, { agent: false, headers: { connection: 'close' }, timeout: 20000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    r.on('timeout', () => r.destroy());
    r.on('error', () => resolve(0));
  });
}

async function settled(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  let ok = 0;
  while (ok < 3 && Date.now() < end) {
    try {
      const r = await fetch(url + '/api/health', { signal: AbortSignal.timeout(5000) });
      await r.arrayBuffer();
      ok = r.status === 200 ? ok + 1 : 0;
    } catch {
      ok = 0;
    }
    if (ok < 3) await new Promise((res) => setTimeout(res, 250));
  }
  log(ok >= 3 ? 'server settled after the load phases' : `server still not answering /api/health after ${ms / 1000} s`);
}

async function rateLimitCheck(db: string): Promise<Check> {
  const server = await serve(db, 600);
  try {
    const statuses: Record<number, number> = {};
    for (let i = 0; i < 650; i++) {
      const r = await fetch(server.url + '/api/health');
      await r.arrayBuffer();
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    }
    const ok = (statuses[200] ?? 0) === 600 && (statuses[429] ?? 0) === 50;
    log(`${ok ? 'ok  ' : 'FAIL'} rate limit 600/min: ${JSON.stringify(statuses)}`);
    return { name: 'rate limit (600 requests/minute per address, default)', ok, detail: JSON.stringify(statuses) };
  } finally {
    await server.stop();
  }
}

async function main() {
  const o = args();
  const dir = o.db ? null : mkdtempSync(join(tmpdir(), 'parley-bench-load-'));
  const db = o.db ?? join(dir!, 'load.db');
  try {
    const built = await fill(db, o.size);
    log(`store: ${built.articles} articles`);
    if (o.fillOnly) return;
    const server = await serve(db, 0, o.workers);
    const phases: Phase[] = [];
    let singles: { route: string; n: number; medianMs: number; maxMs: number }[] = [];
    let checks: Check[] = [];
    try {
      const paths = readPaths(built.voc);
      // warm-up: every path once (the caches of the OS and SQLite, V8's compilation)
      // (one request at a time: each path's own latency on the idle server, the slowest listed)
      const single: { path: string; ms: number; status: number }[] = [];
      for (const p of o.phases.includes('none') ? [] : paths) {
        const t = performance.now();
        try {
          const res = await fetch(server.url + p, { signal: AbortSignal.timeout(20000) });
          await res.arrayBuffer();
          single.push({ path: p, ms: Math.round(performance.now() - t), status: res.status });
        } catch {
          single.push({ path: p, ms: Math.round(performance.now() - t), status: 0 }); // timed out (20 s)
        }
      }
      // every worker of `serve --workers N` keeps its own answer cache: the pass above went over one
      // keep-alive connection, so one worker; N - 1 more passes, each request on a new connection
      // (the primary hands connections to the workers in turn), warm the others
      if (o.workers > 1 && !o.phases.includes('none')) {
        let sent = 0;
        for (let round = 1; round < o.workers; round++) {
          for (const p of paths) {
            await getOnNewConnection(server.url + p);
            sent++;
          }
          // with a count of paths divisible by N, the next round would meet the same workers again
          if (paths.length % o.workers === 0) await getOnNewConnection(server.url + '/api/health');
        }
        log(`warmed the other ${o.workers - 1} worker(s): ${sent} requests on new connections`);
      }
      single.sort((x, y) => y.ms - x.ms);
      const routeOf = (p: string) => p.replace(/\?.*/, '').replace(/^\/api\/articles\/.*/, '/api/articles/:id');
      const byRoute = new Map<string, number[]>();
      for (const x of single) (byRoute.get(routeOf(x.path)) ?? byRoute.set(routeOf(x.path), []).get(routeOf(x.path))!).push(x.ms);
      singles = [...byRoute].map(([route, ms]) => ({ route, n: ms.length, medianMs: ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)], maxMs: ms[ms.length - 1] }));
      for (const r of singles) log(`one at a time: ${r.route.padEnd(22)} ${String(r.n).padStart(4)} paths, median ${r.medianMs} ms, max ${r.maxMs} ms`);
      log(`slowest: ${single.slice(0, 8).map((x) => `${x.path} ${x.ms} ms`).join('; ')}`);
      log(`${paths.length} read paths; ${o.connections} connections to ${server.url}; ${cpus().length} cores, load ${loadavg().map(r1).join(' ')}`);
      if (o.phases.includes('closed')) phases.push(await loadPhase('closed loop', server.url, server.pid, paths, o));
      if (o.phases.includes('open')) phases.push(await loadPhase(`open loop, ${o.rate}/s`, server.url, server.pid, paths, o, o.rate));
      // the hostile requests are checked on a server that has cleared the load phases' backlog (while it
      // sheds, a probe gets 503 instead of the answer it is checked for): wait for /api/health (≤ 120 s)
      if (phases.length) await settled(server.url, 120_000);
      checks = await hostile(server.url, built.voc, db);
    } finally {
      await server.stop();
    }
    checks.push(await rateLimitCheck(db));
    const failed = checks.filter((c) => !c.ok);
    const out = {
      articles: built.articles,
      cores: cpus().length,
      workers: o.workers,
      singles,
      phases,
      target: { p99Ms: 200, errors: 0 },
      meets: phases.map((p) => ({ phase: p.name, p99: p.latencyMs.p99 <= 200, noErrors: p.errors === 0 && p.timeouts === 0 && p.non2xx === 0 })),
      checks: { total: checks.length, failed: failed.map((c) => `${c.name}: ${c.detail}`) },
    };
    if (o.json) process.stdout.write(JSON.stringify(out) + '\n');
    else {
      console.log(`\nbench:load: parley serve on ${built.articles} articles (SQLite, ${o.workers} serving processes), ${o.connections} connections to 127.0.0.1, ${cpus().length} cores`);
      for (const r of singles) console.log(`  one request at a time: ${r.route.padEnd(22)} median ${r.medianMs} ms, max ${r.maxMs} ms (${r.n} paths)`);
      for (const p of phases)
        console.log(
          `  ${p.name.padEnd(20)} ${String(p.rps).padStart(6)} req/s  p50 ${p.latencyMs.p50} ms  p99 ${p.latencyMs.p99} ms  max ${p.latencyMs.max} ms  non-2xx ${p.non2xx}  errors ${p.errors}  timeouts ${p.timeouts}  (load ${p.load.join(' ')})`,
        );
      console.log(`  hostile requests: ${checks.length - failed.length}/${checks.length} as required${failed.length ? '\n    ' + out.checks.failed.join('\n    ') : ''}`);
    }
    if (failed.length) process.exitCode = 1;
  } finally {
    if (dir && !o.keep) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`bench:load: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
