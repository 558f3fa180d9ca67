import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { resourcePath } from '../../src/pipeline/resources.js';
import { encodeStems, UkStems } from '../../src/text/morph/uk-stems.js';
import { EnLemmatizer } from '../../src/text/morph/en-lemma.js';
import { MorphologyService } from '../../src/text/morph/morphology.js';

const require = createRequire(import.meta.url);

test('uk stem table: binary search in place finds stems, not their prefixes or extensions', () => {
  const rows: [string, number[]][] = [
    ['', [3]],
    ['Київ', [12, 300]],
    ['Лавров', [7]],
    ['переговор', [128, 1919, 5]],
    ['переговорник', [40]],
  ];
  const t = new UkStems(encodeStems(rows));
  for (const [s, ids] of rows) assert.deepEqual(t.ids(s), ids);
  assert.deepEqual([...t.rows()], rows);
  for (const miss of ['переговори', 'перегово', 'Киї', 'Лаврова', 'Paris']) assert.equal(t.ids(miss), undefined);
  // the shipped table: stems of words from a news sentence
  const uk = new UkStems(readFileSync(resourcePath('src/text/morph/data/uk-stems.bin')));
  assert.ok(uk.ids('переговор'), 'переговор');
  assert.ok(uk.ids('Лавров'), 'Лавров');
  assert.equal(uk.ids('переговорqq'), undefined);
});

test('en lemmatizer: the same lemmas as wink-lemmatizer on a news sentence', () => {
  const wink = require('wink-lemmatizer') as Record<'noun' | 'verb' | 'adjective', (w: string) => string>;
  const en = new EnLemmatizer();
  const words = 'Ministers held talks on Tuesday as the leaders stopped short of agreeing wider sanctions and earlier deadlines, officials said; the biggest economies were lying low, taxes rose and wolves fled'.toLowerCase().match(/[a-z]+/g)!;
  for (const w of words) for (const f of ['noun', 'verb', 'adjective'] as const) assert.equal(en[f](w), wink[f](w), `${f}(${w})`);
  assert.equal(en.verb('agreeing'), 'agree');
  assert.equal(en.noun('wolves'), 'wolf');
  assert.equal(en.adjective('biggest'), 'big');
});

test('morphology cache: bounded, and a form analysed again after eviction gets the same analyses', () => {
  const m = new MorphologyService({ generation: 2_000 });
  const first = m.analyzeCached('переговорах', 'ru');
  for (let i = 0; i < 5_000; i++) m.analyzeCached(`слово${i}`, 'ru');
  const caches = (m as unknown as { caches: Map<string, { young: Map<string, unknown>; old: Map<string, unknown> }> }).caches;
  const c = caches.get('ru')!;
  assert.ok(c.young.size + c.old.size <= 4_000);
  assert.ok(!c.young.has('переговорах') && !c.old.has('переговорах'), 'evicted');
  assert.deepEqual(m.analyzeCached('переговорах', 'ru'), first);
});

test('ru dictionary read directly: the same parses, scores and order as Az.Morph on news text', async () => {
  const { RuMorph } = await import('../../src/text/morph/ru.js');
  const { NameGuesser } = await import('../../src/text/morph/names.js');
  const m = new RuMorph(NameGuesser.load('ru'));
  const dict = (m as unknown as { dict: { morph(w: string): unknown[]; parse(w: string): unknown[] | null } }).dict;
  const text =
    'Россия сохраняет контакты с некоторыми европейскими странами, но их лидеры не предлагают ничего нового, рассказал глава МИД Сергей Лавров. ' +
    'В Кремле подтвердили возобновление контактов с Елисейским дворцом на техническом уровне, которые при желании и необходимости могут помочь оперативно наладить диалог между президентами РФ и Франции. ' +
    'Её позиция ещё не изменилась, заявила Захарова; всё решится из-за ёлки по-русски Нью-Йорк НАТО Песков Ельцин ' +
    // words the dictionary does not know: names, prefixed and hyphenated words, abbreviations, Latin, numbers
    'Рютте Шольцем Мерца газпромовский евродепутаты Bloomberg Кведлинбурге Санчесу наиважнейший Туск ИГИЛ ' +
    'интернет-магазин компания-производитель по-западному смотри-ка экс-премьер вице-премьер северо-западного XIV В Ы 2024 3,5';
  const words = text.match(/[\p{L}\p{N},-]+/gu)!;
  const desc = (ps: unknown[]): string =>
    (ps as { word?: string; tag: object; score: number; parser: string; normalize(): { word?: string } | false }[])
      .map((p) => `${String(p)}|${p.word}|${String(p.tag)}|${p.score}|${p.parser}|${(p.normalize() || { word: '-' }).word}`)
      .join(';');
  let direct = 0;
  for (const w of [...words, ...words.map((x) => x.toLowerCase()), ...words.map((x) => x.toUpperCase())]) {
    assert.equal(desc(dict.morph(w)), desc(m.azParses(w) as unknown[]), w);
    if (dict.parse(w)) direct++;
  }
  assert.ok(direct > 100);
});
