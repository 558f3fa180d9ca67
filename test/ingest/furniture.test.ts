import assert from 'node:assert/strict';
import { test } from 'node:test';
import { storyHeadline } from '../../src/corpus/stories/title.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  firstContentLine,
  furnitureLines,
  furnitureSpans,
  isAddressLine,
  isBylineLine,
  isCaptionLine,
  isFurnitureLine,
  isMarkedLine,
  isNavigationLine,
  isRelatedHeader,
  isStampLine,
  isTagLine,
  isTickerLine,
  titleAfterFurniture,
} from '../../src/ingest/furniture.js';
import { readBuffer } from '../../src/ingest/index.js';
import { oks, root, seed } from './helpers.js';

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

// Furniture between and after the paragraphs, as scraped from real pages: eval/news dev texts (UNN, Sputnik,
// TSN, NV, Dawn/Business Recorder, The Brazilian Report, CNA, Al Jazeera), SlavicNER raw pages
// (KP, DW, RBC-Ukraine, Vesti), and page excerpts returned by the `search` tool (Urdupoint, National Post, ria24).
const kinds = (text: string) => furnitureLines(text).map((s) => [s.kind, text.slice(s.start, s.end)]);
const lead = 'Президент Туреччини Реджеп Таїп Ердоган проведе переговори щодо "зернової угоди" з Путіним 4 вересня у Сочі.';

test('related-links headers and the links under them (ru, uk, en)', () => {
  // SlavicNER covid-19/ru coronavirus_ru_29 (KP): a header, a linked headline and its teaser
  const ru = `${lead}\nЧИТАЙТЕ ТАКЖЕ \nПравила вакцинации от коронавируса в Москве: кого привьют, какой вакциной \nРассказываем о правилах вакцинации от коронавируса в Москве (подробности)\n- Во-первых, прививку можно сделать только по записи.`;
  assert.deepEqual(kinds(ru).map((k) => k[0]), ['related-header', 'related-link', 'related-link']);
  // eval/news dev (Ukrainian outlet): `ЩЕ ЗА ТЕМОЮ` then the link
  const uk = `${lead}\nЩЕ ЗА ТЕМОЮ\nЗеленський розраховує, що наступного тижня Рада призначить Федорова на посаду міністра оборони`;
  assert.deepEqual(kinds(uk).map((k) => k[0]), ['related-header', 'related-link']);
  // eval/news dev (Al Jazeera): the marker and one linked headline on a line
  assert.ok(isRelatedHeader("READ MORE: Iran 'unilaterally' suspends direct talks with Saudi Arabia"));
  assert.ok(isRelatedHeader('Ще на цю тему'));
  assert.ok(isRelatedHeader('Смотрите также:'));
  // headlines and sentences that open with such a word are none
  for (const s of [
    'Популярний лоукостер скасовує майже дві сотні рейсів',
    'Популярные вопросы и ответы',
    'Комментарий: Спор вокруг "Брекзита" породил хаос в Лондоне 10.07.2018',
    'Главное Российская Федерация пошла на коренные меры для защиты Крымского моста',
    // a link run on into the article (SlavicNER ryanair/uk): the article's sentence is not taken with it
    'Читайте також: Ryanair здійснив перший регулярний рейс в Україну Нагадаємо, у липні авіакомпанія Ryanair',
  ])
    assert.ok(!isRelatedHeader(s), s);
});

test('a link glued to the next paragraph: only the marker and the link are furniture', () => {
  // SlavicNER covid-19/uk (RBC-Ukraine): the scraper dropped the line break after each link
  const line = 'Читайте також Ердоган щепився вакциною від COVID-19, яку закуповує УкраїнаКоманда дослідників з Інституту Бутантан в Сан-Паулу заявили 7 січня, що вакцина ефективна.';
  const text = `${lead}\n${line}`;
  assert.deepEqual(kinds(text), [['related-link', 'Читайте також Ердоган щепився вакциною від COVID-19, яку закуповує Україна']]);
  // no glue: the line stays (the end of the link cannot be told)
  assert.deepEqual(kinds(`${lead}\nЧитайте також: Ryanair здійснив перший регулярний рейс в Україну Нагадаємо, у липні авіакомпанія Ryanair`), []);
});

test('date, time, reading-time and view-count lines; tickers and counters', () => {
  for (const s of [
    '01.08.2024 18:28',
    '19:20 31.08.2023',
    'Reuters Published 24 Jul, 2024',
    'Sumaira FH Published February 12, 2022 | 03:39 PM',
    'Feb 15, 2022  •  32 minutes ago  •  < 1 minute read',
    '3 minutes, 12 seconds Read',
    'Дональд Трамп Новина оновлена 28 липня 2025, 15:39',
    'Четвер, 31 грудня 2020, 23:32',
    'Опубликовано: 12.12.20 , 15:10',
    ' • 32333 перегляди',
    'Jun. 17, 2021 14:40 PM EDT',
  ])
    assert.ok(isStampLine(s), s);
  for (const s of [
    'Напомним, что российская делегация во главе с Владимиром Путиным посетила Монголию 2 сентября.',
    'According to Misri, the DGMOs will talk again on May 12 at 12:00 local time.',
    '23-25 липня міністр закордонних справ Дмитро Кулеба здійснить візит до Китаю.',
    '14 июля Трамп заявил, что очень недоволен действиями нелегитимного президента России.',
  ])
    assert.ok(!isStampLine(s), s);
  assert.ok(isTickerLine('AGL 24.11 Increased By ▲ 1.17 (5.1%)'));
  // a losses counter above the article (eval/news dev, NV)
  const counter = 'Потери российских оккупантов\n1 178 610\nЛИЧНЫЙ СОСТАВ\n11 396\nТАНКИ\n' + lead;
  assert.deepEqual(kinds(counter).map((k) => k[1]), ['1 178 610', 'ЛИЧНЫЙ СОСТАВ', '11 396', 'ТАНКИ']);
});

test('bylines, calls to subscribe or comment, addresses, player notices', () => {
  for (const s of ['By Courtney Mares', 'By CNA', 'Author: Paola', 'Автор: Марина Барановская', 'Автор', 'Джерело: Володимир Зеленський/Telegram', 'Источник: rg.ru'])
    assert.ok(isBylineLine(s), s);
  for (const s of [
    // a byline run on into the lead (Bing News excerpt of AP), and sentences opening with `By` / `Автор`
    'By MICHELLE L. PRICE and WILL WEISSERT JOINT BASE ELMENDORF-RICHARDSON, Alaska (AP) — President Donald Trump said he and Vladimir Putin didn’t reach a deal',
    'Авторитетный научный журнал Science указывает, что в случае американской вакцины у большинства побочные эффекты слабые.',
    'By the time Blinken arrived, the balloon had been shot down.',
  ])
    assert.ok(!isBylineLine(s), s);
  for (const s of [
    'Подписывайтесь на Sputnik в Дзен',
    'Досі не підписані на наш Telegram-канал «Головні новини Києва – 44.ua»? Не забувайте долучатись та читайте новини, щоб завжди бути в курсі всіх подій Києва, Київщини та України.',
    'Comments are closed.',
    'Если вы заметили ошибку, выделите ее мышкой и нажмите Ctrl+Enter.',
    'Видео недоступно при нулевом балансе',
    'Read in English',
  ])
    assert.ok(isMarkedLine(s), s);
  assert.ok(!isMarkedLine('Подписание соглашения ожидается в среду, сообщили в МИД.'));
  // an English page's footer (govwire.co.uk, re-publish.com, Azvision excerpts from the `search` tool)
  const footer = 'The Foreign Secretary has accepted an invitation from Russian Foreign Minister Sergey Lavrov to visit Moscow in the coming weeks.\nContinue reading at BBC »\nRelated Articles\nWrite a Comment\nYour name:\nRecent Comments\nFollow Us on Twitter\nShare This\n0 comments:\nPost a Comment';
  assert.equal(kinds(footer).length, 9);
  assert.ok(isStampLine('  30 August 2023    Read: 503'));
  for (const s of ['24tv.ua', 'Life.ru', 'instagram.com/dmytro_kuleba', 'Rus.com.az']) assert.ok(isAddressLine(s), s);
  assert.ok(!isAddressLine('Как передает Report, об этом Сибига сообщил в соцсети "Х".'));
});

test('tag lines, a repeated headline, stamped headlines of other articles', () => {
  // eval/news dev (The Brazilian Report): SEO tags under the headline
  const en = 'Insider\nLula and Zelensky to hold first in-person meeting in New York\nLula Zelensky meeting New York unga\nPresidents Luiz Inácio Lula da Silva and Volodymyr Zelensky of Ukraine will hold their first-ever in-person bilateral meeting on Wednesday.';
  assert.deepEqual(kinds(en).map((k) => k[1]), ['Lula Zelensky meeting New York unga']);
  // ria24 page excerpt: a tag list that repeats itself
  assert.ok(isTagLine('Сергей Лавров Россия Украина Гомель СМИ общество политика Сергей Лавров Россия Украина Гомель'));
  // a headline and the lead that repeats its words are no tag lines (SlavicNER asia_bibi/ru)
  assert.ok(!isTagLine('Власти Пакистана из-за массовых протестов отложили освобождение христианки Биби', []));
  // eval/news dev (UNN): the title twice, with its stamp and views
  const uk = 'Сибіга провів першу телефонну розмову з главами МЗС Естонії та Фінляндії\nСибіга провів першу телефонну розмову з главами МЗС Естонії та Фінляндії\n • 32333 перегляди\nНовий міністр закордонних справ України Андрій Сибіга обговорив співпрацю в сфері оборони.';
  assert.deepEqual(kinds(uk).map((k) => k[0]), ['repeat', 'stamp']);
  // SlavicNER asia_bibi/ru (REGNUM): the lead under the title carries the time; it is the article
  const regnum = 'В Пакистане отменен смертный приговор для христианки, оскорбившей пророка\n\n11:54 REGNUM Верховный суд Пакистана отменил смертный приговор для христианки Асии Биби, обвиненной в оскорблении пророка Мухаммеда';
  assert.deepEqual(kinds(regnum), []);
  // SlavicNER covid-19/ru: a news feed after the article
  const feed = `${lead}\nПоследние новости \n31.01, 20:56 В Минздраве заявили, что пожилые люди проще переносят вакцинацию от коронавируса \n31.01, 20:45 Пожилые легче переносят вакцинацию, заверила гериатр Минздрава `;
  assert.deepEqual(kinds(feed).map((k) => k[0]), ['related-header', 'stamped-headline', 'stamped-headline']);
});

test('no furniture in the seeds, eval/stories and samples bodies beyond what was there', () => {
  const dir = join(root, 'eval/stories');
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt'))) {
    const a = oks(readBuffer(readFileSync(join(dir, f)), f))[0].article;
    assert.deepEqual(kinds(a.text), [], f);
  }
  for (const name of ['000_9e8b478fa875f41d.txt', '002_1be854b1e4aa8ebc.txt', '003_037014a95d8099d3.txt']) {
    const a = oks(readBuffer(Buffer.from(seed(name)), name))[0].article;
    assert.deepEqual(kinds(a.text), [], name);
  }
});

test('a ticker, a stamp or glued rubrics above the headline: the headline is the title', () => {
  // eval/news dev: Business Recorder (a market ticker), Interfax (rubrics glued), TSN (rubrics glued)
  assert.equal(
    titleAfterFurniture('AGL 24.11 Increased By ▲ 1.17 (5.1%)\nUkraine’s top diplomat meets China’s Wang Yi for talks in Guangzhou\n\nReuters Published 24 Jul, 2024\n\nKYIV: Ukraine’s top diplomat held more than three hours of talks.'),
    'Ukraine’s top diplomat meets China’s Wang Yi for talks in Guangzhou',
  );
  assert.equal(
    titleAfterFurniture('ХроникаВоенная операция на Украине\nISNA сообщило, что главы МИД Ирана и Саудовской Аравии обсудили новые шаги по сближению\nМосква. 6 апреля. INTERFAX.RU - Министры иностранных дел Ирана и Саудовской Аравии впервые провели переговоры.'),
    'ISNA сообщило, что главы МИД Ирана и Саудовской Аравии обсудили новые шаги по сближению',
  );
  assert.equal(titleAfterFurniture('01.08.2024 18:28\nВ Турции объявили о крупнейшем за последние годы обмене заключенными\nВ столице Турции прошел масштабный обмен заключенными.'), 'В Турции объявили о крупнейшем за последние годы обмене заключенными');
  // a capitalised word inside a headline is no glued rubric (SlavicNER covid-19/ru)
  assert.equal(titleAfterFurniture('Вакцина от коронавируса "ЭпиВакКорона"\nВакцина создана центром «Вектор».'), null);
});

test('other articles’ headlines after the article’s last sentence; a cut-off last paragraph and lists inside stay', () => {
  // eval/news dev (a Russian aggregator): the feed under the article, the last headline cut off
  const body = 'Ранее украинский парламент поддержал назначение Сибиги на должность министра иностранных дел.';
  const feed = [
    'Минувшей ночью в украинских регионах снова гремели взрывы на фоне воздушной тревоги',
    'Spiegel: В Индии сочли оскорблением реакцию Запада на визит Владимира Путина',
    'Гидрометцентр: В трех федеральных округах России начнутся сильные морозы',
    'Дания купит у США системы П',
  ];
  assert.deepEqual(kinds(`${lead}\n${body}\n${feed.join('\n')}`).map((k) => k[1]), feed);
  // eval/news dev (CNA): the excerpt ends inside a paragraph: no furniture
  const cut = `${lead}\n${body}\nZuppi, the archbishop of Bologna and president of the Italian bishops’ conference, has strong ties to the influential peace-building com`;
  assert.deepEqual(kinds(cut), []);
  // a subheading and a cut-off paragraph are no feed either (eval/news dev, TSN)
  assert.deepEqual(kinds(`${lead}\n${body}\nУльтиматум Трампа Путіну\n14 липня Дональд Трамп заявив, що може запровадити проти Росії та її торговельних партнерів тарифи в розмірі 100%. Це станеться, якщо протягом 50 днів РФ не погодиться на припинення`), []);
  // a list inside the article, sentences after it (SlavicNER covid-19/ru, mos.ru)
  const list = `${lead}\nТРЦ «Океания» Город Москва, Кутузовский проспект, дом 57\nТРЦ Columbus Город Москва, Кировоградская улица, дом 13а\nТРЦ «Калейдоскоп» Город Москва, Сходненская улица, дом 56\n${body}`;
  assert.deepEqual(kinds(list), []);
});

test('a listing of other articles, each headline with its stamp and cut-off teaser; a wire credit line', () => {
  // AP hosted page (excerpt from the `search` tool): the article, then the next items of the listing
  const text = [
    'Putin praises summit result, calls Biden a tough negotiator',
    'MOSCOW (AP) — Russian President Vladimir Putin on Thursday praised the outcome of his summit with U.S. President Joe Biden and called him an astute and shrewd negotiator.',
    'The two leaders concluded three hours of talks Wednesday at an opulent villa facing Lake Geneva.',
    'Putin said the talks were constructive.',
    'Biden abroad: Pitching America to welcoming if wary allies',
    'Jun. 17, 2021 05:27 AM EDT',
    'WASHINGTON (AP) — President Joe Biden spent his first trip overseas highlighting a sharp break from his disruptive predecessor. European allies welcomed the pitch — and even a longtime foe...',
    'Biden trip takeaways: Respect, optimism, some skepticism',
    'Jun. 17, 2021 00:49 AM EDT',
    'WASHINGTON (AP) — President Joe Biden’s first overseas trip put his diplomatic and negotiating philosophy on display, as he rallied traditional U.S. democratic allies...',
  ].join('\n');
  assert.deepEqual(kinds(text).map((k) => k[0]), ['listing', 'stamp', 'listing', 'listing', 'stamp', 'listing']);
  // National Post (Reuters): the credit closing the article
  assert.ok(isBylineLine('(Reporting by Polina Devitt and Tom Balmforth Editing by Peter Graff)'));
  assert.ok(!isBylineLine('(Reuters) - Russian Foreign Minister Sergei Lavrov held calls on Saturday with his Turkish and Hungarian counterparts.'));
});
