// Search by inflected forms on real news: SlavicNER documents (training topics) are analysed and
// stored; for every single-word PER/LOC/ORG mention whose surface form differs from its gold base
// form (`Макрона` -> `Макрон`, `Лаврова` -> `Лавров`), searching for the base form must find the
// document, and searching for the inflected surface form must find it too.
// Runs on every store (SQLite, PostgreSQL): both must find the same documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPipeline } from '../../src/pipeline/index.js';
import { morphLemmatizer } from '../../src/store/lemmatizer.js';
import type { Doc } from '../../src/doc/model.js';
import { STORE_KINDS, type StoreKind } from './stores.js';

const S = join(fileURLToPath(new URL('../..', import.meta.url)), '..', 'shared', 'data', 'slavicner');

// the pipeline up to the morphology, loaded once for the file; each topic analysed once, stored in every store
let pipelineP: ReturnType<typeof createPipeline> | null = null;
const morphPipeline = () => (pipelineP ??= createPipeline({ upTo: 'morph' }));

async function analysed(topic: string, lang: 'ru' | 'uk', n: number) {
  const p = await morphPipeline();
  const dir = join(S, 'raw', topic, lang);
  const files = readdirSync(dir).sort().slice(0, n);
  const docs: Doc[] = [];
  const byLemma = new Map<string, Set<string>>();
  const bySurface = new Map<string, Set<string>>();
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    docs.push(p.analyze({ id: f, source: { path: f }, published: null, title: null, text, lang }));
    const tsv = join(S, 'ner', topic, lang, f.replace(/\.txt$/, '.tsv'));
    if (!existsSync(tsv)) continue;
    for (const line of readFileSync(tsv, 'utf8').split('\n')) {
      const [, , surface, lemma, type] = line.split('\t');
      if (!type || !/^(PER|LOC|ORG)$/.test(type) || /[\s"«»]/.test(lemma + surface)) continue;
      if (surface.toLowerCase() === lemma.toLowerCase()) continue;
      (byLemma.get(lemma) ?? byLemma.set(lemma, new Set()).get(lemma)!).add(f);
      (bySurface.get(surface) ?? bySurface.set(surface, new Set()).get(surface)!).add(f);
    }
  }
  return { docs, byLemma, bySurface, lemmatizer: morphLemmatizer(p.ctx.get('morph')) };
}

async function recall(kind: StoreKind, a: Awaited<ReturnType<typeof analysed>>) {
  const loc = await kind.create();
  const store = await loc.open({ lemmatizer: a.lemmatizer });
  try {
    for (const d of a.docs) await store.putArticle(d);
    const measure = async (m: Map<string, Set<string>>) => {
      let found = 0;
      let total = 0;
      for (const [q, docs] of m) {
        const got = new Set((await store.search({ text: q, limit: 1000 })).hits.map((h) => h.id));
        for (const d of docs) {
          total++;
          if (got.has(d)) found++;
        }
      }
      return { found, total, rate: found / total };
    };
    return { byLemma: await measure(a.byLemma), bySurface: await measure(a.bySurface) };
  } finally {
    await store.close();
    await loc.done();
  }
}

for (const [topic, lang, n] of [['brexit', 'ru', 60], ['brexit', 'uk', 50], ['asia_bibi', 'ru', 40], ['ryanair', 'uk', 40]] as const) {
  test(`search by base form finds inflected mentions: SlavicNER ${topic}/${lang} (${STORE_KINDS.map((k) => k.name).join(', ')})`, async () => {
    const a = await analysed(topic, lang, n);
    const results: string[] = [];
    for (const kind of STORE_KINDS) {
      const r = await recall(kind, a);
      assert.ok(r.byLemma.total >= 20, `${kind.name}: too few pairs: ${r.byLemma.total}`);
      assert.ok(r.byLemma.rate >= 0.95, `${kind.name}: by lemma ${r.byLemma.found}/${r.byLemma.total}`);
      assert.ok(r.bySurface.rate >= 0.98, `${kind.name}: by surface ${r.bySurface.found}/${r.bySurface.total}`);
      results.push(JSON.stringify(r));
    }
    // both stores find exactly the same documents
    assert.equal(new Set(results).size, 1, results.join('\n'));
  });
}
