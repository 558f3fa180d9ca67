/**
 * Builds the Ukrainian lemma table of the morphology stage from the Hunspell dictionary of the npm
 * package `dictionary-uk` (brown-uk/dict_uk, GPL-3.0): every .dic entry is expanded with the
 * suffix rules of its flags (the .aff has suffix rules only, no prefixes, no continuation flags),
 * and the entry's forms are stored as a paradigm: one shared list of (form ending, tag set) per
 * distinct inflection pattern, plus `stem<TAB>paradigm ids` per entry.
 *
 * What is derived and how (Hunspell carries no grammatical tags):
 *  - POS from the shape of the entry: infinitive endings (-ти, -тися, -чи, -сти...) with flags ->
 *    VERB; adjectival endings (-ий, -ій, -їй) with flags -> ADJ (a capitalised one -> PROPN:
 *    Зеленський); other flagged entries -> NOUN (capitalised -> PROPN); unflagged entries get no
 *    POS here (the runtime uses its closed-class lists, else X/NOUN).
 *  - features from the ending of each form inside its class: adjective endings give
 *    Case/Number/Gender (-ого Gen|Acc Masc/Neut, -ою Ins Fem ...); noun endings give Case/Number
 *    by the declension the lemma ending implies (consonant -> masculine II, -а/-я -> I,
 *    -ість/-ь feminine III, -о/-е -> neuter, plural lemma -> plurale tantum); verb endings give
 *    VerbForm/Tense/Number/Gender/Person (-в/-ла/-ло/-ли past, -ти inf, -ють/-ить present ...).
 *    Several readings of an ambiguous ending are all kept (one form can carry several tag sets).
 *
 * Output (src/text/morph/data/): uk-paradigms.json, uk-stems.bin (sorted stems with their paradigm ids; layout in src/text/morph/uk-stems.ts). Run:
 *   npx tsx scripts/build-uk-lexicon.ts
 */
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ukFormTags, ukLemmaPos } from '../src/text/morph/uk-tags.js';
import { encodeStems } from '../src/text/morph/uk-stems.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dictDir = join(root, 'node_modules/dictionary-uk');
const aff = readFileSync(join(dictDir, 'index.aff'), 'utf8');
const dic = readFileSync(join(dictDir, 'index.dic'), 'utf8');

const APOS = /['ʼ`]/g;
const normApos = (s: string): string => s.replace(APOS, '\u2019');

interface Rule {
  strip: string;
  add: string;
  cond: RegExp;
}
const rules = new Map<string, Rule[]>();
for (const line of aff.split('\n')) {
  if (!line.startsWith('SFX ')) continue;
  const f = line.split(/\s+/);
  if (f.length < 5) continue; // header: SFX flag Y n
  const [, flag, strip, add, cond] = f;
  const r: Rule = {
    strip: strip === '0' ? '' : normApos(strip),
    add: add === '0' ? '' : normApos(add),
    cond: new RegExp(`${normApos(cond === '.' ? '' : cond)}$`, 'u'),
  };
  let list = rules.get(flag);
  if (!list) rules.set(flag, (list = []));
  list.push(r);
}

const tagIds = new Map<string, number>();
const tagList: string[] = [];
function tagId(t: string): number {
  let id = tagIds.get(t);
  if (id === undefined) {
    id = tagList.length;
    tagList.push(t);
    tagIds.set(t, id);
  }
  return id;
}

// paradigm: POS | lemma ending | form endings with tag ids
const paradigmIds = new Map<string, number>();
const paradigms: [string, string, [string, number][]][] = [];
const stemLines = new Map<string, number[]>();
let entries = 0;
let forms = 0;

const lines = dic.split('\n');
for (let i = 1; i < lines.length; i++) {
  const line = lines[i].trim();
  if (!line) continue;
  const slash = line.indexOf('/');
  const lemma = normApos(slash < 0 ? line : line.slice(0, slash));
  const flags = slash < 0 ? '' : line.slice(slash + 1);
  entries++;
  const set = new Set<string>([lemma]);
  for (const fl of flags) {
    for (const r of rules.get(fl) ?? []) {
      if (!r.cond.test(lemma)) continue;
      if (r.strip && !lemma.endsWith(r.strip)) continue;
      set.add(lemma.slice(0, lemma.length - r.strip.length) + r.add);
    }
  }
  const all = [...set];
  forms += all.length;
  // the stem: longest common prefix of every form
  let stem = all[0];
  for (const f of all) {
    let k = 0;
    while (k < stem.length && k < f.length && stem[k] === f[k]) k++;
    stem = stem.slice(0, k);
  }
  const pos = ukLemmaPos(lemma, flags.length > 0);
  // a noun declining like an adjective (Біле, Білого, Білому)
  const adjectival = (pos === 'NOUN' || pos === 'PROPN') && all.some((f) => /(ого|ього)$/u.test(f)) && all.some((f) => /(ому|ьому)$/u.test(f));
  const ends: [string, number][] = [];
  for (const f of all) {
    const tags = ukFormTags(pos, lemma, f, adjectival);
    ends.push([f.slice(stem.length), tagId(tags.join('|'))]);
  }
  ends.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
  const key = `${pos}\u0001${lemma.slice(stem.length)}\u0001${ends.map((e) => `${e[0]}:${e[1]}`).join(',')}`;
  let pid = paradigmIds.get(key);
  if (pid === undefined) {
    pid = paradigms.length;
    paradigms.push([pos, lemma.slice(stem.length), ends]);
    paradigmIds.set(key, pid);
  }
  let l = stemLines.get(stem);
  if (!l) stemLines.set(stem, (l = []));
  if (!l.includes(pid)) l.push(pid);
}

const outDir = join(root, 'src/text/morph/data');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'uk-paradigms.json'), JSON.stringify({ tags: tagList, paradigms }));
// sorted by UTF-16 code units: the runtime binary-searches the table in place (uk-stems.ts)
const stemRows = [...stemLines].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
const stemBin = encodeStems(stemRows);
writeFileSync(join(outDir, 'uk-stems.bin'), stemBin);
rmSync(join(outDir, 'uk-stems.txt'), { force: true });
rmSync(join(outDir, 'uk-stems.txt.gz'), { force: true });
console.log(
  `entries ${entries}, forms ${forms}, paradigms ${paradigms.length}, tag sets ${tagList.length}, ` +
    `stems ${stemLines.size}; stems file ${(stemBin.length / 1e6).toFixed(2)} MB`,
);
