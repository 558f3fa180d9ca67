// Reprints are not independent confirmations: three Russian outlets carrying one wire story on
// Ryanair's talks with the pilots' union (SlavicNER ryanair, ru files 6-8) give a claim with three
// reports, two of them reprints (`copyOf` the earliest), and one independent report. Both stores.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toArticleJson } from '../../src/contract/article.js';
import { getClaim, listClaims } from '../../src/corpus/index.js';
import { createPipeline } from '../../src/pipeline/index.js';
import type { ArticleJson } from '../../src/store/types.js';
import { STORE_KINDS } from '../store/stores.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const S = join(ROOT, '..', 'shared', 'data', 'slavicner');
const FILES = ['ryanair/ru/ryan-ru_file_6.txt', 'ryanair/ru/ryan-ru_file_7.txt', 'ryanair/ru/ryan-ru_file_8.txt'];
let arts: ArticleJson[] = [];

before(async () => {
  const pipe = await createPipeline();
  const meta = new Map<string, string>();
  for (const l of readFileSync(join(S, 'meta.tsv'), 'utf8').split('\n').slice(1)) {
    const [p, , , d] = l.split('\t');
    if (p) meta.set(p.replace(/^raw\//, ''), d);
  }
  arts = FILES.map((rel) => {
    const d = meta.get(rel);
    return toArticleJson(
      pipe.analyze({ id: rel, source: { path: rel }, published: d && /^\d{4}-\d\d-\d\d$/.test(d) ? d : null, title: null, text: readFileSync(join(S, 'raw', rel), 'utf8'), lang: 'ru' }),
    ) as ArticleJson;
  });
});

for (const kind of STORE_KINDS)
  test(`a wire story in three outlets: one claim, three reports, one independent (${kind.name})`, async () => {
    const loc = await kind.create();
    const s = await loc.open();
    try {
      for (const a of arts) await s.putArticle(a);
      const claims = [];
      for await (const c of listClaims(s)) claims.push(c);
      const shared = claims.filter((c) => new Set(c.reports.map((r) => r.article)).size === 3);
      assert.ok(shared.length >= 1, claims.map((c) => `${c.type} ${c.mode} ${c.reports.map((r) => r.article).join(',')}`).join('; '));
      for (const c of shared) {
        const copies = c.reports.filter((r) => r.copyOf);
        assert.equal(copies.length, 2);
        const original = c.reports.find((r) => !r.copyOf)!;
        for (const r of copies) assert.equal(r.copyOf, original.article);
        assert.equal(c.independent, 1);
        assert.equal(c.firstReported.article, original.article);
        assert.equal((await getClaim(s, c.id)).independent, 1);
      }
      // a claim reported by one article alone is one independent report
      for (const c of claims) if (new Set(c.reports.map((r) => r.article)).size === 1) assert.equal(c.independent, 1);
    } finally {
      await s.close();
      await loc.done();
    }
  });
