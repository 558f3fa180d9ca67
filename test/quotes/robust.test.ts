// Hostile and unusual input: the stage never throws and its spans stay inside the text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDoc } from '../../src/doc/create.js';
import { runQuotes } from '../../src/quotes/index.js';
import { analyze, spansConsistent } from './helpers.js';

function bare(text: string, lang: string) {
  const d = createDoc({ source: {}, published: null, title: null, text, lang });
  d.lang = lang;
  return d;
}

test('thousands of unmatched quotation marks, binary junk, an empty text and an unknown language', () => {
  for (const text of ['«'.repeat(50000) + ' "' + 'а "'.repeat(20000), '\u0001\u0002"»«„“'.repeat(5000), '', '"Hallo", sagte er.']) {
    for (const lang of ['ru', 'uk', 'en', 'de']) {
      const d = bare(text, lang);
      assert.doesNotThrow(() => runQuotes(d));
      assert.ok(Array.isArray(d.layers.quotes) && Array.isArray(d.layers.attributions));
      assert.ok(spansConsistent(d));
    }
  }
});

test('a long article made of quotes keeps every span consistent (full pipeline)', async () => {
  // (paragraphs that differ: a paragraph repeated verbatim is the page's copy and says its quotes once)
  const one = (i: number) => `Пресс-секретарь президента РФ Дмитрий Песков заявил в ${1960 + i} году, что Москва готова к диалогу. "Мы открыты для контактов", — сказал он. По его словам, "это важно".\n\n`;
  const d = await analyze(Array.from({ length: 60 }, (_, i) => one(i)).join(''));
  assert.equal(d.layers.quotes!.filter((q) => q.kind === 'direct').length, 60);
  assert.ok(d.layers.quotes!.every((q) => q.speaker !== null));
  assert.ok(spansConsistent(d));
});
