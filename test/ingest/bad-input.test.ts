import assert from 'node:assert/strict';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { test } from 'node:test';
import { randomBytes } from 'node:crypto';
import iconv from 'iconv-lite';
import { readBuffer } from '../../src/ingest/index.js';
import { collect, errs, fixtures, oks, seed, seedBody, tempDir } from './helpers.js';

const MiB = 1024 * 1024;

test('each bad input gives one error naming it, and the batch goes on', async (t) => {
  const dir = tempDir(t);
  const good = join(dir, 'good.txt');
  writeFileSync(good, seed('001_e2f19f95208510e0.txt'));
  const empty = join(dir, 'empty.txt');
  writeFileSync(empty, '');
  const blank = join(dir, 'blank.txt');
  writeFileSync(blank, ' \n\n\t \r\n');
  const png = join(dir, 'photo.txt');
  writeFileSync(png, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), randomBytes(4000)]));
  const noise = join(dir, 'noise.txt'); // high bytes only: not UTF-8, not Cyrillic in any single-byte code page
  writeFileSync(noise, Buffer.from(Array.from({ length: 3000 }, (_, i) => 0x80 + ((i * 37 + 11) % 128))));
  const missing = join(dir, 'no-such-article.txt');
  const emptyDir = join(dir, 'nothing');
  mkdirSync(emptyDir);
  writeFileSync(join(emptyDir, 'image.png'), randomBytes(100));
  const noArticle = join(fixtures, 'no-article.html');
  const good2 = join(dir, 'good2.txt');
  writeFileSync(good2, seed('004_91384393e7f4fdf8.txt'));

  const items = await collect([good, empty, blank, png, noise, missing, emptyDir, noArticle, join(dir, '*.nomatch'), good2]);
  assert.equal(items.length, 10, 'one item per input');
  assert.deepEqual(
    items.map((i) => i.ok),
    [true, false, false, false, false, false, false, false, false, true],
  );
  const e = errs(items).map((i) => i.error);
  assert.equal(e[0], `${empty}: empty file`);
  assert.equal(e[1], `${blank}: empty file (only whitespace)`);
  assert.match(e[2], new RegExp(`^${png.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: binary data`));
  assert.match(e[3], /noise\.txt: unknown or undecodable text encoding/);
  assert.equal(e[4], `${missing}: no such file or directory`);
  assert.match(e[5], /nothing: directory with nothing readable/);
  assert.equal(e[6], `${noArticle}: HTML page with no article text`);
  assert.match(e[7], /\*\.nomatch: no files match this pattern/);
  // the articles around the bad inputs are intact
  const [a, b] = oks(items).map((i) => i.article);
  assert.equal(a.published, '2026-02-10');
  assert.equal(b.text, seedBody('004_91384393e7f4fdf8.txt'));
});

test('a page of headline links is not an article', async () => {
  const [it] = await collect([join(fixtures, 'headline-index.html')]);
  assert.ok(!it.ok);
  assert.match(it.error, /headline-index\.html: HTML page with no article text/);
});

test('binary data is refused: NUL bytes, control characters, random bytes', () => {
  const [nul] = readBuffer(Buffer.from('Лавров\u0000\u0000заявил', 'utf8'), 'nul.txt');
  assert.ok(!nul.ok && /nul\.txt: binary data \(NUL bytes\)/.test(nul.error));
  const ctrl = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i % 10 === 0 ? 0x01 : 0x61)));
  const [c] = readBuffer(ctrl, 'ctrl.bin');
  assert.ok(!c.ok && /ctrl\.bin: binary data \(\d+\.\d% control bytes\)/.test(c.error));
  for (let k = 0; k < 5; k++) {
    const [r] = readBuffer(randomBytes(20000), `random${k}.dat`);
    assert.ok(!r.ok, 'random bytes are not an article');
  }
});

test('UTF-16 without a BOM is decoded (with a warning); a Cyrillic text in an unknown code page is refused', () => {
  for (const enc of ['utf-16le', 'utf-16be']) {
    const text = seedBody('000_9e8b478fa875f41d.txt');
    const [u16] = readBuffer(iconv.encode(text, enc), 'utf16.txt');
    assert.ok(u16.ok, enc);
    assert.equal(u16.article.text, text);
    assert.match(u16.warnings?.join(' ') ?? '', new RegExp(`decoded as ${enc.toUpperCase()} \\(no byte-order mark\\)`));
  }
  // IBM866 (DOS) Cyrillic: not one of the encodings Parley reads; refused rather than garbled
  const dos = iconv.encode('Инициативы, которые могут помочь положить конец войне, должны поощряться, заявил Рютте.', 'cp866');
  const [d] = readBuffer(dos, 'dos.txt');
  assert.ok(!d.ok, 'refused, not garbled');
  assert.match(d.error, /dos\.txt: unknown or undecodable text encoding/);
});

test('UTF-16 with a BOM is decoded', () => {
  const text = seedBody('003_037014a95d8099d3.txt');
  const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
  const [it] = readBuffer(buf, 'bom16.txt');
  assert.ok(it.ok);
  assert.equal(it.article.text, text);
});

test('a 50 MB file is refused after a stat, without being read whole; a 50 MB JSON Lines file is streamed', async (t) => {
  const dir = tempDir(t);
  const para = seedBody('002_1be854b1e4aa8ebc.txt') + '\n\n';
  const big = join(dir, 'big.txt');
  {
    const w = createWriteStream(big);
    const chunk = Buffer.from(para.repeat(Math.ceil(MiB / Buffer.byteLength(para))));
    for (let n = 0; n < 50; n++) w.write(chunk);
    w.end();
    await finished(w);
  }
  const before = process.memoryUsage().rss;
  const [tooBig] = await collect([big]);
  assert.ok(!tooBig.ok);
  assert.match(tooBig.error, /big\.txt: file too large \(5\d\.\d MiB > 10\.0 MiB limit\)/);
  assert.ok(process.memoryUsage().rss - before < 40 * MiB, 'the big file was not read into memory');

  // JSON Lines: ~50 MB of 100 KB articles, plus one line over the per-line limit and one broken line
  const jl = join(dir, 'big.jsonl');
  const w = createWriteStream(jl);
  const text = para.repeat(Math.ceil((100 * 1024) / Buffer.byteLength(para)));
  const n = Math.ceil((50 * MiB) / Buffer.byteLength(text));
  for (let i = 1; i <= n; i++) {
    if (i === 7) w.write('{"id": "broken", "text": \n');
    else if (i === 9) w.write(JSON.stringify({ id: 'huge', text: 'x'.repeat(2 * MiB) }) + '\n');
    else w.write(JSON.stringify({ id: `a${i}`, published: '2026-02-04', text }) + '\n');
  }
  w.end();
  await finished(w);
  let ok = 0;
  const bad: string[] = [];
  const { readInputs } = await import('../../src/ingest/index.js');
  for await (const it of readInputs([jl], { maxBytes: MiB })) {
    if (it.ok) {
      ok++;
      assert.equal(it.article.text.length, text.trimEnd().length);
    } else bad.push(`${it.line}: ${it.error}`);
  }
  assert.equal(ok, n - 2);
  assert.equal(bad.length, 2);
  assert.match(bad[0], /^7: .*big\.jsonl:7: invalid JSON/);
  assert.match(bad[1], /^9: .*big\.jsonl:9: line too long \(2\.0 MiB > 1\.0 MiB limit\)/);
});

test('maxBytes applies to stdin as well', async () => {
  const body = seed('000_9e8b478fa875f41d.txt');
  const stdin = Readable.from([Buffer.from(body), Buffer.from(body), Buffer.from(body)]);
  const [it] = await collect(['-'], { stdin, maxBytes: Buffer.byteLength(body) * 2 });
  assert.ok(!it.ok);
  assert.match(it.error, /^-: input too large/);
  const [empty] = await collect(['-'], { stdin: Readable.from([]) });
  assert.ok(!empty.ok && empty.error === '-: empty input');
});

test('JSON Lines edge cases: empty text, wrong types, an HTML page with no article, an empty file', () => {
  const lines = [
    JSON.stringify({ id: 'e1', text: '   ' }),
    JSON.stringify({ id: 'e2', text: 42 }),
    JSON.stringify({ id: 'e3', html: '<html><body><nav><a href="/">Главная</a></nav></body></html>' }),
    '',
    '   ',
    JSON.stringify({ id: 'ok', date: 'not a date', text: 'Песков подтвердил контакты на техническом уровне.' }),
  ].join('\n');
  const items = readBuffer(Buffer.from(lines), 'edge.jsonl');
  assert.deepEqual(
    items.map((i) => (i.ok ? `ok:${i.article.id}:${i.article.published}` : `${i.line}:${i.error}`)),
    [
      '1:edge.jsonl:1: empty "text"/"html"',
      '2:edge.jsonl:2: "text" has the wrong type (a number, not a string)',
      '3:edge.jsonl:3: "html" holds no article text',
      'ok:ok:null',
    ],
  );
  const [e] = readBuffer(Buffer.from('\n\n'), 'blank.jsonl');
  assert.ok(!e.ok && /blank\.jsonl: empty file \(only whitespace\)/.test(e.error));
});

test('malformed feeds and pages do not throw', () => {
  const [broken] = readBuffer(Buffer.from('<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</title></channel>'), 'broken.rss');
  assert.ok(!broken.ok);
  assert.match(broken.error, /broken\.rss: malformed XML feed/);
  const [noItems] = readBuffer(Buffer.from('<?xml version="1.0"?><rss version="2.0"><channel><title>ТАСС</title></channel></rss>'), 'empty.rss');
  assert.ok(!noItems.ok && /empty\.rss: RSS feed with no items/.test(noItems.error));
  // entity expansion ("billion laughs") is not performed
  const bomb =
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>' +
    '<rss version="2.0"><channel><item><title>t</title><description>Песков подтвердил контакты на техническом уровне. &lol2;</description></item></channel></rss>';
  const items = readBuffer(Buffer.from(bomb), 'bomb.rss');
  assert.equal(items.length, 1);
  if (items[0].ok) assert.ok(!items[0].article.text.includes('lollol'));
  const [tagSoup] = readBuffer(Buffer.from('<div><p>Лавров заявил, что Москва готова к переговорам с Вашингтоном по любым вопросам, — сообщает ТАСС.<div></span></b>'), 'soup.html');
  assert.ok(tagSoup.ok);
  assert.match(tagSoup.article.text, /^Лавров заявил/);
});

test('hostile nesting: a page 100,000 elements deep is refused quickly, a deep RSS description too', () => {
  const n = 100_000;
  const deep = '<!DOCTYPE html><html><body>' + '<div>'.repeat(n) + '<p>Лавров заявил, что Москва готова к переговорам.</p>' + '</div>'.repeat(n) + '</body></html>';
  const t0 = Date.now();
  const [it] = readBuffer(Buffer.from(deep), 'deep.html');
  assert.ok(!it.ok);
  assert.match(it.error, /deep\.html: unreadable HTML \(markup nested 100000 levels deep/);
  assert.ok(Date.now() - t0 < 20_000);
  const feed = `<?xml version="1.0"?><rss version="2.0"><channel><item><title>t</title><description>${'&lt;b&gt;'.repeat(5000)}Лавров заявил.</description></item></channel></rss>`;
  const [f] = readBuffer(Buffer.from(feed), 'deep.rss');
  assert.ok(!f.ok && /deep\.rss: .*nested/.test(f.error));
  // nesting that real pages have is fine
  const ok = '<html><body><article>' + '<div>'.repeat(200) + '<p>Лавров заявил, что Москва готова к переговорам с Вашингтоном по любым вопросам.</p>' + '</div>'.repeat(200) + '</article></body></html>';
  const [o] = readBuffer(Buffer.from(ok), 'ok.html');
  assert.ok(o.ok);
});
