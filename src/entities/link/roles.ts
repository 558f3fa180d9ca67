/**
 * Titles in apposition to a name (`пресс-секретарь президента РФ Дмитрий Песков`, `глава МИД
 * Сергей Лавров`, `очільник МЗС РФ`, `Марк Рютте, генеральный секретарь НАТО,`), recorded on the
 * entity as a lemmatised title phrase: the head noun and its adjectives to the nominative, the
 * genitive dependents kept as written. The vocabulary is data: src/entities/link/roles/<lang>.json.
 */
import type { Doc, Entity } from '../../doc/model.js';
import { readJsonResource } from '../../pipeline/resources.js';

interface RoleLexicon {
  heads: string[];
  modifiers: string[];
  link: string[];
  drop_modifiers: string[];
  genitive_endings: string[];
  noun_endings: string[];
  adj_endings: string[];
  adj_lemma_ending: string;
  adj_soft_lemma_ending: string;
}

interface Word {
  text: string;
  low: string;
  start: number;
  end: number;
  punct: boolean;
  pos?: string;
}

const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}'’ʼ\-]*|[^\s\p{L}\p{N}]/gu;
const LN_START = /^[\p{L}\p{N}]/u;
const LOW_FIX = /[ё’ʼ]/;

/** Part of speech of the token starting at `start` (tokens sorted by start), by binary search. */
export type PosAt = (start: number) => string | undefined;

function words(s: string, offset: number, pos?: PosAt): Word[] {
  const out: Word[] = [];
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(s); m; m = WORD_RE.exec(s)) {
    const t = m[0];
    const start = offset + m.index;
    let low = t.toLowerCase();
    if (LOW_FIX.test(low)) low = low.replace(/ё/g, 'е').replace(/[’ʼ]/g, "'");
    // a token of the first alternative starts with a letter or digit; the second is one other character
    out.push({ text: t, low, start, end: start + t.length, punct: !LN_START.test(t), pos: pos?.(start) });
  }
  return out;
}

const SPACE = /\s/;
const NO_STOP = /^[«»"“”„-]$/;

/**
 * The words of the 160 characters before `start` that a title before a name may use: `lw[from..]`,
 * the words after the last punctuation mark (quote marks and dashes aside; lw[from - 1] is that
 * mark). The same words from the mark on as `words()` of the whole 160 characters (at indices
 * shifted by the words left out), without reading them all: the text is tokenised from a whitespace boundary near `start`
 * (no word or mark spans a space, so the words after it are those of the whole window), and the
 * stretch widened until it holds such a mark or reaches the window's start. What lies before the
 * mark is never read: a title's words are letters, so no head or modifier spans the mark.
 */
function wordsBefore(text: string, start: number, pos?: PosAt): { lw: Word[]; from: number } {
  const lo = Math.max(0, start - 160);
  for (let width = 48; ; width *= 2) {
    let a = Math.max(lo, start - width);
    while (a > lo && !SPACE.test(text[a - 1])) a--;
    const lw = words(text.slice(a, start), a, pos);
    for (let i = lw.length - 1; i >= 0; i--) if (lw[i].punct && !NO_STOP.test(lw[i].text)) return { lw, from: i + 1 };
    if (a === lo) return { lw, from: 0 };
  }
}

class LangRoles {
  private readonly heads: { lemma: string; stem: string; words: string[]; stems: string[]; lastStem: string }[];
  private readonly mods: { lemma: string; stem: string }[];
  private readonly link: Set<string>;
  private readonly drop: Set<string>;
  constructor(private readonly lx: RoleLexicon) {
    this.heads = lx.heads
      .map((h) => {
        const words = h.split(' ');
        const last = words[words.length - 1];
        return { lemma: h, stem: h.replace(/[аяьйоеиы]$/u, ''), words, stems: words.map((w) => w.replace(/(ый|ий|ій)$/u, '')), lastStem: last.replace(/[аяьйоеиы]$/u, '') };
      })
      .sort((a, b) => b.words.length - a.words.length);
    this.mods = lx.modifiers.map((m) => ({ lemma: m, stem: m.replace(/(ый|ий|ой|ій|ій)$/u, '') }));
    this.link = new Set(lx.link);
    this.drop = new Set(lx.drop_modifiers);
  }

  private nounMatch(w: string, lemma: string, stem: string): boolean {
    if (w === lemma) return true;
    if (!w.startsWith(stem) || stem.length < 2) return false;
    const end = w.slice(stem.length);
    return end === '' ? stem === lemma : this.lx.noun_endings.includes(end);
  }

  /** The head matched ending at index i (single or multiword), with its length in words. */
  headAt(ws: Word[], i: number): { lemma: string; n: number } | null {
    for (const h of this.heads) {
      const n = h.words.length;
      if (i - n + 1 < 0) continue;
      let ok = true;
      for (let j = 0; j < n; j++) {
        const w = ws[i - n + 1 + j].low;
        const hw = h.words[j];
        if (j < n - 1 ? !(w === hw || w.startsWith(h.stems[j])) : !this.nounMatch(w, hw, h.lastStem)) {
          ok = false;
          break;
        }
      }
      if (ok) return { lemma: h.lemma, n };
    }
    return null;
  }

  modAt(w: Word): string | null {
    for (const m of this.mods) {
      if (w.low === m.lemma) return m.lemma;
      if (w.low.startsWith(m.stem) && this.lx.adj_endings.includes(w.low.slice(m.stem.length))) return m.lemma;
    }
    return null;
  }

  genitiveLike(w: Word, prevAdj: boolean): boolean {
    // the morphology's part of speech, when known, rules out verbs, pronouns, adverbs...
    if (w.pos && !/^(NOUN|PROPN|ADJ|ADP|CCONJ|NUM|X)$/.test(w.pos)) return false;
    if (/^\p{Lu}/u.test(w.text)) return true; // names and abbreviations: `РФ`, `МИД`, `Франции`
    if (this.link.has(w.low)) return true;
    if (prevAdj) return true; // `иностранных дел`, `закордонних справ`
    return this.lx.genitive_endings.some((e) => w.low.endsWith(e) && w.low.length > e.length + 2);
  }

  isAdjLike(w: Word): boolean {
    return /(ых|их|ой|ого|его|ої|ього|іх)$/u.test(w.low);
  }

  /** Title phrase made of words[a..b] with the head at h (n words), modifiers before it. */
  phrase(ws: Word[], a: number, hEnd: number, headLemma: string, nHead: number, b: number): string {
    const parts: string[] = [];
    for (let k = a; k < hEnd - nHead + 1; k++) {
      const m = this.modAt(ws[k]);
      if (m && !this.drop.has(m)) parts.push(m);
    }
    parts.push(headLemma);
    for (let k = hEnd + 1; k <= b; k++) parts.push(ws[k].text);
    return parts.join(' ');
  }
}

export class RoleFinder {
  private readonly langs = new Map<string, LangRoles | null>();

  private forLang(lang: string): LangRoles | null {
    if (!this.langs.has(lang)) {
      let lr: LangRoles | null = null;
      if (/^(ru|uk|en)$/.test(lang)) lr = new LangRoles(readJsonResource<RoleLexicon>(`src/entities/link/roles/${lang}.json`));
      this.langs.set(lang, lr);
    }
    return this.langs.get(lang)!;
  }

  /** Titles given to the mention at [start, end) in `text`. */
  find(text: string, lang: string, start: number, end: number, pos?: PosAt, persons: { start: number; end: number }[] = []): string[] {
    const lr = this.forLang(lang);
    if (!lr) return [];
    const out: string[] = [];
    // before: [modifiers] HEAD [dependents] NAME, within 160 characters and after the last punctuation
    // mark (quote marks and dashes aside); only the words after that mark are read
    const { lw, from } = wordsBefore(text, start, pos);
    // scan left over the chain of dependents; the leftmost title head in it starts the role
    let best: { h: number; lemma: string; n: number } | null = null;
    const inPerson = (w: Word) => persons.find((p) => w.start >= p.start && w.end <= p.end && !(p.start === start && p.end === end));
    for (let k = lw.length - 1, n = 0; k >= from && n < 8; k--) {
      if (lw[k].punct) continue;
      n++;
      // another person's name inside the chain: only as the title's own complement (`советник Макрона`)
      const other = inPerson(lw[k]);
      if (other) {
        let j = k;
        while (j - 1 >= from && lw[j - 1].start >= other.start) j--;
        if (j - 1 >= from && lr.headAt(lw, j - 1) && /^\s{1,2}$/.test(text.slice(other.end, start))) {
          k = j;
          continue;
        }
        break;
      }
      const head = lr.headAt(lw, k);
      if (head && k - head.n + 1 >= from) {
        best = { h: k, lemma: head.lemma, n: head.n };
        k -= head.n - 1;
        // a head in the genitive may itself depend on an earlier title: `советник министра`
        if (!lr.genitiveLike(lw[k], false) || /^\p{Lu}/u.test(lw[k].text)) break;
        continue;
      }
      if (!lr.genitiveLike(lw[k], k > 0 && lr.isAdjLike(lw[k - 1]))) break;
    }
    if (best) {
      let a = best.h - best.n + 1;
      while (a - 1 >= from && lr.modAt(lw[a - 1])) a--;
      out.push(clean(lr.phrase(lw, a, best.h, best.lemma, best.n, lw.length - 1)));
    }
    // after: NAME, [modifiers] HEAD [dependents] (, | . | —): only when a comma follows the name
    let c = end;
    while (c < text.length && c < end + 160 && /\s/.test(text[c])) c++;
    const rw = text[c] === ',' && c < end + 160 ? words(text.slice(end, end + 160), end, pos) : [];
    if (rw.length > 2 && rw[0].text === ',') {
      let k = 1;
      const a = k;
      while (k < rw.length && lr.modAt(rw[k])) k++;
      let head: { lemma: string; n: number } | null = null;
      let hEnd = -1;
      for (let n = 0; n < 3 && k + n < rw.length; n++) {
        const hh = lr.headAt(rw, k + n);
        if (hh && k + n - hh.n + 1 === k) {
          head = hh;
          hEnd = k + n;
        }
      }
      if (head) {
        let b = hEnd;
        let prevAdj = false;
        while (b + 1 < rw.length && !rw[b + 1].punct && lr.genitiveLike(rw[b + 1], prevAdj)) {
          b++;
          prevAdj = lr.isAdjLike(rw[b]);
        }
        const next = rw[b + 1]?.text;
        if (next === undefined || /^[,.;:—–)-]$/.test(next)) out.push(clean(lr.phrase(rw, a, hEnd, head.lemma, head.n, b)));
      }
    }
    return out;
  }

  attach(doc: Doc, ents: Entity[]): void {
    if (!ents.some((e) => e.type === 'PER')) return;
    const toks = doc.layers.tokens ?? [];
    // tokens are in text order: the part of speech of the token starting at an offset, by bisection
    const pos: PosAt = (start) => {
      let lo = 0;
      let hi = toks.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const t = toks[mid];
        if (t.start < start) lo = mid + 1;
        else if (t.start > start) hi = mid - 1;
        else return t.pos;
      }
      return undefined;
    };
    const persons = ents.filter((e) => e.type === 'PER').flatMap((e) => e.mentions).sort((a, b) => a.start - b.start);
    for (const e of ents) {
      if (e.type !== 'PER') continue;
      const roles: string[] = [];
      for (const m of e.mentions) {
        // `советник Макрона Эммануэль Бонн`: the title belongs to the name that follows
        const next = persons.find((p) => p.start >= m.end);
        if (next && /^\s{1,2}$/.test(doc.text.slice(m.end, next.start))) continue;
        for (const r of this.find(doc.text, doc.lang, m.start, m.end, pos, persons)) if (!roles.includes(r)) roles.push(r);
      }
      if (roles.length) e.roles = roles;
    }
  }
}

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/[«»"“”„]/g, '').trim();
}
