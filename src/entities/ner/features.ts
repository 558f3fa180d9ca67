/**
 * Feature extraction for the mention tagger. Features are strings; the model maps them to
 * weight rows. Word-level features (form, shape, affixes, gazetteer) depend only on the word and
 * the language and are cached by the tagger; context and morphology features are built per token.
 *
 * Every lexical feature exists twice, shared and prefixed by the language (`uk|s3=ому`): one
 * joint ru+uk model learns what the languages share and what each does on its own.
 */
import type { Token } from '../../doc/model.js';
import { type Gazetteer, maskTypes, stem } from './gazetteer.js';

export const FEATURE_VERSION = 1;

/** Feature groups that can be switched off (recorded in the model file, so training and run agree). */
export interface FeatureConfig {
  morph: boolean;
  lemma: boolean;
  bigrams: boolean;
}

export const DEFAULT_FEATURES: FeatureConfig = { morph: true, lemma: true, bigrams: true };

let config: FeatureConfig = { ...DEFAULT_FEATURES };

export function setFeatureConfig(c: Partial<FeatureConfig>): void {
  config = { ...DEFAULT_FEATURES, ...c };
}

/** The feature groups in force. */
export function featureConfig(): Readonly<FeatureConfig> {
  return config;
}

/** shape class of one code unit for ASCII and basic Cyrillic: 'X', 'x', 'd', or '' (look it up) */
function fastClass(c: number): string {
  if (c < 0x80) {
    if (c >= 65 && c <= 90) return 'X';
    if (c >= 97 && c <= 122) return 'x';
    if (c >= 48 && c <= 57) return 'd';
    return String.fromCharCode(c);
  }
  if (c >= 0x400 && c <= 0x42f) return 'X';
  if (c >= 0x430 && c <= 0x45f) return 'x';
  return '';
}

/** word shape: runs of upper-case (X), lower-case (x) letters and digits (d), other characters as is; at most 6 */
export function shapeOf(s: string): string {
  let out = '';
  let last = '';
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    let c = fastClass(cp);
    if (!c) {
      const ch = s.slice(i, i + w);
      if (/\p{Lu}/u.test(ch)) c = 'X';
      else if (/\p{Ll}/u.test(ch)) c = 'x';
      else if (/\d/.test(ch)) c = 'd';
      else c = ch;
    }
    if (c !== last) out += c;
    last = c;
    i += w;
  }
  return out.length > 6 ? out.slice(0, 6) : out;
}

export function capClass(s: string): string {
  if (!/\p{L}/u.test(s)) return /\d/.test(s) ? 'num' : 'punct';
  if (s === s.toUpperCase()) return s.length > 1 ? 'upper' : 'cap1';
  if (/^\p{Lu}/u.test(s)) return 'title';
  if (s === s.toLowerCase()) return 'lower';
  return 'mixed';
}

/** first character is an upper-case letter */
export function capFirst(s: string): boolean {
  // (the rules call this for most tokens: ASCII and basic Cyrillic are answered from the code
  // unit, without the two strings charAt and toLowerCase make for a Cyrillic letter)
  const u = s.charCodeAt(0);
  if (u < 0x80) return u >= 65 && u <= 90;
  if (u >= 0x400 && u < 0x460) return u < 0x430;
  const c = s.charAt(0);
  return c !== c.toLowerCase();
}

export function isQuote(s: string): boolean {
  return s.length === 1 && '"«»“”„\'‘’'.includes(s);
}

/** Features of a word on its own (shared part and language-prefixed part). */
export function wordFeatures(text: string, norm: string, lang: string, gaz: Gazetteer | null, kb: Gazetteer | null = null): string[] {
  const f: string[] = [];
  const lex: string[] = [];
  const cap = capClass(text);
  lex.push('w=' + norm, 'sh=' + shapeOf(text), 'cap=' + cap);
  if (text !== norm && cap !== 'lower') lex.push('W=' + text);
  const n = norm.length;
  for (let k = 1; k <= 4 && k <= n; k++) {
    lex.push(`p${k}=` + norm.slice(0, k));
    lex.push(`s${k}=` + norm.slice(n - k));
  }
  if (cap === 'title' || cap === 'upper') lex.push('cs3=' + norm.slice(Math.max(0, n - 3)));
  if (n > 12) lex.push('long');
  if (norm.includes('-')) lex.push('hyph');
  if (/\d/.test(norm) && /\p{L}/u.test(norm)) lex.push('alnum');
  if (/[a-z]/.test(norm)) lex.push('latin');
  if (gaz) {
    const m = gaz.tokenMask(norm);
    if (m) for (const t of maskTypes(m)) lex.push('gt=' + t);
    else {
      const ms = gaz.stemMask(stem(norm));
      if (ms) for (const t of maskTypes(ms)) lex.push('gs=' + t);
    }
  }
  if (kb) {
    const m = kb.tokenMask(norm) || kb.stemMask(stem(norm));
    if (m) for (const t of maskTypes(m)) lex.push('kt=' + t);
  }
  for (const x of lex) {
    f.push(x);
    f.push(lang + '|' + x);
  }
  return f;
}

/** The part of a neighbour word that a token sees: form and shape by relative position. */
export function contextWordFeatures(text: string, norm: string, lang: string, d: number): string[] {
  const w = `${d}w=` + norm;
  const out = [w, lang + '|' + w];
  if (d === -1 || d === 1) {
    out.push(`${d}sh=` + shapeOf(text), `${d}c=` + capClass(text), `${d}s3=` + norm.slice(-3));
  }
  return out;
}

/** Context- and morphology-dependent features of token i. */
export function tokenFeatures(
  toks: readonly Token[],
  i: number,
  lo: number,
  hi: number,
  lang: string,
  spans: readonly string[] | null,
  kbSpans: readonly string[] | null = null,
): string[] {
  const f: string[] = ['bias', 'L=' + lang];
  const t = toks[i];
  const prev = i > lo ? toks[i - 1] : null;
  const next = i + 1 < hi ? toks[i + 1] : null;
  const cap = capFirst(t.text);
  if (i === lo) f.push('first', 'first|' + (cap ? 'C' : 'c'));
  else if (prev && /^[.!?:…—–-]$/.test(prev.text)) f.push('afterpunct|' + (cap ? 'C' : 'c'));
  if (prev && isQuote(prev.text)) f.push('qL');
  if (next && isQuote(next.text)) f.push('qR');
  if (prev && next && isQuote(prev.text) && isQuote(next.text)) f.push('qLR');
  if (config.bigrams) {
    if (prev) f.push('bg=' + prev.norm + '|' + t.norm);
    else f.push('bg=<s>|' + t.norm);
    if (next) f.push('bg+=' + t.norm + '|' + next.norm);
  }
  if (!t.spaceBefore && prev) f.push('nospace');
  // capitalisation pattern of the neighbourhood
  const cp = prev ? (capFirst(prev.text) ? 'C' : 'c') : '^';
  const cn = next ? (capFirst(next.text) ? 'C' : 'c') : '$';
  f.push('cc=' + cp + (cap ? 'C' : 'c') + cn);
  // morphology from the `morph` stage
  if (t.pos && config.morph) {
    f.push('pos=' + t.pos);
    const tags = t.tags ?? {};
    if (tags.Case) f.push('case=' + tags.Case, 'pos|case=' + t.pos + tags.Case);
    if (tags.Animacy) f.push('anim=' + tags.Animacy);
    if (tags.NameType) f.push('nt=' + tags.NameType);
    if (tags.Number) f.push('num=' + tags.Number);
    if (t.lemma && config.lemma) {
      const lem = t.lemma.toLowerCase();
      f.push('lem=' + lem, lang + '|lem=' + lem);
    }
    if (t.alts) {
      for (const a of t.alts) {
        if (a.tags.NameType) f.push('ant=' + a.tags.NameType);
        if (a.pos === 'PROPN') f.push('apropn');
      }
    }
    if (prev?.pos) f.push('-1pos=' + prev.pos + (prev.tags?.Case ? prev.tags.Case : ''));
    if (next?.pos) f.push('+1pos=' + next.pos + (next.tags?.Case ? next.tags.Case : ''));
  }
  if (spans) {
    const s = spans[i];
    if (s) f.push('gp=' + s);
    f.push('gp-1=' + (i > lo ? spans[i - 1] : '^') + '|' + s);
    if (i + 1 < hi && spans[i + 1]) f.push('gp+1=' + spans[i + 1]);
  }
  if (kbSpans) {
    const s = kbSpans[i];
    if (s) f.push('kb=' + s, 'kb|gp=' + s + '|' + (spans ? spans[i] : ''));
    if (i + 1 < hi && kbSpans[i + 1]) f.push('kb+1=' + kbSpans[i + 1]);
  }
  return f;
}
