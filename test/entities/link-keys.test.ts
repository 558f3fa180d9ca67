/**
 * `new:` ids of names outside the knowledge base on real news sentences: a person's id comes from the
 * surname of the full name even where a first name alone joined the person (before or after the full
 * name), and words typed with a homoglyph of the other script key like the word itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entityOf, idOf, link } from './link-helpers.js';
import { translitKey, unmixScripts } from '../../src/entities/kb/keys.js';

test('uk: a first name alone that joins its person does not become the person’s key', async () => {
  const d = await link(
    'Голова Федеральної лікарської палати Німеччини Томас Вендлер закликав не поспішати з пом’якшенням обмежень. Томас наголосив, що лікарні досі переповнені.',
    'uk',
    [['Федеральної лікарської палати', 'ORG'], ['Німеччини', 'LOC'], ['Томас Вендлер', 'PER'], ['Томас', 'PER']],
  );
  assert.equal(idOf(d, 'Томас Вендлер'), 'new:PER:vendler');
  assert.equal(idOf(d, 'Томас'), idOf(d, 'Томас Вендлер'));
  // the same person in an article that names him by the full name only, or in Latin script
  const d2 = await link('Томас Вендлер, голова Федеральної лікарської палати, сподівається, що пандемія піде на спад до літа.', 'uk', [['Томас Вендлер', 'PER']]);
  assert.equal(idOf(d2, 'Томас Вендлер'), idOf(d, 'Томас Вендлер'));
  const d3 = await link('Thomas Wendler, the president of the German Medical Association, said hospitals were full.', 'en', [['Thomas Wendler', 'PER']]);
  assert.equal(idOf(d3, 'Thomas Wendler'), idOf(d, 'Томас Вендлер'));
});

test('ru: a first name written before the full name joins that person; the id is the surname', async () => {
  const d = await link(
    'Сама Асия не поверила, когда узнала, что ее оправдали. Супруг Асии объявил, что семья может покинуть Пакистан. За восемь лет своего заключения Асия Биби стала в мире одной из самых известных религиозных узниц.',
    'ru',
    [['Асия', 'PER'], ['Асии', 'PER'], ['Пакистан', 'LOC'], ['Асия Биби', 'PER']],
  );
  assert.equal(idOf(d, 'Асия'), idOf(d, 'Асия Биби'));
  assert.equal(idOf(d, 'Асии'), idOf(d, 'Асия Биби'));
  assert.equal(entityOf(d, 'Асия Биби')!.mentions.length, 3);
  // the same id as an article naming her by the surname alone
  const d2 = await link('Адвокат Биби покинул страну после угроз.', 'ru', [['Биби', 'PER']]);
  assert.equal(idOf(d, 'Асия Биби'), idOf(d2, 'Биби'));
});

test('ru: a first name alone stays apart when another person of the article bears it as a surname', async () => {
  const d = await link('Премьер Имран Хан встретился с министром Ахмедом Имраном. Имран заявил журналистам, что решение принято.', 'ru', [
    ['Имран Хан', 'PER'],
    ['Ахмедом Имраном', 'PER'],
    ['Имран', 'PER'],
  ]);
  assert.notEqual(idOf(d, 'Имран'), idOf(d, 'Имран Хан'));
});

test('keys: a word typed with homoglyphs of the other script keys as the word itself', async () => {
  // `COVAХ` with a Cyrillic Х, `COVІD-19` with a Cyrillic І (uk news), `Евроcоюза` with a Latin c
  assert.equal(unmixScripts('COVAХ'), 'COVAX');
  assert.equal(translitKey('COVAХ'), translitKey('COVAX'));
  assert.equal(translitKey('COVІD-19'), translitKey('COVID-19'));
  assert.equal(translitKey('Евроcоюза'), translitKey('Евросоюза'));
  // words wholly in one script, and two scripts each with letters of their own, stay as written
  assert.equal(unmixScripts('Північний потік'), 'Північний потік');
  assert.equal(unmixScripts('СпутникV'), 'СпутникV');
  const d = await link('"Але швидше Pfizer, оскільки COVAХ працює з вакцинами, в яких є дозвіл від ВООЗ на екстрене використання.', 'uk', [
    ['Pfizer', 'ORG'],
    ['COVAХ', 'PRO'],
  ]);
  const d2 = await link('Україна отримає перші вакцини в рамках ініціативи COVAX у лютому.', 'uk', [['Україна', 'LOC'], ['COVAX', 'PRO']]);
  assert.equal(idOf(d, 'COVAХ'), idOf(d2, 'COVAX'));
  // a KB name typed with a Latin I links (its base form stays as written, as SlavicNER's lemmas do)
  const d3 = await link('Про це повідомляє агентство «Iнтерфакс-Україна».', 'uk', [['«Iнтерфакс-Україна»', 'ORG']]);
  assert.equal(idOf(d3, '«Iнтерфакс-Україна»'), 'interfax-ukraine');
});
