// What a story vector counts, on real text: a scraped page's web addresses are no content terms
// (a SlavicNER report ending in its source's address; a forum post in BBCode), and Ukrainian and
// English news words that are no cognates of their Russian equivalents meet them in one term key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { boilerplateSpans, inSpans } from '../../src/corpus/stories/boilerplate.js';
import { storyLemmas } from '../../src/corpus/stories/lemmas.js';
import { articleVec, storyData, termKey } from '../../src/corpus/stories/features.js';
import { linkParams, linkScore, reachDays } from '../../src/corpus/stories/link.js';

const RAW = join(fileURLToPath(new URL('../..', import.meta.url)), '..', 'shared', 'data', 'slavicner', 'raw');
const read = (rel: string) => readFileSync(join(RAW, rel), 'utf8');

function lemmasOutside(text: string, lang: string): string[] {
  const spans = boilerplateSpans(text);
  return storyLemmas(text, lang, (o) => inSpans(spans, o));
}

test('a web address closing a report is left out of its story terms, the report itself is not', () => {
  const text = read('nord_stream/ru/nord_stream_ru.txt_file_4.txt');
  const at = text.indexOf('https://ria.ru/analytics/');
  assert.ok(at > 0, 'the report names its source by address');
  const spans = boilerplateSpans(text);
  assert.ok(inSpans(spans, at) && inSpans(spans, at + 'https://ria.ru/analytics/2018'.length), 'the address is a skipped span');
  const lemmas = lemmasOutside(text, 'ru');
  for (const w of ['https', 'analytics', 'html', '1532331520']) assert.ok(!lemmas.includes(w), `${w} is no story term`);
  assert.ok(lemmas.includes('нафтогаз') || lemmas.includes('газпром'), 'the report keeps its content words');
  assert.ok(!inSpans(spans, text.indexOf('Полный текст')), 'the words before the address stay');
});

test('BBCode link targets of a forum post are skipped, its link text stays', () => {
  const text = read('covid-19/ru/coronavirus_ru_86.txt');
  const at = text.indexOf('https://www.myjane.ru');
  assert.ok(at > 0);
  const spans = boilerplateSpans(text);
  assert.ok(inSpans(spans, at));
  const lemmas = lemmasOutside(text, 'ru');
  // (the site's name stays where the post's text says it: `страницу myJane`)
  assert.ok(!lemmas.includes('https') && !lemmas.includes('articles') && !lemmas.includes('22826'));
  assert.ok(lemmas.includes('прививка'));
});

test('Ukrainian non-cognate news words share the term key of their Russian equivalents', () => {
  const { ukRu } = storyData();
  for (const [uk, ru] of [
    ['зустріч', 'встреча'],
    ['угода', 'соглашение'],
    ['уряд', 'правительство'],
    ['скасувати', 'отменить'],
    ['листопад', 'ноябрь'],
  ])
    assert.equal(termKey(uk, 'uk', ukRu), termKey(ru, 'ru', ukRu), `${uk} = ${ru}`);
  // and the cognate table still applies where no entry of the non-cognate one is
  assert.equal(termKey('газопровід', 'uk', ukRu), termKey('газопровод', 'ru', ukRu));
});

test('English news words share the term key of their Russian equivalents; ambiguous words are left alone', () => {
  const { ukRu, enRu } = storyData();
  for (const [en, ru] of [
    ['talk', 'переговоры'],
    ['ceasefire', 'перемирие'],
    ['prisoner', 'пленный'],
    ['summit', 'саммит'],
    ['wednesday', 'среда'],
  ])
    assert.equal(termKey(en, 'en', ukRu, enRu), termKey(ru, 'ru', ukRu, enRu), `${en} = ${ru}`);
  assert.equal(termKey('may', 'en', ukRu, enRu), 'mai', '`may` (a month and a verb) keeps its own key');
});

test('an English and a Russian report of one visit have common terms beyond the names (and stay in two vocabularies)', () => {
  const en = articleVec({ id: 'en', lang: 'en', published: null, lemmas: 'talk ceasefire prisoner exchange'.split(' '), entities: [] });
  const ru = articleVec({ id: 'ru', lang: 'ru', published: null, lemmas: 'переговоры перемирие пленный обмен'.split(' '), entities: [] });
  assert.equal([...en.terms.keys()].filter((k) => !k.startsWith('l:') && ru.terms.has(k)).length, 4);
  assert.ok(en.terms.has('l:en') && ru.terms.has('l:cyr'));
});

test('a Ukrainian and a Russian report of one meeting have common terms beyond the names', () => {
  const uk = articleVec({ id: 'uk', lang: 'uk', published: null, lemmas: 'уряд скасувати зустріч угода'.split(' '), entities: [] });
  const ru = articleVec({ id: 'ru', lang: 'ru', published: null, lemmas: 'правительство отменить встреча соглашение'.split(' '), entities: [] });
  const shared = [...uk.terms.keys()].filter((k) => !k.startsWith('l:') && ru.terms.has(k));
  assert.equal(shared.length, 4);
});

test('linkScore: beyond the decay, a long link needs the undecayed similarity over threshold / longFloor and the words to agree', () => {
  const p = { ...linkParams(), threshold: 0.15, graceDays: 3, decayDays: 30, windowDays: 180, longFloor: 0.45, longTerms: 0.2, longCrossTerms: 0.12, entityWeight: 0.3, crossEntityWeight: 0.5 };
  // 120 days apart, same vocabulary: entities .6, terms .3 -> raw .39, times the floor .1755
  assert.ok(linkScore(0.6, 0.3, 'l:cyr', 'l:cyr', 120, p) >= p.threshold);
  // the same names, other words (terms .09): the decay alone, far below
  assert.ok(linkScore(0.9, 0.09, 'l:cyr', 'l:cyr', 120, p) < 0.01);
  // across vocabularies the words need less (.12): entities .58, terms .14 -> raw .36
  assert.ok(linkScore(0.58, 0.14, 'l:en', 'l:cyr', 122, p) >= p.threshold);
  // past the window: nothing
  assert.equal(linkScore(1, 1, 'l:cyr', 'l:cyr', 181, p), 0);
  // within the grace days the decay is 1 and no floor is needed
  assert.equal(linkScore(0.5, 0.5, 'l:cyr', 'l:cyr', 2, p), 0.5);
  // candidates are looked up over the whole window when the floor can reach the threshold
  assert.equal(reachDays(p), 180);
  assert.ok(reachDays({ ...p, longFloor: 0 }) < 61);
});
