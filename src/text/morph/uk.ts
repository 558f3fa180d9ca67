/**
 * Ukrainian morphology over the lemma table built from Hunspell `dictionary-uk` by
 * scripts/build-uk-lexicon.ts (stems + shared paradigms with derived UD features), ranked, with
 * the learned name guesser for unknown capitalised words.
 */
import { readFileSync } from 'node:fs';
import type { MorphAnalysis } from '../../doc/model.js';
import { resourcePath } from '../../pipeline/resources.js';
import { readSharedFile } from '../../pipeline/shared-files.js';
import { dedupe } from './analyses.js';
import { capitalizeLike, isCapitalized, isUpper, type NameGuesser } from './names.js';
import { parseReading, SURNAME_OV, ukFormTags } from './uk-tags.js';
import { UK_CLOSED } from './uk-closed.js';
import { UkStems } from './uk-stems.js';

/** the stem table, used in place (shared between analysis threads: src/pipeline/shared.ts) */
export const UK_STEMS_FILE = 'src/text/morph/data/uk-stems.bin';

interface Paradigm {
  pos: string;
  lemmaEnd: string;
  /** form ending id (see UkMorph.endNodes) -> tag set */
  ends: Map<number, number>;
  forms: [string, number][];
}

const ADJ_LEMMA = /(ий|ій|їй)$/u;
/** the features inflect matches a paradigm's forms on, in order */
const TARGET_KEYS = ['Case', 'Number', 'Gender'] as const;

export class UkMorph {
  /** stem -> paradigm ids (data/uk-stems.bin, searched in place) */
  private readonly stems: UkStems;
  private readonly paradigms: Paradigm[];
  private readonly tagSets: Record<string, string>[][];
  private readonly maxEnd: number;
  /**
   * every form ending of every paradigm as a trie read from the word's end (a split whose ending is
   * not here cannot match; no longer one either when no ending goes on): node -> (letter -> node);
   * node 0 is the empty ending; while loading, the edges are node x 65536 + letter -> node
   */
  private readonly endEdges = new Map<number, number>();
  /** the ending id of a trie node (-1: no paradigm has this ending) */
  private readonly endIds: number[] = [-1];
  /** the trie flattened: node i's children are edges [edgeStart[i], edgeStart[i + 1]) (letter, node) */
  private readonly edgeStart: Int32Array;
  private readonly edgeLetter: Uint16Array;
  private readonly edgeNode: Int32Array;

  /** the trie node of ending `e` (added when missing) */
  private endNode(e: string): number {
    let node = 0;
    for (let i = e.length - 1; i >= 0; i--) {
      const c = e.charCodeAt(i);
      let next = this.endEdges.get(node * 65536 + c);
      if (next === undefined) {
        next = this.endIds.length;
        this.endIds.push(-1);
        this.endEdges.set(node * 65536 + c, next);
      }
      node = next;
    }
    return node;
  }

  constructor(private readonly names: NameGuesser) {
    const pj = JSON.parse(readFileSync(resourcePath('src/text/morph/data/uk-paradigms.json'), 'utf8')) as {
      tags: string[];
      paradigms: [string, string, [string, number][]][];
    };
    // readings as shared frozen objects (a plurale tantum is reported as Number=Plur)
    this.tagSets = pj.tags.map((t) =>
      t ? t.split('|').map((r) => {
        const o = { ...parseReading(r) };
        if (o.Number === 'Ptan') o.Number = 'Plur';
        return Object.freeze(o);
      }) : [],
    );
    let maxEnd = 0;
    const idOf = new Map<string, number>();
    this.paradigms = pj.paradigms.map(([pos, lemmaEnd, forms]) => {
      const ends = new Map<number, number>();
      for (const [e, t] of forms) {
        // the trie node's number is the ending's id
        let id = idOf.get(e);
        if (id === undefined) {
          idOf.set(e, (id = this.endNode(e)));
          this.endIds[id] = id;
        }
        ends.set(id, t);
        if (e.length > maxEnd) maxEnd = e.length;
      }
      return { pos, lemmaEnd, ends, forms };
    });
    this.maxEnd = maxEnd;
    // the edges grouped by node (counted, summed up, placed)
    const nodes = this.endIds.length;
    const start = (this.edgeStart = new Int32Array(nodes + 1));
    this.edgeLetter = new Uint16Array(nodes);
    this.edgeNode = new Int32Array(nodes);
    for (const key of this.endEdges.keys()) start[Math.floor(key / 65536) + 1]++;
    for (let i = 1; i <= nodes; i++) start[i] += start[i - 1];
    const fill = start.slice(0, nodes);
    for (const [key, next] of this.endEdges) {
      const node = Math.floor(key / 65536);
      const e = fill[node]++;
      this.edgeLetter[e] = key % 65536;
      this.edgeNode[e] = next;
    }
    this.endEdges.clear();
    this.stems = new UkStems(readSharedFile(resourcePath(UK_STEMS_FILE)));
  }

  /** paradigm ids of a stem (binary search over the sorted stem lines) */
  private stemIds(stem: string): number[] | undefined {
    return this.stems.ids(stem);
  }

  /** dictionary analyses of exactly this spelling */
  private lookup(w: string): MorphAnalysis[] {
    const out: MorphAnalysis[] = [];
    const n = w.length;
    const stems = this.stems;
    stems.setWord(w);
    let node = 0;
    for (let k = 0; k <= Math.min(this.maxEnd, n - 1); k++) {
      // the ending w[n-k..]: one more letter down the trie
      if (k > 0) {
        const c = w.charCodeAt(n - k);
        let next = -1;
        for (let j = this.edgeStart[node], end = this.edgeStart[node + 1]; j < end; j++) {
          if (this.edgeLetter[j] === c) {
            next = this.edgeNode[j];
            break;
          }
        }
        if (next < 0) break;
        node = next;
      }
      const endId = this.endIds[node];
      if (endId < 0) continue;
      const ids = stems.prefixIds(n - k);
      if (!ids) continue;
      for (const id of ids) {
        const p = this.paradigms[id];
        const t = p.ends.get(endId);
        if (t === undefined) continue;
        let lemma = w.slice(0, n - k) + p.lemmaEnd;
        const readings = this.tagSets[t];
        if (!p.pos) {
          // an unflagged entry: a function word, an adverb, an indeclinable word, or a name form
          // listed on its own (Путіна): a name form is marked so the name guesser can take over
          const cap = isCapitalized(lemma);
          const pos = cap ? 'PROPN' : UK_CLOSED.get(lemma.toLowerCase()) ?? (/[оеи]$/u.test(lemma) ? 'ADV' : 'X');
          out.push({ lemma, pos, tags: {}, source: cap ? 'rule' : 'dict' });
          continue;
        }
        const pos = p.pos;
        if (readings.length === 0) {
          out.push({ lemma, pos, tags: {}, source: 'dict' });
          continue;
        }
        for (const tags of readings) {
          let l = lemma;
          // a feminine adjectival surname has a feminine base form (Зеленської -> Зеленська)
          if (pos === 'PROPN' && tags.Gender === 'Fem' && ADJ_LEMMA.test(lemma)) l = lemma.slice(0, -2) + (lemma.endsWith('ій') && !/[цчшщж]ій$/u.test(lemma) ? 'я' : 'а');
          else if (pos === 'PROPN' && tags.Gender === 'Fem' && SURNAME_OV.test(lemma)) l = lemma + 'а';
          out.push({ lemma: l, pos, tags, source: 'dict' });
        }
      }
    }
    return out;
  }

  /** memo of `listed` (bounded: cleared when full) */
  private readonly listedMemo = new Map<string, boolean>();

  /** true when the table lists this spelling as its own base form (a name listed form by form) */
  private listed(lemma: string): boolean {
    let r = this.listedMemo.get(lemma);
    if (r === undefined) {
      if (this.listedMemo.size >= 20_000) this.listedMemo.clear();
      r = this.lookup(lemma).some((a) => a.lemma === lemma);
      this.listedMemo.set(lemma, r);
    }
    return r;
  }

  /** true when the lemma table knows the word as an inflected entry (the name guesser is not asked) */
  known(word: string): boolean {
    return this.lookup(word).some((a) => a.source === 'dict');
  }

  /** lookup, and for a word with ґ the dictionary's г spelling (Ґазпрому -> Газпром -> Ґазпром) */
  private lookupG(w: string): MorphAnalysis[] {
    const out = this.lookup(w);
    if (out.length || !/[ґҐ]/u.test(w)) return out;
    const g: MorphAnalysis[] = [];
    for (const a of this.lookup(w.replace(/ґ/g, 'г').replace(/Ґ/g, 'Г'))) g.push(withLemma(a, restoreG(a.lemma, w)));
    return g;
  }

  analyze(word: string): MorphAnalysis[] {
    // (in parts, each a method of its own: V8 recompiles a function whole when a rare path of it
    // first runs)
    const lower = word.toLowerCase();
    const exact = this.lookupG(word);
    if (!isCapitalized(word)) {
      let out = exact;
      const closed = UK_CLOSED.get(lower);
      if (closed) out = [{ lemma: lower, pos: closed, tags: {}, source: 'dict' }, ...out.filter((a) => a.pos !== 'X' && a.pos !== 'ADV')];
      if (!out.length) out = this.guess(word);
      return dedupe(rank(out, word));
    }
    return this.capitalised(word, lower, exact);
  }

  /** the readings of a capitalised word: its dictionary entries and the name guesser's, each group scored */
  private capitalised(word: string, lower: string, exact: MorphAnalysis[]): MorphAnalysis[] {
    const upper = isUpper(word);
    // an acronym (НАТО, ГПУ, ЄС): its own entry, else itself
    if (upper && word.length <= 5) {
      const own = exact.filter((a) => a.source === 'dict');
      const base: MorphAnalysis[] = own.length ? own : [{ lemma: word, pos: 'PROPN', tags: { Abbr: 'Yes' }, source: 'rule' }];
      return dedupe(base.map((a) => withLemma(a, capitalizeLike(a.lemma, word))));
    }
    const w = upper ? word.charAt(0) + lower.slice(1) : word;
    const ex = upper ? this.lookupG(w) : exact;
    const lowerA = this.lookupG(lower).filter((a) => a.source === 'dict');
    const closed = UK_CLOSED.get(lower);
    // every base form gets a score: a dictionary entry in this spelling 2, in lower case 1, plus
    // the name guesser's probability as a vote (Києві: Київ over Кий; Путіну: Путін)
    const groups = new Map<string, { score: number; as: MorphAnalysis[] }>();
    const add = (a: MorphAnalysis, score: number): void => {
      const k = a.lemma.toLowerCase();
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { score: 0, as: [] }));
      g.score = Math.max(g.score, score);
      g.as.push(a);
    };
    if (closed) add({ lemma: lower, pos: closed, tags: {}, source: 'dict' }, 1.5);
    for (const a of ex) if (a.source === 'dict') add(a, 2);
    for (const a of lowerA) add(a, 1);
    // of the candidates listed in the dictionary (a name listed form by form: Путін, Путіна,
    // Путіну), the shortest is the base form the other forms grow from
    const cands = this.names.candidates(w);
    const isListed = new Map<string, boolean>();
    for (const c of cands) if (!isListed.has(c.lemma)) isListed.set(c.lemma, this.listed(c.lemma));
    let shortest = '';
    for (const c of cands) {
      if ((!shortest || c.lemma.length < shortest.length) && isListed.get(c.lemma)) shortest = c.lemma;
    }
    for (const c of cands) {
      const k = c.lemma.toLowerCase();
      const g = groups.get(k);
      if (g) {
        g.score += c.share;
        continue;
      }
      let score = c.share;
      // a name listed form by form (Путін, Путіна, Путіну): forms listed in the dictionary first
      if (isListed.get(c.lemma)) score += 0.5 + (c.lemma === shortest ? 0.5 : 0);
      const readings = ukFormTags('PROPN', c.lemma, w);
      if (readings.length) for (const r of readings) add({ lemma: c.lemma, pos: 'PROPN', tags: parseReading(r), source: 'name' }, score);
      else add({ lemma: c.lemma, pos: 'PROPN', tags: {}, source: 'name' }, score);
    }
    const out: MorphAnalysis[] = [];
    for (const g of [...groups.values()].sort((a, b) => b.score - a.score)) {
      if (out.length && g.score < 0.05) break;
      for (const a of rank(g.as, w)) out.push(a.source === 'name' ? { lemma: a.lemma, pos: a.pos, tags: a.tags, source: a.source, score: Math.round(g.score * 1000) / 1000 } : a);
    }
    for (const a of out) if (a.pos === 'PROPN') a.lemma = capitalizeLike(a.lemma, word);
    return dedupe(out);
  }

  /** analyses of a word the dictionary does not know */
  private guess(word: string): MorphAnalysis[] {
    if (/[a-z]/i.test(word) && !/[а-яіїєґ]/i.test(word)) return [{ lemma: word, pos: 'X', tags: { Foreign: 'Yes' }, source: 'rule' }];
    if (isCapitalized(word)) {
      return this.names.candidates(word).map((c) => ({ lemma: c.lemma, pos: 'PROPN', tags: {}, source: 'name', score: c.share }));
    }
    // an unknown lower-case word: borrow the analyses of a known word with the same ending
    const lower = word.toLowerCase();
    for (let k = Math.min(lower.length - 2, 6); k >= 3; k--) {
      // strip a prefix of growing length and analyse the rest (недо-, пере-, віце-...)
      const rest = lower.slice(lower.length - k - 2);
      const as = this.lookup(rest).filter((a) => a.pos !== 'PROPN');
      if (as.length) {
        const prefix = lower.slice(0, lower.length - rest.length);
        return as.map((a) => (a.score === undefined ? { lemma: prefix + a.lemma, pos: a.pos, tags: a.tags, source: 'guess' } : { lemma: prefix + a.lemma, pos: a.pos, tags: a.tags, source: 'guess', score: a.score }));
      }
    }
    return [{ lemma: lower, pos: 'NOUN', tags: {}, source: 'guess' }];
  }

  inflect(word: string, want: Record<string, string>, hint?: MorphAnalysis): string | null {
    const as = this.analyze(word);
    let a = hint ?? as[0];
    if (!a) return null;
    if (!hint && a.tags.Gender && a.tags.Gender !== 'Masc') {
      // an ambiguous ending (Білого: masculine or neuter): the masculine reading of the same lemma
      const m = as.find((x) => x.lemma === a.lemma && x.tags.Gender === 'Masc' && x.tags.Case === a.tags.Case);
      if (m) a = m;
    }
    const lemma = a.lemma;
    // the lemma's paradigm: look the lemma up and take its forms
    const entries = this.paradigmsOf(lemma) ?? this.paradigmsOf(lemma.toLowerCase());
    // the wanted Case, Number and Gender, else the analysis's (`{ ...a.tags, ...want }` read at three
    // keys: that spread made an object of a new layout for every layout of a.tags, and the optimised
    // inflect was thrown away at the first one it had not met)
    const target: (string | undefined)[] = ['Case' in want ? want.Case : a.tags.Case, 'Number' in want ? want.Number : a.tags.Number, 'Gender' in want ? want.Gender : a.tags.Gender];
    if (target[1] === 'Plur') target[2] = undefined;
    if (entries) {
      let best: string | null = null;
      let bestScore = -1;
      for (const [stem, p] of entries) {
        for (const [end, t] of p.forms) {
          for (const tags of this.tagSets[t]) {
            let s = 0;
            let ok = true;
            for (let i = 0; i < 3; i++) {
              const w = target[i];
              if (!w) continue;
              const k = TARGET_KEYS[i];
              const v = tags[k] === 'Ptan' ? 'Plur' : tags[k];
              if (v === w) s++;
              else if (v !== undefined || i === 0) ok = false;
            }
            if (ok && s > bestScore) {
              bestScore = s;
              best = stem + end;
            }
          }
        }
      }
      if (best) return capitalizeLike(best, word);
    }
    // names outside the dictionary: the nominative is the guessed base form
    if (want.Case === 'Nom' && (want.Number ?? a.tags.Number ?? 'Sing') !== 'Plur') return capitalizeLike(lemma, word);
    return null;
  }

  private paradigmsOf(lemma: string): [string, Paradigm][] | null {
    const out: [string, Paradigm][] = [];
    for (let k = 0; k <= Math.min(this.maxEnd, lemma.length - 1); k++) {
      const stem = lemma.slice(0, lemma.length - k);
      const ids = this.stemIds(stem);
      if (!ids) continue;
      for (const id of ids) {
        const p = this.paradigms[id];
        if (p.lemmaEnd === lemma.slice(lemma.length - k)) out.push([stem, p]);
      }
    }
    // an adjectival surname in the feminine: the masculine entry's paradigm
    if (!out.length && /[ая]$/u.test(lemma)) {
      const m = this.paradigmsOf(lemma.slice(0, -1) + (lemma.endsWith('я') ? 'ій' : 'ий'));
      if (m) return m;
    }
    return out.length ? out : null;
  }
}

/**
 * Order the analyses of one spelling: exact-case entries before lower-cased ones, then entries
 * whose lemma keeps more of the word (Києві: Київ before Кий), then content words; imperatives last.
 */
function rank(list: MorphAnalysis[], word: string): MorphAnalysis[] {
  if (list.length < 2) {
    if (list.length === 1 && list[0].score !== undefined) list[0] = { lemma: list[0].lemma, pos: list[0].pos, tags: list[0].tags, source: list[0].source };
    return list;
  }
  const w = word.toLowerCase();
  const n = list.length;
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = list[i];
    const l = a.lemma;
    let p = 0;
    while (p < l.length && p < w.length && (l[p] === w[p] || l[p].toLowerCase() === w[p])) p++;
    score[i] = (a.score ?? 1) * 10 + p * 0.5 + (a.source === 'dict' ? 1 : 0);
    // the imperative is rare in news text: `міністром оборони` is the noun, not `оборони!`
    if (a.tags.Mood === 'Imp') score[i] -= 1.5;
  }
  const idx = Array.from({ length: n }, (_, i) => i).sort((x, y) => score[y] - score[x] || x - y);
  return idx.map((i) => {
    const a = list[i];
    return a.score === undefined ? a : { lemma: a.lemma, pos: a.pos, tags: a.tags, source: a.source };
  });
}

/**
 * A copy of an analysis with another lemma, made by one of two object literals (the fields of
 * `frozenAnalysis`, same order) rather than by spreading: a spread copy has a layout of its own, and
 * the first one to reach `capitalised`/`rank` (a rare ґ word) threw away their optimised code.
 */
function withLemma(a: MorphAnalysis, lemma: string): MorphAnalysis {
  return a.score === undefined
    ? { lemma, pos: a.pos, tags: a.tags, source: a.source }
    : { lemma, pos: a.pos, tags: a.tags, source: a.source, score: a.score };
}

/** put back the ґ of the word into a lemma looked up with г */
function restoreG(lemma: string, word: string): string {
  let out = '';
  for (let i = 0; i < lemma.length; i++) {
    const w = word[i];
    out += w && (w === 'ґ' || w === 'Ґ') && (lemma[i] === 'г' || lemma[i] === 'Г') ? w : lemma[i];
  }
  return out;
}


export { ukFormTags };
