// The query side's uk<->ru word table (read back from the compiled cache as sorted flat lists)
// answers exactly as the table's JSON: the Russian cognate of every Ukrainian lemma, and every
// Ukrainian lemma of a Russian one in the table's order; words not in the table have none.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { resourcePath } from '../../src/pipeline/resources.js';
import { expandQuery, loadWordTable } from '../../src/store/terms.js';

test('the compiled word table gives the JSON table’s pairs for every word', () => {
  const ukRu = (JSON.parse(readFileSync(resourcePath('src/corpus/stories/data/uk-ru-words.json'), 'utf8')) as { words: Record<string, string> }).words;
  const ruUk = new Map<string, string[]>();
  for (const [u, r] of Object.entries(ukRu)) (ruUk.get(r) ?? ruUk.set(r, []).get(r)!).push(u);
  const t = loadWordTable();
  for (const [u, r] of Object.entries(ukRu)) assert.equal(t.ruOf(u), r, u);
  for (const [r, us] of ruUk) assert.deepEqual(t.ukOf(r), us, r);
  for (const w of ['путин', 'переговоров', 'constructor', '__proto__', '', 'zzzz']) {
    if (!Object.hasOwn(ukRu, w)) assert.equal(t.ruOf(w), undefined, w);
    if (!ruUk.has(w)) assert.deepEqual(t.ukOf(w), [], w);
  }
  // a real query word in both directions (газопровід <-> газопровод)
  assert.ok(expandQuery('газопровод')[0].lemmas.includes('газопровід'));
  assert.ok(expandQuery('газопровід')[0].lemmas.includes('газопровод'));
});
