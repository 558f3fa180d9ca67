/**
 * The compiled-resource cache: a built object graph comes back with its classes, a changed source
 * or damaged entry is rebuilt, and the NER model read back from the cache tags real sentences
 * exactly as the freshly decoded model does.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Tagger } from '../../src/entities/ner/tagger.js';
import { loadNerModel } from '../../src/entities/ner/compiled-model.js';
import { defaultModelPath } from '../../src/entities/ner/index.js';
import { NerModel } from '../../src/entities/ner/model.js';
import { simpleTokenize } from '../../src/entities/ner/tokenize.js';
import { compiled } from '../../src/pipeline/compiled.js';

class Table {
  readonly slots: Int32Array;
  readonly names = new Map<string, number>();
  constructor(n: number) {
    this.slots = new Int32Array(n);
  }
  find(name: string): number {
    return this.slots[this.names.get(name) ?? 0];
  }
}

let dir: string;
const saved = process.env.PARLEY_CACHE_DIR;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'parley-cache-'));
  process.env.PARLEY_CACHE_DIR = dir;
});
after(() => {
  if (saved === undefined) delete process.env.PARLEY_CACHE_DIR;
  else process.env.PARLEY_CACHE_DIR = saved;
  rmSync(dir, { recursive: true, force: true });
});

const here = new URL(import.meta.url);

function build(source: string, counter: { n: number }): () => Table {
  return () => {
    counter.n++;
    const t = new Table(4);
    source.split(',').forEach((w, i) => {
      t.names.set(w, i);
      t.slots[i] = w.length;
    });
    return t;
  };
}

describe('compiled resources', () => {
  it('stores a built graph and gives it back with its class', () => {
    const c = { n: 0 };
    const spec = { name: 'test-table', sources: [Buffer.from('Москва,Київ')], code: [here], classes: [Table] };
    const a = compiled({ ...spec, build: build('Москва,Київ', c) });
    const b = compiled({ ...spec, build: build('Москва,Київ', c) });
    assert.equal(c.n, 1, 'the second load reads the cache');
    assert.ok(b instanceof Table);
    assert.equal(b.find('Київ'), 4);
    assert.deepEqual([...b.names], [...a.names]);
    assert.ok(b.slots instanceof Int32Array);
  });

  it('rebuilds when the source changes and keeps one entry per resource', () => {
    const c = { n: 0 };
    const spec = { name: 'test-src', code: [here], classes: [Table] };
    compiled({ ...spec, sources: [Buffer.from('Париж')], build: build('Париж', c) });
    const b = compiled({ ...spec, sources: [Buffer.from('Париж,Берлин')], build: build('Париж,Берлин', c) });
    assert.equal(c.n, 2);
    assert.equal(b.find('Берлин'), 6);
    assert.equal(readdirSync(dir).filter((f) => f.startsWith('test-src-')).length, 1);
  });

  it('rebuilds over a damaged entry', () => {
    const c = { n: 0 };
    const spec = { name: 'test-damaged', sources: [Buffer.from('Варшава')], code: [here], classes: [Table] };
    compiled({ ...spec, build: build('Варшава', c) });
    const f = readdirSync(dir).find((x) => x.startsWith('test-damaged-'))!;
    writeFileSync(join(dir, f), Buffer.from('not a v8 value'));
    const b = compiled({ ...spec, build: build('Варшава', c) });
    assert.equal(c.n, 2);
    assert.equal(b.find('Варшава'), 7);
  });

  it('refuses to store instances of unregistered classes (built every time, still correct)', () => {
    const c = { n: 0 };
    const spec = { name: 'test-unregistered', sources: [Buffer.from('Рим')], code: [here], classes: [] };
    compiled({ ...spec, build: build('Рим', c) });
    const b = compiled({ ...spec, build: build('Рим', c) });
    assert.equal(c.n, 2);
    assert.equal(b.find('Рим'), 3);
  });

  it('the NER model read back from the cache tags like the decoded model', () => {
    const bytes = readFileSync(defaultModelPath());
    loadNerModel(bytes); // builds and stores
    const cached = new Tagger(loadNerModel(bytes));
    const fresh = new Tagger(NerModel.decode(bytes));
    const texts: [string, string][] = [
      ['ru', 'Президент Франции Эммануэль Макрон провёл телефонный разговор с Владимиром Путиным, сообщили в Елисейском дворце.'],
      ['uk', 'Міністр закордонних справ України Андрій Сибіга зустрівся в Брюсселі з генсеком НАТО Марком Рютте.'],
    ];
    for (const [lang, text] of texts) {
      const toks = simpleTokenize(text);
      const a = cached.tag(toks, text, lang);
      assert.ok(a.length >= 3, `${lang}: mentions found`);
      assert.deepEqual(a, fresh.tag(toks, text, lang));
    }
  });
});
