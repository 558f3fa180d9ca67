import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectOutlet, findOutlet, knownOutlets, outletFromUrl } from '../../src/ingest/index.js';
import { seedBody } from './helpers.js';

test('outlet from the seeds: dateline, correspondent, own earlier reporting; none where the text names none', () => {
  assert.equal(detectOutlet(seedBody('000_9e8b478fa875f41d.txt')), 'РИА Новости');
  assert.equal(detectOutlet(seedBody('001_e2f19f95208510e0.txt')), 'Интерфакс');
  assert.equal(detectOutlet(seedBody('002_1be854b1e4aa8ebc.txt')), 'Фокус');
  assert.equal(detectOutlet(seedBody('003_037014a95d8099d3.txt')), 'УНИАН');
  // a photo credit (© Associated Press), sources of Reuters and an interview to РИА Новости are not the publisher
  assert.equal(detectOutlet(seedBody('004_91384393e7f4fdf8.txt')), null);
});

test('datelines of agencies in ru, uk and en', () => {
  const cases: [string, string][] = [
    ['КИЕВ, 3 марта /ТАСС/. Министр иностранных дел Украины Андрий Сибига провел телефонный разговор с госсекретарем США.', 'ТАСС'],
    ['ВАШИНГТОН, 14 февраля. /ТАСС/. Госсекретарь США Марко Рубио заявил, что переговоры продолжатся.', 'ТАСС'],
    ['WASHINGTON, Feb 5 (Reuters) - U.S. Secretary of State Marco Rubio spoke by phone with Russian Foreign Minister Sergei Lavrov on Thursday.', 'Reuters'],
    ['KYIV, Ukraine (AP) — Ukraine’s foreign minister said on Monday that talks with Russia would resume next week.', 'Associated Press'],
    ['Київ, 5 лютого 2026 — Укрінформ. Міністр закордонних справ України Андрій Сибіга провів переговори з главою МЗС Польщі.', 'Укрінформ'],
    ['ТАСС, 24 ноября. Правоохранительные органы Пакистана задержали лидера исламистской партии.', 'ТАСС'],
    ['Пилоты Ryanair проведут забастовку в пяти странах\n\n, 20:29 REGNUM Профсоюзы пилотов ирландской авиакомпании объявили забастовку.', 'Регнум'],
    ['МОСКВА, 30 мая ПРАЙМ "Газпром" передал акции в залог по обязательствам перед партнерами.', 'ПРАЙМ'],
  ];
  for (const [text, want] of cases) assert.equal(detectOutlet(text), want, text);
});

test('credit lines and the outlet naming itself', () => {
  assert.equal(
    detectOutlet('Глава МИД Украины провел переговоры в Варшаве. Как передает корреспондент УНИАН, министры обсудили поставки энергии.'),
    'УНИАН',
  );
  assert.equal(
    detectOutlet('Міністри обговорили постачання енергії. Як передає кореспондент Укрінформу, зустріч тривала дві години.'),
    'Укрінформ',
  );
  assert.equal(
    detectOutlet('Президент Украины провел встречу с премьер-министром Польши, — пишет «Украинская правда».\n\nСтороны договорились продолжить консультации.'),
    'Украинская правда',
  );
  assert.equal(
    detectOutlet('Сторони домовилися продовжити консультації.\n\n©2000-2026, Українська правда. Використання матеріалів сайту лише за умови посилання.'),
    'Українська правда',
  );
  assert.equal(detectOutlet('Ранее министр заявлял о готовности к переговорам.\n\nИсточник: РБК'), 'РБК');
});

test('outlets the text only cites are not its publisher', () => {
  const cited = [
    'Ранее издание Politico писало, что Макрон активно готовит почву для восстановления прямых контактов с Россией.',
    'Джерела Reuters, знайомі з ситуацією, розповідали, що причиною стала непримиренна позиція Кремля.',
    'Как сообщал «Би-би-си», государство пока ни разу не казнило осужденных за богохульство.',
    'По словам политического корреспондента Би-би-си Лоры Кюнсберг, уход Джонсона осложнил положение премьера.',
    'Очільник МЗС РФ Сергій Лавров та держсекретар США Марко Рубіо / © Associated Press\n\nЗустріч може відбутися.',
    'Также ранее Reuters со ссылкой на источники сообщило, что советник Макрона встречался с официальными лицами в Кремле.',
    'Сегодня, 31 октября, Верховный суд Пакистана освободил местную христианку от смертного приговора.',
    'Лавров заявил РИА Новости, что Москва готова к диалогу.',
  ];
  for (const t of cited) assert.equal(detectOutlet(t), null, t);
});

test('outlet from a URL host (parent domains too), named in the article language', () => {
  assert.equal(outletFromUrl('https://www.unian.ua/politics/13300001.html')?.name, 'УНИАН');
  assert.equal(outletFromUrl('https://economics.unian.net/x')?.name, 'УНИАН');
  assert.equal(outletFromUrl('https://ua.interfax.com.ua/news/general/1.html')?.name, 'Интерфакс-Украина');
  assert.equal(outletFromUrl('https://www.interfax.ru/world/1')?.name, 'Интерфакс');
  assert.equal(outletFromUrl('not a url'), null);
  assert.equal(outletFromUrl('https://example.org/'), null);
  assert.equal(detectOutlet('Міністр закордонних справ провів переговори з колегою.', 'https://www.unian.ua/politics/1'), 'УНІАН');
  assert.equal(detectOutlet('Министр иностранных дел провел переговоры с коллегой.', 'https://www.unian.net/politics/1'), 'УНИАН');
  assert.equal(detectOutlet('The foreign ministers met in Brussels on Tuesday.', 'https://www.reuters.com/world/europe/x'), 'Reuters');
  // an unknown host falls back to the text
  assert.equal(detectOutlet('МОСКВА, 5 фев — РИА Новости. Лавров провел переговоры.', 'https://example.org/a'), 'РИА Новости');
});

test('the outlet list: dozens of ru/uk/en/international outlets, names resolvable by alias', () => {
  const list = knownOutlets();
  assert.ok(list.length >= 80, `${list.length} outlets`);
  for (const host of ['ria.ru', 'tass.ru', 'interfax.ru', 'unian.net', 'ukrinform.ua', 'pravda.com.ua', 'rbc.ru', 'kommersant.ru', 'reuters.com', 'apnews.com', 'bbc.com', 'politico.eu']) {
    assert.ok(outletFromUrl(`https://${host}/`), host);
  }
  assert.equal(findOutlet('INTERFAX.RU')?.name, 'Интерфакс');
  assert.equal(findOutlet('Укрінформу')?.name, 'Укрінформ');
  assert.equal(findOutlet('«Украинская правда»')?.name, 'Українська правда');
  assert.equal(findOutlet('Агентство Пупкина'), null);
});

test('patterns see only the aliases a text contains: a longer alias still wins over its prefix, one alias in many texts', () => {
  // `Интерфакс` is a prefix of `Интерфакс-Украина`: both in the text, the longer name is the outlet
  assert.equal(
    detectOutlet('КИЕВ, 5 февраля. Интерфакс-Украина. Министр иностранных дел Украины Андрий Сибига обсудил с коллегами из ЕС, о чем ранее писал Интерфакс.'),
    'Интерфакс-Украина',
  );
  assert.equal(detectOutlet('МОСКВА, 5 февраля. Интерфакс. Министр иностранных дел России Сергей Лавров провел переговоры с коллегой из Турции.'), 'Интерфакс');
  // the same dateline with other agencies named later in the text (another alias set), and a text naming none
  assert.equal(
    detectOutlet('МОСКВА, 5 февраля. Интерфакс. Министр иностранных дел России Сергей Лавров, как ранее сообщали ТАСС и РИА Новости, провел переговоры.'),
    'Интерфакс',
  );
  assert.equal(detectOutlet('Министр иностранных дел России Сергей Лавров провел переговоры с коллегой из Турции в Анкаре.'), null);
});
