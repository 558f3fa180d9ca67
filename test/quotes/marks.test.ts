// Quotation-mark pairing on real news text: every style of ru/uk/en, nesting, stray marks, paragraphs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pairQuotes } from '../../src/quotes/marks.js';

function inner(text: string): string[] {
  return pairQuotes(text).map((p) => `${p.depth}:${text.slice(p.start, p.end)}`);
}

test('guillemets, low-high and English curly quotes', () => {
  assert.deepEqual(inner('Лавров заявил пропагандистам российского «РИА Новости».'), ['0:РИА Новости']);
  assert.deepEqual(inner('„Северного потока — 2“ все равно не является верным путем'), ['0:Северного потока — 2']);
  assert.deepEqual(inner('“That makes me smart,” Trump said.'), ['0:That makes me smart,']);
});

test('nested straight quotes inside straight quotes, and a stray opening guillemet', () => {
  const t = '« "Они звонят и просят. Некоторые появляются здесь и "подпольно" контактируют", — сказал он.\n\nДальше.';
  assert.deepEqual(inner(t), ['0:Они звонят и просят. Некоторые появляются здесь и "подпольно" контактируют', '1:подпольно']);
});

test('a quote running over paragraphs: the next paragraph reopens the mark', () => {
  const t = '«Первый абзац цитаты.\n\n«Второй абзац цитаты», — сказал он.';
  const ps = pairQuotes(t);
  assert.equal(ps.length, 1);
  assert.equal(t.slice(ps[0].start, ps[0].end), 'Первый абзац цитаты.\n\n«Второй абзац цитаты');
});

test('guillemets nesting low-high quotes (ru/uk style)', () => {
  const t = '«Мы не считаем „Северный поток“ политическим проектом», — сказал он.';
  assert.deepEqual(inner(t), ['0:Мы не считаем „Северный поток“ политическим проектом', '1:Северный поток']);
});

test('mixed straight and curly marks close each other; apostrophes are not marks', () => {
  assert.deepEqual(inner('it would take "more hours” before details emerge, O’Neill said'), ['0:more hours']);
});

test("two apostrophes are one double mark (''…'' of archive feeds, ’’…’’ once apostrophes are unified); a lone apostrophe is not", () => {
  assert.deepEqual(inner("''There's a lot of new complexity,'' said Mr. Burman."), ["0:There's a lot of new complexity,"]);
  assert.deepEqual(inner('’’Hopefully,’’ the president said, ’’this museum can help us talk to each other.’’'), ['0:Hopefully,', '0:this museum can help us talk to each other.']);
  assert.deepEqual(inner("It's the students' money, he said."), []);
  const t = "''You'd think the business community would be up in arms,'' said Mr. Holtz-Eakin.";
  const [p] = pairQuotes(t);
  assert.equal(t.slice(p.open, p.close + 1), "''You'd think the business community would be up in arms,''");
});
