import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segmentText, tokenize } from '../../src/text/segment/index.js';
import { fold, normalizeBody } from '../../src/doc/normalize.js';

/** sentence texts of a (normalised) text */
function sents(text: string, lang = 'ru'): string[] {
  const t = normalizeBody(text);
  return segmentText(t, { lang }).sentences.map((s) => t.slice(s.start, s.end));
}

function toks(text: string, lang = 'ru'): string[] {
  return tokenize(normalizeBody(text), { lang }).map((t) => t.text);
}

test('initials stay with the name and do not end a sentence (ru, uk, en)', () => {
  const ru =
    'Вакцину разработал Национальный исследовательский центр эпидемиологии и микробиологии имени Н. Ф. Гамалеи Минздрава России. Сейчас продолжается третья фаза клинических исследований.';
  assert.deepEqual(sents(ru), [
    'Вакцину разработал Национальный исследовательский центр эпидемиологии и микробиологии имени Н. Ф. Гамалеи Минздрава России.',
    'Сейчас продолжается третья фаза клинических исследований.',
  ]);
  assert.ok(toks(ru).includes('Н.') && toks(ru).includes('Ф.'));
  const ru2 = 'Президент России В. В. Путин провел телефонный разговор с президентом Франции Э. Макроном. Об этом сообщил Кремль.';
  assert.equal(sents(ru2).length, 2);
  assert.deepEqual(toks(ru2).slice(2, 5), ['В.', 'В.', 'Путин']);
  const uk = 'Держсекретар США М. Рубіо заявив, що Вашингтон готовий до переговорів. Про це повідомляє Reuters.';
  assert.deepEqual(sents(uk, 'uk'), [
    'Держсекретар США М. Рубіо заявив, що Вашингтон готовий до переговорів.',
    'Про це повідомляє Reuters.',
  ]);
  const en = 'Vice President J. D. Vance met Ukrainian officials in Munich. The talks lasted two hours.';
  assert.deepEqual(sents(en, 'en'), ['Vice President J. D. Vance met Ukrainian officials in Munich.', 'The talks lasted two hours.']);
  assert.deepEqual(toks('Дж. Байден'), ['Дж.', 'Байден']);
});

test('abbreviations are one token with their period and end a sentence only when they may', () => {
  // real SlavicNER sentences
  const a = 'Речь идет о системе здравоохранения, опыте ранее пережитых эпидемий и т.д. Кроме того, описание течения эпидемий зависит от многого.';
  assert.equal(sents(a).length, 2);
  assert.ok(toks(a).includes('т.д.'));
  const b = 'Был изменен их геном, т.е. они могут проникнуть в клетку, но не способны размножаться.';
  assert.equal(sents(b).length, 1);
  assert.ok(toks(b).includes('т.е.'));
  const c = 'Прививки получат врачи, учителя, соцработники, военные и т. д. Остальные позже.';
  assert.deepEqual(sents(c), ['Прививки получат врачи, учителя, соцработники, военные и т. д.', 'Остальные позже.']);
  assert.deepEqual(toks('то есть т. е. ничего').slice(2, 4), ['т.', 'е.']);
  // conjunction-like abbreviations never end a sentence: `т. е. Россия`, `т.к. Москва`, `и.о. Министра`
  assert.equal(sents('Решение отложено, т. е. Россия пока не ответила.').length, 1);
  assert.equal(sents('Встреча не состоялась, т.к. Москва отказалась.').length, 1);
  // factRuEval: a domain zone written with a leading period is not a sentence end
  assert.equal(sents('Первая заявка на регистрацию сайта в доменной зоне .РФ поступила в полночь.').length, 1);
  const d = 'Бюджет проекта составит 5 млрд руб. Об этом сообщил министр. Офис находится в г. Москве на ул. Тверской.';
  assert.deepEqual(sents(d), ['Бюджет проекта составит 5 млрд руб.', 'Об этом сообщил министр.', 'Офис находится в г. Москве на ул. Тверской.']);
  const e = 'Переговоры прошли в 2019 г. В следующем году они возобновились. В 1990-2000 гг. отношения были лучше.';
  assert.deepEqual(sents(e), ['Переговоры прошли в 2019 г.', 'В следующем году они возобновились.', 'В 1990-2000 гг. отношения были лучше.']);
  const uk =
    'Ще у травні 2014 р. Росія підписала контракт на 400 млрд дол. з транспортування 38 млрд кубометрів газу. Музей ім. Шевченка розташований на вул. Хрещатик.';
  assert.deepEqual(sents(uk, 'uk'), [
    'Ще у травні 2014 р. Росія підписала контракт на 400 млрд дол. з транспортування 38 млрд кубометрів газу.',
    'Музей ім. Шевченка розташований на вул. Хрещатик.',
  ]);
  // a year opening the sentence (`Ще у травні 2014 р.`) does not end it; one closing it does
  assert.deepEqual(sents('Обсяг споживання скоротився у 2016 р. Оцінки на 2025 р. знизилися.', 'uk'), [
    'Обсяг споживання скоротився у 2016 р.',
    'Оцінки на 2025 р. знизилися.',
  ]);
  assert.ok(toks(uk, 'uk').includes('р.') && toks(uk, 'uk').includes('ім.') && toks(uk, 'uk').includes('вул.'));
  const en = 'Mr. Trump told the U.S. Congress that talks would go on. Officials did not comment.';
  assert.deepEqual(sents(en, 'en'), ['Mr. Trump told the U.S. Congress that talks would go on.', 'Officials did not comment.']);
  assert.ok(toks(en, 'en').includes('U.S.') && toks(en, 'en').includes('Mr.'));
  // PolNeAR: an attribution after a question in quotes continues the sentence
  assert.deepEqual(sents('\u201cHow many times do we have to see this in our country?\u201d Clinton said. The crowd cheered.', 'en'), [
    '\u201cHow many times do we have to see this in our country?\u201d Clinton said.',
    'The crowd cheered.',
  ]);
});

test('datelines, `т. н.`, and initials written without a space (SlavicNER)', () => {
  assert.deepEqual(sents('Москва. 1 ноября. INTERFAX.RU - Христианка Асия Биби покинула тюрьму. Об этом сообщили власти.'), [
    'Москва. 1 ноября. INTERFAX.RU - Христианка Асия Биби покинула тюрьму.',
    'Об этом сообщили власти.',
  ]);
  assert.deepEqual(sents('КИЕВ. 8 ноября. УНН. Из пакистанской тюрьмы была освобождена Асия Биби.'), [
    'КИЕВ. 8 ноября. УНН.',
    'Из пакистанской тюрьмы была освобождена Асия Биби.',
  ]);
  assert.equal(sents('Полиция отсекла от протестующих подъезды к т. н. Красной зоне - правительственному кварталу.').length, 1);
  assert.equal(sents('Министром по делам регионов стал 44-летний Д.Рааб, который был заместителем министра юстиции.').length, 1);
  assert.ok(toks('44-летний Д.Рааб').includes('Д.'));
  assert.equal(sents('"Проходили інтенсивні та важкі переговори", - сказав Г.Блюмель журналістам у Брюсселі.', 'uk').length, 1);
});

test('quotes are separate tokens; closing marks stay with the sentence; no end inside a quote without one', () => {
  // seed 000 (RIA Novosti)
  const s1 = '"Когда поняли, что это все иллюзии, они сменили риторику", — отметил Лавров. Он также напомнил о переговорах.';
  assert.deepEqual(sents(s1), [
    '"Когда поняли, что это все иллюзии, они сменили риторику", — отметил Лавров.',
    'Он также напомнил о переговорах.',
  ]);
  assert.deepEqual(toks(s1).slice(0, 2), ['"', 'Когда']);
  // SlavicNER asia_bibi: ?» then a dash and a lower-case verb: one sentence
  const s2 = '«Они правда меня выпустят?» — приводит ее цитату издание. Супруг Асии объявил, что семья покинет страну.';
  assert.deepEqual(sents(s2), ['«Они правда меня выпустят?» — приводит ее цитату издание.', 'Супруг Асии объявил, что семья покинет страну.']);
  // ?» then a capital: the sentence ends after the closing mark
  const s3 = '«Что сделал ваш пророк Мухаммед ради спасения человечества?» Другие работницы пожаловались на нее мулле.';
  assert.deepEqual(sents(s3), ['«Что сделал ваш пророк Мухаммед ради спасения человечества?»', 'Другие работницы пожаловались на нее мулле.']);
  // seed 001 (Interfax): quoted text with its own sentence ends; the last one keeps `".`
  const s4 =
    'Он добавил: "Пока каких-то индикаций о том, что это желание есть, мы не получали. Хотя мы обратили внимание на заявление господина Макрона. Нам импонируют такие заявления". Песков напомнил об этом.';
  const r4 = sents(s4);
  assert.equal(r4.length, 4);
  assert.equal(r4[2], 'Нам импонируют такие заявления".');
  // seed 004 (uk): a quote with commas and a dash, one sentence
  const s5 =
    '«Ми з держсекретарем Марко Рубіо розуміємо необхідність регулярного спілкування… Тому і спілкуємося телефоном, готові і до проведення особистих зустрічей, коли буде потрібно», — сказав він.';
  const r5 = sents(s5, 'uk');
  assert.equal(r5[r5.length - 1].endsWith('», — сказав він.'), true);
  const t5 = toks(s5, 'uk');
  assert.equal(t5[0], '«');
  assert.ok(t5.includes('»') && t5.includes('—') && t5.includes('…'));
  // „...“ nested quotes
  const s6 = '«Ввести односторонние санкции против „Северного потока — 2“ все равно не является верным путем». Он подчеркнул это.';
  assert.equal(sents(s6).length, 2);
  assert.ok(toks(s6).includes('„') && toks(s6).includes('“'));
});

test('dashes, URLs, e-mails, hyphenated and apostrophe words', () => {
  const ru = 'Это подчеркнул пресс-секретарь партии Эджаз Ашрафи — сказал он в Нью-Йорке.';
  const t = toks(ru);
  assert.ok(t.includes('пресс-секретарь') && t.includes('Нью-Йорке') && t.includes('—'));
  assert.deepEqual(toks('"низводить наши отношения", - сказал он'), ['"', 'низводить', 'наши', 'отношения', '"', ',', '-', 'сказал', 'он']);
  const uk = '51-річна католичка Азія Бібі, мати п\u2019ятьох дітей, була засуджена в 2010 році.';
  assert.ok(toks(uk, 'uk').includes('п\u2019ятьох'));
  assert.ok(toks(uk, 'uk').includes('51-річна'));
  // an ASCII apostrophe is unified by normalizeBody but a raw one is still one word
  assert.deepEqual(
    tokenize("Trump told Bill O'Reilly of Fox News", { lang: 'en' }).map((x) => x.text),
    ['Trump', 'told', 'Bill', "O'Reilly", 'of', 'Fox', 'News'],
  );
  // English possessive clitic is its own token; names with an apostrophe stay whole (PolNeAR)
  assert.deepEqual(
    tokenize('Trump\u2019s comments drew criticism from Bill O\u2019Reilly', { lang: 'en' }).map((x) => x.text),
    ['Trump', '\u2019s', 'comments', 'drew', 'criticism', 'from', 'Bill', 'O\u2019Reilly'],
  );
  assert.deepEqual(toks('Antonio Tajani (@EP_President) 7 ноября 2018 г.'), ['Antonio', 'Tajani', '(', '@', 'EP_President', ')', '7', 'ноября', '2018', 'г.']);
  const url = 'Подписывайтесь на наш канал https://t.me/korrespondentnet. Источник: сайт www.focus.ua';
  const ut = tokenize(url);
  assert.deepEqual(ut.filter((x) => x.kind === 'url').map((x) => x.text), ['https://t.me/korrespondentnet', 'www.focus.ua']);
  assert.equal(sents(url).length, 2);
  const mail = 'Электронный адрес: info@karelinform.ru или internet-group@rian.ru.';
  assert.deepEqual(tokenize(mail).filter((x) => x.kind === 'email').map((x) => x.text), ['info@karelinform.ru', 'internet-group@rian.ru']);
  assert.deepEqual(tokenize('Москва. 10 февраля. INTERFAX.RU - В Кремле').filter((x) => x.kind === 'url').map((x) => x.text), ['INTERFAX.RU']);
});

test('soft hyphens and invisible joiners from web pages do not split words', () => {
  const t = tokenize('Глава МИД провел пере\u00adговоры с коллегой\u200d.');
  assert.deepEqual(t.map((x) => x.text), ['Глава', 'МИД', 'провел', 'пере\u00adговоры', 'с', 'коллегой', '.']);
  assert.equal(t[3].norm, 'переговоры');
});

test('numbers with separators are one token', () => {
  const ru = 'Сегодня область ожидает очередную партию препарата — 12 100 доз. Встреча назначена на 10.02.2026 в 12:30.';
  const t = tokenize(ru);
  assert.ok(t.some((x) => x.text === '12 100' && x.kind === 'number'));
  assert.ok(t.some((x) => x.text === '10.02.2026' && x.kind === 'number'));
  assert.ok(t.some((x) => x.text === '12:30' && x.kind === 'number'));
  assert.equal(sents(ru).length, 2);
  const uk = 'Переважна частина імпорту в Україну здійснювалася з двох країн: Білорусі — 44,0% і РФ — 30,5%.';
  const tu = tokenize(uk, { lang: 'uk' });
  assert.ok(tu.some((x) => x.text === '44,0') && tu.some((x) => x.text === '30,5'));
  assert.ok(tu.some((x) => x.text === '%' && x.kind === 'symbol'));
  // a year followed by a number is not a thousands group; 1 000 000 is
  assert.deepEqual(toks('в 2020 100 человек'), ['в', '2020', '100', 'человек']);
  assert.deepEqual(toks('1 000 000 долларов'), ['1 000 000', 'долларов']);
  assert.deepEqual(toks('опубликовано 2026-02-05, в 2020-2021 гг.'), ['опубликовано', '2026-02-05', ',', 'в', '2020', '-', '2021', 'гг.']);
});

test('glued forms from NEREL (Wikinews): `1933г.`, `Ж.-К.Трише`, `№` after a date', () => {
  assert.deepEqual(sents('Первая передача шла с разложением на 240 строк. С 1933г. В.Зворыкин неоднократно бывал в СССР.'), [
    'Первая передача шла с разложением на 240 строк.',
    'С 1933г. В.Зворыкин неоднократно бывал в СССР.',
  ]);
  assert.deepEqual(toks('С 1933г. В.Зворыкин').slice(1, 4), ['1933', 'г.', 'В.']);
  assert.equal(sents('Сам Ж.-К.Трише отказался комментировать слухи.').length, 1);
  assert.equal(sents('Согласно Федеральному закону от 6 июля 2016 г. № 374-ФЗ срок продлен.').length, 1);
  assert.equal(sents('Он преподает в университете в Эванстоне (шт. Иллинойс) с 1970-х годов.').length, 1);
  // NER-UK: an abbreviation then a bracket opening on a lower-case word
  assert.equal(sents('Укладено угод на загальну суму 1,018 млрд грн. (що складає третину від усіх опублікованих).', 'uk').length, 1);
});

test('footnote references and `дол. США` (SlavicNER uk)', () => {
  assert.deepEqual(sents('Компанія провела великі програмні продажі своїх акцій.[12] Згодом Moderna повідомила про результати.', 'uk'), [
    'Компанія провела великі програмні продажі своїх акцій.[12]',
    'Згодом Moderna повідомила про результати.',
  ]);
  assert.equal(sents('Вони отримують до 190 тис. євро (220 тис. дол. США) щорічно.', 'uk').length, 1);
  assert.equal(sents('Компанія має виплатити українській стороні 4,6 млрд дол. При цьому рішення оскаржене.', 'uk').length, 2);
});

test('list bullets inside a paragraph start items (factRuEval)', () => {
  assert.deepEqual(sents('Судьи: • Грэм Полл (Англия) • Франк Де Блекере (Бельгия) • Маркус Мерк (Германия)'), [
    'Судьи:',
    '• Грэм Полл (Англия)',
    '• Франк Де Блекере (Бельгия)',
    '• Маркус Мерк (Германия)',
  ]);
});

test('line breaks end sentences; a heading is its own sentence; paragraphs are counted', () => {
  // seed 001 layout: a heading line without a period, a blank line, the dateline paragraph
  const text = normalizeBody(
    'В Кремле подтвердили возобновление контактов с Францией на техническом уровне\n\nВ Кремле подтвердили возобновление контактов с Елисейским дворцом на техническом уровне.\nПесков напомнил, что Москва давно заявляла о том же',
  );
  const { sentences } = segmentText(text, { lang: 'ru' });
  assert.deepEqual(
    sentences.map((s) => [text.slice(s.start, s.end), s.para]),
    [
      ['В Кремле подтвердили возобновление контактов с Францией на техническом уровне', 0],
      ['В Кремле подтвердили возобновление контактов с Елисейским дворцом на техническом уровне.', 1],
      ['Песков напомнил, что Москва давно заявляла о том же', 2],
    ],
  );
});

test('a hard-wrapped plain-text sentence is not cut at its line breaks', () => {
  const text = normalizeBody(
    'В Кремле подтвердили возобновление контактов с Елисейским дворцом на\nтехническом уровне, которые при желании и необходимости могут помочь\nоперативно наладить диалог.\nПесков напомнил об этом.',
  );
  const { sentences } = segmentText(text, { lang: 'ru' });
  assert.equal(sentences.length, 2);
  assert.ok(text.slice(sentences[0].start, sentences[0].end).endsWith('наладить диалог.'));
});

test('spans, offsets, norm and sentence indexes are consistent on a real article', () => {
  const text = normalizeBody(
    '  Очільник МЗС РФ Сергій Лавров та держсекретар США Марко Рубіо / © Associated Press\n\nОсобиста зустріч очільника МЗС РФ Сергія Лаврова та держсекретаря США Марко Рубіо, яку було скасовано Вашингтоном, для обговорення мирного врегулювання війни в Україні все ще може відбутися.  \n\nПро свою готовність до таких переговорів Лавров заявив пропагандистам російського «РИА Новости». ',
  );
  const { tokens, sentences } = segmentText(text, { lang: 'uk' });
  assert.equal(sentences.length, 3);
  for (const t of tokens) {
    assert.equal(text.slice(t.start, t.end), t.text);
    assert.equal(t.norm, fold(t.text));
  }
  sentences.forEach((s, i) => {
    const span = text.slice(s.start, s.end);
    assert.equal(span, span.trim());
    for (let k = s.tokenStart!; k < s.tokenEnd!; k++) assert.equal(tokens[k].sent, i);
  });
  assert.equal(sentences[sentences.length - 1].tokenEnd, tokens.length);
  assert.equal(tokens[0].spaceBefore, true);
  const comma = tokens.find((t) => t.text === ',')!;
  assert.equal(comma.spaceBefore, false);
  assert.ok(tokens.some((t) => t.text === '©' && t.kind === 'symbol'));
});

test('empty and whitespace-only text give no tokens or sentences', () => {
  assert.deepEqual(segmentText(''), { tokens: [], sentences: [] });
  assert.deepEqual(segmentText(' \n\n\t '), { tokens: [], sentences: [] });
});

test('hostile input: random mixes of news fragments, quotes, surrogates and joiners keep every invariant', () => {
  const parts = ['Путин', 'Рубіо', 'Trump', '1', '2026', '.', ',', '!', '?', '…', '«', '»', '"', '„', '“', '-', '—', "'", '’', ' ', '\n',
    '\n\n', '\u00a0', '\u00ad', '\u200d', '@', '/', ':', 'https://', 'www.', '.ru', 'г.', 'т. е.', 'В. ', 'Mr.', 'U.S.', '(', ')',
    '•', '😀', '\ud800', '\udc00', '_', '%', '№', '1 000', '2026-02-05'];
  let seed = 20260205;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let it = 0; it < 3000; it++) {
    let s = '';
    const len = Math.floor(rnd() * 60);
    for (let i = 0; i < len; i++) s += parts[Math.floor(rnd() * parts.length)];
    const { tokens, sentences } = segmentText(s, { lang: ['ru', 'uk', 'en'][it % 3] });
    let prev = 0;
    for (const t of tokens) {
      assert.ok(t.start >= prev && t.end > t.start, JSON.stringify(s));
      assert.equal(s.slice(t.start, t.end), t.text);
      prev = t.end;
    }
    let next = 0;
    sentences.forEach((se, i) => {
      assert.equal(se.tokenStart, next, JSON.stringify(s));
      next = se.tokenEnd!;
      const span = s.slice(se.start, se.end);
      assert.equal(span, span.trim());
      for (let k = se.tokenStart!; k < se.tokenEnd!; k++) assert.equal(tokens[k].sent, i);
    });
    assert.equal(next, tokens.length);
  }
});

test('a capital letter and a period before a word in another script ends the sentence (a name’s initials share its script)', () => {
  assert.deepEqual(sents('Каллас написала про це у соцмережі X. Того ж дня Велика Британія запровадила санкції.', 'uk'), [
    'Каллас написала про це у соцмережі X.',
    'Того ж дня Велика Британія запровадила санкції.',
  ]);
  // initials in the name's own script stay
  assert.equal(sents('Об этом сообщил Дж. Байден. Президент России В. В. Путин провел встречу.').length, 2);
});
