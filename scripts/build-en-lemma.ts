/**
 * Builds src/text/morph/data/en-lemma.txt, the data of the English lemmatizer (src/text/morph/en-lemma.ts)
 * from npm `wink-lexicon` (MIT; WordNet 3.0 data, Princeton WordNet licence): the WordNet words with
 * the parts of speech their senses allow (1 noun, 2 verb, 4 adjective; as wink-lemmatizer's
 * isNoun/isVerb/isAdjective read them) and the WordNet exception lists (irregular forms).
 * The runtime reads it as one string and binary-searches it (no 2.7 MB of JavaScript to compile).
 * Format: `#noun`, `#verb`, `#adjective` sections of sorted `form<TAB>lemma` lines, then `#words`:
 * sorted `word<TAB>flags` lines. Run: npx tsx scripts/build-en-lemma.ts
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const words = require('wink-lexicon/src/wn-words.js') as Record<string, number>;
const senses = require('wink-lexicon/src/wn-word-senses.js') as number[][];
const exceptions: [string, Record<string, string>][] = [
  ['noun', require('wink-lexicon/src/wn-noun-exceptions.js')],
  ['verb', require('wink-lexicon/src/wn-verb-exceptions.js')],
  ['adjective', require('wink-lexicon/src/wn-adjective-exceptions.js')],
];
const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const check = (s: string): string => {
  if (!s || /[\t\n]/.test(s) || s.startsWith('#')) throw new Error(`en lemma: bad entry ${JSON.stringify(s)}`);
  return s;
};
const out: string[] = [];
for (const [name, map] of exceptions) {
  out.push(`#${name}`);
  for (const k of Object.keys(map).sort(byCode)) if (map[k]) out.push(`${check(k)}\t${check(map[k])}`);
}
out.push('#words');
let n = 0;
for (const w of Object.keys(words).sort(byCode)) {
  let f = 0;
  for (const s of senses[words[w]]) {
    if (s < 2) f |= 4;
    if (s > 2 && s < 29) f |= 1;
    if (s > 28 && s < 44) f |= 2;
  }
  if (f) {
    out.push(`${check(w)}\t${f}`);
    n++;
  }
}
const text = out.join('\n') + '\n';
writeFileSync(join(root, 'src/text/morph/data/en-lemma.txt'), text);
console.log(`words ${n}, file ${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB`);
