/**
 * Issue 14: relative and under-specified dates of real news sentences (ru, uk, en): weekends,
 * parts of the current month, a day-month told in the past a few days after the article, a planned
 * date, and a day-month of an article without a publication date.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Timex } from '../../src/doc/model.js';
import { createPipeline } from '../../src/pipeline/index.js';

const pipe = await createPipeline({ upTo: 'time' });

function one(text: string, published: string | null, lang: string, surface: string): Timex {
  const doc = pipe.analyze({ source: { format: 'text' }, published, title: null, text, lang });
  const ts = doc.layers.times ?? [];
  const t = ts.find((x) => x.text.toLowerCase().includes(surface.toLowerCase()));
  assert.ok(t, `no timex "${surface}" in: ${text} -> ${JSON.stringify(ts)}`);
  return t;
}

test('weekends: the ISO week of their Saturday, `-WE`', () => {
  // Monday 2024-08-12: the weekend just past is 10-11 August (week 32)
  assert.equal(one('В минувшие выходные турецкий лидер Реджеп Тайип Эрдоган провел телефонные переговоры с премьером Эфиопии Абийем Ахмедом.', '2024-08-12', 'ru', 'выходные').value, '2024-W32-WE');
  // Wednesday 2023-05-17, future tense: the coming weekend, 20-21 May (week 20)
  assert.equal(one('Лідери Австралії, США, Індії та Японії зустрінуться на саміті G7 в Японії на цих вихідних після того, як Байден скасував поїздку до Сіднея.', '2023-05-17', 'uk', 'вихідних').value, '2023-W20-WE');
  // Monday, past tense: the weekend that has just ended
  assert.equal(one('Turkish President Recep Tayyip Erdogan spoke by phone with the leaders of both countries over the weekend.', '2024-08-12', 'en', 'weekend').value, '2024-W32-WE');
  assert.equal(one('The two foreign ministers met in Ankara last weekend.', '2024-08-14', 'en', 'last weekend').value, '2024-W32-WE');
  assert.equal(one('Міністри закордонних справ зустрілися в Анкарі минулих вихідних.', '2024-08-14', 'uk', 'вихідних').value, '2024-W32-WE');
});

test('a part of the current month', () => {
  const t = one('В начале месяца кардинал Дзуппи два дня «гостил» в Киеве, встречался с президентом Украины Владимиром Зеленским.', '2023-06-27', 'ru', 'начале месяца');
  assert.deepEqual([t.value, t.mod], ['2023-06', 'START']);
  const u = one('Наприкінці минулого місяця президенти провели телефонну розмову.', '2023-09-01', 'uk', 'минулого місяця');
  assert.deepEqual([u.value, u.mod], ['2023-08', 'END']);
  assert.equal(one('The Moscow trip follows Zuppi’s visit to Kyiv earlier this month, where he met with President Volodymyr Zelenskyy.', '2023-06-28', 'en', 'this month').value, '2023-06');
});

test('a day-month told in the past a few days after the article is that date, not the year before', () => {
  // an article of 2023-09-01 about a meeting on 4 September
  assert.equal(one('Як повідомляв Reuters, Ердоган і Путін провели переговори в Сочі 4 вересня.', '2023-09-01', 'uk', '4 вересня').value, '2023-09-04');
  assert.equal(one('Саммит в Дохе не отменен, а лишь отложен до 22 августа.', '2024-08-18', 'ru', '22 августа').value, '2024-08-22');
  // a date well after the article told in the past is still the year before
  assert.equal(one('Переговоры прошли 20 октября в Стамбуле.', '2024-08-18', 'ru', '20 октября').value, '2023-10-20');
});

test('planned dates told with a past auxiliary point forward', () => {
  assert.equal(one('Изначально переговоры были намечены на 2 сентября, но по просьбе двух стран их было решено перенести.', '2024-08-12', 'ru', '2 сентября').value, '2024-09-02');
  assert.equal(one('Очередной саммит QUAD планировалось провести в Сиднее 23-24 мая.', '2023-05-20', 'ru', 'мая').value, '2023-05-23');
  assert.equal(one('Путин пригласил монгольскую делегацию посетить в октябре форум в Казани.', '2024-09-03', 'ru', 'октябре').value, '2024-10');
});

test('an article without a publication date: a day-month keeps an unknown year', () => {
  assert.equal(one('23 октября генсек ООН Антониу Гутерреш прибыл в Казань, где принял участие в саммите БРИКС.', null, 'ru', '23 октября').value, 'XXXX-10-23');
  // relative days still have no value without a date to count from
  const doc = pipe.analyze({ source: { format: 'text' }, published: null, title: null, text: 'Накануне министры встретились в Анкаре.', lang: 'ru' });
  assert.equal((doc.layers.times ?? []).length, 0);
});

test('relative days and weeks count from the article', () => {
  assert.equal(one('Позавчера министры иностранных дел встретились в Анкаре.', '2024-08-18', 'ru', 'Позавчера').value, '2024-08-16');
  assert.equal(one('Його прес-секретар Дмитро Пєсков заявив минулого тижня, що Кремль “не стурбований” у зв’язку з візитом.', '2024-09-03', 'uk', 'минулого тижня').value, '2024-W35');
  assert.equal(one('Эрдоган на прошлой неделе встречался с президентом Украины Владимиром Зеленским.', '2023-08-29', 'ru', 'на прошлой неделе').value, '2023-W34');
});

test('a past-tense `напередодні` counts from the article, not from a date after it', () => {
  const text = '"Президент Туреччини Реджеп Таїп Ердоган і президент Росії Володимир Путін зустрінуться в Сочі 4 вересня", - пише турецьке видання.  Напередодні в Москві підтвердили, що зустріч відбудеться незабаром.';
  assert.equal(one(text, '2023-08-31', 'uk', 'Напередодні').value, '2023-08-30');
  // told in the future, the eve of the planned date
  assert.equal(one('Встреча состоится 4 сентября. Накануне министры проведут переговоры.', '2023-08-31', 'ru', 'Накануне').value, '2023-09-03');
});

test('a planning verb in the past points its date forward; same-day and same-week phrases', () => {
  assert.equal(one('Нагадаємо, раніше Reuters повідомило, що глава Державного департаменту Сполучених Штатів Рекс Тіллерсон запланував на 12 квітня свій перший візит до Москви.', '2017-03-21', 'uk', '12 квітня').value, '2017-04-12');
  assert.equal(one('Pakistan said India had struck several sites earlier in the week.', '2025-05-10', 'en', 'earlier in the week').value, '2025-W19');
  assert.equal(one('Путин встретился с Си Цзиньпином 20 марта. В тот же день лидеры подписали совместное заявление.', '2023-03-22', 'ru', 'тот же день').value, '2023-03-20');
});
