/**
 * Builds the data of the story clustering (src/corpus/stories/data/):
 *
 * 1. uk-ru-words.json — a Ukrainian -> Russian table of cognate lemmas, from the project's two
 *    dictionaries: every lower-case lemma of the Ukrainian Hunspell dictionary (npm dictionary-uk)
 *    is respelled by the regular uk->ru correspondences (і -> о/е/и, и -> ы, є -> е, ї -> и,
 *    ґ -> г, apostrophe -> ъ/ь/none, -ння -> -ние, -ття -> -тие, -ість -> -ость, -ти(ся) ->
 *    -ть(ся), -ий -> -ый/-ой, ...) and the first respelling the Russian dictionary (OpenCorpora via
 *    the morphology stage) holds as a lemma of its own is kept — only where the two differ in their
 *    transliteration key (`газопровід` -> `газопровод`; `санкція`/`санкция` already share a key).
 * 2. background-df.json — document frequencies of the term keys and entity ids over public news
 *    corpora in ../shared/data (SlavicNER training topics asia_bibi, brexit, covid-19, ryanair in
 *    ru and uk; BSNLP 2017 ec and trump; factRuEval-2016 dev; NEREL train+dev), analysed by the
 *    pipeline: the idf of the story vectors. The SlavicNER dev topic (nord_stream) is left out.
 *
 * Run: npx tsx scripts/build-story-data.ts
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPipeline } from '../src/pipeline/index.js';
import { translitKey } from '../src/entities/kb/keys.js';
import { termOf, words } from '../src/store/terms.js';
import { termKey } from '../src/corpus/stories/features.js';
import type { Doc } from '../src/doc/model.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = join(root, '..', 'shared', 'data');
const out = join(root, 'src', 'corpus', 'stories', 'data');
mkdirSync(out, { recursive: true });

const p = await createPipeline();
const morph = p.ctx.get('morph');

// ---- 1. the uk -> ru cognate table
const isRuLemma = (w: string): boolean => morph.analyze(w, 'ru').some((a) => a.source === 'dict' && a.lemma === w);

const LETTER: Record<string, string[]> = {
  і: ['и', 'о', 'е'],
  и: ['ы', 'и'],
  є: ['е'],
  ї: ['и'],
  ґ: ['г'],
  е: ['е', 'э'],
  '’': ['', 'ъ', 'ь'],
  "'": ['', 'ъ', 'ь'],
  'ʼ': ['', 'ъ', 'ь'],
};
const ENDINGS: [RegExp, string[]][] = [
  [/ння$/, ['ние']],
  [/ття$/, ['тие']],
  [/ість$/, ['ость', 'есть']],
  [/тися$/, ['ться']],
  [/ти$/, ['ть']],
  [/чи$/, ['чь']],
  [/ий$/, ['ый', 'ой', 'ий']],
  [/ій$/, ['ий', 'ой']],
  [/ія$/, ['ия']],
];

function respellings(w: string): string[] {
  let stems: { stem: string; tail: string[] }[] = [{ stem: w, tail: [''] }];
  for (const [re, tails] of ENDINGS) {
    if (re.test(w)) {
      stems = [{ stem: w.replace(re, ''), tail: tails }];
      break;
    }
  }
  const out: string[] = [];
  for (const { stem, tail } of stems) {
    let forms = [''];
    for (const ch of stem) {
      const alts = LETTER[ch] ?? [ch];
      const next: string[] = [];
      for (const f of forms) for (const a of alts) next.push(f + a);
      forms = next;
      if (forms.length > 256) return [];
    }
    for (const f of forms) for (const t of tail) out.push(f + t);
  }
  return out;
}

const dic = readFileSync(join(root, 'node_modules', 'dictionary-uk', 'index.dic'), 'utf8').split('\n').slice(1);
const ukRu: Record<string, string> = {};
let tried = 0;
for (const line of dic) {
  const w = line.split('/')[0].trim();
  if (w.length < 3 || !/^[а-щьюяіїєґ’'ʼ-]+$/.test(w) || w.includes('-')) continue;
  tried++;
  const lemma = termOf(w);
  for (const cand of respellings(w)) {
    if (cand === w) continue;
    if (translitKey(cand) === translitKey(w)) continue;
    if (isRuLemma(cand)) {
      ukRu[lemma] = termOf(cand);
      break;
    }
  }
}
const sorted = Object.fromEntries(Object.entries(ukRu).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
writeFileSync(join(out, 'uk-ru-words.json'), JSON.stringify({ built: 'scripts/build-story-data.ts', words: sorted }) + '\n');
console.log(`uk lemmas tried ${tried}, uk->ru pairs ${Object.keys(sorted).length}`);

// ---- 2. background document frequencies
interface Raw {
  text: string;
  lang: string;
}
function* texts(): Generator<Raw> {
  for (const topic of ['asia_bibi', 'brexit', 'covid-19', 'ryanair'])
    for (const lang of ['ru', 'uk']) {
      const dir = join(shared, 'slavicner', 'raw', topic, lang);
      for (const f of readdirSync(dir).sort()) yield { text: readFileSync(join(dir, f), 'utf8'), lang };
    }
  for (const topic of ['ec', 'trump'])
    for (const lang of ['ru', 'uk']) {
      const dir = join(shared, 'bsnlp2017', topic, 'raw', lang);
      if (!existsSync(dir)) continue;
      for (const f of readdirSync(dir).sort()) yield { text: readFileSync(join(dir, f), 'utf8').split('\n').slice(4).join('\n'), lang };
    }
  const fr = join(shared, 'factrueval2016', 'devset');
  for (const f of readdirSync(fr).filter((x) => x.endsWith('.txt')).sort()) yield { text: readFileSync(join(fr, f), 'utf8'), lang: 'ru' };
  for (const part of ['train', 'dev']) {
    const dir = join(shared, 'nerel', part);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) yield { text: readFileSync(join(dir, f), 'utf8'), lang: 'ru' };
  }
  // English: PolNeAR political news (without it every English word, `and` as much as `sanctions`,
  // had the idf of an unseen key, and English function words weighed as rare content terms)
  for (const part of ['train', 'dev']) {
    const dir = join(shared, 'polnear', part, 'text');
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) yield { text: readFileSync(join(dir, f), 'utf8'), lang: 'en' };
  }
}

const termDf = new Map<string, number>();
const entDf = new Map<string, number>();
let docs = 0;
const d = { ukRu: sorted, bg: { docs: 0, terms: {}, ents: {} } };
for (const raw of texts()) {
  if (!raw.text.trim()) continue;
  let doc: Doc;
  try {
    doc = p.analyze({ source: {}, published: null, title: null, text: raw.text, lang: raw.lang });
  } catch {
    continue;
  }
  docs++;
  const keys = new Set<string>();
  for (const t of doc.layers.tokens ?? []) {
    if (t.kind !== 'word') continue;
    const k = termKey(termOf(t.lemma ?? t.text) || termOf(t.text), doc.lang, d.ukRu);
    if (k) keys.add(k);
  }
  for (const k of keys) termDf.set(k, (termDf.get(k) ?? 0) + 1);
  for (const e of new Set((doc.layers.entities ?? []).map((x) => x.id))) entDf.set(e, (entDf.get(e) ?? 0) + 1);
}
// keys seen in one document only carry no information beyond "rare": left out (idf of an unseen key)
const keep = (m: Map<string, number>) => Object.fromEntries([...m].filter(([, n]) => n >= 2).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
writeFileSync(join(out, 'background-df.json'), JSON.stringify({ built: 'scripts/build-story-data.ts', docs, terms: keep(termDf), ents: keep(entDf) }) + '\n');
console.log(`background: ${docs} documents, ${termDf.size} term keys, ${entDf.size} entity ids`);
void words;
