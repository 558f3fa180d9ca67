// Search by inflected forms on real news: SlavicNER documents (training topics) are analysed and
// stored; for every single-word PER/LOC/ORG mention whose surface form differs from its gold base
// form (`Макрона` -> `Макрон`, `Лаврова` -> `Лавров`), searching for the base form must find the
// document, and searching for the inflected surface form must find it too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPipeline } from '../../src/pipeline/index.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { morphLemmatizer } from '../../src/store/lemmatizer.js';

const S = join(fileURLToPath(new URL('../..', import.meta.url)), '..', 'shared', 'data', 'slavicner');

async function recall(topic: string, lang: 'ru' | 'uk', n: number) {
  const p = await createPipeline({ upTo: 'morph' });
  const store = new SqliteStore(':memory:', { lemmatizer: morphLemmatizer(p.ctx.get('morph')) });
  const dir = join(S, 'raw', topic, lang);
  const files = readdirSync(dir).sort().slice(0, n);
  const byLemma = new Map<string, Set<string>>();
  const bySurface = new Map<string, Set<string>>();
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    await store.putArticle(p.analyze({ id: f, source: { path: f }, published: null, title: null, text, lang }));
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
  const r = { byLemma: await measure(byLemma), bySurface: await measure(bySurface) };
  await store.close();
  return r;
}

for (const [topic, lang, n] of [['brexit', 'ru', 60], ['brexit', 'uk', 50], ['asia_bibi', 'ru', 40], ['ryanair', 'uk', 40]] as const) {
  test(`search by base form finds inflected mentions: SlavicNER ${topic}/${lang}`, async () => {
    const r = await recall(topic, lang, n);
    assert.ok(r.byLemma.total >= 20, `too few pairs: ${r.byLemma.total}`);
    assert.ok(r.byLemma.rate >= 0.95, `by lemma ${r.byLemma.found}/${r.byLemma.total}`);
    assert.ok(r.bySurface.rate >= 0.98, `by surface ${r.bySurface.found}/${r.bySurface.total}`);
  });
}
