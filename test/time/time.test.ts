/**
 * Temporal expressions on real news sentences (ru, uk, en), run through the pipeline up to the
 * time stage so that the morphology's tense decides the direction of weekdays and months.
 * Sentences come from the seed articles and from the kind of reports Parley reads
 * (RIA Novosti, Interfax, UNIAN, TSN, Reuters).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Timex } from '../../src/doc/model.js';
import { createPipeline } from '../../src/pipeline/index.js';

const pipe = await createPipeline({ upTo: 'time' });

function times(text: string, published: string, lang: string): Timex[] {
  const doc = pipe.analyze({ source: { format: 'text' }, published, title: null, text, lang });
  return doc.layers.times ?? [];
}

function one(text: string, published: string, lang: string, surface: string): Timex {
  const t = times(text, published, lang).find((x) => x.text.toLowerCase().includes(surface.toLowerCase()));
  assert.ok(t, `no timex "${surface}" in: ${text} -> ${JSON.stringify(times(text, published, lang))}`);
  return t;
}

test('absolute dates in every written form', () => {
  assert.equal(one('МОСКВА, 5 фев — РИА Новости. Россия сохраняет контакты с некоторыми европейскими странами.', '2026-02-05', 'ru', '5 фев').value, '2026-02-05');
  assert.equal(one('Москва. 10 февраля. INTERFAX.RU - В Кремле подтвердили возобновление контактов с Елисейским дворцом.', '2026-02-10', 'ru', '10 февраля').value, '2026-02-10');
  assert.equal(one('Переговоры делегаций прошли 10 февраля 2026 года в Абу-Даби.', '2026-02-12', 'ru', '10 февраля 2026').value, '2026-02-10');
  assert.equal(one('Документ был подписан 10.02.2026 в Женеве.', '2026-02-12', 'ru', '10.02.2026').value, '2026-02-10');
  assert.equal(one('Як повідомлялося раніше, 21 жовтня головний російський дипломат провів телефонну розмову з Рубіо.', '2025-11-09', 'uk', '21 жовтня').value, '2025-10-21');
  assert.equal(one('Secretary of State Marco Rubio spoke with Sergei Lavrov on February 3, the State Department said.', '2026-02-05', 'en', 'February 3').value, '2026-02-03');
});

test('weekdays point the way the verb does', () => {
  // past: the latest such day before the article
  assert.equal(one('Накануне агентство Reuters сообщило, что во вторник Москву посетил дипломатический советник Макрона Эммануэль Бонн.', '2026-02-05', 'ru', 'вторник').value, '2026-02-03');
  assert.equal(one('У вівторок Зеленський провів телефонну розмову з Трампом.', '2025-11-09', 'uk', 'вівторок').value, '2025-11-04');
  // future: the next one
  assert.equal(one('В четверг Путин проведет переговоры с Макроном в Кремле.', '2026-02-09', 'ru', 'четверг').value, '2026-02-12');
  assert.equal(one('У четвер у Брюсселі відбудеться зустріч міністрів оборони НАТО.', '2026-02-09', 'uk', 'четвер').value, '2026-02-12');
  // a Ukrainian perfective non-past (no Tense from the morphology) is a future
  assert.equal(one('У четвер міністри зустрінуться в Брюсселі.', '2026-02-09', 'uk', 'четвер').value, '2026-02-12');
  // an explicit modifier wins
  assert.equal(one('В следующий четверг пройдет новый раунд переговоров.', '2026-02-05', 'ru', 'четверг').value, '2026-02-12');
});

test('relative days: вчера, сегодня, позавчера, накануне and днем ранее', () => {
  assert.equal(one('Вчера Лавров провел переговоры с Рубио.', '2026-02-05', 'ru', 'Вчера').value, '2026-02-04');
  assert.equal(one('Позавчора Сибіга зустрівся з Рубіо.', '2026-02-05', 'uk', 'Позавчора').value, '2026-02-03');
  assert.equal(one('Сегодня Песков заявил, что контактов нет.', '2026-02-05', 'ru', 'Сегодня').value, '2026-02-05');
  const ts = times(
    'МОСКВА, 5 фев — РИА Новости. Накануне агентство Reuters сообщило, что во вторник Москву посетил Эммануэль Бонн. В начале января Макрон заявил, что может провести разговор с Путиным. Днем ранее французский лидер заявил, что обсуждения уже ведутся.',
    '2026-02-05',
    'ru',
  );
  const nak = ts.find((t) => t.text === 'Накануне')!;
  const ran = ts.find((t) => t.text === 'Днем ранее')!;
  assert.equal(nak.value, '2026-02-04');
  // counted from the narrative's last main-clause day (накануне), not from the reported Tuesday
  assert.equal(ran.value, '2026-02-03');
  assert.equal(ran.anchor, String(nak.start));
  assert.equal(one('Напередодні речник Кремля Дмитро Пєсков заявив, що контактів немає.', '2026-02-05', 'uk', 'Напередодні').value, '2026-02-04');
  assert.equal(one('On February 3 Rubio met Lavrov in Riyadh. The day before, Witkoff called Dmitriev.', '2026-02-05', 'en', 'day before').value, '2026-02-02');
});

test('накануне before a genitive noun means "on the eve of", not a date', () => {
  const ts = times('Как передает корреспондент УНИАН, об этом генсек НАТО Марк Рютте заявил на пресс-конференции в Брюсселе накануне заседания министров обороны.', '2026-02-11', 'ru');
  assert.equal(ts.filter((t) => /накануне/i.test(t.text)).length, 0);
});

test('weeks, months and their parts', () => {
  assert.equal(one('На прошлой неделе Уиткофф посетил Москву.', '2026-02-05', 'ru', 'неделе').value, '2026-W05');
  assert.equal(one('Минулого тижня міністри закордонних справ зустрілися у Брюсселі.', '2025-11-09', 'uk', 'тижня').value, '2025-W44');
  assert.equal(one('До этого в декабре он выражал мнение, что Европе было бы полезно возобновить контакты.', '2026-02-05', 'ru', 'декабре').value, '2025-12');
  assert.equal(one('В марте Трамп посетит Китай.', '2026-02-05', 'ru', 'марте').value, '2026-03');
  const start = one('В начале января Макрон заявил, что планирует провести разговор с Путиным.', '2026-02-10', 'ru', 'начале января');
  assert.deepEqual([start.value, start.mod], ['2026-01', 'START']);
  const mid = one('В середине декабря прошлого года стороны провели консультации.', '2026-02-05', 'ru', 'середине');
  assert.deepEqual([mid.value, mid.mod], ['2025-12', 'MID']);
  const end = one('Наприкінці жовтня саміт у Будапешті скасували.', '2025-11-09', 'uk', 'Наприкінці');
  assert.deepEqual([end.value, end.mod], ['2025-10', 'END']);
  const early = one('In early January Macron said he may call Putin.', '2026-02-05', 'en', 'early January');
  assert.deepEqual([early.value, early.mod], ['2026-01', 'START']);
});

test('years, N числа and ranges', () => {
  assert.equal(one('Эммануэль Бонн возглавляет дипломатический отдел Макрона с 2019 года.', '2026-02-11', 'ru', '2019').value, '2019');
  assert.equal(one('Санкції діють з 2014 року.', '2026-02-11', 'uk', '2014').value, '2014');
  assert.equal(one('Следующий раунд переговоров пройдет 15 числа в Стамбуле.', '2026-02-05', 'ru', 'числа').value, '2026-02-15');
  const range = one('Переговоры шли с 1 по 3 февраля в Абу-Даби.', '2026-02-05', 'ru', 'февраля');
  assert.equal(range.value, '2026-02-01');
  assert.equal(range.to, '2026-02-03');
});

test('what is not a date is skipped', () => {
  assert.equal(times('Макрон заявил, что в ближайшие недели может провести разговор с Владимиром Путиным.', '2026-02-05', 'ru').length, 0);
  assert.equal(times('Контактов на самом высоком уровне сейчас нет совсем.', '2026-02-04', 'ru').length, 0);
  assert.equal(times('Зустріч може відбутися найближчими тижнями.', '2026-02-04', 'uk').length, 0);
});

test('spans point into the text', () => {
  const text = 'Накануне агентство Reuters сообщило, что во вторник Москву посетил Эммануэль Бонн.';
  for (const t of times(text, '2026-02-05', 'ru')) assert.equal(text.slice(t.start, t.end), t.text);
});

test('dates in later sentences keep their own spans (pieces joined for the parser are mapped back exactly)', () => {
  // aif.ru, 2018-07-09 (SlavicNER brexit): a date after a paragraph break and a later `Сегодня`
  const text =
    'Министр иностранных дел Великобритании Борис Джонсон ушёл в отставку. Об этом сообщила канцелярия премьер-министра Терезы Мэй. ' +
    'Премьер-министр Великобритании Тереза Мэй приняла отставку Бориса Джонсона и поблагодарила его за работу.\n\n\n\n' +
    '8 июля в отставку подал министр по вопросам Brexit Дэвид Дэвис. Причиной стало его несогласие с планом Мэй. Сегодня в парламенте выступит премьер.';
  const ts = times(text, '2018-07-09', 'ru');
  for (const t of ts) assert.equal(text.slice(t.start, t.end), t.text);
  assert.deepEqual(
    ts.map((t) => [t.text, t.value]),
    [
      ['8 июля', '2018-07-08'],
      ['Сегодня', '2018-07-09'],
    ],
  );
});

test('only temporal words are cues: adjectives of months are no dates, a year glued to its abbreviation is', () => {
  // `апрельских событий`, `ноябрьских выборов`: no date, though the word starts like a month
  assert.equal(times('Турция поддержала Азербайджан во время апрельских событий в Карабахе.', '2016-12-20', 'ru').length, 0);
  assert.equal(times('Трамп провел встречу в своем доме вскоре после ноябрьских выборов.', '2016-12-20', 'ru').length, 0);
  // `2005р.`, `в 1999г.`: the tokens split the year from its abbreviation
  assert.equal(one('Угоду про співпрацю підписали у 2005р. у Києві.', '2017-03-15', 'uk', '2005').value, '2005');
  assert.equal(one('Политический кризис разразился в 1999г., когда парламент отправил правительство в отставку.', '2017-03-15', 'ru', '1999').value, '1999');
});

test('two dates in neighbouring paragraphs are no range', () => {
  // UNIAN-style chronicle: a dated paragraph after a footnote mark
  const ts = times('Вакцинацію розпочали 29 грудня [31]\n\n30 грудня 2020 року Міністерство охорони здоров’я схвалило другу вакцину.', '2021-01-06', 'uk');
  const d = ts.find((t) => t.text.startsWith('30 грудня'));
  assert.ok(d, JSON.stringify(ts));
  assert.equal(d.value, '2020-12-30');
  assert.equal(d.to, undefined);
});

test('a day glued to its month is still a date; only the parsers the cues can feed run', () => {
  assert.equal(one('Меморандум було підписано 21травня 2015 року в Києві.', '2017-03-15', 'uk', 'травня').value, '2015-05-21');
  // a sentence with only a weekday and one with only a year still resolve (no month parser needed)
  assert.equal(one('У вівторок Зеленський провів телефонну розмову з Трампом.', '2025-11-09', 'uk', 'вівторок').value, '2025-11-04');
  assert.equal(one('Санкції діють з 2014 року.', '2026-02-11', 'uk', '2014').value, '2014');
});

test('an article without a publication date: only expressions that name their year get a value (no placeholder day)', () => {
  const doc = pipe.analyze({ source: { format: 'text' }, published: null, title: null, text: 'Сегодня экс-глава МИД должен был принять участие в пресс-конференции. Саммит прошел 9 июля 2018 года.', lang: 'ru' });
  const ts = doc.layers.times ?? [];
  assert.ok(!ts.some((t) => /^2000/.test(t.value)), JSON.stringify(ts));
  assert.ok(ts.some((t) => t.value === '2018-07-09'), JSON.stringify(ts));
});
