/** The knowledge-base service: look-ups in any case form and language, roles, countries. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kb } from '../../src/entities/kb/kb.js';
import { normKey, translitKey } from '../../src/entities/kb/keys.js';

const kb = Kb.load();

test('lookup finds names in any case form, capitalisation and language', () => {
  assert.equal(kb.lookup('Путіна', 'uk')[0]?.id, 'putin');
  assert.equal(kb.lookup('путіна', 'uk')[0]?.id, 'putin');
  assert.equal(kb.lookup('Владимиром Путиным', 'ru')[0]?.id, 'putin');
  assert.equal(kb.lookup('Владимиром Путиным', 'ru')[0]?.lemma, 'Владимир Путин');
  assert.equal(kb.lookup('рф', 'uk')[0]?.id, 'russia');
  assert.equal(kb.lookup('Росії', 'uk')[0]?.id, 'russia');
  assert.equal(kb.lookup('Белый дом', 'ru')[0]?.id, 'white-house');
  assert.equal(kb.lookup('«РИА Новости»', 'uk')[0]?.id, 'ria');
  assert.equal(kb.lookup('Élysée', 'en')[0]?.id, 'elysee');
  assert.deepEqual(kb.lookup('Неизвестный Человек', 'ru'), []);
});

test('holders of a role, countryOf, byId', () => {
  assert.deepEqual(kb.holders('министр иностранных дел', 'ru', 'russia').map((e) => e.id), ['lavrov']);
  assert.deepEqual(kb.holders('глава МИД', 'ru', 'russia').map((e) => e.id), ['lavrov']);
  assert.deepEqual(kb.holders('міністр закордонних справ', 'uk', 'ukraine').map((e) => e.id), ['sybiha']);
  assert.ok(kb.holders('пресс-секретарь', 'ru', 'kremlin').some((e) => e.id === 'peskov'));
  assert.ok(kb.holders('генеральный секретарь', 'ru', 'nato').some((e) => e.id === 'rutte'));
  assert.equal(kb.countryOf('peskov'), 'russia');
  assert.equal(kb.countryOf('kyiv'), 'ukraine');
  assert.equal(kb.countryOf('france'), 'france');
  assert.equal(kb.byId('zelensky')?.names.uk, 'Володимир Зеленський');
  assert.equal(kb.byId('zakharova')?.gender, 'f');
  assert.equal(kb.nameOf('kremlin', 'uk'), 'Кремль');
});

test('translitKey folds ru, uk and Latin spellings to one key', () => {
  assert.equal(translitKey('Песков'), translitKey('Пєсков'));
  assert.equal(translitKey('Песков'), translitKey('Peskov'));
  assert.equal(translitKey('Зеленский'), translitKey('Зеленський'));
  assert.equal(translitKey('Зеленский'), translitKey('Zelenskyy'));
  assert.equal(translitKey('Гренелл'), translitKey('Grenell'));
  assert.equal(translitKey('Ричард'), translitKey('Річард'));
  assert.equal(translitKey('Nord Stream 2'), 'nord-stream-2');
  assert.equal(normKey('«Газпром»'), 'газпром');
  assert.equal(normKey('Об’єднане  Королівство'), "об'єднане королівство");
});

test('role synonyms resolve to holders (ru and uk)', () => {
  assert.ok(kb.holders('представитель Кремля', 'ru').some((e) => e.id === 'peskov'));
  assert.ok(kb.holders('речник Кремля', 'uk').some((e) => e.id === 'peskov'));
  assert.deepEqual(kb.holders('очільник МЗС', 'uk', 'russia').map((e) => e.id), ['lavrov']);
  assert.ok(kb.holders('госсекретарь', 'ru', 'usa').some((e) => e.id === 'rubio'));
  assert.ok(kb.holders('генсек НАТО', 'ru').some((e) => e.id === 'rutte'));
  assert.ok(kb.holders('глава евродипломатии', 'ru').some((e) => e.id === 'kallas'));
});

test('outlets are marked in the KB (curated rows and organisations named like an ingest-list outlet)', () => {
  for (const id of ['reuters', 'tass', 'ria', 'unian', 'bbc']) assert.equal(kb.byId(id)?.kind, 'outlet', id);
  assert.equal(kb.byId(kb.lookup('УНН', 'uk')[0]!.id)?.kind, 'outlet');
  for (const id of ['kremlin', 'gazprom', 'nato', 'putin', 'russia']) assert.equal(kb.byId(id)?.kind, undefined, id);
});
