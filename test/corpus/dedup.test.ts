// Near-duplicates and reprints on real news (SlavicNER raw texts): the same wire story carried by
// two outlets is one report (copyOf = the earliest published, then the smallest id), whatever order
// the articles arrive in; different reports of one matter are not copies. No pipeline needed: the
// store indexes the texts' words itself. The tests that store articles run on SQLite and on PostgreSQL.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fingerprint, similarity, DUPLICATE_JACCARD, foldReprints, earlier } from '../../src/corpus/dedup/index.js';
import { HASHES, minhash, normalisedWords, shingles } from '../../src/corpus/dedup/minhash.js';
import { withoutBoilerplate } from '../../src/corpus/stories/boilerplate.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { STORE_KINDS, type StoreKind } from '../store/stores.js';

const RAW = join(fileURLToPath(new URL('../..', import.meta.url)), '..', 'shared', 'data', 'slavicner', 'raw');
const raw = (p: string) => readFileSync(join(RAW, p), 'utf8');

// two outlets (news.meta.ua, vgolos.com.ua) with one court story, 2018-07-04
const A = 'nord_stream/uk/nord_stream_uk.txt_file_21.txt';
const B = 'nord_stream/uk/nord_stream_uk.txt_file_22.txt';
// another report of the same matter (Nord Stream), not the same text
const OTHER = 'nord_stream/uk/nord_stream_uk.txt_file_11.txt';

function article(id: string, text: string, published: string, outlet: string) {
  return { schema: 'parley/article@1', id, source: { path: `${id}.txt`, outlet }, published, lang: 'uk', title: null, text };
}

type AnyStore = Store & { corpus: NonNullable<Store['corpus']>; stories: NonNullable<Store['stories']> };
const drops: (() => Promise<void>)[] = [];
after(async () => {
  for (const d of drops) await d().catch(() => {});
});
/** a new, empty store of this kind */
async function fresh(kind: StoreKind): Promise<AnyStore> {
  if (kind.name === 'sqlite') return new SqliteStore(':memory:');
  const loc = await kind.create();
  drops.push(() => loc.done());
  return (await loc.open()) as AnyStore;
}

/** copy -> original among the stored articles (through the store's stories interface) */
async function copies(store: AnyStore): Promise<Record<string, string>> {
  const ids = (await store.listArticles({ limit: 100000 })).map((a) => a.id);
  return Object.fromEntries([...(await store.stories.copyOf(ids))].sort());
}

test('a wire story carried by two outlets is a near-duplicate; another report of the matter is not', () => {
  const a = fingerprint(raw(A))!;
  const b = fingerprint(raw(B))!;
  const o = fingerprint(raw(OTHER))!;
  assert.ok(a && b && o);
  assert.ok(similarity(a.sig, b.sig) >= DUPLICATE_JACCARD, `reprint similarity ${similarity(a.sig, b.sig)}`);
  assert.ok(similarity(a.sig, o.sig) < 0.2, `other report similarity ${similarity(a.sig, o.sig)}`);
  // the LSH index finds the pair: they share a band key
  assert.ok(a.bands.some((k) => b.bands.includes(k)));
});

test('a lightly edited reprint (new headline, line breaks, capitals, quotes, a copyright footer) is still one report', () => {
  const text = raw('asia_bibi/ru/asia_bibi_ru.txt_file_180.txt');
  const lines = text.split('\n');
  const edited = ['Асия Биби вышла на свободу — сообщают СМИ', ...lines.slice(1)]
    .join('\n\n')
    .replace(/"/g, '«')
    .replace(/Асия Биби/g, 'АСИЯ БИБИ')
    .concat('\n© 2018 Редакция. Все права защищены. При использовании материалов гиперссылка обязательна.');
  const a = fingerprint(withoutBoilerplate(text))!;
  const b = fingerprint(withoutBoilerplate(edited))!;
  assert.ok(similarity(a.sig, b.sig) >= 0.7, `similarity ${similarity(a.sig, b.sig)}`);
});

test('a text too short to tell a reprint gets no fingerprint', () => {
  assert.equal(fingerprint('Путин провел телефонный разговор с Макроном.'), null);
});

for (const kind of STORE_KINDS)
  test(`copyOf points at the earliest published, then the smallest id, whatever the arrival order (${kind.name})`, async () => {
  const docs = [
    article('uk-22', raw(B), '2018-07-05', 'Голос України'),
    article('uk-21', raw(A), '2018-07-04', 'news.meta.ua'),
    article('uk-11', raw(OTHER), '2018-07-04', 'УНН'),
  ];
  for (const order of [docs, [...docs].reverse(), [docs[1], docs[2], docs[0]]]) {
    const store = await fresh(kind);
    for (const d of order) await store.putArticle(d);
    assert.deepEqual(await copies(store), { 'uk-22': 'uk-21' }, `order ${order.map((d) => d.id).join(',')}`);
    // a rebuild gives the same links
    await store.corpus.rebuild();
    assert.deepEqual(await copies(store), { 'uk-22': 'uk-21' });
    await store.close();
  }
  // same day: the smaller id is the original
  const store = await fresh(kind);
  await store.putArticle(article('x-b', raw(A), '2018-07-04', 'a'));
  await store.putArticle(article('x-a', raw(B), '2018-07-04', 'b'));
  assert.deepEqual(await copies(store), { 'x-b': 'x-a' });
  await store.close();
});

for (const kind of STORE_KINDS)
  test(`a later-arriving earlier article becomes the original of the whole group (${kind.name})`, async () => {
  const text = raw(A);
  const store = await fresh(kind);
  await store.putArticle(article('late-1', text, '2018-07-06', 'o1'));
  await store.putArticle(article('late-2', text.replace(/Газпром/g, 'ПАО «Газпром»'), '2018-07-07', 'o2'));
  assert.deepEqual(await copies(store), { 'late-2': 'late-1' });
  await store.putArticle(article('first', raw(B), '2018-07-04', 'o3'));
  assert.deepEqual(await copies(store), { 'late-1': 'first', 'late-2': 'first' });
  await store.close();
});

for (const kind of STORE_KINDS)
  test(`among 150 real articles only the near-duplicate pairs are linked; folding keeps one report per original (${kind.name})`, async () => {
  const store = await fresh(kind);
  const files = readdirSync(join(RAW, 'nord_stream', 'uk')).sort().slice(0, 40).map((f) => `nord_stream/uk/${f}`);
  const more = readdirSync(join(RAW, 'brexit', 'ru')).sort().slice(0, 110).map((f) => `brexit/ru/${f}`);
  const all = [...files, ...more];
  for (const [i, p] of all.entries())
    await store.putArticle({ ...article(p, raw(p), `2018-07-${String(1 + (i % 28)).padStart(2, '0')}`, 'x'), lang: p.includes('/ru/') ? 'ru' : 'uk' });
  const links = await store.stories.copyOf(all);
  // every link is a real near-duplicate by the signatures, inside one topic, to an earlier original
  for (const [copy, original] of links) {
    const s = similarity(fingerprint(withoutBoilerplate(raw(copy)))!.sig, fingerprint(withoutBoilerplate(raw(original)))!.sig);
    assert.ok(s >= DUPLICATE_JACCARD, `${copy} -> ${original}: ${s}`);
    assert.equal(copy.split('/')[0], original.split('/')[0]);
  }
  assert.ok(links.has(B) || links.has(A), 'the court story pair is linked');
  assert.ok(links.size < 20, `${links.size} links`);
  const reports = all.map((p) => ({ article: p }));
  const folded = foldReprints(reports, (r) => r.article, (id) => links.get(id));
  assert.equal(folded.length, all.length - links.size);
  assert.ok(earlier({ id: 'b', published: '2018-07-04' }, { id: 'a', published: '2018-07-05' }));
  assert.ok(earlier({ id: 'a', published: null }, { id: 'b', published: null }));
  assert.ok(!earlier({ id: 'a', published: null }, { id: 'b', published: '2030-01-01' }));
  await store.close();
});

test('minhash: the same signatures as the version that stored them (signatures of earlier runs still compare)', () => {
  // the first values of signatures made by the value-by-value loop (before 8 Dec 2026)
  const values = shingles(normalisedWords('Министр иностранных дел провел телефонный разговор со своим коллегой и обсудил подготовку визита, а также вопросы двусторонней торговли и безопасности в регионе.'), 3);
  assert.deepEqual([...minhash(values)].slice(0, 8), [378932816, 121672170, 600240284, 12106004, 11214618, 89462123, 535265567, 147731503]);
  assert.deepEqual([...minhash([0xfffffffe, 7, 2 ** 31])].slice(0, 4), [472821392, 2381372762, 1009640613, 1331195148]);
  assert.equal(minhash(values).length, HASHES);
});
