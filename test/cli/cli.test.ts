import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHARED = join(ROOT, '..', 'shared');
const SEEDS = join(SHARED, 'seeds');
const seedFiles = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).map((f) => join(SEEDS, f));

function parley(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    input: opts.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'parley-cli-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

const schema = JSON.parse(readFileSync(join(SHARED, 'spec/article.schema.json'), 'utf8'));
const Ajv = (Ajv2020 as unknown as { default?: typeof Ajv2020 }).default ?? Ajv2020;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

test('analyze --json: one valid parley/article@1 per seed article, JSON Lines', () => {
  const r = parley(['analyze', ...seedFiles, '--json']);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n');
  assert.equal(lines.length, seedFiles.length);
  const published = new Set<string>();
  for (const l of lines) {
    const a = JSON.parse(l);
    assert.ok(validate(a), JSON.stringify(validate.errors));
    assert.equal(a.schema, 'parley/article@1');
    assert.ok(a.sentences.length > 3);
    for (const s of a.sentences) assert.ok(s.start < s.end && s.end <= a.text.length);
    published.add(a.published);
  }
  assert.deepEqual([...published].sort(), ['2025-11-09', '2026-02-04', '2026-02-05', '2026-02-10', '2026-02-11']);

  // on worker threads: the same objects, in the same (input) order
  const par = parley(['analyze', ...seedFiles, '--json', '--jobs', '2']);
  assert.equal(par.code, 0, par.err);
  assert.deepEqual(par.out.trim().split('\n').map((l) => JSON.parse(l)), lines.map((l) => JSON.parse(l)));
});

test('analyze --tokens: every token with lemma and UD pos, offsets into text', () => {
  const r = parley(['analyze', seedFiles[4], '--tokens']);
  assert.equal(r.code, 0, r.err);
  const a = JSON.parse(r.out);
  assert.ok(validate(a), JSON.stringify(validate.errors));
  assert.ok(a.tokens.length > 100);
  for (const t of a.tokens) {
    assert.equal(a.text.slice(t.start, t.end), t.text);
    assert.equal(typeof t.lemma, 'string');
    assert.equal(typeof t.pos, 'string');
  }
});

test('analyze reads stdin (-) and prints a readable summary without --json', () => {
  const r = parley(['analyze', '-'], { input: readFileSync(seedFiles[2], 'utf8') });
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /2026-02-04/);
  assert.match(r.out, /1 article analysed, 0 inputs rejected/);
});

test('bad inputs: each named on stderr (with line), the rest processed, exit 1; nothing readable exits 3', () => {
  const empty = join(tmp, 'empty.txt');
  const binary = join(tmp, 'blob.bin');
  const jsonl = join(tmp, 'batch.jsonl');
  writeFileSync(empty, '');
  writeFileSync(binary, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  writeFileSync(
    jsonl,
    [
      JSON.stringify({ id: 'uk-1', published: '2025-11-09', title: 'Лавров і Рубіо', text: 'Особиста зустріч очільника МЗС РФ Сергія Лаврова та держсекретаря США Марко Рубіо все ще може відбутися.' }),
      '{"id": "broken", "text": "Песков заявил',
      JSON.stringify({ id: 'ru-1', published: '2026-02-10', text: 'В Кремле подтвердили возобновление контактов с Францией на техническом уровне.' }),
    ].join('\n'),
  );
  const r = parley(['analyze', empty, binary, jsonl, '--json']);
  assert.equal(r.code, 1, r.err);
  const ids = r.out.trim().split('\n').map((l) => JSON.parse(l).id);
  assert.deepEqual(ids, ['uk-1', 'ru-1']);
  assert.match(r.err, /empty\.txt/);
  assert.match(r.err, /blob\.bin/);
  assert.match(r.err, /batch\.jsonl:2/);

  const none = parley(['analyze', empty, join(tmp, 'does-not-exist.txt')]);
  assert.equal(none.code, 3);
  assert.match(none.err, /does-not-exist\.txt/);
});

test('usage errors exit 2; --help exits 0 on every command', () => {
  assert.equal(parley(['analyze']).code, 2);
  assert.equal(parley(['frobnicate']).code, 2);
  assert.equal(parley(['analyze', '--no-such-flag', seedFiles[0]]).code, 2);
  assert.equal(parley(['search', 'Макрон', '--from', 'yesterday', '--db', join(tmp, 'x.db')]).code, 2);
  assert.equal(parley(['search', 'Макрон', '--limit', '0']).code, 2);
  for (const c of ['analyze', 'ingest', 'search', 'stats', 'entities', 'quotes', 'events']) {
    const r = parley([c, '--help']);
    assert.equal(r.code, 0, c);
    assert.match(r.out, new RegExp(`Usage: parley ${c}`));
  }
});

test('ingest: summary, idempotent re-ingest, then search/stats/entities/quotes/events read the store', () => {
  const db = join(tmp, 'corpus.db');
  const bad = join(tmp, 'bad.jsonl');
  writeFileSync(bad, '{"id": 1, "text": ');
  const first = parley(['ingest', SEEDS, bad, '--db', db]);
  assert.equal(first.code, 1, first.err);
  assert.match(first.out, /5 articles read, 5 new, 0 duplicates, 1 rejected/);
  assert.match(first.out, /bad\.jsonl/);
  const again = parley(['ingest', ...seedFiles], { env: { PARLEY_DB: db } });
  assert.equal(again.code, 0, again.err);
  assert.match(again.out, /5 articles read, 0 new, 5 duplicates, 0 rejected/);

  const summary = JSON.parse(parley(['ingest', seedFiles[0], '--db', db, '--json']).out);
  assert.deepEqual([summary.read, summary.new, summary.duplicates, summary.rejected], [1, 0, 1, []]);

  const stats = parley(['stats', '--db', db, '--json']);
  assert.equal(stats.code, 0, stats.err);
  const s = JSON.parse(stats.out);
  assert.equal(s.articles, 5);
  assert.deepEqual(s.byLang, [{ lang: 'ru', n: 4 }, { lang: 'uk', n: 1 }]);
  assert.match(parley(['stats', '--db', db]).out, /РИА Новости/);

  // plain word, two words, filters
  const hits = (args: string[]) => JSON.parse(parley(['search', ...args, '--db', db, '--json']).out).hits as { id: string; published: string; snippet: string }[];
  assert.equal(hits(['Кремле']).length >= 1, true);
  assert.ok(hits(['Франция', '--lang', 'ru']).length >= 2);
  assert.equal(hits(['Франция', '--lang', 'uk']).length, 0);
  assert.ok(hits(['Рубіо']).every((h) => h.published === '2025-11-09'));
  assert.equal(hits(['Рубіо', '--from', '2026-01']).length, 0);
  assert.equal(hits(['Рубіо', '--outlet', 'РИА']).length, 0);
  const text = parley(['search', 'Рубіо', '--db', db]);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /\[\[Рубіо\]\]/);

  for (const c of ['entities', 'quotes', 'events']) {
    const r = parley([c, '--db', db, '--json']);
    assert.equal(r.code, 0, `${c}: ${r.err}`);
    for (const l of r.out.split('\n').filter(Boolean)) JSON.parse(l);
  }
  const id = hits(['Рубіо'])[0].id;
  const shown = parley(['show', id, '--db', db]);
  assert.equal(shown.code, 0, shown.err);
  assert.ok(validate(JSON.parse(shown.out)), JSON.stringify(validate.errors));
  assert.equal(parley(['show', 'no-such-article', '--db', db]).code, 3);

  const plover = parley(['events', '--db', db, '--format', 'plover']);
  assert.equal(plover.code, 0, plover.err);
  assert.ok(Array.isArray(JSON.parse(plover.out)));
});

test('search lemmatises the query: Макрон finds Макроном/Макрона, переговори finds переговорів', () => {
  const db = join(tmp, 'morph.db');
  assert.equal(parley(['ingest', SEEDS, '--db', db]).code, 0);
  const search = (q: string) => JSON.parse(parley(['search', q, '--db', db, '--json']).out);
  const macron = search('Макрон');
  assert.ok(macron.hits.length >= 2, JSON.stringify(macron.terms));
  assert.ok(macron.hits.some((h: { snippet: string }) => /\[\[Макрон(ом|а|у)\]\]/.test(h.snippet)));
  const talks = search('переговори');
  assert.ok(talks.hits.some((h: { lang: string }) => h.lang === 'uk'));
  const ruTalks = search('переговоры');
  assert.ok(ruTalks.hits.some((h: { lang: string }) => h.lang === 'ru'));
});

test('read commands on a missing database exit 3 with a clear message', () => {
  const r = parley(['stats', '--db', join(tmp, 'nothing-here.db')]);
  assert.equal(r.code, 3);
  assert.match(r.err, /no database at/);
});
