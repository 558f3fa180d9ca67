/**
 * Readers of the annotated corpora the mention tagger is trained on, each mapped onto the five
 * SlavicNER types (PER ORG LOC EVT PRO). Mentions are character spans into the text as read.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityType } from '../../src/doc/model.js';

export interface GoldMention {
  start: number;
  end: number;
  type: EntityType;
  /** SlavicNER cross-lingual id */
  xid?: string;
}

export interface TrainDoc {
  /** corpus name: slavicner, nerel, factrueval, ner-uk */
  source: string;
  /** SlavicNER topic, or the corpus name for the others (the gazetteer hold-out unit) */
  topic: string;
  lang: 'ru' | 'uk' | 'en';
  id: string;
  text: string;
  mentions: GoldMention[];
}

const TYPES = new Set(['PER', 'ORG', 'LOC', 'EVT', 'PRO']);

function sorted(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** Drop overlapping mentions, keeping the longer (then the earlier) one. */
export function flatten(ms: GoldMention[]): GoldMention[] {
  const byLen = [...ms].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: GoldMention[] = [];
  for (const m of byLen) if (!kept.some((k) => k.start < m.end && m.start < k.end)) kept.push(m);
  return kept.sort((a, b) => a.start - b.start);
}

export function readSlavicNER(root: string, topics: readonly string[], langs: readonly string[] = ['ru', 'uk']): TrainDoc[] {
  const out: TrainDoc[] = [];
  for (const topic of topics) {
    for (const lang of langs) {
      const rawDir = join(root, 'raw', topic, lang);
      for (const f of sorted(rawDir)) {
        if (!f.endsWith('.txt')) continue;
        const text = readFileSync(join(rawDir, f), 'utf8');
        const tsv = join(root, 'ner', topic, lang, f.replace(/\.txt$/, '.tsv'));
        const ms: GoldMention[] = [];
        if (existsSync(tsv)) {
          for (const line of readFileSync(tsv, 'utf8').split('\n')) {
            const p = line.split('\t');
            if (p.length < 6 || !TYPES.has(p[4])) continue;
            // offsets are code points; convert to UTF-16 indices
            ms.push({ start: cpToUnit(text, +p[0]), end: cpToUnit(text, +p[1]), type: p[4] as EntityType, xid: p[5] });
          }
        }
        out.push({ source: 'slavicner', topic, lang: lang as 'ru' | 'uk', id: f.replace(/\.txt$/, ''), text, mentions: flatten(ms) });
      }
    }
  }
  return out;
}

function cpToUnit(text: string, cp: number): number {
  // fast path: no astral characters
  if (!/[\uD800-\uDBFF]/.test(text)) return cp;
  let u = 0;
  for (let c = 0; c < cp && u < text.length; c++) u += text.codePointAt(u)! > 0xffff ? 2 : 1;
  return u;
}

/** NEREL (ru, brat, nested): outermost spans of the types that fit SlavicNER. */
const NEREL_MAP: Record<string, EntityType> = {
  PERSON: 'PER',
  ORGANIZATION: 'ORG',
  COUNTRY: 'LOC',
  CITY: 'LOC',
  STATE_OR_PROVINCE: 'LOC',
  LOCATION: 'LOC',
  DISTRICT: 'LOC',
  // FACILITY left out: mapped to LOC it cost 4 points of ru F1 on the dev topic
  PRODUCT: 'PRO',
  WORK_OF_ART: 'PRO',
};

function readBrat(dir: string, map: Record<string, EntityType>, source: string, lang: 'ru' | 'uk'): TrainDoc[] {
  const out: TrainDoc[] = [];
  for (const f of sorted(dir)) {
    if (!f.endsWith('.ann')) continue;
    const txtPath = join(dir, f.replace(/\.ann$/, '.txt'));
    if (!existsSync(txtPath)) continue;
    const text = readFileSync(txtPath, 'utf8');
    const ms: GoldMention[] = [];
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (!line.startsWith('T')) continue;
      const p = line.split('\t');
      if (p.length < 3) continue;
      // `T1<TAB>TYPE s e<TAB>text` (brat) or `T1<TAB>TYPE<TAB>s<TAB>e<TAB>text` (NER-UK)
      const [type, ...rest] = p[1].includes(' ') ? p[1].split(' ') : [p[1], p[2], p[3]];
      const t = map[type];
      if (!t) continue;
      const frags = rest.join(' ').split(';');
      if (frags.length !== 1) continue; // discontinuous: skip
      const [s, e] = frags[0].split(' ').map(Number);
      if (!(e > s) || e > text.length) continue;
      ms.push({ start: s, end: e, type: t });
    }
    out.push({ source, topic: source, lang, id: f.replace(/\.ann$/, ''), text, mentions: flatten(ms) });
  }
  return out;
}

/** a one-word adjective derived from a place name (`российских`, `американский`, `московского`) */
const PLACE_ADJ = /^[\p{L}-]+(?:ск|цк)(?:ий|ый|ая|ое|ие|ые|ого|ой|ому|ом|ую|им|ым|их|ых|ими|ыми)$/u;

/**
 * NEREL annotates place adjectives as COUNTRY/CITY (`российских военных`: 769 one-word adjectives
 * in lower case); SlavicNER does not annotate adjectives on their own. Such a mention (lower case,
 * or capitalised only because it opens a sentence) is dropped, so its word is taught as no mention.
 */
export function dropPlaceAdjectives(d: TrainDoc): TrainDoc {
  const mentions = d.mentions.filter((m) => {
    if (m.type !== 'LOC') return true;
    const s = d.text.slice(m.start, m.end);
    if (!PLACE_ADJ.test(s)) return true;
    if (s[0] === s[0].toLowerCase()) return false;
    // capitalised: dropped only when it opens a sentence or a line
    let j = m.start - 1;
    while (j >= 0 && /\s/.test(d.text[j])) {
      if (d.text[j] === '\n') return false;
      j--;
    }
    return !(j < 0 || /[.!?…»"]/.test(d.text[j]));
  });
  return { ...d, mentions };
}

export function readNEREL(root: string): TrainDoc[] {
  return [...readBrat(join(root, 'train'), NEREL_MAP, 'nerel', 'ru'), ...readBrat(join(root, 'dev'), NEREL_MAP, 'nerel', 'ru')].map(dropPlaceAdjectives);
}

/** NER-UK 2.0 (uk, brat over pre-tokenised text): PERS ORG LOC; only the news part (`ng`) unless `all`. */
export function readNERUK(root: string, all = false): TrainDoc[] {
  const map: Record<string, EntityType> = { PERS: 'PER', ORG: 'ORG', LOC: 'LOC' };
  const parts = all ? ['ng', 'bruk'] : ['ng'];
  return parts.flatMap((p) => readBrat(join(root, p), map, 'ner-uk', 'uk'));
}

/**
 * factRuEval-2016 (ru): Person from name parts, Location / LocOrg from location names, Org from
 * organisation names (descriptors like `мэрия` left out, as SlavicNER does).
 */
export function readFactRuEval(root: string): TrainDoc[] {
  const dir = join(root, 'devset');
  const out: TrainDoc[] = [];
  for (const f of sorted(dir)) {
    if (!f.endsWith('.txt')) continue;
    const base = f.replace(/\.txt$/, '');
    const text = readFileSync(join(dir, f), 'utf8');
    const spans = new Map<string, { type: string; start: number; end: number }>();
    for (const line of readFileSync(join(dir, base + '.spans'), 'utf8').split('\n')) {
      const p = line.split(' ');
      if (p.length < 4) continue;
      spans.set(p[0], { type: p[1], start: +p[2], end: +p[2] + +p[3] });
    }
    const ms: GoldMention[] = [];
    for (const line of readFileSync(join(dir, base + '.objects'), 'utf8').split('\n')) {
      const p = line.split(' # ')[0].trim().split(' ');
      if (p.length < 3) continue;
      const kind = p[1];
      const parts = p.slice(2).map((id) => spans.get(id)).filter((s): s is NonNullable<typeof s> => !!s);
      let type: EntityType | null = null;
      let keep: typeof parts = [];
      if (kind === 'Person') {
        type = 'PER';
        keep = parts.filter((s) => /^(name|surname|patronymic|nickname)$/.test(s.type));
      } else if (kind === 'Location' || kind === 'LocOrg') {
        type = 'LOC';
        keep = parts.filter((s) => s.type === 'loc_name');
      } else if (kind === 'Org') {
        type = 'ORG';
        keep = parts.filter((s) => s.type === 'org_name');
      }
      if (!type || !keep.length) continue;
      const s = Math.min(...keep.map((k) => k.start));
      const e = Math.max(...keep.map((k) => k.end));
      if (e - s > 80) continue;
      ms.push({ start: s, end: e, type });
    }
    out.push({ source: 'factrueval', topic: 'factrueval', lang: 'ru', id: base, text, mentions: flatten(ms) });
  }
  return out;
}

/**
 * Ukrainian outlets write the names of Russia and its president in lower case on purpose
 * (`росія`, `рф`, `путін`), a spelling the annotated topics hardly show. For every Ukrainian
 * document that mentions them (SlavicNER ids, or any form of the KB entities `russia`/`putin`),
 * add a copy with those mentions lower-cased (same offsets), so the tagger learns that such words
 * are still mentions.
 */
export const LOWERCASED_IN_UK = new Set(['GPE-Russia', 'PER-Vladimir-Putin']);

export function lowercaseCopies(docs: readonly TrainDoc[], forms: ReadonlySet<string> = new Set()): TrainDoc[] {
  const out: TrainDoc[] = [];
  for (const d of docs) {
    if (d.lang !== 'uk') continue;
    const ms = d.mentions.filter(
      (m) => (m.xid && LOWERCASED_IN_UK.has(m.xid)) || ((m.type === 'LOC' || m.type === 'PER') && forms.has(d.text.slice(m.start, m.end).toLowerCase())),
    );
    if (!ms.length) continue;
    let text = d.text;
    for (const m of ms) text = text.slice(0, m.start) + text.slice(m.start, m.end).toLowerCase() + text.slice(m.end);
    out.push({ ...d, id: d.id + '#lc', text });
  }
  return out;
}

/**
 * SlavicNER types an institution named by its seat as ORG (`Кремль`, `Білий дім`); other corpora
 * call it a place. Retype a LOC mention of another corpus to ORG when its text is a known form of
 * an organisation of the knowledge base (and of no place there).
 */
export function metonymyToOrg(docs: TrainDoc[], orgForms: ReadonlySet<string>): number {
  let n = 0;
  for (const d of docs) {
    if (d.source === 'slavicner') continue;
    for (const m of d.mentions) {
      if (m.type === 'LOC' && orgForms.has(d.text.slice(m.start, m.end).toLowerCase())) {
        m.type = 'ORG';
        n++;
      }
    }
  }
  return n;
}

const WORDCH = /[\p{L}\p{N}]/u;

/**
 * BSNLP 2017 topics `ec` and `trump` (ru, uk), the same annotation conventions as SlavicNER but
 * given per document as a list of distinct mention forms (lower-cased) with a type, not as spans.
 * Every whole-word, case-insensitive occurrence of a listed form is a mention (longest form first,
 * no overlaps). The 2017 task had no PRO/EVT, only MISC, which covers both: a paragraph holding a
 * MISC form is left out entirely, so its product or event names are not taught as non-names.
 */
export function readBSNLP2017(root: string, topics: readonly string[] = ['ec', 'trump'], langs: readonly string[] = ['ru', 'uk']): TrainDoc[] {
  const out: TrainDoc[] = [];
  for (const topic of topics) {
    for (const lang of langs) {
      const rawDir = join(root, topic, 'raw', lang);
      for (const f of sorted(rawDir)) {
        if (!f.endsWith('.txt')) continue;
        const id = f.replace(/^file_/, '').replace(/_[a-z]{2}\.txt$/, '').replace(/\.txt$/, '');
        const ann = join(root, topic, 'annotated', lang, id + '.txt');
        if (!existsSync(ann)) continue;
        // four header lines (id, language, date, URL), then the text
        const lines = readFileSync(join(rawDir, f), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
        const forms: { form: string; type: string }[] = [];
        for (const line of readFileSync(ann, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).slice(1)) {
          const p = line.split('\t');
          if (p.length < 3 || !p[0].trim()) continue;
          const type = p[2].trim();
          if (type === 'MISC' || TYPES.has(type)) forms.push({ form: p[0].trim().toLowerCase(), type });
        }
        forms.sort((a, b) => b.form.length - a.form.length);
        const misc = forms.filter((x) => x.type === 'MISC');
        const kept = lines.slice(4).filter((l) => {
          const low = l.toLowerCase();
          return !misc.some((m) => findWord(low, m.form, 0) >= 0);
        });
        const text = kept.join('\n');
        const low = text.toLowerCase();
        const taken = new Uint8Array(text.length);
        const ms: GoldMention[] = [];
        for (const { form, type } of forms) {
          if (type === 'MISC') continue;
          for (let i = findWord(low, form, 0); i >= 0; i = findWord(low, form, i + form.length)) {
            let free = true;
            for (let k = i; k < i + form.length && free; k++) if (taken[k]) free = false;
            if (!free) continue;
            taken.fill(1, i, i + form.length);
            ms.push({ start: i, end: i + form.length, type: type as EntityType });
          }
        }
        out.push({ source: 'bsnlp2017', topic: 'bsnlp2017-' + topic, lang: lang as 'ru' | 'uk', id: `${topic}-${id}`, text, mentions: flatten(ms) });
      }
    }
  }
  return out;
}

/** next occurrence of `form` in `low` from `from` that is a whole word (no letter or digit around it) */
function findWord(low: string, form: string, from: number): number {
  for (let i = low.indexOf(form, from); i >= 0; i = low.indexOf(form, i + 1)) {
    const before = i > 0 ? low[i - 1] : ' ';
    const after = i + form.length < low.length ? low[i + form.length] : ' ';
    if (!WORDCH.test(before) && !WORDCH.test(after)) return i;
  }
  return -1;
}

/**
 * A publication named in apposition to its kind — `газета «Известия»`, `журнал Forbes`, `телеканал
 * RT`, `видання The Guardian` — is a product (PRO) in SlavicNER (ru train topics: 54 PRO, 23 ORG
 * after such a word; news agencies stay ORG: 46 ORG, 4 PRO), an organisation in NEREL, factRuEval,
 * NER-UK and BSNLP 2017 (no PRO type there). Retype such an ORG mention of another corpus to PRO,
 * with the quotes around it (SlavicNER puts a title's quotes inside the PRO span), and every other
 * ORG mention of the same name in that document.
 */
const MEDIA_NOUN =
  /(?:^|[^\p{L}])(?:газет|журнал|телеканал|издани|еженедельник|ежедневник|таблоид|радиостанци|телепрограмм|видання|тижневик|щоденник|таблоїд|радіостанці)\p{L}*\s+[«"“„]?$/iu;
const OPEN_Q = '«"“„';
const CLOSE_Q = '»"”“';

export function mediaToPro(docs: TrainDoc[], langs: ReadonlySet<string>): number {
  let n = 0;
  for (const d of docs) {
    if (d.source === 'slavicner' || !langs.has(d.lang)) continue;
    const names = new Set<string>();
    for (const m of d.mentions) {
      if (m.type === 'ORG' && MEDIA_NOUN.test(d.text.slice(Math.max(0, m.start - 30), m.start))) names.add(d.text.slice(m.start, m.end).toLowerCase());
    }
    if (!names.size) continue;
    for (const m of d.mentions) {
      if (m.type !== 'ORG' || !names.has(d.text.slice(m.start, m.end).toLowerCase())) continue;
      m.type = 'PRO';
      n++;
      const before = d.text[m.start - 1] ?? '';
      const after = d.text[m.end] ?? '';
      if (OPEN_Q.includes(before) && CLOSE_Q.includes(after) && before && after) {
        const overlaps = d.mentions.some((o) => o !== m && o.start < m.end + 1 && m.start - 1 < o.end);
        if (!overlaps) {
          m.start--;
          m.end++;
        }
      }
    }
  }
  return n;
}
