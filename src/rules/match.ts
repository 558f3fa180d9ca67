/**
 * Rules as data: a named pattern over tokens and what it produces, read from a per-language JSON
 * file beside the stage that uses it (`src/events/rules/ru.json`), matched by one small engine.
 *
 * A pattern is a list of token tests, each on the folded lemma (`lemma`), the folded surface form
 * (`norm`), the part of speech (`pos`) or grammatical features (`tags`); a value may be one
 * string or a list of alternatives. `op: "?"` makes a test optional; `op: "*"` lets it repeat (up to
 * `max`, default 3), so `{"pos": ["ADV", "ADJ"], "op": "*"}` skips modifiers. `not: true` turns a
 * test into "any token but this one". A rule's `before` test must hold on the token just before the
 * match (`notBefore` must not), for `не подтвердил` against `подтвердил`.
 *
 * Every rule has an `id` (`ru.stance.no_comment.ni_ni`), the language it is for, and at least one
 * `example`: a real sentence from the news on which it must fire (a test runs them all).
 */
import { readJsonResource } from '../pipeline/resources.js';

export type OneOrMany = string | string[];

export interface TokenTest {
  lemma?: OneOrMany;
  norm?: OneOrMany;
  pos?: OneOrMany;
  tags?: Record<string, OneOrMany>;
  /** any token but one passing the other tests */
  not?: boolean;
  op?: '?' | '*';
  /** for `op: "*"`: at most this many repetitions (default 3) */
  max?: number;
}

export interface Rule<P = Record<string, unknown>> {
  id: string;
  lang: string;
  pattern: TokenTest[];
  /** a test on the token right before the match (fails at the start of the range) */
  before?: TokenTest;
  /** a test the token right before the match must fail */
  notBefore?: TokenTest;
  /** a test the token right after the match must fail (`подтвердил важность` is no stance) */
  notAfter?: TokenTest;
  produces: P;
  /** real sentences it fires on (tests) */
  example?: string[];
  /** why the rule exists, for a person reading it */
  note?: string;
  /** switched off (kept for reference and measurement) */
  off?: boolean;
}

/** What the matcher reads of a token: folded lemma and form (lower case, ё→е, one apostrophe). */
export interface MatchToken {
  lemma: string;
  norm: string;
  pos?: string;
  tags?: Record<string, string>;
}

interface CompiledTest {
  lemma: Set<string> | null;
  norm: Set<string> | null;
  pos: Set<string> | null;
  tags: [string, Set<string>][] | null;
  not: boolean;
  op: '' | '?' | '*';
  max: number;
}

export interface CompiledRule<P> {
  rule: Rule<P>;
  tests: CompiledTest[];
  before: CompiledTest | null;
  notBefore: CompiledTest | null;
  notAfter: CompiledTest | null;
}

export interface Match<P> {
  rule: Rule<P>;
  /** token range [start, end) */
  start: number;
  end: number;
}

const ODD = /[ёЁ’ʼ`]/;

/** The folding every rule value and token goes through (the same as the lexicons'). */
export function foldWord(s: string): string {
  const low = s.toLowerCase();
  return ODD.test(low) ? low.replace(/ё/g, 'е').replace(/[’ʼ`]/g, "'") : low;
}

function set(v: OneOrMany | undefined, fold: boolean): Set<string> | null {
  if (v === undefined) return null;
  const xs = Array.isArray(v) ? v : [v];
  if (!fold) return new Set(xs);
  // (stages fold the apostrophe to ' or to U+2019: a value matches either)
  const out = new Set<string>();
  for (const x of xs.map(foldWord)) {
    out.add(x);
    if (x.includes("'")) out.add(x.replace(/'/g, '\u2019'));
  }
  return out;
}

function compileTest(t: TokenTest): CompiledTest {
  return {
    lemma: set(t.lemma, true),
    norm: set(t.norm, true),
    pos: set(t.pos, false),
    tags: t.tags ? Object.entries(t.tags).map(([k, v]) => [k, set(v, false)!] as [string, Set<string>]) : null,
    not: !!t.not,
    op: t.op ?? '',
    max: t.max ?? 3,
  };
}

function passes(c: CompiledTest, t: MatchToken): boolean {
  let ok = true;
  // a lemma test also accepts the form (a word the morphology left unlemmatised), and vice versa
  if (c.lemma && !c.lemma.has(t.lemma) && !c.lemma.has(t.norm)) ok = false;
  if (ok && c.norm && !c.norm.has(t.norm)) ok = false;
  if (ok && c.pos && !c.pos.has(t.pos ?? '')) ok = false;
  if (ok && c.tags) for (const [k, v] of c.tags) if (!v.has(t.tags?.[k] ?? '')) ok = false;
  return c.not ? !ok : ok;
}

/** The rule set of one language: compiled once, indexed by the words a match can start with. */
export class RuleSet<P> {
  readonly rules: CompiledRule<P>[];
  /** rules whose first test is a fixed lemma/form, by that word */
  private readonly byFirst = new Map<string, CompiledRule<P>[]>();
  /** rules that may start on any word (optional or open first test) */
  private readonly open: CompiledRule<P>[] = [];

  constructor(rules: Rule<P>[], disabled: ReadonlySet<string> = new Set()) {
    this.rules = rules
      .filter((r) => !r.off && !disabled.has(r.id))
      .map((r) => ({
        rule: r,
        tests: r.pattern.map(compileTest),
        before: r.before ? compileTest(r.before) : null,
        notBefore: r.notBefore ? compileTest(r.notBefore) : null,
        notAfter: r.notAfter ? compileTest(r.notAfter) : null,
      }));
    for (const c of this.rules) {
      const f = c.tests[0];
      const words = f && !f.op && !f.not ? [...(f.lemma ?? []), ...(f.norm ?? [])] : [];
      if (!words.length) {
        this.open.push(c);
        continue;
      }
      for (const w of new Set(words)) {
        const list = this.byFirst.get(w) ?? [];
        list.push(c);
        this.byFirst.set(w, list);
      }
    }
  }

  /** Every word a match may start with (for a quick pre-check); null when some rule starts anywhere. */
  firstWords(): Set<string> | null {
    return this.open.length ? null : new Set(this.byFirst.keys());
  }

  /** Rules matching at token i (range [lo, hi)), longest first. */
  matchAt(toks: readonly MatchToken[], i: number, lo: number, hi: number): Match<P>[] {
    const t = toks[i];
    if (!t) return [];
    const byLemma = this.byFirst.get(t.lemma);
    const byNorm = t.norm !== t.lemma ? this.byFirst.get(t.norm) : undefined;
    // (most tokens start no rule: no allocation for them)
    if (!byLemma && !byNorm && !this.open.length) return [];
    const cands = [...(byLemma ?? []), ...(byNorm ?? []), ...this.open];
    const out: Match<P>[] = [];
    const seen = new Set<CompiledRule<P>>();
    for (const c of cands) {
      if (seen.has(c)) continue;
      seen.add(c);
      if (c.before && (i <= lo || !passes(c.before, toks[i - 1]))) continue;
      if (c.notBefore && i > lo && passes(c.notBefore, toks[i - 1])) continue;
      const end = matchFrom(c.tests, 0, toks, i, hi);
      if (end <= i) continue;
      if (c.notAfter && end < hi && passes(c.notAfter, toks[end])) continue;
      out.push({ rule: c.rule, start: i, end });
    }
    return out.sort((a, b) => b.end - a.end);
  }

  /** Non-overlapping matches in [lo, hi), left to right, the longest at each position. */
  scan(toks: readonly MatchToken[], lo: number, hi: number): Match<P>[] {
    const out: Match<P>[] = [];
    for (let i = lo; i < hi; i++) {
      const m = this.matchAt(toks, i, lo, hi)[0];
      if (!m) continue;
      out.push(m);
      i = m.end - 1;
    }
    return out;
  }
}

/** Greedy match with backtracking over optional and repeated tests: end index, or -1. */
function matchFrom(tests: CompiledTest[], k: number, toks: readonly MatchToken[], i: number, hi: number): number {
  if (k === tests.length) return i;
  const c = tests[k];
  if (c.op === '*') {
    let n = 0;
    while (n < c.max && i + n < hi && passes(c, toks[i + n])) n++;
    for (; n >= 0; n--) {
      const e = matchFrom(tests, k + 1, toks, i + n, hi);
      if (e >= 0) return e;
    }
    return -1;
  }
  if (i < hi && passes(c, toks[i])) {
    const e = matchFrom(tests, k + 1, toks, i + 1, hi);
    if (e >= 0) return e;
  }
  if (c.op === '?') return matchFrom(tests, k + 1, toks, i, hi);
  return -1;
}

/** Rules switched off for this process (`PARLEY_RULES_OFF=id,id`): to measure what one rule adds. */
export function disabledRules(): Set<string> {
  const v = typeof process !== 'undefined' ? process.env.PARLEY_RULES_OFF : undefined;
  return new Set((v ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}

/** The rules of one kind (`stances`) in a stage's per-language rule file, checked for their ids. */
export function loadRules<P>(rel: string, kind: string, lang: string): Rule<P>[] {
  const file = readJsonResource<Record<string, Rule<P>[]>>(rel);
  const rules = file[kind] ?? [];
  const ids = new Set<string>();
  for (const r of rules) {
    if (!r.id || !Array.isArray(r.pattern) || !r.pattern.length) throw new Error(`${rel}: a ${kind} rule without id or pattern`);
    if (ids.has(r.id)) throw new Error(`${rel}: rule id ${r.id} twice`);
    if (r.lang !== lang) throw new Error(`${rel}: rule ${r.id} is for ${r.lang}, not ${lang}`);
    ids.add(r.id);
  }
  return rules;
}
