import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { collect, oks, root } from './helpers.js';

test('the sample articles: nine, every format, ru/uk/en, dated, credited to "Parley sample"', async () => {
  const items = await collect([join(root, 'samples')]);
  assert.equal(items.filter((i) => !i.ok).length, 0, 'README.md is skipped, nothing is rejected');
  const arts = oks(items).map((i) => i.article);
  assert.equal(arts.length, 9);
  assert.deepEqual([...new Set(arts.map((a) => a.source.format))].sort(), ['html', 'jsonl', 'rss', 'seed']);
  for (const a of arts) {
    assert.match(a.published ?? '', /^2025-\d\d-\d\d$/);
    assert.equal(a.source.outlet, 'Parley sample');
    assert.ok(a.text.includes('\n\n'), 'paragraphs');
    assert.ok(!/[<>]/.test(a.text), 'no markup');
  }
  const langs = arts.map((a) => a.lang ?? (/[іїєґ]/i.test(a.text) ? 'uk' : /[а-я]/i.test(a.text) ? 'ru' : 'en'));
  for (const l of ['ru', 'uk', 'en']) assert.ok(langs.includes(l), l);
  // the words the demo searches for occur in some inflected form
  const all = arts.map((a) => a.text).join('\n');
  assert.match(all, /переговор(ы|ов|ах)/);
  assert.match(all, /переговор(и|ів|ах)/);
  assert.match(all, /\btalks\b/);
  assert.match(all, /Макрон/);
});
