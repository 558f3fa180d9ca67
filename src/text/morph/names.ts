/**
 * The proper-name guesser for words no dictionary knows (foreign names above all): a suffix model
 * learned by scripts/build-name-rules.ts. Each rule says: a word ending in `key` turns into its
 * base form by cutting `cut` letters and adding `add`; rules keep their training counts and the
 * longest key with enough support wins (`Санчесу` -> `Санчес`, `Мерцем` -> `Мерц`,
 * `Зеленського` -> `Зеленський`, `Рютте` stays).
 */
import { readFileSync } from 'node:fs';
import { resourcePath } from '../../pipeline/resources.js';

/** rules for one language: ending -> list of [cut, add, count], best first */
export interface NameRules {
  maxKey: number;
  rules: Record<string, [number, string, number][]>;
}

export function isCapitalized(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c >= 0x410 && c <= 0x42f) return true; // А-Я
  if (c >= 0x430 && c <= 0x45f) return false; // а-я, ѐ-џ
  if (c >= 0x41 && c <= 0x5a) return true;
  if (c >= 0x61 && c <= 0x7a) return false;
  if (c !== c) return false; // empty
  const ch = w.charAt(0);
  return ch !== ch.toLowerCase();
}

export function isUpper(w: string): boolean {
  const n = w.length;
  if (n < 2) return false;
  const c = w.charCodeAt(1);
  if ((c >= 0x430 && c <= 0x45f) || (c >= 0x61 && c <= 0x7a)) return false; // a lower-case second letter
  // no lower-case letter and at least one cased one (Cyrillic and ASCII without allocating)
  let cased = false;
  for (let i = 0; i < n; i++) {
    const d = w.charCodeAt(i);
    if ((d >= 0x430 && d <= 0x45f) || (d >= 0x61 && d <= 0x7a)) return false;
    if ((d >= 0x400 && d <= 0x42f) || (d >= 0x41 && d <= 0x5a)) cased = true;
    else if (d >= 0x80) return w === w.toUpperCase() && w !== w.toLowerCase();
  }
  return cased;
}

/**
 * `lemma` with the capitalisation pattern of `surface`: the letters it shares with the surface keep
 * the surface's case (МакКейна -> МакКейн), a Title-case surface gives a Title-case lemma, an
 * acronym in capitals (НАТО, ЄС) stays in capitals.
 */
export function capitalizeLike(lemma: string, surface: string): string {
  if (isUpper(surface)) {
    return surface.length <= 5 ? lemma.toUpperCase() : titleCase(lemma);
  }
  if (!isCapitalized(surface)) return lemma;
  let i = 0;
  const n = Math.min(lemma.length, surface.length);
  for (; i < n; i++) {
    const a = lemma.charCodeAt(i);
    const b = surface.charCodeAt(i);
    if (a !== b && !sameLower(a, b)) break;
  }
  const out = surface.slice(0, i) + lemma.slice(i).toLowerCase();
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/** the lower-case form of a Cyrillic or ASCII code unit (-1: another script) */
function lowerCode(c: number): number {
  if (c >= 0x410 && c <= 0x42f) return c + 0x20;
  if (c >= 0x41 && c <= 0x5a) return c + 0x20;
  if (c >= 0x400 && c <= 0x40f) return c + 0x50;
  if (c < 0x80 || (c >= 0x430 && c <= 0x45f)) return c;
  return -1;
}

/** two code units equal in lower case */
function sameLower(a: number, b: number): boolean {
  const x = lowerCode(a);
  const y = lowerCode(b);
  if (x >= 0 && y >= 0) return x === y;
  return String.fromCharCode(a).toLowerCase() === String.fromCharCode(b).toLowerCase();
}

export function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[-\s’'])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
}

const PRIOR = 3;
const MAX_CANDIDATES = 8;
const MIN_SHARE = 0.003;

/** й after a consonant, ь after a vowel: no base form ends so */
const BAD_END = /[^аеёиоуыэюяіїєa-z]й$|[аеёиоуыэюяіїє]ь$/iu;

/** a rule with the key of its ending change (`cut TAB add`) */
type KeyedRule = [cut: number, add: string, count: number, key: string];

export class NameGuesser {
  /** the model's rules of an ending, each with its ending-change key (built on first use; null: none) */
  private readonly keyed = new Map<string, KeyedRule[] | null>();

  constructor(private readonly model: NameRules) {}

  private rulesOf(ending: string): KeyedRule[] | null {
    let list = this.keyed.get(ending);
    if (list === undefined) {
      const rules = Object.prototype.hasOwnProperty.call(this.model.rules, ending) ? this.model.rules[ending] : undefined;
      list = rules ? rules.map(([cut, add, count]): KeyedRule => [cut, add, count, cut + '\t' + add]) : null;
      this.keyed.set(ending, list);
    }
    return list;
  }

  static load(lang: string): NameGuesser {
    const file = resourcePath(`src/text/morph/data/name-rules.${lang}.json`);
    return new NameGuesser(JSON.parse(readFileSync(file, 'utf8')) as NameRules);
  }

  /**
   * Candidate base forms of a name, best first, with a probability: the rule distributions of the
   * word's endings are interpolated from the shortest ending to the longest (each longer ending
   * weighs total/(total+PRIOR)), so a rare long ending refines the common short one instead of
   * overriding it.
   */
  candidates(word: string): { lemma: string; count: number; share: number }[] {
    let lower = word.toLowerCase();
    if (lower.indexOf('ё') >= 0) lower = lower.replace(/ё/g, 'е');
    if (/['ʼ`]/.test(lower)) lower = lower.replace(/['ʼ`]/g, '\u2019');
    // ending changes (cut letters, add) with their probability, in the order first proposed
    const dist = new Map<string, { cut: number; add: string; p: number }>();
    dist.set('0\t', { cut: 0, add: '', p: 1 }); // no evidence: the word is its own base form
    let support = 0;
    for (let k = 1; k <= Math.min(this.model.maxKey, lower.length - 1); k++) {
      const list = this.rulesOf(lower.slice(-k));
      if (!list) break;
      let total = 0;
      for (const r of list) total += r[2];
      const lam = total / (total + PRIOR);
      for (const e of dist.values()) e.p = (1 - lam) * e.p;
      for (const [cut, add, count, key] of list) {
        if (cut > lower.length - 1) continue;
        const e = dist.get(key);
        if (e) e.p = e.p + (lam * count) / total;
        else dist.set(key, { cut, add, p: 0 + (lam * count) / total });
      }
      support = total;
    }
    // most likely first (a stable sort: ties in the order first proposed)
    const changes = [...dist.values()].sort((a, b) => b.p - a.p);
    const out: { lemma: string; count: number; share: number }[] = [];
    for (const { cut, add, p } of changes) {
      // the long tail of rare ending changes is noise: keep the likely few
      if (out.length >= MAX_CANDIDATES || (out.length > 0 && p < MIN_SHARE)) break;
      const base = word.slice(0, word.length - cut) + add;
      // й only after a vowel, ь never after one: such a base form cannot be a word
      const last = base.charCodeAt(base.length - 1);
      if ((last === 0x439 || last === 0x419 || last === 0x44c || last === 0x42c) && BAD_END.test(base)) continue;
      out.push({ lemma: capitalizeLike(base, word), count: support, share: p });
    }
    return out;
  }

  /** the best base form of a name */
  lemma(word: string): string {
    return this.candidates(word)[0].lemma;
  }
}
