/**
 * Learns the proper-name guesser of the morphology stage (src/text/morph/names.ts): a suffix model
 * (word ending -> cut N letters, add S) from surface -> lemma pairs of single-word PER/LOC/ORG
 * mentions in the SlavicNER training topics (asia_bibi, brexit, covid-19, ryanair; NOT the dev
 * topic nord_stream). Each distinct (surface, lemma) pair counts once, so a frequent name does not
 * outweigh many rarer ones. The guesser only sees words the dictionary does not know, so pairs whose
 * surface the dictionary does not know weigh UNKNOWN_WEIGHT times more (they are what the rules
 * will meet: foreign names, indeclinable -е/-о/-и surnames). Writes src/text/morph/data/name-rules.{ru,uk}.json.
 *
 *   npx tsx scripts/build-name-rules.ts
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NameGuesser } from '../src/text/morph/names.js';
import { RuMorph } from '../src/text/morph/ru.js';
import { UkMorph } from '../src/text/morph/uk.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const data = join(root, '../shared/data/slavicner/ner');
const TRAIN = ['asia_bibi', 'brexit', 'covid-19', 'ryanair'];
const MAX_KEY = 5;
const UNKNOWN_WEIGHT = 4;
const norm = (s: string): string => s.replace(/['ʼ`‘]/g, '\u2019').toLowerCase().replace(/ё/g, 'е');

export function trainingPairs(lang: string, topics = TRAIN): Map<string, string> {
  const pairs = new Map<string, string>(); // "surface\tlemma" -> type
  for (const t of topics) {
    let files: string[];
    try {
      files = readdirSync(join(data, t, lang));
    } catch {
      continue;
    }
    for (const f of files) {
      for (const line of readFileSync(join(data, t, lang, f), 'utf8').split('\n')) {
        const c = line.split('\t');
        if (c.length < 5) continue;
        const [, , surface, lemma, type] = c;
        if (!['PER', 'LOC', 'ORG'].includes(type)) continue;
        if (!/^[\p{L}’'ʼ-]+$/u.test(surface) || !/^[\p{L}’'ʼ-]+$/u.test(lemma)) continue;
        if (!/[а-яіїєґё]/i.test(surface)) continue;
        pairs.set(`${norm(surface)}\t${norm(lemma)}`, type);
      }
    }
  }
  return pairs;
}

function learn(lang: string): void {
  const counts = new Map<string, Map<string, number>>();
  const pairs = trainingPairs(lang);
  const empty = new NameGuesser({ maxKey: 0, rules: {} });
  const dict = lang === 'ru' ? new RuMorph(empty) : new UkMorph(empty);
  let unknown = 0;
  for (const key of pairs.keys()) {
    const [s, l] = key.split('\t');
    const w = s.charAt(0).toUpperCase() + s.slice(1);
    const weight = dict.known(w) ? 1 : UNKNOWN_WEIGHT;
    if (weight > 1) unknown++;
    let p = 0;
    while (p < s.length && p < l.length && s[p] === l[p]) p++;
    const cut = s.length - p;
    const add = l.slice(p);
    if (cut > MAX_KEY || p < 2) continue;
    for (let k = Math.max(cut, 1); k <= Math.min(MAX_KEY, s.length - 1); k++) {
      const end = s.slice(-k);
      let m = counts.get(end);
      if (!m) counts.set(end, (m = new Map()));
      const r = `${cut}\t${add}`;
      m.set(r, (m.get(r) ?? 0) + weight);
    }
  }
  const rules: Record<string, [number, string, number][]> = {};
  let n = 0;
  for (const [end, m] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const list = [...m].map(([r, c]) => {
      const [cut, add] = r.split('\t');
      return [Number(cut), add, c] as [number, string, number];
    });
    list.sort((a, b) => b[2] - a[2] || a[0] - b[0]);
    const total = list.reduce((x, r) => x + r[2], 0);
    if (total < 2) continue; // a single known example is not a rule
    rules[end] = list.filter((r) => r[2] >= 2 || r === list[0]);
    n++;
  }
  const out = join(root, `src/text/morph/data/name-rules.${lang}.json`);
  writeFileSync(out, JSON.stringify({ maxKey: MAX_KEY, source: 'SlavicNER train topics ' + TRAIN.join(','), pairs: pairs.size, rules }));
  console.log(`${lang}: ${pairs.size} name pairs (${unknown} unknown to the dictionary) -> ${n} endings -> ${out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  learn('ru');
  learn('uk');
}
