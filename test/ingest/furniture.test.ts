import assert from 'node:assert/strict';
import { test } from 'node:test';
import { storyHeadline } from '../../src/corpus/stories/title.js';
import { firstContentLine, furnitureSpans, isCaptionLine, isFurnitureLine, isNavigationLine, titleAfterFurniture } from '../../src/ingest/furniture.js';
import { readBuffer } from '../../src/ingest/index.js';
import { oks, seed } from './helpers.js';

// Real texts: seeds 001 (Interfax page scraped with its search button) and 004 (TSN, photo caption
// first), SlavicNER raw pages (DW with cookie notice and rubric; a one-word rubric headline), and
// captions and credits as published by UNIAN, KP, TASS/EPA, Ukrainska Pravda.

test('seed whose page opens with the search button: the headline after it is the title, the text is unchanged', () => {
  const raw = seed('001_e2f19f95208510e0.txt');
  const a = oks(readBuffer(Buffer.from(raw), '001.txt'))[0].article;
  assert.equal(a.title, 'В Кремле подтвердили возобновление контактов с Францией на техническом уровне');
  assert.ok(a.text.startsWith('Поиск\n'), 'the text stays as published');
  assert.deepEqual(
    furnitureSpans(a.text).map((s) => a.text.slice(s.start, s.end)),
    ['Поиск'],
  );
  assert.equal(storyHeadline(null, a.text), 'В Кремле подтвердили возобновление контактов с Францией на техническом уровне');
});

test('seed that opens with a photo caption and credit: no title from it, the story title is the lead', () => {
  const raw = seed('004_91384393e7f4fdf8.txt');
  const a = oks(readBuffer(Buffer.from(raw), '004.txt'))[0].article;
  assert.equal(a.title, null, 'no headline follows the caption: the reader does not invent one');
  const caption = 'Очільник МЗС РФ Сергій Лавров та держсекретар США Марко Рубіо / © Associated Press';
  assert.ok(isCaptionLine(caption));
  assert.deepEqual(furnitureSpans(a.text).map((s) => a.text.slice(s.start, s.end)), [caption]);
  const title = storyHeadline(null, a.text);
  assert.ok(title.startsWith('Особиста зустріч очільника МЗС РФ Сергія Лаврова'), title);
  assert.ok(!title.includes('©'));
  // a stored title that is itself a caption is passed over too
  assert.ok(storyHeadline(caption, a.text).startsWith('Особиста зустріч'));
});

test('seeds that open with their headline or lead keep them', () => {
  for (const name of ['000_9e8b478fa875f41d.txt', '002_1be854b1e4aa8ebc.txt', '003_037014a95d8099d3.txt']) {
    const a = oks(readBuffer(Buffer.from(seed(name)), name))[0].article;
    assert.equal(a.title, null, name);
    assert.deepEqual(furnitureSpans(a.text), [], name);
    assert.equal(firstContentLine(a.text), a.text.split('\n')[0].trim(), name);
  }
});

test('a real one-word headline that is no menu word stays the first line', () => {
  // SlavicNER covid-19/ru/coronavirus_ru_70: the rubric headline, then the date, then the body
  const text =
    'Вакцинация \n\n30/12/2020 \n\nВ Адмиралтейском районе Санкт‑Петербурга на базе Санкт‑Петербургского государственного бюджетного учреждения здравоохранения началась вакцинация.';
  assert.equal(titleAfterFurniture(text), null);
  assert.equal(firstContentLine(text), 'Вакцинация');
  assert.ok(!isNavigationLine('Вакцинация'));
});

test('a menu word counts only with the shape of a scraped page: a headline or more furniture after it', () => {
  const lead = 'Москва. 10 февраля. INTERFAX.RU - В Кремле подтвердили возобновление контактов с Елисейским дворцом на техническом уровне.';
  // `Поиск` then a lead paragraph: nothing says it is a menu, the text is left as it is
  assert.equal(titleAfterFurniture(`Поиск\n\n${lead}`), null);
  assert.equal(firstContentLine(`Поиск\n\n${lead}`), 'Поиск');
  // a line of several menu items is a menu whatever follows
  assert.ok(isNavigationLine('Головна | Новини | Пошук'));
  assert.ok(isNavigationLine('Home  Sign in  Subscribe'));
  assert.equal(firstContentLine(`Главная Новости Поиск\n\n${lead}`), lead);
  // headlines that merely contain a menu word are no menu
  assert.ok(!isNavigationLine('Поиск мира: Лавров и Рубио провели переговоры в Эр-Рияде'));
  assert.ok(!isNavigationLine('Путин и Трамп провели первый с начала года телефонный разговор'));
});

test('cookie notice and rubric above the headline (DW pages, ru and uk)', () => {
  const ru =
    'Наш сайт использует файлы Cookie, чтобы предоставлять вам персонализированную информацию. Подробности - в Положении о защите личных данных\n\nМир \n\nБЦЖ и коронавирус: защищает ли от COVID-19 прививка от туберкулеза? \n\nИммунологи из Общества Макса Планка изучают влияние вакцины против туберкулеза (БЦЖ) на иммунитет человека.';
  assert.equal(titleAfterFurniture(ru), 'БЦЖ и коронавирус: защищает ли от COVID-19 прививка от туберкулеза?');
  const uk =
    "Ми використовуємо файли Cookie, щоб надавати вам персоналізовану інформацію. Більше інформації - в Положеннях про захист даних\n\nDeutsch unterrichten \n\nЄвропа \n\nБільшість українців не готова вакцинуватися від коронавірусу - опитування\n\nЛише 40 відсотків українців готові вакцинуватися.";
  assert.equal(titleAfterFurniture(uk), 'Більшість українців не готова вакцинуватися від коронавірусу - опитування');
});

test('captions and credits as published are furniture; sentences that mention photos or agencies are not', () => {
  for (const c of [
    'Китайська вакцина не допускає тяжких випадків COVID-19 / Фото: REUTERS',
    'Бортпровідники Ryanair з 5 країн оголосили страйк на 28 вересня / Ілюстрація REUTERS.',
    'Борис Джонсон. Фото: GLOBAL LOOK press/Dinendra Haria',
    'Фото: EPA/UPG',
    'Фото из открытых источников',
    '52% українців не хочуть безкоштовно вакцинуватися від COVID-19. Фото: УП',
    'Russian President Vladimir Putin shakes hands with US Special Envoy to the Middle East Steve Witkoff (L) during a meeting in St. Petersburg, Russia, 11 April 2025. (EPA Photo)',
    'Сибіга провів перші телефонні розмови на новій посаді: поспілкувався із Сікорським та Попшоєм © Facebook/Міністерство закордонних справ України',
  ])
    assert.ok(isCaptionLine(c), c);
  for (const s of [
    'A US official confirmed the postponement to Reuters.',
    'Posting a photo on X (formerly Twitter) showing himself aboard a plane with the freed detainees, Grenell said the men were on their way home.',
    'Фотографии встречи опубликовала пресс-служба Кремля.',
    'Президент России Владимир Путин и президент США Дональд Трамп в среду провели телефонный разговор, который продлился почти полтора часа.',
    'WASHINGTON (Reuters) -- U.S. Secretary of State Antony Blinken is postponing a visit to China that had been expected to begin on Sunday.',
    'Лавров и Рубио провели переговоры в Эр-Рияде',
  ])
    assert.ok(!isFurnitureLine(s), s);
});

test('every reader: a title that is furniture is none, and the headline after leading furniture is taken', () => {
  const body001 = seed('001_e2f19f95208510e0.txt').replace(/^ ?date \S+ /, '');
  // a JSON line whose title field holds the scraped search button
  const line = JSON.stringify({ title: 'Поиск', text: body001, published: '2026-02-10' });
  const a = oks(readBuffer(Buffer.from(line + '\n'), 'batch.jsonl'))[0].article;
  assert.equal(a.title, 'В Кремле подтвердили возобновление контактов с Францией на техническом уровне');
  // an HTML page whose only title is the photo caption, the caption first in the article
  const caption = 'Очільник МЗС РФ Сергій Лавров та держсекретар США Марко Рубіо / © Associated Press';
  const paras = seed('004_91384393e7f4fdf8.txt').replace(/^ ?date \S+ /, '').split('\n').filter((l) => l.trim() && l.trim() !== caption).slice(0, 4);
  const html = `<!DOCTYPE html><html><head><title>${caption}</title></head><body><article><figure><img src="a.jpg" alt="Лавров і Рубіо"><figcaption>${caption}</figcaption></figure>${paras.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
  const h = oks(readBuffer(Buffer.from(html), 'page.html'))[0].article;
  assert.equal(h.title, null);
  assert.ok(storyHeadline(h.title, h.text).startsWith('Особиста зустріч'), storyHeadline(h.title, h.text));
  // a real headline as title is kept
  const k = oks(readBuffer(Buffer.from(JSON.stringify({ title: 'Лавров и Рубио провели переговоры в Эр-Рияде', text: body001 }) + '\n'), 'b.jsonl'))[0].article;
  assert.equal(k.title, 'Лавров и Рубио провели переговоры в Эр-Рияде');
});
