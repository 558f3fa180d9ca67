/**
 * The dictionary look-up of Az.js (`Az.Morph` with only its Dictionary parser answering), done
 * directly over the same OpenCorpora files Az loads: the word DAWG, the paradigms, the tag table,
 * the suffixes and the P(tag | word) DAWG. It gives the same parses in the same order with the
 * same scores as `Az.Morph(word)` for every word the dictionary knows (what most words of a news
 * text are), without Az's per-call overhead (a config copy per call, string keys built per
 * parse, arrays per DAWG step, the guessers run after the dictionary). Words the dictionary does
 * not know, and one-letter words, are left to Az (`parse` returns null).
 *
 * The parses implement the part of Az's Parse interface the Russian analyser uses: word, tag
 * (stat, flex and the grammemes as fields, like Az's Tag), score, parser, normalize(), inflect().
 */

/** Az's DAWG (dawgdic layout), from the `az` package */
export interface AzDawg {
  units: Uint32Array;
  guide: Uint8Array;
  followByte(c: number, index: number): number;
  hasValue(index: number): boolean;
  value(index: number): number;
  iterateAll(index: number): number[][];
}

/** the dictionary files as Az loads them */
export interface AzDictData {
  words: AzDawg;
  probabilities: AzDawg;
  paradigms: ArrayBuffer;
  /** gramtab-opencorpora-int.json */
  tags: string[];
  /** suffixes.json */
  suffixes: string[];
  /** grammemes.json: [internal, parent, external, full] */
  grammemes: [string, string | null, string, string][];
  /** prediction-suffixes-0/1/2.dawg (format 'probs'), one per paradigm prefix */
  predictionSuffixes: AzDawg[];
}

const MISSING = -1;
/** Az's paradigm prefixes */
const PREFIXES = ['', 'по', 'наи'];

/** UTF-16 code unit -> CP1251 byte (-1: none), the table Az's DAWGs are keyed with */
const CP1251 = (() => {
  const t = new Int16Array(65536).fill(-1);
  const d = new TextDecoder('windows-1251');
  for (let b = 0; b < 256; b++) {
    if (b === 0x98) continue; // not a CP1251 character (Az leaves it out)
    t[d.decode(new Uint8Array([b])).charCodeAt(0)] = b;
  }
  return t;
})();

/** A tag like Az's: `stat` and `flex` grammemes, each grammeme (and its parents) set as a field. */
export class RuTag {
  readonly stat: string[];
  readonly flex: string[];
  /** `tag.toString()` as Az writes it (the key of the P(tag | word) table) */
  readonly str: string;
  private readonly has: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  /** Name, Surn, Patr, Geox or Init */
  readonly capitalized: boolean;
  /** not a closed class (Az's Tag.isProductive) */
  readonly productive: boolean;

  constructor(str: string, parents: Map<string, string>) {
    const pair = str.split(' ');
    this.stat = pair[0].split(',');
    this.flex = pair[1] ? pair[1].split(',') : [];
    for (const grams of [this.stat, this.flex]) {
      for (let gram of grams) {
        this.has[gram] = true;
        let par: string | undefined;
        while ((par = parents.get(gram))) {
          this.has[par] = gram;
          gram = par;
        }
      }
    }
    this.str = (this.stat.join(',') + ' ' + this.flex.join(',')).trim();
    const h = this.has;
    this.capitalized = !!(h.Name || h.Surn || h.Patr || h.Geox || h.Init);
    this.productive = !(h.NUMR || h.NPRO || h.PRED || h.PREP || h.CONJ || h.PRCL || h.INTJ || h.Apro || h.NUMB || h.ROMN || h.LATN || h.PNCT || h.UNKN);
  }

  /** Az's Tag.matches(array): every grammeme present */
  matches(grammemes: readonly string[]): boolean {
    for (const g of grammemes) if (!this.has[g]) return false;
    return true;
  }

  /** Name, Surn, Patr, Geox or Init: written capitalised */
  isCapitalized(): boolean {
    return this.capitalized;
  }

  /** Az's Tag.isProductive: not a closed class (numeral, pronoun, preposition...) */
  isProductive(): boolean {
    return this.productive;
  }

  toString(): string {
    return this.str;
  }
}

/** One dictionary parse (Az's DictionaryParse without prefix or suffix). */
export class RuDictParse {
  /** the Az parser that produced it (Az's Morph sets it) */
  parser = 'Dictionary';
  readonly tag: RuTag;
  /** index of the tag in the tag table */
  readonly tagIdx: number;
  score = 1;

  constructor(
    private readonly dict: RuDict,
    readonly word: string,
    private readonly paradigm: Uint16Array,
    private readonly formIdx: number,
  ) {
    this.tagIdx = paradigm[paradigm.length / 3 + formIdx];
    this.tag = dict.tag(this.tagIdx);
  }

  /** the stem: the word without its form's paradigm prefix and suffix */
  private base(): string {
    const p = this.paradigm;
    const n = p.length / 3;
    return this.word.substring(PREFIXES[p[2 * n + this.formIdx]].length, this.word.length - this.dict.suffixes[p[this.formIdx]].length);
  }

  private form(formIdx: number): RuDictParse {
    const p = this.paradigm;
    const n = p.length / 3;
    return new RuDictParse(this.dict, PREFIXES[p[2 * n + formIdx]] + this.base() + this.dict.suffixes[p[formIdx]], p, formIdx);
  }

  /** the first form of the paradigm (Az: normalize()) */
  normalize(): RuDictParse {
    return this.form(0);
  }

  /** the first form of the paradigm with all these grammemes (Az: inflect(array)), or false */
  inflect(grammemes: string[]): RuDictParse | false {
    const p = this.paradigm;
    const n = p.length / 3;
    for (let f = 0; f < n; f++) if (this.dict.tag(p[n + f]).matches(grammemes)) return this.form(f);
    return false;
  }

  toString(): string {
    return this.word;
  }
}

const SUFFIX_COEFFS = [0, 0.2, 0.3, 0.4, 0.5, 0.6];

export class RuDict {
  private readonly words: AzDawg;
  private readonly predictionSuffixes: AzDawg[];
  private readonly probs: AzDawg;
  private readonly paradigms: Uint16Array[] = [];
  private readonly tagStrings: string[];
  private readonly tags: (RuTag | undefined)[];
  private readonly parents = new Map<string, string>();
  readonly suffixes: string[];
  /** P(tag | word) key bytes of each tag (':' + tag) */
  private readonly tagKeys: (Uint8Array | undefined)[];

  constructor(data: AzDictData) {
    this.words = data.words;
    this.probs = data.probabilities;
    this.predictionSuffixes = data.predictionSuffixes;
    const list = new Uint16Array(data.paradigms);
    const count = list[0];
    let pos = 1;
    for (let i = 0; i < count; i++) {
      const size = list[pos++];
      this.paradigms.push(list.subarray(pos, pos + size));
      pos += size;
    }
    this.tagStrings = data.tags;
    this.tags = new Array(data.tags.length);
    this.tagKeys = new Array(data.tags.length);
    this.suffixes = data.suffixes;
    for (const [internal, parent, external] of data.grammemes) {
      if (parent) {
        this.parents.set(internal, parent);
        this.parents.set(external, parent);
      }
    }
  }

  tag(i: number): RuTag {
    let t = this.tags[i];
    if (!t) this.tags[i] = t = new RuTag(this.tagStrings[i], this.parents);
    return t;
  }

  private tagKey(i: number): Uint8Array | null {
    let k = this.tagKeys[i];
    if (!k) {
      const s = ':' + this.tag(i).str;
      k = new Uint8Array(s.length);
      for (let j = 0; j < s.length; j++) {
        const b = CP1251[s.charCodeAt(j)];
        if (b < 0) return null;
        k[j] = b;
      }
      this.tagKeys[i] = k;
    }
    return k;
  }

  /**
   * `Az.Morph(word)` when the dictionary knows the word (its parses, scored and ordered as Az
   * does), else null (the caller asks Az: guessers, initials, numbers...).
   */
  parse(word: string): RuDictParse[] | null {
    if (word.length < 2) return null;
    // Az: capitalised = the first letter upper and some later letter lower
    const rest = word.substring(1);
    const capitalized = word[0].toLowerCase() !== word[0] && rest.toUpperCase() !== rest;
    const lower = word.toLowerCase();
    const found: [string, number][] = [];
    this.walk(this.words, lower, 0, 0, null, found);
    if (!found.length) return null;
    const out: RuDictParse[] = [];
    for (const [w, index] of found) {
      const pairs = this.words.iterateAll(index);
      for (const [para, form] of pairs) {
        const paradigm = this.paradigms[para];
        if (capitalized || !this.tag(paradigm[paradigm.length / 3 + form]).capitalized) out.push(new RuDictParse(this, w, paradigm, form));
      }
    }
    if (!out.length) return null;
    // scores: P(tag | word) where the corpus has one, normalised over the word's parses
    let total = 0;
    let wordIndex = -2;
    let wordOf = '';
    for (const p of out) {
      if (p.word !== wordOf) {
        wordOf = p.word;
        wordIndex = this.follow(this.probs, p.word, 0);
      }
      if (wordIndex === MISSING) continue;
      const key = this.tagKey(p.tagIdx);
      if (!key) continue;
      let index = wordIndex;
      for (let j = 0; j < key.length && index !== MISSING; j++) index = this.probs.followByte(key[j], index);
      if (index === MISSING || !this.probs.hasValue(index)) continue;
      p.score = this.probs.value(index) / 1000000;
      total += p.score;
    }
    if (total > 0) for (const p of out) p.score /= total;
    if (out.length > 1) out.sort((a, b) => b.score - a.score);
    return out;
  }

  /** the DAWG index after `s` from `index`, or MISSING */
  private follow(d: AzDawg, s: string, index: number): number {
    for (let i = 0; i < s.length; i++) {
      const b = CP1251[s.charCodeAt(i)];
      if (b < 0) return MISSING;
      index = d.followByte(b, index);
      if (index === MISSING) return MISSING;
    }
    return index;
  }

  /** true when the dictionary holds some spelling of the word (Az's Dictionary parser finds it) */
  knows(word: string): boolean {
    const found: [string, number][] = [];
    this.walk(this.words, word.toLowerCase(), 0, 0, null, found);
    return found.length > 0;
  }

  /**
   * Az's SuffixKnown guesser (Morph.Parsers.SuffixKnown) over the same prediction DAWGs, with the
   * same parses, scores and order: for each paradigm prefix ('', по, наи) the word's endings of 5
   * letters down to 1 are looked up; the forms of the paradigms that end so are the guesses.
   */
  suffixKnown(word: string, config: { ignoreCase?: boolean }): RuDictParse[] {
    if (word.length < 4) return [];
    const rest = word.substring(1);
    const capitalized = !config.ignoreCase && word[0].toLowerCase() !== word[0] && rest.toUpperCase() !== rest;
    const lower = word.toLowerCase();
    let parses: RuDictParse[] = [];
    let minlen = 1;
    const used = new Set<string>();
    const found: [string, number][] = [];
    for (let i = 0; i < PREFIXES.length; i++) {
      const prefix = PREFIXES[i];
      if (prefix.length && lower.substring(0, prefix.length) !== prefix) continue;
      const base = lower.substring(prefix.length);
      const dawg = this.predictionSuffixes[i];
      for (let len = 5; len >= minlen; len--) {
        if (len >= base.length) continue;
        const left = base.substring(0, base.length - len);
        const right = base.substring(base.length - len);
        found.length = 0;
        this.walk(dawg, right, 0, 0, null, found);
        const p: RuDictParse[] = [];
        let max = 1;
        for (const [suffix, index] of found) {
          const stats = dawg.iterateAll(index);
          const w = prefix + left + suffix;
          for (const st of stats) {
            const paradigm = this.paradigms[st[1]];
            const tag = this.tag(paradigm[paradigm.length / 3 + st[2]]);
            if (!tag.productive) continue;
            if (!config.ignoreCase && tag.capitalized && !capitalized) continue;
            const key = w + ':' + st[1] + ':' + st[2];
            if (used.has(key)) continue;
            max = Math.max(max, st[0]);
            const parse = new RuDictParse(this, w, paradigm, st[2]);
            parse.score = st[0] * SUFFIX_COEFFS[len];
            p.push(parse);
            used.add(key);
          }
        }
        if (p.length > 0) {
          for (const q of p) q.score /= max;
          parses = parses.concat(p);
          // a shorter ending is looked up too, one letter shorter at most
          minlen = Math.max(len - 1, 1);
        }
      }
    }
    return parses;
  }

  /**
   * Az's DAWG.findAll(word, {е: 'ё'}): the spellings of `lower` the dictionary holds, an е read
   * as е first and then as ё (depth first, as Az does), each with the index of its payload.
   */
  private walk(words: AzDawg, lower: string, pos: number, index: number, yo: number[] | null, found: [string, number][]): void {
    for (let len = pos; len < lower.length; len++) {
      const c = lower.charCodeAt(len);
      const b = CP1251[c];
      if (c === 0x435) {
        // е: the ё branch after the е one
        const alt = words.followByte(0xb8, index);
        if (alt !== MISSING) {
          const y = yo ? yo.slice() : [];
          y.push(len);
          // explore е first: recurse on it, then continue here with ё
          const next = b < 0 ? MISSING : words.followByte(b, index);
          if (next !== MISSING) this.walk(words, lower, len + 1, next, yo, found);
          this.walk(words, lower, len + 1, alt, y, found);
          return;
        }
      }
      if (b < 0) return;
      index = words.followByte(b, index);
      if (index === MISSING) return;
    }
    const sep = words.followByte(1, index);
    if (sep === MISSING) return;
    let w = lower;
    if (yo) {
      const cs = lower.split('');
      for (const j of yo) cs[j] = 'ё';
      w = cs.join('');
    }
    found.push([w, sep]);
  }
}
