import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createPipeline } from '../../src/pipeline/index.js';
import { toArticleJson } from '../../src/contract/article.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { STORE_KINDS, postgresKind } from './stores.js';
import { PG_MIGRATIONS } from '../../src/store/postgres-migrations.js';
import type { ArticleJson } from '../../src/store/types.js';

// Real news text (seed articles of the project, RIA Novosti / UNIAN, February 2026 and November 2025).
const RU = `Франция начала подготовку к возможным контактам между президентами Эмманюэлем Макроном и Владимиром Путиным на техническом уровне. Официальные лица России в то же время заявляют, что пока нет никаких встреч на высшем уровне.

"Россия и Франция действительно взаимодействуют на рабочем уровне, но никакого примечательного содержания эти контакты не имеют. Контактов на самом высоком уровне сейчас нет совсем", — отметил пресс-секретарь президента РФ Дмитрий Песков.`;

const UK = `Особиста зустріч очільника МЗС РФ Сергія Лаврова та держсекретаря США Марко Рубіо, яку було скасовано Вашингтоном, для обговорення мирного врегулювання війни в Україні все ще може відбутися.

Про свою готовність до таких переговорів Лавров заявив пропагандистам російського «РИА Новости».`;

function tmpDb(): { path: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'parley-store-'));
  return { path: join(dir, 'test.db'), done: () => rmSync(dir, { recursive: true, force: true }) };
}

// the analysis pipeline up to the morphology, loaded once for every test of this file
let pipelineP: ReturnType<typeof createPipeline> | null = null;
const morphPipeline = () => (pipelineP ??= createPipeline({ upTo: 'morph' }));

const span = (text: string, s: string, from = 0) => {
  const start = text.indexOf(s, from);
  assert.ok(start >= 0, `"${s}" not in text`);
  return { start, end: start + s.length, text: s };
};

/** A contract object for RU with the layers later stages produce, offsets taken from the text. */
function ruWithLayers(): ArticleJson {
  const macron = span(RU, 'Эмманюэлем Макроном');
  const putin = span(RU, 'Владимиром Путиным');
  const peskov = span(RU, 'Дмитрий Песков');
  const quote = span(RU, 'Россия и Франция действительно взаимодействуют на рабочем уровне, но никакого примечательного содержания эти контакты не имеют. Контактов на самом высоком уровне сейчас нет совсем');
  const cue = span(RU, 'отметил');
  const sent = span(RU, RU.slice(0, RU.indexOf('уровне.') + 7));
  return {
    schema: 'parley/article@1',
    id: 'ru-france-contacts',
    source: { path: 'seed/002.txt', outlet: 'РИА Новости' },
    published: '2026-02-04',
    lang: 'ru',
    title: 'Франция готовит контакты с Россией',
    text: RU,
    sentences: [],
    entities: [
      { id: 'Q3052772', type: 'PER', name: 'Эммануэль Макрон', names: { en: 'Emmanuel Macron' }, mentions: [{ ...macron, lemma: 'Эммануэль Макрон' }] },
      { id: 'Q7747', type: 'PER', name: 'Владимир Путин', mentions: [{ ...putin, lemma: 'Владимир Путин' }] },
      { id: 'Q4271244', type: 'PER', name: 'Дмитрий Песков', mentions: [{ ...peskov, lemma: 'Дмитрий Песков' }], roles: ['пресс-секретарь президента РФ'] },
    ],
    quotes: [{ ...quote, kind: 'direct', speaker: 'Q4271244', cue: { ...cue, lemma: 'отметить' } }],
    events: [
      {
        start: sent.start, end: sent.end, type: 'CONSULT', mode: 'talks', actors: ['Q3052772', 'Q7747'], level: 'technical',
        status: 'planned', when: null, place: null, reportedBy: [], stances: [],
        trigger: { ...span(RU, 'контактам'), lemma: 'контакт' },
      },
    ],
    times: [],
    attributions: [],
  };
}

// The same tests on every store implementation (a test that passes on one and not the other is a bug).
for (const kind of STORE_KINDS) {
  test(`${kind.name}: round trip: an article and its layers come back as stored`, async () => {
    const db = await kind.create();
    const store = await db.open();
    try {
      const a = ruWithLayers();
      assert.deepEqual(await store.putArticle(a), { id: a.id, status: 'new' });
      assert.deepEqual(await store.getArticle(a.id), a);
      assert.equal(await store.getArticle('nope'), null);

      const st = await store.stats();
      assert.equal(st.articles, 1);
      assert.deepEqual(st.byLang, [{ lang: 'ru', n: 1 }]);
      assert.deepEqual(st.byOutlet, [{ outlet: 'РИА Новости', n: 1 }]);
      assert.deepEqual(st.byMonth, [{ month: '2026-02', n: 1 }]);
      assert.equal(st.entities, 3);
      assert.equal(st.quotes, 1);
      assert.equal(st.events, 1);

      const ents = await store.entities({ type: 'per' });
      assert.equal(ents.length, 3);
      const macron = ents.find((e) => e.id === 'Q3052772')!;
      assert.deepEqual(macron.names, { en: 'Emmanuel Macron', ru: 'Эммануэль Макрон' });
      assert.equal(macron.mentions, 1);
      assert.deepEqual((await store.entities({ name: 'песков' })).map((e) => e.roles), [['пресс-секретарь президента РФ']]);

      const qs = await store.quotes({ speaker: 'Q4271244' });
      assert.equal(qs.length, 1);
      assert.equal(qs[0].speakerName, 'Дмитрий Песков');
      assert.equal(qs[0].outlet, 'РИА Новости');
      assert.equal(RU.slice(qs[0].start, qs[0].end), qs[0].text);
      assert.equal((await store.quotes({ from: '2026-03' })).length, 0);
      assert.equal((await store.quotes({ to: '2026-02' })).length, 1);

      const ev = await store.events({ actor: 'Q7747' });
      assert.equal(ev.length, 1);
      assert.deepEqual(ev[0].actors, [{ id: 'Q3052772', name: 'Эммануэль Макрон' }, { id: 'Q7747', name: 'Владимир Путин' }]);
      assert.ok(ev[0].text.startsWith('Франция начала подготовку'));
      assert.equal((await store.events({ type: 'sanction' })).length, 0);
      assert.equal((await store.events({ status: 'planned', type: 'consult' })).length, 1);
    } finally {
      await store.close();
      await db.done();
    }
  });

  test(`${kind.name}: re-ingesting the same article id is a no-op reported as duplicate, also after reopening`, async () => {
    const db = await kind.create();
    try {
      let store = await db.open();
      const a = ruWithLayers();
      assert.equal((await store.putArticle(a)).status, 'new');
      assert.equal((await store.putArticle({ ...a, title: 'другой заголовок' })).status, 'duplicate');
      await store.close();
      store = await db.open();
      assert.equal((await store.putArticle(a)).status, 'duplicate');
      const st = await store.stats();
      assert.equal(st.articles, 1);
      assert.equal(st.mentions, 3);
      assert.equal(st.quotes, 1);
      assert.equal((await store.getArticle(a.id))!.title, a.title);
      await store.close();
    } finally {
      await db.done();
    }
  });

  test(`${kind.name}: the same article written by 8 connections at once is stored once`, async () => {
    const db = await kind.create();
    const stores = await Promise.all(Array.from({ length: 8 }, () => db.open()));
    try {
      const a = ruWithLayers();
      const results = await Promise.all(stores.map((s) => s.putArticle(a)));
      assert.equal(results.filter((r) => r.status === 'new').length, 1);
      assert.equal(results.filter((r) => r.status === 'duplicate').length, 7);
      const st = await stores[0].stats();
      assert.equal(st.articles, 1);
      assert.equal(st.mentions, 3);
      assert.equal(st.quotes, 1);
      assert.deepEqual(await stores[3].getArticle(a.id), a);
    } finally {
      for (const s of stores) await s.close();
      await db.done();
    }
  });

  test(`${kind.name}: a failing article rolls back alone; articles stored before it stay intact`, async () => {
    const db = await kind.create();
    const store = await db.open();
    try {
      const good = ruWithLayers();
      await store.putArticle(good);
      // broken late in the transaction: the article row, entities and quotes are written, then an event has no type
      const bad = { ...ruWithLayers(), id: 'broken', events: [{ start: 0, end: 5, actors: ['Q7747'], status: 'occurred' }] } as ArticleJson;
      await assert.rejects(store.putArticle(bad), /event type/);
      const negative = { ...ruWithLayers(), id: 'broken2', quotes: [{ start: -4, end: 2, text: 'x', kind: 'direct', speaker: null }] } as ArticleJson;
      await assert.rejects(store.putArticle(negative), /bad offset/);
      assert.equal(await store.getArticle('broken'), null);
      const st = await store.stats();
      assert.equal(st.articles, 1);
      assert.equal(st.mentions, 3);
      assert.equal(st.quotes, 1);
      assert.equal(st.events, 1);
      // the failed id can be stored once fixed
      assert.equal((await store.putArticle({ ...ruWithLayers(), id: 'broken' })).status, 'new');
      assert.equal((await store.stats()).articles, 2);
    } finally {
      await store.close();
      await db.done();
    }
  });

  test(`${kind.name}: hostile titles, ids and queries are just text`, async () => {
    const db = await kind.create();
    const store = await db.open();
    try {
      const evil = `Robert'); DROP TABLE articles;-- "Песков" OR 1=1 NEAR(a b) *`;
      const a = { ...ruWithLayers(), id: `x'; DELETE FROM articles; --`, title: evil };
      assert.equal((await store.putArticle(a)).status, 'new');
      assert.equal((await store.getArticle(a.id))!.title, evil);
      for (const q of [evil, '"', 'NEAR(', 'AND OR NOT', '*', "'", 'title:x', '{lemmas}: x', '^']) {
        const r = await store.search({ text: q });
        assert.ok(r.total >= 0, q);
      }
      assert.equal((await store.search({ text: 'DROP TABLE' })).total, 1);
      assert.equal((await store.stats()).articles, 1);
      await assert.rejects(store.search({ text: 'Песков', from: "2026' OR '1'='1" }), /not a date/);
    } finally {
      await store.close();
      await db.done();
    }
  });

  // Morphological search: the morphology stage lemmatises the articles and the query alike.
  test(`${kind.name}: search finds articles by inflected forms in Russian and Ukrainian`, async () => {
    const pipeline = await morphPipeline();
    assert.ok(pipeline.ctx.has('morph'), 'the morph stage must be in the default pipeline');
    const { morphLemmatizer } = await import('../../src/store/lemmatizer.js');
    const db = await kind.create();
    const store = await db.open({ lemmatizer: morphLemmatizer(pipeline.ctx.get('morph')) });
    try {
      const ru = pipeline.analyze({ source: { path: 'ru.txt' }, published: '2026-02-04', title: null, text: RU });
      const uk = pipeline.analyze({ source: { path: 'uk.txt' }, published: '2025-11-09', title: null, text: UK });
      await store.putArticle(ru);
      await store.putArticle(uk);
      const ids = async (text: string, extra: object = {}) => (await store.search({ text, ...extra })).hits.map((h) => h.id);

      // ru: the text has Макроном, Путиным, встреч, контактам/контакты/Контактов
      assert.deepEqual(await ids('Макрон'), [ru.id]);
      assert.deepEqual(await ids('Макрона'), [ru.id]);
      assert.deepEqual(await ids('Путин'), [ru.id]);
      assert.deepEqual(await ids('встреча'), [ru.id]);
      assert.deepEqual(await ids('контакт уровень'), [ru.id]);
      // uk: Лаврова / Лавров, переговорів, зустріч, Україні
      assert.deepEqual(await ids('переговори'), [uk.id]);
      assert.deepEqual(await ids('переговорах'), [uk.id]);
      assert.deepEqual(await ids('Україна'), [uk.id]);
      assert.deepEqual(await ids('зустрічі'), [uk.id]);
      assert.deepEqual((await ids('Лавров')).sort(), [uk.id]);
      assert.deepEqual(await ids('Лавров', { lang: 'ru' }), []);
      assert.deepEqual(await ids('Макрон', { from: '2026-03' }), []);
      assert.deepEqual(await ids('Макрон', { to: '2026-02' }), [ru.id]);

      const r = await store.search({ text: 'Макрон', mark: ['[[', ']]'] });
      assert.match(r.hits[0].snippet, /\[\[Макроном\]\]/);
      assert.equal(RU.slice(r.hits[0].matches[0].start, r.hits[0].matches[0].end), 'Макроном');
    } finally {
      await store.close();
      await db.done();
    }
  });

  test(`${kind.name}: a Doc from the pipeline stores as its contract object`, async () => {
    const pipeline = await morphPipeline();
    const db = await kind.create();
    const store = await db.open();
    try {
      const doc = pipeline.analyze({ source: { path: 'uk.txt', outlet: 'УНІАН' }, published: '2025-11-09', title: 'Зустріч Лаврова і Рубіо', text: UK });
      assert.equal((await store.putArticle(doc)).status, 'new');
      assert.deepEqual(await store.getArticle(doc.id), toArticleJson(doc));
      assert.equal((await store.search({ text: 'Рубіо', outlet: 'уніан' })).total, 1);
      assert.equal((await store.search({ text: 'Рубіо', outlet: 'ТАСС' })).total, 0);
    } finally {
      await store.close();
      await db.done();
    }
  });

  test(`${kind.name}: titles are searchable by lemma: from the body’s analysis of the same form, else the lemmatizer`, async () => {
    const pipeline = await morphPipeline();
    const { morphLemmatizer } = await import('../../src/store/lemmatizer.js');
    const db = await kind.create();
    const store = await db.open({ lemmatizer: morphLemmatizer(pipeline.ctx.get('morph')) });
    try {
      // the body never says `Стамбул`; the headline has it in the locative
      const doc = pipeline.analyze({
        source: { path: 'ru.txt' },
        published: '2025-05-16',
        title: 'Переговоры России и Украины в Стамбуле завершились',
        text: 'Делегации России и Украины провели первые за три года прямые переговоры. Встреча продлилась менее двух часов.',
      });
      await store.putArticle(doc);
      assert.equal((await store.search({ text: 'Стамбул' })).total, 1);
      assert.equal((await store.search({ text: 'завершиться' })).total, 1);
      assert.equal((await store.search({ text: 'Анкара' })).total, 0);
    } finally {
      await store.close();
      await db.done();
    }
  });
}

// SQLite only: how the file records its schema
test('schema migrations are recorded in user_version and WAL is on', async () => {
  const db = tmpDb();
  try {
    const store = new SqliteStore(db.path);
    await store.close();
    const raw = new Database(db.path, { readonly: true });
    assert.ok((raw.pragma('user_version', { simple: true }) as number) >= 1);
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    raw.close();
  } finally {
    db.done();
  }
});


// PostgreSQL only: the schema version table, and many processes opening a new database at once
test('postgres: schema steps are recorded in parley_schema and applied once when many stores open a new database at once', async () => {
  const db = await postgresKind.create();
  try {
    const stores = await Promise.all(Array.from({ length: 6 }, () => db.open()));
    for (const s of stores) await s.close();
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: db.location });
    await c.connect();
    try {
      const v = await c.query('SELECT version FROM parley_schema');
      assert.equal(v.rows.length, 1);
      assert.equal(v.rows[0].version, PG_MIGRATIONS.length);
      const idx = await c.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'search_match'`);
      assert.ok(idx.rows.some((r) => /USING gin \(tsv\)/.test(r.indexdef)));
    } finally {
      await c.end();
    }
  } finally {
    await db.done();
  }
});
