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

test('ru, uk: a foreign surname ending in a vowel stays as written; first names alone still decline', async () => {
  // the lemmatiser reads `Насири` as the genitive of a noun `Насиря`
  const ru = await link('Муж пакистанской христианки Захры Насири попросил западные страны о предоставлении убежища.', 'ru', [['Захры Насири', 'PER']]);
  assert.equal(lemmaOf(ru, 'Захры Насири'), 'Захра Насири');
  const ru2 = await link('Адвокат встретился с Захрой Насири в тюрьме.', 'ru', [['Захрой Насири', 'PER']]);
  assert.equal(idOf(ru2, 'Захрой Насири'), idOf(ru, 'Захры Насири'));
  const uk = await link('Чоловік пакистанської християнки Захри Насірі, якій суд скасував смертний вирок, попросив західні країни про притулок.', 'uk', [
    ['Захри Насірі', 'PER'],
  ]);
  assert.equal(lemmaOf(uk, 'Захри Насірі'), 'Захра Насірі');
  assert.equal(idOf(uk, 'Захри Насірі'), idOf(ru, 'Захры Насири'));
  // a first name alone declines (`Іллі` is `Ілля`); a surname in the nominative beside its first name stays
  const uk2 = await link('Про це повідомив брат Іллі на ім’я Петро.', 'uk', [['Іллі', 'PER'], ['Петро', 'PER']]);
  assert.equal(lemmaOf(uk2, 'Іллі'), 'Ілля');
  const uk3 = await link('Олена Кравчина заявила, що подала позов до суду.', 'uk', [['Олена Кравчина', 'PER']]);
  assert.equal(lemmaOf(uk3, 'Олена Кравчина'), 'Олена Кравчина');
});

test('uk: a surname the article writes beside a nominative first name is its base form in the other mentions too', async () => {
  const d = await link(
    'Захра Насірі, яку суд виправдав ще 31 жовтня, досі перебуває у в’язниці. Пізніше влада погодилася не заперечувати проти оскарження вироку Захри Насірі.',
    'uk',
    [['Захра Насірі', 'PER'], ['Захри Насірі', 'PER']],
  );
  assert.equal(lemmaOf(d, 'Захри Насірі'), 'Захра Насірі');
  assert.equal(idOf(d, 'Захри Насірі'), idOf(d, 'Захра Насірі'));
});

test('ru, uk: a state institution named without its country is the institution of the country the article is about', async () => {
  const a = await link(
    'Верховный суд Пакистана оправдал христианку Асию Биби. После решения Верховного суда в Пакистане начались протесты, Исламабад усилил охрану.',
    'ru',
    [['Верховный суд Пакистана', 'ORG'], ['Асию Биби', 'PER'], ['Верховного суда', 'ORG'], ['Пакистане', 'LOC'], ['Исламабад', 'LOC']],
  );
  const b = await link(
    'Радикалы в Пакистане требуют казни христианки. Верховный суд отклонил апелляцию, сообщают пакистанские СМИ, протесты в Пакистане продолжаются.',
    'ru',
    [['Пакистане', 'LOC'], ['Верховный суд', 'ORG'], ['Пакистане', 'LOC']],
  );
  const c = await link('Протести в Пакистані тривають після того, як Верховний суд виправдав християнку. Влада Пакистану посилила охорону.', 'uk', [
    ['Пакистані', 'LOC'],
    ['Верховний суд', 'ORG'],
    ['Пакистану', 'LOC'],
  ]);
  assert.equal(idOf(b, 'Верховный суд'), idOf(a, 'Верховный суд Пакистана'));
  assert.equal(idOf(c, 'Верховний суд'), idOf(a, 'Верховный суд Пакистана'));
  // a named institution and an outlet keep their own names
  const d = await link('Стокгольмський арбітраж зобов’язав «Газпром» заплатити Україні, пише «Дзеркало тижня». Україна вимагає виконання рішення.', 'uk', [
    ['Стокгольмський арбітраж', 'ORG'],
    ['Україні', 'LOC'],
    ['Дзеркало тижня', 'ORG'],
    ['Україна', 'LOC'],
  ]);
  assert.doesNotMatch(idOf(d, 'Стокгольмський арбітраж')!, /ukrain/);
  assert.doesNotMatch(idOf(d, 'Дзеркало тижня')!, /ukrain/);
});
