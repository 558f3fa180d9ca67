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
import { UkStems } from '../src/text/morph/uk-stems.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const data = join(root, '../shared/data/slavicner/ner');
const TRAIN = ['asia_bibi', 'brexit', 'covid-19', 'ryanair'];
const MAX_KEY = 5;
const UNKNOWN_WEIGHT = 40;
const KNOWN_WEIGHT = 4;
const SILVER_WEIGHT = 1;
const DICT_WEIGHT = 0.05;

/** form -> base form of every flagged proper name in the Ukrainian lemma table */
function ukDictionaryPairs(): string[] {
  const pj = JSON.parse(readFileSync(join(root, 'src/text/morph/data/uk-paradigms.json'), 'utf8')) as {
    paradigms: [string, string, [string, number][]][];
  };
  const out: string[] = [];
  for (const [stem, ids] of new UkStems(readFileSync(join(root, 'src/text/morph/data/uk-stems.bin'))).rows()) {
    if (!/^\p{Lu}/u.test(stem)) continue;
    for (const id of ids) {
      const [pos, lemmaEnd, forms] = pj.paradigms[id];
      if (pos !== 'PROPN') continue;
      const lemma = stem + lemmaEnd;
      for (const [end] of forms) out.push(`${norm(stem + end)}\t${norm(lemma)}`);
    }
  }
  return out;
}
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

/** texts whose vocabulary gives silver pairs (never the dev topic nord_stream) */
function corpusTexts(lang: string): string[] {
  const shared = join(root, '../shared/data');
  const files: string[] = [];
  const add = (dir: string, re: RegExp): void => {
    try {
      for (const f of readdirSync(dir)) if (re.test(f)) files.push(join(dir, f));
    } catch {
      /* missing folder */
    }
  };
  for (const t of TRAIN) add(join(shared, 'slavicner/raw', t, lang), /\.txt$/);
  if (lang === 'ru') {
    add(join(shared, 'nerel/train'), /\.txt$/);
    add(join(shared, 'nerel/dev'), /\.txt$/);
    add(join(shared, 'factrueval2016/devset'), /\.txt$/);
  }
  for (const t of ['ec', 'trump']) add(join(shared, 'bsnlp2017', t, 'raw', lang), /\.txt$/);
  return files.map((f) => readFileSync(f, 'utf8'));
}

/**
 * Silver pairs: capitalised words inside sentences of the corpus texts that the dictionary knows
 * as a proper name, with the dictionary's base form. They teach the guesser how names of the
 * language decline (Климкина -> Климкин as Путина -> Путин). Each distinct word counts once.
 */
function silverPairs(lang: string, dict: RuMorph | UkMorph): Map<string, string> {
  const out = new Map<string, string>();
  const seen = new Set<string>();
  for (const text of corpusTexts(lang)) {
    for (const m of text.matchAll(/[\p{Ll},;] +(\p{Lu}[\p{Ll}’'ʼ-]{2,})/gu)) {
      const w = m[1].replace(/['ʼ]/g, '\u2019');
      if (seen.has(w)) continue;
      seen.add(w);
      if (!dict.known(w)) continue;
      // patronymics are left out: Az gives them under the first name's entry
      const as = dict.analyze(w);
      const a = as.find((x) => x.pos === 'PROPN' && x.source === 'dict');
      if (!a || as.some((x) => x.tags.NameType === 'Pat')) continue;
      out.set(`${norm(w)}\t${norm(a.lemma)}`, 'silver');
      // and the other case forms of the same name (the dictionary's paradigm)
      for (const c of ['Nom', 'Gen', 'Dat', 'Acc', 'Ins', 'Loc']) {
        const f = dict.inflect(w, { Case: c, Number: 'Sing' }, a);
        if (f && f.toLowerCase() !== w.toLowerCase()) out.set(`${norm(f)}\t${norm(a.lemma)}`, 'silver');
      }
    }
  }
  return out;
}

function learn(lang: string): void {
  const counts = new Map<string, Map<string, number>>();
  const pairs = trainingPairs(lang);
  const empty = new NameGuesser({ maxKey: 0, rules: {} });
  const dict = lang === 'ru' ? new RuMorph(empty) : new UkMorph(empty);
  let unknown = 0;
  const silver = silverPairs(lang, dict);
  const all = new Map<string, number>();
  // uk: every inflected proper name of the Hunspell table, at a small weight (the table lists
  // each name once whatever its frequency)
  if (lang === 'uk') for (const key of ukDictionaryPairs()) all.set(key, DICT_WEIGHT);
  for (const key of silver.keys()) all.set(key, SILVER_WEIGHT);
  for (const key of pairs.keys()) {
    const [s] = key.split('\t');
    const w = s.charAt(0).toUpperCase() + s.slice(1);
    const known = dict.known(w);
    if (!known) unknown++;
    all.set(key, known ? KNOWN_WEIGHT : UNKNOWN_WEIGHT);
  }
  for (const [key, weight] of all) {
    const [s, l] = key.split('\t');
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
    if (total < 2) continue; // a single silver example is not a rule
    rules[end] = list.filter((r) => r[2] >= 2 || r === list[0]);
    n++;
  }
  const out = join(root, `src/text/morph/data/name-rules.${lang}.json`);
  writeFileSync(out, JSON.stringify({ maxKey: MAX_KEY, source: 'SlavicNER train topics ' + TRAIN.join(','), pairs: pairs.size, silver: silver.size, rules }));
  console.log(`${lang}: ${all.size} pairs in all; ${pairs.size} gold name pairs (${unknown} unknown to the dictionary), ${silver.size} silver -> ${n} endings -> ${out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  learn('ru');
  learn('uk');
}
