// Ingest on the development data: every SlavicNER text re-encoded to cp1251 / KOI8 decodes back
// exactly, and the outlet found in a text alone never contradicts the outlet of its URL.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { decodeBytes, detectOutlet, outletFromUrl, outletName } from '../../src/ingest/index.js';
import { root } from './helpers.js';

const data = join(root, '../shared/data');
const have = existsSync(join(data, 'slavicner/raw'));

function files(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out;
}

test('cp1251 and KOI8-R versions of every SlavicNER text (whole, and its first 40 characters) decode exactly', { skip: !have && 'no ../shared/data' }, (t) => {
  let n = 0;
  let ok = 0;
  const bad: string[] = [];
  for (const f of files(join(data, 'slavicner/raw'))) {
    const full = readFileSync(f, 'utf8').replace(/\s+/g, ' ').trim();
    for (const text of [full, full.slice(0, 40)]) {
      for (const enc of ['windows-1251', 'koi8-r']) {
        const buf = iconv.encode(text, enc);
        if (iconv.decode(buf, enc) !== text || !buf.some((b) => b >= 0x80)) continue; // not representable / ASCII
        n++;
        const d = decodeBytes(buf);
        if (d.ok && d.text === text) ok++;
        else bad.push(`${enc} ${f.slice(data.length)} ${text.length}`);
      }
    }
  }
  t.diagnostic(`decoded exactly: ${ok}/${n}`);
  assert.ok(n > 2500);
  assert.ok(ok / n >= 0.999, bad.slice(0, 5).join('\n'));
});

test('outlet from the text alone agrees with the outlet of the URL (SlavicNER + BSNLP 2017)', { skip: !have && 'no ../shared/data' }, (t) => {
  const docs: { text: string; url: string }[] = [];
  for (const line of readFileSync(join(data, 'slavicner/meta.tsv'), 'utf8').split('\n').slice(1)) {
    const [p, , , , url] = line.split('\t');
    const f = p ? join(data, 'slavicner', p) : '';
    if (f && existsSync(f)) docs.push({ text: readFileSync(f, 'utf8'), url: url ?? '' });
  }
  const bsnlp = join(data, 'bsnlp2017');
  if (existsSync(bsnlp)) {
    for (const f of files(bsnlp).filter((x) => x.includes('/raw/') && x.endsWith('.txt'))) {
      const lines = readFileSync(f, 'utf8').split('\n');
      docs.push({ url: lines[3] ?? '', text: lines.slice(4).join('\n') });
    }
  }
  let known = 0;
  let found = 0;
  const wrong: string[] = [];
  for (const d of docs) {
    const o = outletFromUrl(d.url);
    if (!o) continue;
    known++;
    const byText = detectOutlet(d.text);
    if (!byText) continue;
    found++;
    if (byText !== outletName(o, d.text)) wrong.push(`${d.url}: ${byText}`);
  }
  t.diagnostic(`documents with a known outlet host: ${known}; outlet found in the text: ${found}; contradicting the URL: ${wrong.length}`);
  assert.ok(known > 400);
  assert.ok(found / known >= 0.2, `recall ${found}/${known}`);
  assert.ok(wrong.length <= found * 0.02, wrong.join('\n'));
});
