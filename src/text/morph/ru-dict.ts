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
const ROOT = 0;
const HAS_LEAF_BIT = 1 << 8;
const EXTENSION_BIT = 1 << 9;
const IS_LEAF_BIT = 1 << 31;
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

/**
 * Az's DAWG reader (dawgdic layout) over the same typed arrays, with the same arithmetic, without
 * its per-call arrays: `iterate` writes the payloads it finds into a reusable buffer.
 */
class Dawg {
  readonly units: Uint32Array;
  readonly guide: Uint8Array;
  /** key bytes and node indexes of `iterate` (payload keys are 4 or 6 bytes long) */
  private readonly key = new Int32Array(64);
  private readonly stack = new Int32Array(64);

  constructor(d: AzDawg) {
    this.units = d.units;
    this.guide = d.guide;
  }

  /** Az's followByte: the child of `index` by byte `c`, or MISSING */
  followByte(c: number, index: number): number {
    const units = this.units;
    const base = units[index];
    const next = index ^ ((base >> 10) << ((base & EXTENSION_BIT) >> 6)) ^ (c & 0xff);
    // (Az's label(): the leaf bit makes a unit no child)
    if ((units[next] & (IS_LEAF_BIT | 0xff)) !== (c & 0xff)) return MISSING;
    return next;
  }

  hasValue(index: number): boolean {
    return (this.units[index] & HAS_LEAF_BIT) !== 0;
  }

  value(index: number): number {
    const units = this.units;
    const base = units[index];
    return units[index ^ ((base >> 10) << ((base & EXTENSION_BIT) >> 6))] & ~IS_LEAF_BIT;
  }

  /**
   * Az's iterateAll(index) for payloads of `width` numbers (2: words, 3: probs): every payload
   * below `index`, in Az's order, appended to `out` flat (`width` numbers each); the count found.
   */
  iterate(index: number, width: 2 | 3, out: number[]): number {
    const guide = this.guide;
    const key = this.key;
    const stack = this.stack;
    let sp = 0;
    let kl = 0;
    stack[sp++] = index;
    let last = ROOT;
    let found = 0;
    for (;;) {
      index = stack[sp - 1];
      if (last !== ROOT) {
        let label = guide[index << 1];
        if (label) {
          index = this.followByte(label, index);
          if (index === MISSING) return found;
          key[kl++] = label;
          stack[sp++] = index;
        } else {
          do {
            label = guide[(index << 1) + 1];
            if (kl > 0) kl--;
            sp--;
            if (!sp) return found;
            index = stack[sp - 1];
            if (label) {
              index = this.followByte(label, index);
              if (index === MISSING) return found;
              key[kl++] = label;
              stack[sp++] = index;
            }
          } while (!label);
        }
      }
      while (!this.hasValue(index)) {
        const label = guide[index << 1];
        index = this.followByte(label, index);
        if (index === MISSING) return found;
        if (kl >= 63) return found; // (no payload key is this long)
        key[kl++] = label;
        stack[sp++] = index;
      }
      out.push(((key[0] ^ 1) << 6) + (key[1] >> 1), ((key[2] ^ 1) << 6) + (key[3] >> 1));
      if (width === 3) out.push(((key[4] ^ 1) << 6) + (key[5] >> 1));
      found++;
      last = index;
    }
  }
}

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
  /** a slot for the analyser's conversion of this tag (computed once per tag) */
  memo: unknown = undefined;

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

  /** the value of a grammeme field as Az's Tag has it (true, a child grammeme, or undefined) */
  field(g: string): unknown {
    return this.has[g];
  }

  /** Az's Tag.matches(tag, grammemes): the same values of these grammeme fields */
  matchesTag(other: RuTag, grammemes: readonly string[]): boolean {
    for (const g of grammemes) if (other.has[g] != this.has[g]) return false;
    return true;
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
  /** letters before and after the dictionary word (a known or unknown prefix, a particle) */
  prefix = '';
  suffix = '';

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
    const f = new RuDictParse(this.dict, PREFIXES[p[2 * n + formIdx]] + this.base() + this.dict.suffixes[p[formIdx]], p, formIdx);
    f.prefix = this.prefix;
    f.suffix = this.suffix;
    return f;
  }

  /** the first form of the paradigm (Az: normalize()) */
  normalize(): RuDictParse {
    return this.form(0);
  }

  /** `normalize().word` without building the parse */
  normalWord(): string {
    const p = this.paradigm;
    const n = p.length / 3;
    return PREFIXES[p[2 * n]] + this.base() + this.dict.suffixes[p[0]];
  }

  /** the first form of the paradigm with all these grammemes (Az: inflect(array)), or false; a number: that form */
  inflect(grammemes: string[] | number): RuDictParse | false {
    if (typeof grammemes === 'number') return this.form(grammemes);
    const f = this.dict.formWith(this.paradigm, grammemes);
    return f < 0 ? false : this.form(f);
  }

  /** the first form whose tag has the same values of these grammemes as `tag` (Az: inflect(tag, grammemes)) */
  inflectLike(tag: RuTag, grammemes: readonly string[]): RuDictParse | false {
    const p = this.paradigm;
    const n = p.length / 3;
    for (let f = 0; f < n; f++) if (this.dict.tag(p[n + f]).matchesTag(tag, grammemes)) return this.form(f);
    return false;
  }

  toString(): string {
    if (this.prefix) {
      const pref = PREFIXES[this.paradigm[(this.paradigm.length / 3) * 2 + this.formIdx]];
      return pref + this.prefix + this.word.substr(pref.length) + this.suffix;
    }
    return this.word + this.suffix;
  }
}

/** A parse of a fixed form (Az's Parse: numbers, punctuation, Latin, initials, abbreviations) */
export class RuParse {
  parser = '';
  constructor(
    readonly word: string,
    readonly tag: RuTag,
    public score = 0,
  ) {}

  normalize(): RuParse {
    return this;
  }

  inflect(): RuParse {
    return this;
  }

  toString(): string {
    return this.word;
  }
}

const HYPHEN_AGREE = ['POST', 'NMbr', 'CAse', 'PErs', 'TEns'];

/** Two dictionary words joined by a hyphen that agree (Az's CombinedParse: интернет-магазин) */
export class RuCombinedParse {
  parser = '';
  readonly tag: RuTag;
  score: number;
  /** Az's CombinedParse has no word of its own */
  readonly word: undefined = undefined;

  constructor(
    readonly left: RuDictParse,
    readonly right: RuDictParse,
  ) {
    this.tag = right.tag;
    this.score = left.score * right.score * 0.8;
  }

  normalize(): RuCombinedParse | false {
    return this.inflect(0);
  }

  inflect(grammemes: string[] | number): RuCombinedParse | false {
    const right = this.right.inflect(grammemes);
    let left: RuDictParse | false;
    if (typeof grammemes === 'number') {
      if (!right) throw new TypeError('morph: no form of a hyphenated word');
      left = this.left.inflectLike(right.tag, HYPHEN_AGREE);
    } else {
      left = this.left.inflect(grammemes);
    }
    return left && right ? new RuCombinedParse(left, right) : false;
  }

  toString(): string {
    return this.left.word + '-' + this.right.word;
  }
}

export type RuAnyParse = RuDictParse | RuParse | RuCombinedParse;

const SUFFIX_COEFFS = [0, 0.2, 0.3, 0.4, 0.5, 0.6];
const INITIALS = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ';
const PARTICLES = ['-то', '-ка', '-таки', '-де', '-тко', '-тка', '-с', '-ста'];
// prettier-ignore
const KNOWN_PREFIXES = [
  'авиа', 'авто', 'аква', 'анти', 'анти-', 'антропо', 'архи', 'арт', 'арт-', 'астро', 'аудио', 'аэро',
  'без', 'бес', 'био', 'вело', 'взаимо', 'вне', 'внутри', 'видео', 'вице-', 'вперед', 'впереди',
  'гекто', 'гелио', 'гео', 'гетеро', 'гига', 'гигро', 'гипер', 'гипо', 'гомо',
  'дву', 'двух', 'де', 'дез', 'дека', 'деци', 'дис', 'до', 'евро', 'за', 'зоо', 'интер', 'инфра',
  'квази', 'квази-', 'кило', 'кино', 'контр', 'контр-', 'космо', 'космо-', 'крипто', 'лейб-', 'лже', 'лже-',
  'макро', 'макси', 'макси-', 'мало', 'меж', 'медиа', 'медиа-', 'мега', 'мета', 'мета-', 'метео', 'метро', 'микро',
  'милли', 'мини', 'мини-', 'моно', 'мото', 'много', 'мульти',
  'нано', 'нарко', 'не', 'небез', 'недо', 'нейро', 'нео', 'низко', 'обер-', 'обще', 'одно', 'около', 'орто',
  'палео', 'пан', 'пара', 'пента', 'пере', 'пиро', 'поли', 'полу', 'после', 'пост', 'пост-',
  'порно', 'пра', 'пра-', 'пред', 'пресс-', 'противо', 'противо-', 'прото', 'псевдо', 'псевдо-',
  'радио', 'разно', 'ре', 'ретро', 'ретро-', 'само', 'санти', 'сверх', 'сверх-', 'спец', 'суб', 'супер', 'супер-', 'супра',
  'теле', 'тетра', 'топ-', 'транс', 'транс-', 'ультра', 'унтер-', 'штаб-',
  'экзо', 'эко', 'эндо', 'эконом-', 'экс', 'экс-', 'экстра', 'экстра-', 'электро', 'энерго', 'этно',
];
const REGEXP_PARSERS: [string, RegExp, string][] = [
  ['IntNumber', /^[−-]?[0-9]+$/, 'NUMB,intg'],
  ['RealNumber', /^[−-]?([0-9]*[.,][0-9]+)$/, 'NUMB,real'],
  ['Punctuation', /^[\u2000-\u206F\u2E00-\u2E7F\\'!"#$%&()*+,\-.\/:;<=>?@\[\]^_`{|}~]+$/, 'PNCT'],
  ['RomanNumber', /^M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/, 'ROMN'],
  ['Latin', /[A-Za-z\u00C0-\u00D6\u00D8-\u00f6\u00f8-\u024f]$/, 'LATN'],
];
/** Az's parser order (with its defaults): '?' marks a parser after which the next ones still run */
const PARSERS = [
  'Dictionary?', 'AbbrName?', 'AbbrPatronymic',
  'IntNumber', 'RealNumber', 'Punctuation', 'RomanNumber?', 'Latin',
  'HyphenParticle', 'HyphenAdverb', 'HyphenWords',
  'PrefixKnown', 'PrefixUnknown?', 'SuffixKnown?', 'Abbr',
];

const NONE: RuAnyParse[] = [];
const PARSER_NAMES = PARSERS.map((e) => (e.endsWith('?') ? e.slice(0, -1) : e));
const PARSER_TERMINAL = PARSERS.map((e) => !e.endsWith('?'));

/** Az: capitalised = the first letter upper and some later letter lower */
function azCapitalized(word: string): boolean {
  if (!word.length) return false;
  // Cyrillic and ASCII without allocating (other letters: Az's own test below)
  const c = word.charCodeAt(0);
  let first = -1;
  if ((c >= 0x400 && c <= 0x42f) || (c >= 0x41 && c <= 0x5a)) first = 1;
  else if ((c >= 0x430 && c <= 0x45f) || c < 0x80) first = 0;
  if (first === 0) return false;
  if (first === 1) {
    let plain = true;
    for (let i = 1; i < word.length; i++) {
      const d = word.charCodeAt(i);
      if ((d >= 0x430 && d <= 0x45f) || (d >= 0x61 && d <= 0x7a)) return true;
      if (!(d < 0x80 || (d >= 0x400 && d <= 0x42f))) {
        plain = false;
        break;
      }
    }
    if (plain) return false;
  }
  const rest = word.substring(1);
  return word[0].toLowerCase() !== word[0] && rest.toUpperCase() !== rest;
}

export class RuDict {
  private readonly words: Dawg;
  private readonly predictionSuffixes: Dawg[];
  private readonly probs: Dawg;
  /** payloads found by Dawg.iterate (reused) */
  private readonly payloads: number[] = [];
  private readonly paradigms: Uint16Array[] = [];
  private readonly tagStrings: string[];
  private readonly tags: (RuTag | undefined)[];
  private readonly parents = new Map<string, string>();
  readonly suffixes: string[];
  /** P(tag | word) key bytes of each tag (':' + tag) */
  private readonly tagKeys: (Uint8Array | undefined)[];

  constructor(data: AzDictData) {
    this.words = new Dawg(data.words);
    this.probs = new Dawg(data.probabilities);
    this.predictionSuffixes = data.predictionSuffixes.map((d) => new Dawg(d));
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
    const tag = (t: string): RuTag => new RuTag(t, this.parents);
    this.abbrTags = [];
    for (const g of ['masc', 'femn', 'neut']) {
      for (const c of ['nomn', 'gent', 'datv', 'accs', 'ablt', 'loct']) {
        for (const n of ['sing', 'plur']) this.abbrTags.push(tag(`NOUN,inan,${g},Fixd,Abbr ${n},${c}`));
      }
    }
    this.initialsTags = [];
    for (const g of ['masc', 'femn']) {
      for (const c of ['nomn', 'gent', 'datv', 'accs', 'ablt', 'loct']) this.initialsTags.push(tag(`NOUN,anim,${g},Sgtm,Name,Fixd,Abbr,Init sing,${c}`));
    }
    // (Az gives these grammemes the parent POST once its own tags are built)
    const withPost = new Map(this.parents);
    for (const g of ['NUMB', 'ROMN', 'LATN', 'PNCT', 'UNKN']) withPost.set(g, 'POST');
    this.regexpTags = REGEXP_PARSERS.map(([, , t]) => new RuTag(t, withPost));
    this.advb = tag('ADVB');
  }

  private readonly abbrTags: RuTag[];
  private readonly initialsTags: RuTag[];
  private readonly regexpTags: RuTag[];
  private readonly advb: RuTag;

  /** per paradigm: grammemes (joined) -> its first form with all of them (-1: none) */
  private readonly formMemo = new WeakMap<Uint16Array, Map<string, number>>();

  /** the first form of a paradigm whose tag has all these grammemes, or -1 (memoised) */
  formWith(paradigm: Uint16Array, grammemes: readonly string[]): number {
    let m = this.formMemo.get(paradigm);
    if (!m) this.formMemo.set(paradigm, (m = new Map()));
    const key = grammemes.join(',');
    let f = m.get(key);
    if (f === undefined) {
      const n = paradigm.length / 3;
      f = -1;
      for (let i = 0; i < n; i++) {
        if (this.tag(paradigm[n + i]).matches(grammemes)) {
          f = i;
          break;
        }
      }
      m.set(key, f);
    }
    return f;
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

  /** Az's Dictionary parser: the word's spellings in the dictionary (name readings only when capitalised) */
  dictionary(word: string): RuDictParse[] {
    const capitalized = azCapitalized(word);
    const found: [string, number][] = [];
    this.walk(this.words, word.toLowerCase(), 0, 0, null, found);
    const out: RuDictParse[] = [];
    const pl = this.payloads;
    for (const [w, index] of found) {
      pl.length = 0;
      const n = this.words.iterate(index, 2, pl);
      for (let i = 0; i < n; i++) {
        const paradigm = this.paradigms[pl[2 * i]];
        const form = pl[2 * i + 1];
        if (capitalized || !this.tag(paradigm[paradigm.length / 3 + form]).capitalized) out.push(new RuDictParse(this, w, paradigm, form));
      }
    }
    return out;
  }

  /** Az's scores of dictionary parses: P(tag | word) where the corpus has one, normalised over them */
  private scoreDictionary(out: RuDictParse[]): void {
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
  }

  /**
   * `Az.Morph(word)` when the dictionary knows the word (its parses, scored and ordered as Az
   * does), else null.
   */
  parse(word: string): RuDictParse[] | null {
    if (word.length < 2) return null;
    const out = this.dictionary(word);
    if (!out.length) return null;
    for (const p of out) p.parser = 'Dictionary';
    this.scoreDictionary(out);
    if (out.length > 1) out.sort((a, b) => b.score - a.score);
    return out;
  }

  /**
   * `Az.Morph(word)` with the project's settings (no typo or stutter correction, case kept): the
   * parsers in Az's order, a terminal one that found something ends the list; dictionary parses
   * scored by P(tag | word), the others by their own weights, each group normalised; best first.
   */
  morph(word: string): RuAnyParse[] {
    const fast = this.parse(word);
    if (fast) return fast;
    let parses: RuAnyParse[] = [];
    let matched = false;
    // (parse() has found no dictionary spelling of a word of two letters or more)
    const noDict = word.length >= 2;
    const hyphen = word.indexOf('-') >= 0;
    for (let k = 0; k < PARSER_NAMES.length; k++) {
      const terminal = PARSER_TERMINAL[k];
      const name = PARSER_NAMES[k];
      // no hyphen: no hyphenated reading
      // (a skipped parser still ends the list when it is terminal and something matched before)
      const skip = (noDict && name === 'Dictionary') || (!hyphen && (name === 'HyphenParticle' || name === 'HyphenAdverb' || name === 'HyphenWords'));
      const vars = skip ? NONE : this.run(name, word);
      for (const v of vars) {
        v.parser = name;
        matched = true;
      }
      if (vars.length) parses = parses.concat(vars);
      if (matched && terminal) break;
    }
    const dict = parses.filter((p): p is RuDictParse => p.parser === 'Dictionary');
    if (dict.length) this.scoreDictionary(dict);
    let total = 0;
    for (const p of parses) if (p.parser !== 'Dictionary') total += p.score;
    if (total > 0) for (const p of parses) if (p.parser !== 'Dictionary') p.score /= total;
    parses.sort((a, b) => b.score - a.score);
    return parses;
  }

  private run(name: string, word: string): RuAnyParse[] {
    switch (name) {
      case 'Dictionary':
        return this.dictionary(word);
      case 'AbbrName':
      case 'AbbrPatronymic':
        if (word.length !== 1 || INITIALS.indexOf(word) === -1) return [];
        return this.initialsTags.map((t) => new RuParse(word, t, 0.1));
      case 'HyphenParticle':
        return this.hyphenParticle(word);
      case 'HyphenAdverb':
        return this.hyphenAdverb(word);
      case 'HyphenWords':
        return this.hyphenWords(word);
      case 'PrefixKnown':
        return this.prefixKnown(word);
      case 'PrefixUnknown':
        return this.prefixUnknown(word);
      case 'SuffixKnown':
        return this.suffixKnown(word, {});
      case 'Abbr':
        return this.abbr(word);
      default: {
        const k = REGEXP_PARSERS.findIndex((r) => r[0] === name);
        if (k < 0) throw new Error(`morph: no parser ${name}`);
        return word.length && REGEXP_PARSERS[k][1].test(word) ? [new RuParse(word, this.regexpTags[k])] : [];
      }
    }
  }

  /** a dictionary word with a particle after a hyphen (смотри-ка) */
  private hyphenParticle(word: string): RuDictParse[] {
    const lower = word.toLowerCase();
    const out: RuDictParse[] = [];
    for (const particle of PARTICLES) {
      if (!lower.endsWith(particle)) continue;
      const found: [string, number][] = [];
      this.walk(this.words, lower.slice(0, -particle.length), 0, 0, null, found);
      const pl = this.payloads;
      for (const [w, index] of found) {
        pl.length = 0;
        const n = this.words.iterate(index, 2, pl);
        for (let i = 0; i < n; i++) {
          const p = new RuDictParse(this, w, this.paradigms[pl[2 * i]], pl[2 * i + 1]);
          p.score *= 0.9;
          p.suffix = particle;
          out.push(p);
        }
      }
    }
    return out;
  }

  /** по- + an adjective in the dative (по-западному) */
  private hyphenAdverb(word: string): RuParse[] {
    const lower = word.toLowerCase();
    if (lower.length < 5 || lower.substr(0, 3) !== 'по-') return [];
    const found: [string, number][] = [];
    this.walk(this.words, lower.substr(3), 0, 0, null, found);
    const out: RuParse[] = [];
    const used = new Set<string>();
    const pl = this.payloads;
    for (const [w, index] of found) {
      if (used.has(w)) continue;
      pl.length = 0;
      const n = this.words.iterate(index, 2, pl);
      for (let i = 0; i < n; i++) {
        const p = new RuDictParse(this, w, this.paradigms[pl[2 * i]], pl[2 * i + 1]);
        if (p.tag.matches(['ADJF', 'sing', 'datv'])) {
          used.add(w);
          out.push(new RuParse('по-' + w, this.advb, p.score * 0.9));
          break;
        }
      }
    }
    return out;
  }

  /** two words joined by a hyphen (интернет-магазин, компания-производитель) */
  private hyphenWords(word: string): RuAnyParse[] {
    const lower = word.toLowerCase();
    for (const p of KNOWN_PREFIXES) if (p[p.length - 1] === '-' && lower.substr(0, p.length) === p) return [];
    const parts = lower.split('-');
    const out: RuAnyParse[] = [];
    if (parts.length !== 2 || !parts[0].length || !parts[1].length) {
      if (parts.length > 2) {
        const end = parts[parts.length - 1];
        const right = this.dictionary(end);
        for (const r of right) {
          r.score *= 0.2;
          r.prefix = lower.substr(0, lower.length - end.length - 1) + '-';
          out.push(r);
        }
      }
      return out;
    }
    const left = this.dictionary(parts[0]);
    const right = this.dictionary(parts[1]);
    for (const l of left) {
      if (l.tag.field('Abbr')) continue;
      for (const r of right) {
        if (!l.tag.matchesTag(r.tag, HYPHEN_AGREE)) continue;
        out.push(new RuCombinedParse(l, r));
      }
    }
    for (const r of right) {
      r.score *= 0.3;
      r.prefix = parts[0] + '-';
      out.push(r);
    }
    return out;
  }

  /** a known prefix before a dictionary word (антиамериканский) */
  private prefixKnown(word: string): RuDictParse[] {
    const capitalized = azCapitalized(word);
    const lower = word.toLowerCase();
    const out: RuDictParse[] = [];
    for (const prefix of KNOWN_PREFIXES) {
      if (lower.length - prefix.length < 3) continue;
      if (!lower.startsWith(prefix)) continue;
      for (const r of this.dictionary(lower.substr(prefix.length))) {
        if (!r.tag.productive) continue;
        if (r.tag.capitalized && !capitalized) continue;
        r.score *= 0.7;
        r.prefix = prefix;
        out.push(r);
      }
    }
    return out;
  }

  /** one to five unknown letters before a dictionary word */
  private prefixUnknown(word: string): RuDictParse[] {
    const capitalized = azCapitalized(word);
    const lower = word.toLowerCase();
    const out: RuDictParse[] = [];
    for (let len = 1; len <= 5; len++) {
      if (lower.length - len < 3) break;
      for (const r of this.dictionary(lower.substr(len))) {
        if (!r.tag.productive) continue;
        if (r.tag.capitalized && !capitalized) continue;
        r.score *= 0.3;
        r.prefix = lower.substr(0, len);
        out.push(r);
      }
    }
    return out;
  }

  /** an indeclinable abbreviation in capitals (ВК, ССМО) */
  private abbr(word: string): RuParse[] {
    if (word.length < 2 || word.indexOf('-') > -1) return [];
    if (INITIALS.indexOf(word[0]) > -1 && INITIALS.indexOf(word[word.length - 1]) > -1) {
      let caps = 0;
      for (let i = 0; i < word.length; i++) if (INITIALS.indexOf(word[i]) > -1) caps++;
      if (caps <= 5) return this.abbrTags.map((t) => new RuParse(word, t, 0.5));
    }
    return [];
  }

  /** the DAWG index after `s` from `index`, or MISSING */
  private follow(d: Dawg, s: string, index: number): number {
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
    const capitalized = !config.ignoreCase && azCapitalized(word);
    const lower = word.toLowerCase();
    const parses: RuDictParse[] = [];
    let minlen = 1;
    // the (spelling, paradigm, form) triples already proposed: per spelling, paradigm << 16 | form
    const used = new Map<string, Set<number>>();
    const found: [string, number][] = [];
    const pl = this.payloads;
    for (let i = 0; i < PREFIXES.length; i++) {
      const prefix = PREFIXES[i];
      if (prefix.length && !lower.startsWith(prefix)) continue;
      const base = prefix.length ? lower.substring(prefix.length) : lower;
      const dawg = this.predictionSuffixes[i];
      for (let len = 5; len >= minlen; len--) {
        if (len >= base.length) continue;
        const right = base.substring(base.length - len);
        found.length = 0;
        this.walk(dawg, right, 0, 0, null, found);
        const start = parses.length;
        let max = 1;
        for (const [suffix, index] of found) {
          pl.length = 0;
          const n = dawg.iterate(index, 3, pl);
          const w = suffix === right ? (prefix.length ? prefix + base : lower) : prefix + base.substring(0, base.length - len) + suffix;
          let seen = used.get(w);
          if (!seen) used.set(w, (seen = new Set()));
          for (let j = 0; j < n; j++) {
            const count = pl[3 * j];
            const para = pl[3 * j + 1];
            const form = pl[3 * j + 2];
            const paradigm = this.paradigms[para];
            const tag = this.tag(paradigm[paradigm.length / 3 + form]);
            if (!tag.productive) continue;
            if (!config.ignoreCase && tag.capitalized && !capitalized) continue;
            const key = para * 65536 + form;
            if (seen.has(key)) continue;
            if (count > max) max = count;
            const parse = new RuDictParse(this, w, paradigm, form);
            parse.score = count * SUFFIX_COEFFS[len];
            parses.push(parse);
            seen.add(key);
          }
        }
        if (parses.length > start) {
          for (let j = start; j < parses.length; j++) parses[j].score /= max;
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
  private walk(words: Dawg, lower: string, pos: number, index: number, yo: number[] | null, found: [string, number][]): void {
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
