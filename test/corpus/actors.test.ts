// Actors on real news text: one referent is one actor across scripts, languages and types (Nord
// Stream 2 in Russian and Ukrainian SlavicNER articles, including the Latin name an article glosses in
// brackets); people who share a surname are not joined (Bill and Hillary Clinton, Tom Wolfe and Chad
// Wolf); roles over time, each with the article and date that give it. The Clinton and Wolf/Wolfe
// sentences are short excerpts of published news (sources beside each).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toArticleJson } from '../../src/contract/article.js';
import { getActor, listActors } from '../../src/corpus/index.js';
import { glossPairs } from '../../src/corpus/actors/gloss.js';
import { createPipeline } from '../../src/pipeline/index.js';
import type { ArticleJson, Store } from '../../src/store/types.js';
import { STORE_KINDS, type StoreKind } from '../store/stores.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RAW = join(ROOT, '..', 'shared', 'data', 'slavicner', 'raw');
let pipe: Awaited<ReturnType<typeof createPipeline>>;

before(async () => {
  pipe = await createPipeline();
});

function analyse(id: string, lang: 'ru' | 'uk' | 'en', published: string | null, text: string): ArticleJson {
  return toArticleJson(pipe.analyze({ id, source: { path: id }, published, title: null, text, lang })) as ArticleJson;
}

function raw(rel: string): ArticleJson {
  const lang = rel.split('/')[1] as 'ru' | 'uk';
  return analyse(rel, lang, null, readFileSync(join(RAW, rel), 'utf8'));
}

/** The articles stored in a new database of that kind; `close` also drops it. */
async function storeOf(kind: StoreKind, arts: ArticleJson[]): Promise<Store & { corpus: NonNullable<Store['corpus']> }> {
  const loc = await kind.create();
  const s = await loc.open();
  for (const a of arts) await s.putArticle(a);
  const close = s.close.bind(s);
  s.close = async () => {
    await close();
    await loc.done();
  };
  return s as Store & { corpus: NonNullable<Store['corpus']> };
}

const idsOf = (arts: ArticleJson[], re: RegExp) => [...new Set(arts.flatMap((a) => (a.entities as { id: string }[]).map((e) => e.id)))].filter((id) => re.test(id));

test('a name glossed in another script in brackets is a gloss; a country or a code in brackets is not', () => {
  const uk = raw('nord_stream/uk/nord_stream_uk.txt_file_35.txt');
  const pairs = glossPairs(uk.text as string, uk.entities as never).map((p) => p.join(' = '));
  assert.ok(pairs.some((p) => /nord-stream-2/.test(p) && /severn-potik-2/.test(p)), pairs.join('; '));
  // airports with their codes (`в Пизе (PSA)`, `во Флоренции (FLR)`) and companies with their
  // countries (`OMV (Австрия)`) are qualifiers, not glosses
  for (const rel of ['ryanair/ru/ryan-ru_file_175.txt', 'nord_stream/ru/Nord_Stream_2_extra.xml_file_124.txt']) {
    const a = raw(rel);
    assert.deepEqual(glossPairs(a.text as string, a.entities as never), [], rel);
  }
});

for (const kind of STORE_KINDS)
test(`Nord Stream 2 in Russian and Ukrainian, in Cyrillic and Latin, typed PRO, ORG and LOC, is one actor; Nord Stream 1 is another (${kind.name})`, async () => {
  const files = [
    'nord_stream/uk/nord_stream_uk.txt_file_35.txt', // «"Північний потік-2" (Nord Stream-2, NS-2)»
    'nord_stream/ru/nord_stream_ru.txt_file_9.txt', // «Компания «Норд Стрим 2 АГ» (Nord Stream 2 AG)»
    ...['1', '10', '11'].map((n) => `nord_stream/uk/nord_stream_uk.txt_file_${n}.txt`),
    ...['100', '1000', '101'].map((n) => `nord_stream/ru/Nord_Stream_2_extra.xml_file_${n}.txt`),
  ];
  const arts = files.map(raw);
  const s = await storeOf(kind, arts);
  const ns2 = idsOf(arts, /^new:(PRO|ORG|LOC):(severn-pot[oi]k-2|nord-stream-2)$/);
  assert.ok(ns2.some((id) => id.includes('potok')) && ns2.some((id) => id.includes('potik')) && ns2.some((id) => id.includes('nord-stream')), ns2.join(' '));
  const actors = new Set(await Promise.all(ns2.map((id) => s.corpus.actorOf(id))));
  assert.equal(actors.size, 1, `one actor for ${ns2.join(' ')}: ${[...actors].join(' ')}`);
  const p = await getActor(s, 'Nord Stream 2');
  for (const id of ns2) assert.ok(p.aliases.includes(id), `${id} in ${p.aliases.join(' ')}`);
  assert.match(p.names.ru ?? '', /^«?"?Северн\S* поток/);
  assert.match(p.names.uk ?? '', /^«?"?Північн\S* потік/);
  assert.equal((await getActor(s, 'Північний потік-2')).id, p.id);
  // the first pipeline is not the second
  const ns1 = idsOf(arts, /^new:(PRO|ORG|LOC):severn-pot[oi]k(-1)?$/);
  for (const id of ns1) assert.notEqual(await s.corpus.actorOf(id), p.id, id);
  await s.close();
});

for (const kind of STORE_KINDS)
test(`two people who share a surname are two actors (Bill and Hillary Clinton; Tom Wolfe and Chad Wolf); roles keep their article and date (${kind.name})`, async () => {
  const arts = [
    // lenta.ru, 2026-02-03
    analyse('clinton-lenta', 'ru', '2026-02-03', 'Бывший президент Соединенных Штатов Билл Клинтон и его жена, экс-госсекретарь Хиллари Клинтон согласились дать показания комитету палаты представителей США по надзору по делу американского финансиста Джеффри Эпштейна. Об этом в соцсети X сообщил пресс-секретарь Клинтона Анхель Уренья.'),
    // kommersant.ru, 2026-01-13
    analyse('clinton-kommersant', 'ru', '2026-01-13', '42-й президент США Билл Клинтон и его супруга, бывший госсекретарь Хиллари Клинтон, отказались дать показания по делу финансиста Джеффри Эпштейна. Они назвали юридически недействительными повестки, выданные комитетом Палаты представителей по надзору.'),
    // regnum.ru, 2018-05-15
    analyse('wolfe-regnum', 'ru', '2018-05-15', 'В США в возрасте 87 лет умер известный писатель и журналист Том Вулф. Об этом сегодня, 15 мая, пишет The New York Times.\n\nСообщается, что Вулф недавно был госпитализирован с инфекцией в одну из больниц Манхэттена.'),
    // White House names Chad Wolf as acting Homeland Security secretary, 2019-11-01
    analyse('wolf-en', 'en', '2019-11-01', 'President Donald Trump has named Chad Wolf to be the next acting head of Homeland Security, the fifth person in the job for this administration.\n\nWhile speaking to reporters Friday outside the White House en route to a rally in Mississippi, Trump said he had chosen Wolf, ending weeks of speculation over who would head up the department after Kevin McAleenan resigned in October.'),
  ];
  const s = await storeOf(kind, arts);
  const bill = await getActor(s, 'Билл Клинтон');
  const hillary = await getActor(s, 'Хиллари Клинтон');
  assert.notEqual(bill.id, hillary.id);
  assert.ok(!bill.aliases.some((a) => hillary.aliases.includes(a)));
  assert.equal(bill.articles, 2);
  // roles: each title with the article and the date that give it
  const president = bill.roles.find((r) => /президент/.test(r.title));
  assert.ok(president, JSON.stringify(bill.roles));
  assert.equal(president.article, 'clinton-kommersant');
  assert.equal(president.published, '2026-01-13');
  assert.ok(hillary.roles.some((r) => /госсекретар/.test(r.title) && r.article === 'clinton-kommersant'), JSON.stringify(hillary.roles));
  // Tom Wolfe (ru) and Chad Wolf (en)
  const tom = await getActor(s, 'Том Вулф');
  const chad = await getActor(s, 'Chad Wolf');
  assert.notEqual(tom.id, chad.id);
  await s.close();
});

for (const kind of STORE_KINDS)
test(`roles over time: Jeremy Hunt, health secretary, then foreign secretary (SlavicNER brexit, July 2018) (${kind.name})`, async () => {
  const meta = new Map<string, string>();
  for (const l of readFileSync(join(RAW, '..', 'meta.tsv'), 'utf8').split('\n').slice(1)) {
    const [p, , , d] = l.split('\t');
    if (p) meta.set(p.replace(/^raw\//, ''), d);
  }
  const files = ['1124', '1146', '1148', '1158', '1164'].map((n) => `brexit/ru/brexit_ru.txt_file_${n}.txt`);
  const arts = files.map((rel) => {
    const d = meta.get(rel);
    return analyse(rel, 'ru', d && /^\d{4}-\d\d-\d\d$/.test(d) ? d : null, readFileSync(join(RAW, rel), 'utf8'));
  });
  const s = await storeOf(kind, arts);
  const hunt = await getActor(s, 'Джереми Хант');
  const titles = hunt.roles.map((r) => r.title);
  assert.ok(titles.some((t) => /здравоохранени|минздрав/.test(t)), titles.join('; '));
  assert.ok(titles.some((t) => /иностранных дел|МИД/.test(t)), titles.join('; '));
  for (const r of hunt.roles) {
    assert.ok(files.includes(r.article), r.article);
    assert.equal(r.published, arts.find((a) => a.id === r.article)!.published ?? null);
  }
  // in publication order
  const dates = hunt.roles.map((r) => r.published ?? '9999');
  assert.deepEqual(dates, [...dates].sort());
  await s.close();
});

// Known failure (the entities stage): a person the KB does not know gets an id from the surname
// alone (`new:PER:vulf`), so the Ukrainian `Чад Вульф` and the Russian `Том Вулф` are one entity id
// before the corpus sees them, and the corpus keys actors by entity id.
test('Tom Wolfe (ru) and Chad Wolf (uk) are two actors', { todo: 'entity ids of unknown people are their surname: new:PER:vulf for both' }, async () => {
  const arts = [
    analyse('wolfe-regnum', 'ru', '2018-05-15', 'В США в возрасте 87 лет умер известный писатель и журналист Том Вулф. Об этом сегодня, 15 мая, пишет The New York Times.'),
    // glavcom.ua, November 2019
    analyse('wolf-glavcom', 'uk', '2019-11-02', 'Трамп повідомив, що Чад Вульф, який досі був маловідомим співробітником Міністерства внутрішньої безпеки, стане новим виконуючим обов’язки глави відомства.'),
  ];
  const s = await storeOf(STORE_KINDS[0], arts);
  assert.notEqual((await getActor(s, 'Том Вулф')).id, (await getActor(s, 'Чад Вульф')).id);
  await s.close();
});

// The list is ordered from the entity totals (src/corpus/actors/rank.ts): an actor whose ids share an
// article (a gloss: «"Північний потік-2" (Nord Stream-2, NS-2)» is two ids in one article) has a sum of
// totals above its article count, so the order must still come from distinct articles.
for (const kind of STORE_KINDS)
test(`actors list: most distinct articles first (ties by id), offsets skip, counts exact where an article names one actor twice (${kind.name})`, async () => {
  const files = [
    'nord_stream/uk/nord_stream_uk.txt_file_35.txt',
    'nord_stream/ru/nord_stream_ru.txt_file_9.txt',
    ...['1', '10', '11', '13', '14'].map((n) => `nord_stream/uk/nord_stream_uk.txt_file_${n}.txt`),
    ...['100', '1000', '101', '102'].map((n) => `nord_stream/ru/Nord_Stream_2_extra.xml_file_${n}.txt`),
  ];
  const arts = files.map(raw);
  const s = await storeOf(kind, arts);
  const map = await s.corpus.actorMap();
  const distinct = new Map<string, Set<string>>();
  const rows = new Map<string, number>();
  for (const a of arts)
    for (const e of a.entities as { id: string }[]) {
      const actor = map.get(e.id);
      if (!actor) continue;
      (distinct.get(actor) ?? distinct.set(actor, new Set()).get(actor)!).add(a.id as string);
      rows.set(actor, (rows.get(actor) ?? 0) + 1);
    }
  assert.ok([...distinct].some(([actor, arts]) => rows.get(actor)! > arts.size), 'an article with two ids of one actor');
  const expected = [...distinct].map(([actor, a]) => ({ actor, n: a.size })).sort((x, y) => y.n - x.n || (x.actor < y.actor ? -1 : 1));
  const got: { actor: string; n: number }[] = [];
  for await (const p of listActors(s)) got.push({ actor: p.id, n: p.articles });
  assert.deepEqual(got, expected);
  for (const [limit, offset] of [[1, 0], [3, 0], [5, 2], [4, expected.length - 2], [2, expected.length + 1]]) {
    const page: string[] = [];
    for await (const p of listActors(s, { limit, offset })) page.push(p.id);
    assert.deepEqual(page, expected.slice(offset, offset + limit).map((x) => x.actor), `limit ${limit} offset ${offset}`);
  }
  await s.close();
});
