// termOf's fast path (ASCII/Cyrillic letters and digits) gives the same terms as its definition:
// lower case, ё -> е, every character that is not a letter or digit dropped.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { termOf, words } from '../../src/store/terms.js';

const NON_WORD_G = /[^\p{L}\p{N}]+/gu;
const byDefinition = (s: string) => s.toLowerCase().replace(/ё/g, 'е').replace(NON_WORD_G, '');

const TEXTS = [
  'Путин и Трамп провели телефонный разговор, обсудив урегулирование на Украине и встречу в Саудовской Аравии.',
  'Ещё 12 февраля пресс-секретарь Кремля Дмитрий Песков заявил, что Ёлкин не приедет.',
  'Міністр закордонних справ України Андрій Сибіга п’ятого березня зустрівся з Ґреґом у Єрусалимі; ІЄЇҐ.',
  "O'Brien told the BBC's correspondent that the EU-Ukraine talks in Jeddah were ‘constructive’.",
  'Президент Pakistan’а, COVID-19, Nord Stream 2, İstanbul, Ǆemal, ΣΟΦΙΑ.',
];

test('termOf gives the defined term for every word of real ru/uk/en news text', () => {
  let n = 0;
  for (const t of TEXTS)
    for (const w of words(t)) {
      assert.equal(termOf(w.text), byDefinition(w.text), w.text);
      n++;
    }
  for (let c = 0; c < 0x2100; c++) {
    const s = 'Ба' + String.fromCharCode(c) + 'Z9';
    assert.equal(termOf(s), byDefinition(s), `U+${c.toString(16)}`);
  }
  assert.ok(n > 60);
});
