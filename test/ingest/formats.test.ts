import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { createDoc } from '../../src/doc/create.js';
import { readBuffer } from '../../src/ingest/index.js';
import { collect, errs, fixtures, oks, seed, seedBody, seedsDir, tempDir } from './helpers.js';

test('seed format: published from the header, body after it, outlet from the dateline', async () => {
  const items = await collect([seedsDir]);
  assert.equal(items.length, 5);
  const byFile = new Map(oks(items).map((i) => [i.input.split('/').pop()!, i.article]));
  const expected: Record<string, [string, string | null]> = {
    '000_9e8b478fa875f41d.txt': ['2026-02-05', 'РИА Новости'],
    '001_e2f19f95208510e0.txt': ['2026-02-10', 'Интерфакс'],
    '002_1be854b1e4aa8ebc.txt': ['2026-02-04', 'Фокус'],
    '003_037014a95d8099d3.txt': ['2026-02-11', 'УНИАН'],
    '004_91384393e7f4fdf8.txt': ['2025-11-09', null],
  };
  for (const [file, [date, outlet]] of Object.entries(expected)) {
    const a = byFile.get(file);
    assert.ok(a, file);
    assert.equal(a.published, date, file);
    assert.equal(a.source.outlet, outlet, file);
    assert.equal(a.source.format, 'seed');
    assert.equal(a.text, seedBody(file));
    assert.ok(!a.text.startsWith('date') && !a.text.startsWith(' '));
  }
  // paragraph breaks survive
  assert.match(byFile.get('000_9e8b478fa875f41d.txt')!.text, /Лавров\.\n\n«/);
});

test('seed format without the leading space and without a trailing newline', () => {
  const body = 'Очільник МЗС РФ Сергій Лавров та держсекретар США Марко Рубіо провели телефонну розмову.';
  for (const src of [`date 2025-10-21 ${body}`, ` date 2025-10-21 ${body}\n\n`, `\uFEFF date 2025-10-21 ${body}`]) {
    const [it] = readBuffer(Buffer.from(src, 'utf8'), 'x.txt');
    assert.ok(it.ok);
    assert.equal(it.article.published, '2025-10-21');
    assert.equal(it.article.text, body);
  }
});

test('plain text: UTF-8, UTF-8 with BOM, Windows-1251, KOI8-R and KOI8-U decode to the same text', () => {
  const ru = seedBody('000_9e8b478fa875f41d.txt');
  const uk = seedBody('004_91384393e7f4fdf8.txt');
  const cases: [string, Buffer][] = [
    [ru, Buffer.from(ru, 'utf8')],
    [ru, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ru, 'utf8')])],
    [ru, iconv.encode(ru, 'windows-1251')],
    [uk, iconv.encode(uk, 'windows-1251')],
  ];
  for (const [text, buf] of cases) {
    assert.equal(iconv.decode(iconv.encode(text, 'windows-1251'), 'windows-1251'), text, 'cp1251 holds every character');
    const [it] = readBuffer(buf, 'article.txt');
    assert.ok(it.ok, it.ok ? '' : it.error);
    assert.equal(it.article.source.format, 'text');
    assert.equal(it.article.text, text);
  }
  // KOI8: the characters KOI8-R has (no « » —); KOI8-U for Ukrainian letters
  const ruKoi = ru.replace(/[«»„“”]/g, '"').replace(/[—–]/g, '-').replace(/…/g, '...');
  const [k] = readBuffer(iconv.encode(ruKoi, 'koi8-r'), 'koi.txt');
  assert.ok(k.ok);
  assert.equal(k.article.text, ruKoi);
  const ukKoi = uk.replace(/[«»„“”]/g, '"').replace(/[—–]/g, '-').replace(/…/g, '...').replace(/©/g, '(c)');
  const [ku] = readBuffer(iconv.encode(ukKoi, 'koi8-u'), 'koi-u.txt');
  assert.ok(ku.ok);
  assert.equal(ku.article.text, ukKoi);
});

test('short Cyrillic texts: cp1251 and KOI8-R told apart by letter case and frequency', () => {
  const lines = [
    'Лавров прибыл в Анкару.',
    'Песков: контактов нет.',
    'Зустріч відбулася у Києві.',
    'Їхні позиції є різними, — сказав Сибіга.',
    'ТАСС',
    'Путин',
  ];
  for (const s of lines) {
    for (const enc of ['windows-1251', 'koi8-r', 'koi8-u']) {
      const buf = iconv.encode(s, enc);
      if (iconv.decode(buf, enc) !== s) continue; // KOI8-R has no і ї є
      const [it] = readBuffer(buf, 'short.txt');
      assert.ok(it.ok, `${s} in ${enc}`);
      assert.equal(it.article.text, s, `${s} in ${enc}`);
    }
  }
});

test('a Latin single-byte (Windows-1252) English text is decoded too', () => {
  const s =
    'The French president’s adviser, Emmanuel Bonne, met officials in the Kremlin, sources said. “We are ready,” Macron told reporters in Paris on Tuesday.';
  const [it] = readBuffer(iconv.encode(s, 'windows-1252'), 'en.txt');
  assert.ok(it.ok);
  assert.equal(it.article.text, s);
});

test('JSON Lines: fields, dates to YYYY-MM-DD, html field, outlet from url; bad lines rejected with their number', async () => {
  const items = await collect([join(fixtures, 'articles.jsonl')]);
  const good = oks(items);
  const bad = errs(items);
  assert.equal(good.length, 3);
  assert.deepEqual(
    bad.map((b) => b.line),
    [3, 4, 7],
  );
  assert.match(bad[0].error, /articles\.jsonl:3: invalid JSON/);
  assert.match(bad[1].error, /articles\.jsonl:4: no "text" or "html" field/);
  assert.match(bad[2].error, /articles\.jsonl:7: not a JSON object/);

  const [ria, up, unian] = good.map((g) => g.article);
  assert.equal(ria.id, 'ria-2026-02-05-lavrov');
  assert.equal(ria.published, '2026-02-05');
  assert.equal(ria.lang, 'ru');
  assert.equal(ria.title, 'Лавров рассказал о тайных контактах с Европой');
  assert.equal(ria.source.url, 'https://ria.ru/20260205/lavrov-2072000000.html');
  assert.equal(ria.source.outlet, 'РИА Новости');
  assert.equal(ria.source.item, 1);
  assert.match(ria.text, /Лавров\.\n\nВ Кремле/);

  assert.equal(up.published, '2025-11-09');
  assert.equal(up.source.outlet, 'Українська правда');
  assert.match(up.text, /^Лавров також традиційно звинуватив .*США\.\n\n«Брюссель і Лондон/);
  assert.ok(!up.text.includes('<p>'));

  assert.equal(unian.source.outlet, 'УНИАН'); // given in the line
  assert.equal(unian.source.item, 6);
});

test('JSON Lines: ids are kept, createDoc gives a content hash to the rest', async () => {
  const items = oks(await collect([join(fixtures, 'articles.jsonl')]));
  const docs = items.map((i) => createDoc(i.article));
  assert.equal(docs[0].id, 'ria-2026-02-05-lavrov');
  assert.match(docs[1].id, /^[0-9a-f]{16}$/);
});

test('a JSON array of articles is read too', () => {
  const arr = JSON.stringify([
    { id: 'a1', date: '2026-02-04T09:00:00Z', text: 'Франция начала подготовку к возможным контактам между президентами.' },
    { id: 'a2', date: 1770364800, text: 'Президент Франции считает, что диалог Европы с Россией необходим.' },
  ], null, 2);
  const items = readBuffer(Buffer.from(arr), 'batch.json');
  assert.equal(items.length, 2);
  assert.ok(items[0].ok && items[1].ok);
  assert.equal(items[0].ok && items[0].article.published, '2026-02-04');
  assert.equal(items[1].ok && items[1].article.published, '2026-02-06');
});

test('HTML page: main text with headings and list items as separate paragraphs, metadata, no scripts', async () => {
  const [it] = await collect([join(fixtures, 'interfax-page.html')]);
  assert.ok(it.ok, it.ok ? '' : it.error);
  const a = it.article;
  assert.equal(a.source.format, 'html');
  assert.equal(a.title, 'В Кремле подтвердили возобновление контактов с Францией на техническом уровне');
  assert.equal(a.published, '2026-02-10');
  assert.equal(a.source.url, 'https://www.interfax.ru/russia/1071234');
  assert.equal(a.source.outlet, 'Интерфакс');
  assert.equal(a.lang, 'ru');
  const paras = a.text.split('\n\n');
  assert.ok(a.text.startsWith('Москва. 10 февраля. INTERFAX.RU - В Кремле подтвердили'));
  assert.ok(paras.includes('Диалог на высшем уровне'), 'heading is its own paragraph');
  assert.ok(paras.includes('Контекст'));
  assert.ok(paras.includes('В начале января Макрон заявил, что планирует провести разговор с президентом РФ Владимиром Путиным.'));
  assert.ok(!/уровнеПо его|уровне По его/.test(a.text), 'heading does not run into the paragraph');
  for (const junk of ['dataLayer', 'injected by script', 'Главная', 'Реклама', 'Поиск', 'Все права защищены', 'font-family', 'Курс доллара']) {
    assert.ok(!a.text.includes(junk), `leaked: ${junk}`);
  }
});

test('hostile HTML comes out as plain inert text', async () => {
  const [it] = await collect([join(fixtures, 'hostile.html')]);
  assert.ok(it.ok);
  const a = it.article;
  assert.equal(a.title, "Лавров і Рубіо'; DROP TABLE articles; --");
  assert.equal(a.published, '2025-11-09');
  for (const bad of ['alert(', 'fetch(', 'evil.example', 'onerror', 'onmouseover', 'javascript:', 'svg text', 'hidden comment', 'color:red']) {
    if (bad === 'alert(') {
      // the page's visible text literally shows an escaped tag: it stays text, nothing else leaks
      assert.equal(a.text.split('alert(').length - 1, 1);
      assert.ok(a.text.includes('&lt;') === false && a.text.includes('<script>alert("escaped")</script>'));
      continue;
    }
    assert.ok(!a.text.includes(bad), `leaked: ${bad}`);
  }
  assert.match(a.text, /Про свою готовність до таких переговорів Лавров заявив пропагандистам російського «РИА Новости»\./);
});

test('RSS 2.0: one article per item, HTML stripped with paragraph breaks, pubDate, link, outlet', async () => {
  const items = await collect([join(fixtures, 'unian.rss')]);
  const [a, b] = oks(items).map((i) => i.article);
  assert.equal(oks(items).length, 2);
  assert.equal(a.source.format, 'rss');
  assert.equal(a.source.item, 1);
  assert.equal(a.published, '2026-02-11');
  assert.equal(a.source.url, 'https://www.unian.net/world/rutte-podderzhal-kontakty-13300001.html');
  assert.equal(a.source.outlet, 'УНИАН');
  assert.equal(a.lang, 'ru');
  assert.equal(a.title, 'Рютте поддержал восстановление контактов с РФ, если это поможет прекратить войну');
  assert.ok(a.text.includes('должны поощряться.\n\nПозиция Альянса\n\nКак передает корреспондент УНИАН'));
  assert.ok(!a.text.includes('<') && !a.text.includes('alert'));
  assert.equal(b.published, '2026-02-10');
  assert.equal(b.text, 'Президент Франции считает, что диалог Европы с Россией необходим, чтобы добиться мира.\n\nОн считает, что европейские страны должны активно участвовать в мирном процессе.');
  const [bad] = errs(items);
  assert.match(bad.error, /unian\.rss: item 3 \(Видео дня\) has no text/);
});

test('Atom: entries with html content, published or updated dates, alternate links', async () => {
  const items = oks(await collect([join(fixtures, 'politics.atom')]));
  assert.equal(items.length, 2);
  const [a, b] = items.map((i) => i.article);
  assert.equal(a.source.format, 'atom');
  assert.equal(a.title, 'Зустріч Лаврова і Рубіо все ще може відбутися');
  assert.equal(a.published, '2025-11-09');
  assert.equal(a.source.url, 'https://example-news.com.ua/politics/lavrov-rubio-123');
  assert.equal(a.lang, 'uk');
  assert.ok(a.text.includes('може відбутися.\n\nЩо сказав Лавров\n\n«Ми з держсекретарем'));
  assert.equal(b.published, '2025-10-22');
  assert.ok(b.text.startsWith('Як повідомлялося раніше, 21 жовтня'));
});

test('globs, directories (recursive) and stdin', async (t) => {
  const dir = tempDir(t);
  const body = seed('003_037014a95d8099d3.txt');
  writeFileSync(join(dir, 'a.txt'), body);
  const { mkdirSync } = await import('node:fs');
  mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
  writeFileSync(join(dir, 'sub', 'deeper', 'b.txt'), seed('004_91384393e7f4fdf8.txt'));
  writeFileSync(join(dir, 'sub', 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
  const viaDir = oks(await collect([dir]));
  assert.deepEqual(viaDir.map((i) => i.input.slice(dir.length)), ['/a.txt', '/sub/deeper/b.txt']);
  const viaGlob = oks(await collect([join(dir, '**/*.txt')]));
  assert.equal(viaGlob.length, 2);
  assert.equal(viaGlob[0].input, join(dir, 'a.txt'));

  const stdin = Readable.from([Buffer.from(body.slice(0, 40)), Buffer.from(body.slice(40))]);
  const [fromStdin] = await collect(['-'], { stdin });
  assert.ok(fromStdin.ok);
  assert.equal(fromStdin.input, '-');
  assert.equal(fromStdin.article.published, '2026-02-11');
  assert.equal(fromStdin.article.source.outlet, 'УНИАН');

  const jsonl = readdirSync(fixtures).includes('articles.jsonl');
  assert.ok(jsonl);
  const lines = Readable.from([
    '{"id":"s1","text":"Лавров також традиційно звинуватив країни ЄС та Британію."}\n{"id":',
    '"s2","text":"Рубіо рекомендував Трампу скасувати зустріч."}\nnot json\n',
  ]);
  const fromJsonl = await collect(['-'], { stdin: lines });
  assert.deepEqual(fromJsonl.map((i) => (i.ok ? i.article.id : `err@${i.line}`)), ['s1', 's2', 'err@3']);
});

test('HTML and RSS in Windows-1251 are decoded by their declared charset', () => {
  const para = seedBody('002_1be854b1e4aa8ebc.txt').split('\n\n').slice(0, 3);
  const page =
    '<!DOCTYPE html><html lang="ru"><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">' +
    '<title>Франция готовит контакты с Россией</title><meta property="article:published_time" content="2026-02-04T10:00:00+02:00"></head>' +
    `<body><article><h1>Франция готовит контакты с Россией</h1>${para.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
  const [h] = readBuffer(iconv.encode(page, 'windows-1251'), 'page-1251.html');
  assert.ok(h.ok, h.ok ? '' : h.error);
  assert.equal(h.article.text, para.join('\n\n'));
  assert.equal(h.article.published, '2026-02-04');

  const feed =
    '<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Лента</title>' +
    `<item><title>Песков о контактах с Францией</title><pubDate>Wed, 04 Feb 2026 10:00:00 +0200</pubDate><description>${para[1]}</description></item>` +
    '</channel></rss>';
  const [f] = readBuffer(iconv.encode(feed, 'windows-1251'), 'feed-1251.xml');
  assert.ok(f.ok, f.ok ? '' : f.error);
  assert.equal(f.article.text, para[1]);
  assert.equal(f.article.title, 'Песков о контактах с Францией');
});

test('symbolic links to files are read in a directory walk; links to directories are not followed', async (t) => {
  const { symlinkSync, mkdirSync } = await import('node:fs');
  const dir = tempDir(t);
  writeFileSync(join(dir, 'real.txt'), seed('000_9e8b478fa875f41d.txt'));
  mkdirSync(join(dir, 'sub'));
  symlinkSync(join(dir, 'real.txt'), join(dir, 'sub', 'link.txt'));
  symlinkSync(dir, join(dir, 'sub', 'loop')); // a cycle, never entered
  const items = await collect([dir]);
  assert.deepEqual(items.map((i) => i.ok && i.input.slice(dir.length)), ['/real.txt', '/sub/link.txt']);
});

test('a .txt that merely starts with a brace is plain text; a .jsonl with a bad first line stays JSON Lines', () => {
  const text = '{Фото} Лавров и Рубио провели телефонный разговор, сообщили в МИД России.\n\nСтороны обсудили подготовку встречи.';
  const [t1] = readBuffer(Buffer.from(text), 'caption.txt');
  assert.ok(t1.ok);
  assert.equal(t1.article.source.format, 'text');
  assert.equal(t1.article.text, text);
  const jl = '{broken\n{"text": "Стороны обсудили подготовку встречи."}\n';
  const items = readBuffer(Buffer.from(jl), 'x.jsonl');
  assert.deepEqual(items.map((i) => i.ok), [false, true]);
});
