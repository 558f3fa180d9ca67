// Stories on real news: the seeds (two gold stories), SlavicNER articles in Russian and Ukrainian
// (a story never mixes topics; ru and uk reports of one matter share a story; a late article that
// bridges two stories merges them, with the history kept and the former id resolving), the same
// groups and ids whatever the arrival order and after a rebuild, and clear errors for bad input.
// Each test runs on SQLite and on PostgreSQL (test/store/stores.ts).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Doc } from '../../src/doc/model.js';
import { toArticleJson } from '../../src/contract/article.js';
import { readInputs } from '../../src/ingest/index.js';
import { createPipeline } from '../../src/pipeline/index.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { STORE_KINDS, type StoreKind } from '../store/stores.js';
import { getStory, listStories, StoryError } from '../../src/corpus/stories/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHARED = join(ROOT, '..', 'shared');
const RAW = join(SHARED, 'data', 'slavicner', 'raw');

const pipe = await createPipeline();
const meta = new Map<string, string>();
for (const l of readFileSync(join(SHARED, 'data', 'slavicner', 'meta.tsv'), 'utf8').split('\n').slice(1)) {
  const [p, , , d] = l.split('\t');
  if (p) meta.set(p, d);
}

function slavic(rel: string): Doc {
  const lang = rel.split('/')[1];
  const d = meta.get(`raw/${rel}`);
  return pipe.analyze({ id: rel, source: { path: rel }, published: d && /^\d{4}-\d\d-\d\d$/.test(d) ? d : null, title: null, text: readFileSync(join(RAW, rel), 'utf8'), lang });
}

const seeds: Doc[] = [];
for await (const it of readInputs([join(SHARED, 'seeds')])) {
  if (!it.ok) throw new Error(it.error);
  seeds.push(pipe.analyze(it.article));
}
const stemOf = new Map(seeds.map((d) => [d.id, basename(d.source.path ?? '').replace(/\.txt$/, '')]));

/** article id -> story id */
async function groups(store: Store): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const st of await listStories(store, { limit: 10000 }).catch(() => [])) for (const a of st.articles) out.set(a, st.id);
  return new Map([...out].sort());
}

const drops: (() => Promise<void>)[] = [];
after(async () => {
  for (const d of drops) await d().catch(() => {});
});
/** a new, empty store of this kind */
async function fresh(kind: StoreKind): Promise<Store & { corpus: NonNullable<Store['corpus']> }> {
  if (kind.name === 'sqlite') return new SqliteStore(':memory:');
  const loc = await kind.create();
  drops.push(() => loc.done());
  return (await loc.open()) as Store & { corpus: NonNullable<Store['corpus']> };
}

for (const kind of STORE_KINDS)
  test(`seeds: the four France-Russia articles are one story, the Lavrov-Rubio article another (${kind.name})`, async () => {
  const store = await fresh(kind);
  for (const d of seeds) await store.putArticle(d);
  const stories = await listStories(store);
  assert.equal(stories.length, 2);
  const byStem = (s: { articles: string[] }) => s.articles.map((a) => stemOf.get(a)!.slice(0, 3)).sort().join(',');
  assert.deepEqual(stories.map(byStem).sort(), ['000,001,002,003', '004']);
  const big = stories.find((s) => s.articles.length === 4)!;
  assert.equal(big.schema, 'parley/story@1');
  assert.match(big.id, /^s-[0-9a-f]{12}$/);
  // articles in publication order, dates span them, every language has a title
  const pubs = big.articles.map((id) => seeds.find((d) => d.id === id)!.published!);
  assert.deepEqual(pubs, [...pubs].sort());
  assert.equal(big.from, pubs[0]);
  assert.equal(big.to, pubs[pubs.length - 1]);
  for (const l of big.langs) assert.ok((big.title as Record<string, string>)[l]?.length > 10, `title in ${l}`);
  assert.ok(big.outlets.length >= 3, JSON.stringify(big.outlets));
  assert.ok(big.entities.length >= 3);
  // the same story asked by id
  assert.deepEqual(await getStory(store, big.id), big);
  await store.close();
});

for (const kind of STORE_KINDS)
  test(`the same groups and ids in any arrival order, and after a rebuild (${kind.name})`, async () => {
  const docs = [...seeds, ...['asia_bibi/ru/asia_bibi_ru.txt_file_102.txt', 'asia_bibi/uk/asia_bibi_uk.txt_file_4.txt', 'asia_bibi/ru/asia_bibi_ru.txt_file_107.txt'].map(slavic)];
  const a = await fresh(kind);
  for (const d of docs) await a.putArticle(d);
  const b = await fresh(kind);
  for (const d of [...docs].reverse()) await b.putArticle(d);
  const ga = await groups(a);
  assert.deepEqual(await groups(b), ga);
  await a.corpus.rebuild();
  assert.deepEqual(await groups(a), ga);
  // re-ingesting changes nothing
  for (const d of docs) assert.equal((await a.putArticle(d)).status, 'duplicate');
  assert.deepEqual(await groups(a), ga);
  await a.close();
  await b.close();
});

for (const kind of STORE_KINDS)
  test(`a late article bridging two stories merges them (ru and uk), keeping the history; the former id resolves (${kind.name})`, async () => {
  const store = await fresh(kind);
  // Asia Bibi: a Russian report and a Ukrainian one that do not link directly...
  await store.putArticle(slavic('asia_bibi/ru/asia_bibi_ru.txt_file_104.txt'));
  await store.putArticle(slavic('asia_bibi/uk/asia_bibi_uk.txt_file_1.txt'));
  const before = await listStories(store);
  assert.equal(before.length, 2);
  // ...and a Russian report that links to both
  await store.putArticle(slavic('asia_bibi/ru/asia_bibi_ru.txt_file_107.txt'));
  const after = await listStories(store);
  assert.equal(after.length, 1);
  const s = after[0];
  assert.deepEqual(s.langs, ['ru', 'uk']);
  assert.ok(s.title.ru && s.title.uk, JSON.stringify(s.title));
  const merged = s.history.filter((h) => h.kind === 'merged');
  assert.equal(merged.length, 1);
  assert.equal(merged[0].article, 'asia_bibi/ru/asia_bibi_ru.txt_file_107.txt');
  const gone = before.map((x) => x.id).find((id) => id !== s.id)!;
  assert.equal(merged[0].other, gone);
  const viaOld = await getStory(store, gone);
  assert.equal(viaOld.id, s.id);
  assert.equal(viaOld.aliasOf, gone);
  await store.close();
});

for (const kind of STORE_KINDS)
  test(`SlavicNER: stories never mix topics; ru and uk reports of one topic share stories (${kind.name})`, async () => {
  const take = (topic: string, lang: string, n: number) =>
    readdirSync(join(RAW, topic, lang))
      .sort()
      .slice(0, n)
      .map((f) => `${topic}/${lang}/${f}`);
  const rels = [...take('asia_bibi', 'ru', 30), ...take('asia_bibi', 'uk', 6), ...take('brexit', 'ru', 30), ...take('brexit', 'uk', 15)];
  const store = await fresh(kind);
  for (const r of rels) await store.putArticle(slavic(r));
  const g = await groups(store);
  const topics = new Map<string, Set<string>>();
  const langs = new Map<string, Set<string>>();
  for (const [id, st] of g) {
    (topics.get(st) ?? topics.set(st, new Set()).get(st)!).add(id.split('/')[0]);
    (langs.get(st) ?? langs.set(st, new Set()).get(st)!).add(id.split('/')[1]);
  }
  for (const [st, t] of topics) assert.equal(t.size, 1, `${st} mixes ${[...t]}`);
  assert.ok([...langs.values()].some((l) => l.size === 2), 'some story holds ru and uk articles');
  // each topic's articles are mostly in few stories (not one story per article)
  for (const topic of ['asia_bibi', 'brexit']) {
    const ids = [...g].filter(([id]) => id.startsWith(topic + '/'));
    const sizes = new Map<string, number>();
    for (const [, st] of ids) sizes.set(st, (sizes.get(st) ?? 0) + 1);
    const biggest = Math.max(...sizes.values());
    assert.ok(biggest >= ids.length / 3, `${topic}: biggest story ${biggest} of ${ids.length}`);
  }
  // filters
  const uk = await listStories(store, { lang: 'uk', limit: 1000 });
  assert.ok(uk.length > 0 && uk.every((s) => s.langs.includes('uk')));
  const withBibi = await listStories(store, { entity: 'asia-bibi', limit: 1000 });
  assert.ok(withBibi.length > 0 && withBibi.every((s) => s.articles.every((a) => a.startsWith('asia_bibi/'))));
  await store.close();
});

for (const kind of STORE_KINDS)
  test(`bad input: an unknown id, an empty corpus, a malformed filter get clear errors (${kind.name})`, async () => {
  const empty = await fresh(kind);
  await assert.rejects(listStories(empty), (e: unknown) => e instanceof StoryError && e.kind === 'empty');
  await assert.rejects(getStory(empty, 's-000000000000'), (e: unknown) => e instanceof StoryError && e.kind === 'empty');
  await empty.putArticle(seeds[0]);
  await assert.rejects(getStory(empty, 's-000000000000'), (e: unknown) => e instanceof StoryError && e.kind === 'not_found' && /s-000000000000/.test(e.message));
  await assert.rejects(getStory(empty, '  '), (e: unknown) => e instanceof StoryError && e.kind === 'usage');
  await assert.rejects(listStories(empty, { from: '2025-13-45x' }), (e: unknown) => e instanceof StoryError && e.kind === 'usage' && /--from/.test(e.message));
  await assert.rejects(listStories(empty, { lang: 'de' }), (e: unknown) => e instanceof StoryError && e.kind === 'usage');
  await assert.rejects(listStories(empty, { limit: -3 }), (e: unknown) => e instanceof StoryError && e.kind === 'usage');
  assert.equal((await listStories(empty, { from: '2030' })).length, 0);
  await empty.close();
});

for (const kind of STORE_KINDS)
  test(`an article joins the same story however it arrives: a Doc with tokens, analysed JSON without them, JSON with --tokens; and after a rebuild (${kind.name})`, async () => {
  // real text: the seeds, the samples (txt, html, rss, jsonl) and Nord Stream reports in ru and uk
  const docs: Doc[] = [...seeds];
  for await (const it of readInputs([join(ROOT, 'samples')])) if (it.ok) docs.push(pipe.analyze(it.article));
  const ns = (lang: string, n: number) =>
    readdirSync(join(RAW, 'nord_stream', lang))
      .sort()
      .filter((f) => meta.get(`raw/nord_stream/${lang}/${f}`))
      .slice(0, n)
      .map((f) => slavic(`nord_stream/${lang}/${f}`));
  docs.push(...ns('ru', 14), ...ns('uk', 10));
  assert.ok(docs.length >= 30, `${docs.length} articles`);
  const asJson = (d: Doc) => JSON.parse(JSON.stringify(toArticleJson(d)));
  const viaDoc = await fresh(kind);
  for (const d of docs) await viaDoc.putArticle(d);
  const viaJson = await fresh(kind);
  for (const d of docs) await viaJson.putArticle(asJson(d));
  const viaTokens = await fresh(kind);
  for (const d of docs) await viaTokens.putArticle({ ...asJson(d), tokens: JSON.parse(JSON.stringify(d.layers.tokens)) });
  const g = await groups(viaDoc);
  assert.ok(new Set(g.values()).size < g.size, 'some story holds several articles');
  assert.deepEqual(await groups(viaJson), g);
  assert.deepEqual(await groups(viaTokens), g);
  if (viaDoc instanceof SqliteStore && viaJson instanceof SqliteStore) {
    // the stored story vectors themselves are the same
    const vecs = (s: SqliteStore) => s.db.prepare('SELECT a.id, v.vec FROM corpus_story_vecs v JOIN articles a ON a.rowid = v.article ORDER BY a.id').all();
    assert.deepEqual(vecs(viaJson), vecs(viaDoc));
  }
  await viaJson.corpus.rebuild();
  assert.deepEqual(await groups(viaJson), g);
  for (const s of [viaDoc, viaJson, viaTokens]) await s.close();
});

for (const kind of STORE_KINDS)
  test(`the long link: one matter told months apart is one story; two matters that only share names months apart are two (${kind.name})`, async () => {
  const store = await fresh(kind);
  // Nord Stream 2, 109 days apart (entity cosine .52, term cosine .37): the same matter again
  const a = slavic('nord_stream/ru/Nord_Stream_2_extra.xml_file_100.txt');
  const b = slavic('nord_stream/ru/nord_stream_ru.txt_file_21.txt');
  // a Ryanair article and a Nord Stream one 103 days apart: the same countries named (entity cosine
  // .57), other words (term cosine .09): no long link
  const c = slavic('ryanair/ru/ryan-ru_file_154.txt');
  const d = slavic('nord_stream/ru/Nord_Stream_2_extra.xml_file_129.txt');
  for (const x of [a, b, c, d]) await store.putArticle(x);
  const g = await groups(store);
  assert.equal(g.get(a.id), g.get(b.id));
  assert.notEqual(g.get(c.id), g.get(d.id));
  await store.close();
});
