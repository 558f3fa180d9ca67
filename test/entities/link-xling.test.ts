/**
 * Cross-lingual keys for names outside the knowledge base (real news sentences, ru and uk): regular
 * ru/uk ending correspondences, the ru<->uk word table learned from names of one referent, Latin x as
 * Cyrillic writes it, and a surname left in the case its first name was taken out of.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idOf, lemmaOf, link } from './link-helpers.js';
import { crossKey, stemWord, translitKey } from '../../src/entities/kb/keys.js';
import { learnWordTable } from '../../scripts/kb/build-word-table.js';

test('learned word table: one differing word of two names of one referent translates; shared words do not', () => {
  const { table } = learnWordTable([
    ['Северная Корея', 'Північна Корея'],
    ['Северная Македония', 'Північна Македонія'],
    ['Международный валютный фонд', 'Міжнародний валютний фонд'],
    // two differing words and no second witness: no evidence which word is which
    ['Соединенное Королевство', 'Велика Британія'],
    ['кабинет Терезы Мэй', 'Кабінет міністрів Великобританії'],
    // a word Russian names use as well (`Рада`) is not translated
    ['Европейский совет', 'Європейська Рада'],
    ['Верховная Рада', 'Верховна Рада'],
  ]);
  assert.equal(table[stemWord(translitKey('Північна'))], stemWord(translitKey('Северная')));
  assert.equal(table[stemWord(translitKey('Міжнародний'))], stemWord(translitKey('Международный')));
  assert.equal(table[stemWord(translitKey('Велика'))], undefined);
  assert.equal(table[stemWord(translitKey('Великобританії'))], undefined);
  assert.equal(table[stemWord(translitKey('Рада'))], undefined);
  // a name in the other language's words meets its Russian form
  assert.equal(crossKey('Північна Ірландія', table), crossKey('Северная Ирландия', table));
  assert.notEqual(crossKey('Південна Ірландія', table), crossKey('Северная Ирландия', table));
});

test('ru, uk: ending correspondences join a name unknown to the KB across the languages', async () => {
  // ru -ая/-ой, uk -а/-ої; ru -ов, uk -ів
  assert.equal(crossKey('Консервативная партия Канады'), crossKey('Консервативна партія Канади'));
  assert.equal(crossKey('Кабинет министров'), crossKey('Кабінет міністрів'));
  const ru = await link('Лидер Консервативной партии Канады заявил, что его фракция не поддержит бюджет правительства.', 'ru', [
    ['Консервативной партии Канады', 'ORG'],
  ]);
  const uk = await link('Лідер Консервативної партії Канади заявив, що його фракція не підтримає бюджет уряду.', 'uk', [
    ['Консервативної партії Канади', 'ORG'],
  ]);
  assert.match(idOf(ru, 'Консервативной партии Канады')!, /^new:ORG:/);
  assert.equal(idOf(ru, 'Консервативной партии Канады'), idOf(uk, 'Консервативної партії Канади'));
});

test('ru, uk: a place the KB does not know, in translated words, gets one id through the shipped word table', async () => {
  const ru = await link('Губернатор штата Западная Вирджиния объявил чрезвычайное положение из-за наводнений.', 'ru', [['Западная Вирджиния', 'LOC']]);
  const uk = await link('Губернатор штату Західна Вірджинія оголосив надзвичайний стан через повені.', 'uk', [['Західна Вірджинія', 'LOC']]);
  assert.match(idOf(ru, 'Западная Вирджиния')!, /^new:LOC:/);
  assert.equal(idOf(ru, 'Западная Вирджиния'), idOf(uk, 'Західна Вірджинія'));
  // a different direction stays a different place
  const uk2 = await link('Губернатор штату Південна Кароліна оголосив надзвичайний стан.', 'uk', [['Південна Кароліна', 'LOC']]);
  assert.notEqual(idOf(uk2, 'Південна Кароліна'), idOf(ru, 'Западная Вирджиния'));
});

test('ru, uk: Brexit = Брекзит = Брексит (Latin x written кс or кз)', async () => {
  assert.equal(translitKey('Брекзит'), translitKey('Brexit'));
  assert.equal(translitKey('Брексіт'), translitKey('Brexit'));
  const d = await link('Ранее по этой же причине в отставку ушел британский министр по делам «Брекзит» Дэвид Дэвис.', 'ru', [['Брекзит', 'EVT'], ['Дэвид Дэвис', 'PER']]);
  const d2 = await link('Британський парламент знову відклав голосування щодо Brexit.', 'uk', [['Brexit', 'EVT']]);
  assert.equal(idOf(d, 'Брекзит'), idOf(d2, 'Brexit'));
});

test('ru, uk: a surname left in the case its first name was taken out of follows it', async () => {
  const ru = await link(
    '«Королева с удовольствием одобрила назначение Доминика Рааба в качестве министра по вопросам выхода из ЕС», — говорится в сообщении канцелярии.',
    'ru',
    [['Доминика Рааба', 'PER'], ['ЕС', 'ORG']],
  );
  assert.equal(lemmaOf(ru, 'Доминика Рааба'), 'Доминик Рааб');
  const uk = await link('Прем’єр-міністр зустрілася з Домініком Раабом у Лондоні.', 'uk', [['Домініком Раабом', 'PER'], ['Лондоні', 'LOC']]);
  assert.equal(lemmaOf(uk, 'Домініком Раабом'), 'Домінік Рааб');
  // surnames the lemmatiser declines itself, and indeclinable ones, are left alone
  const ru2 = await link('Встреча с Николаем Патрушевым прошла в Москве.', 'ru', [['Николаем Патрушевым', 'PER'], ['Москве', 'LOC']]);
  assert.equal(lemmaOf(ru2, 'Николаем Патрушевым'), 'Николай Патрушев');
});
