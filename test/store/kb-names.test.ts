/**
 * The query side's index of KB names (KbNames) is kept compiled between runs: the index read back
 * from the cache answers every question exactly as one built from kb.json in the process, for
 * every name word and every listed name form of the shipped KB.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resourcePath } from '../../src/pipeline/resources.js';
import { KbNames } from '../../src/store/lemmatizer.js';
import { termOf, words } from '../../src/store/terms.js';

interface KbFile {
  entities: { id: string; names?: Record<string, string>; aliases?: Record<string, string[]> }[];
  forms: Record<string, Record<string, [string, string][]>>;
}

let dir: string;
const saved = process.env.PARLEY_CACHE_DIR;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'parley-kbnames-'));
  process.env.PARLEY_CACHE_DIR = dir;
});
after(() => {
  if (saved === undefined) delete process.env.PARLEY_CACHE_DIR;
  else process.env.PARLEY_CACHE_DIR = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe('KbNames compiled', () => {
  it('reads back from the cache and answers as the index built from kb.json', () => {
    const file = JSON.parse(readFileSync(resourcePath('src/entities/kb/data/kb.json'), 'utf8')) as KbFile;
    const built = new KbNames(file);
    const first = KbNames.load(); // builds and stores the entry
    assert.ok(first);
    assert.equal(readdirSync(dir).filter((f) => f.startsWith('kb-names-') && f.endsWith('.v8')).length, 1);
    const cached = KbNames.load(); // reads the entry
    assert.ok(cached instanceof KbNames);

    // real names: Путин ~ Путін ~ Putin; Зеленський ~ Зеленский ~ Zelensky; inflected forms
    assert.deepEqual(cached.across('путин'), built.across('путин'));
    assert.ok(cached.across('путин').includes('путін') && cached.across('путин').includes('putin'));
    assert.ok(cached.across('зеленський').includes('зеленский'));
    assert.deepEqual(cached.formLemmas('Брексита', 'ru'), ['Брексит']);
    assert.deepEqual(cached.formLemmas('Сибіги', 'uk'), ['Сибіга']);
    assert.deepEqual(cached.formLemmas('ПУТИНА', 'ru'), ['Путин']);

    // every name word of the KB, and every listed form in every language
    const terms = new Set<string>();
    for (const e of file.entities) {
      const names = [...Object.values(e.names ?? {}), ...Object.values(e.aliases ?? {}).flat()];
      for (const n of names) for (const w of words(n.normalize('NFC'))) terms.add(termOf(w.text));
    }
    assert.ok(terms.size > 3000);
    for (const t of terms) {
      assert.equal(cached.isNameWord(t), built.isNameWord(t), t);
      assert.deepEqual(cached.across(t), built.across(t), t);
    }
    for (const table of Object.values(file.forms)) {
      for (const form of Object.keys(table)) {
        for (const l of ['ru', 'uk', 'en']) assert.deepEqual(cached.formLemmas(form, l), built.formLemmas(form, l), `${l} ${form}`);
      }
    }
  });
});
