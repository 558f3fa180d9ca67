/**
 * Resources shared between analysis threads (src/pipeline/shared.ts, `analyze --jobs N`): the NER
 * model packed once into SharedArrayBuffers reaches a real worker thread through `workerData`
 * without being copied, and the worker's tagger built around that memory tags real sentences
 * exactly as a tagger over the model loaded in this thread.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { loadNerModel, nerModelSpec } from '../../src/entities/ner/compiled-model.js';
import { defaultModelPath } from '../../src/entities/ner/index.js';
import { Tagger } from '../../src/entities/ner/tagger.js';
import { simpleTokenize } from '../../src/entities/ner/tokenize.js';
import { shareCompiled } from '../../src/pipeline/compiled.js';
import { sharedResources } from '../../src/pipeline/shared.js';

const TEXTS: [string, string][] = [
  ['ru', 'Президент Франции Эммануэль Макрон провёл телефонный разговор с Владимиром Путиным, сообщили в Елисейском дворце.'],
  ['uk', 'Міністр закордонних справ України Андрій Сибіга зустрівся в Брюсселі з генсеком НАТО Марком Рютте.'],
];

/** a worker thread (tsx registered in it) that loads the NER model the way the stage does and tags TEXTS */
function workerTags(shared: unknown): Promise<{ sharedBuffers: number; ownBuffers: number; tags: unknown[] }> {
  const api = import.meta.resolve('tsx/esm/api');
  const mods = ['../../src/pipeline/compiled.ts', '../../src/entities/ner/compiled-model.ts', '../../src/entities/ner/index.ts', '../../src/entities/ner/tagger.ts', '../../src/entities/ner/tokenize.ts'].map(
    (m) => JSON.stringify(new URL(m, import.meta.url).href),
  );
  const code = `
import { register } from ${JSON.stringify(api)};
import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
register();
const { useSharedCompiled } = await import(${mods[0]});
const { loadNerModel } = await import(${mods[1]});
const { defaultModelPath } = await import(${mods[2]});
const { Tagger } = await import(${mods[3]});
const { simpleTokenize } = await import(${mods[4]});
useSharedCompiled(workerData.shared);
const model = loadNerModel(readFileSync(defaultModelPath()));
let sharedBuffers = 0, ownBuffers = 0;
const seen = new Set();
const walk = (v) => {
  if (v === null || typeof v !== 'object' || seen.has(v)) return;
  seen.add(v);
  if (ArrayBuffer.isView(v)) { if (v.buffer instanceof SharedArrayBuffer) sharedBuffers += v.byteLength; else ownBuffers += v.byteLength; return; }
  if (v instanceof Map) { for (const x of v.values()) walk(x); return; }
  if (v instanceof Set) return;
  for (const k of Object.keys(v)) walk(v[k]);
};
walk(model);
const tagger = new Tagger(model);
const tags = workerData.texts.map(([lang, text]) => tagger.tag(simpleTokenize(text), text, lang));
parentPort.postMessage({ sharedBuffers, ownBuffers, tags });
`;
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('data:text/javascript,' + encodeURIComponent(code)), { workerData: { shared, texts: TEXTS } });
    w.once('message', (m) => {
      resolve(m as { sharedBuffers: number; ownBuffers: number; tags: unknown[] });
      void w.terminate();
    });
    w.once('error', reject);
  });
}

describe('resources shared between threads', () => {
  it('a worker tags with the NER model in shared memory exactly as this thread does', async () => {
    const bytes = readFileSync(defaultModelPath());
    const shared = [shareCompiled(nerModelSpec(bytes))];
    const r = await workerTags(shared);
    console.log(`worker: ${(r.sharedBuffers / 1048576).toFixed(1)} MB of typed arrays shared, ${(r.ownBuffers / 1048576).toFixed(2)} MB its own`);
    // the model's big tables (feature hash table, weights, gazetteer indexes) are the shared memory
    assert.ok(r.sharedBuffers > 5 * 1024 * 1024, `shared typed arrays: ${r.sharedBuffers} bytes`);
    assert.ok(r.sharedBuffers > 10 * r.ownBuffers, `shared ${r.sharedBuffers} bytes, own ${r.ownBuffers}`);
    const here = new Tagger(loadNerModel(bytes));
    const mine = TEXTS.map(([lang, text]) => here.tag(simpleTokenize(text), text, lang));
    assert.ok((mine[0] as unknown[]).length >= 3, 'mentions found');
    assert.deepEqual(r.tags, mine);
  });

  it('sharedResources() packs the NER model and the dictionary files for the pool', async () => {
    const r = await sharedResources();
    assert.deepEqual(
      r.compiled.map((x) => x.name),
      ['ner-model'],
    );
    const names = r.files.map(([p]) => p.split('/').pop());
    for (const f of ['words.dawg', 'p_t_given_w.intdawg', 'paradigms.array', 'uk-stems.bin']) assert.ok(names.includes(f), `${f} shared`);
    for (const [p, b] of r.files) {
      assert.ok(b.buffer instanceof SharedArrayBuffer, p);
      assert.ok(readFileSync(p).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength)), `${p}: the file's bytes`);
    }
  });

  it('a worker analyses Russian and Ukrainian words over the shared dictionary files as this thread does', async () => {
    const r = await sharedResources();
    const api = import.meta.resolve('tsx/esm/api');
    const mods = ['../../src/pipeline/shared.ts', '../../src/text/morph/ru.ts', '../../src/text/morph/uk.ts', '../../src/pipeline/shared-files.ts', '../../src/text/morph/names.ts'].map((m) => JSON.stringify(new URL(m, import.meta.url).href));
    const code = `
import { register } from ${JSON.stringify(api)};
import { parentPort, workerData } from 'node:worker_threads';
register();
const { useSharedResources } = await import(${mods[0]});
useSharedResources(workerData.shared);
const { RuMorph } = await import(${mods[1]});
const { UkMorph } = await import(${mods[2]});
const { readSharedFile } = await import(${mods[3]});
const { NameGuesser } = await import(${mods[4]});
const ru = new RuMorph(NameGuesser.load('ru')), uk = new UkMorph(NameGuesser.load('uk'));
parentPort.postMessage({
  ru: workerData.ru.map((w) => ru.analyze(w)),
  uk: workerData.uk.map((w) => uk.analyze(w)),
  shared: workerData.shared.files.every(([p]) => readSharedFile(p).buffer instanceof SharedArrayBuffer),
});
`;
    const RU = ['переговоров', 'Лавровым', 'заявил', 'Шольцем', 'газопровода'];
    const UK = ['переговорів', 'Сибігою', 'заявив', 'газопроводу', 'Зеленського'];
    const got = await new Promise<{ ru: unknown[]; uk: unknown[]; shared: boolean }>((resolve, reject) => {
      const w = new Worker(new URL('data:text/javascript,' + encodeURIComponent(code)), { workerData: { shared: r, ru: RU, uk: UK } });
      w.once('message', (m) => {
        resolve(m as { ru: unknown[]; uk: unknown[]; shared: boolean });
        void w.terminate();
      });
      w.once('error', reject);
    });
    assert.ok(got.shared, 'the worker reads the shared copies');
    const { RuMorph } = await import('../../src/text/morph/ru.js');
    const { UkMorph } = await import('../../src/text/morph/uk.js');
    const { NameGuesser } = await import('../../src/text/morph/names.js');
    const ru = new RuMorph(NameGuesser.load('ru'));
    const uk = new UkMorph(NameGuesser.load('uk'));
    assert.deepEqual(got.ru, RU.map((w) => ru.analyze(w)));
    assert.deepEqual(got.uk, UK.map((w) => uk.analyze(w)));
    assert.ok((got.ru[0] as unknown[]).length > 0);
  });
});
