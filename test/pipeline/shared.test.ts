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

  it('sharedResources() packs the NER model for the pool', async () => {
    const list = await sharedResources();
    assert.deepEqual(
      list.map((x) => x.name),
      ['ner-model'],
    );
  });
});
