/**
 * English name recognition (PER, ORG, LOC, EVT, PRO) with SlavicNER conventions: titles are not part
 * of a name (`President Donald Trump` -> `Donald Trump`), country adjectives, weekdays and months are
 * not mentions, institutions by metonymy are ORG (`Kremlin`, `White House`).
 *
 * No English NER corpus is available to train on, so this is a rule system over the token and morph
 * layers:
 *  1. runs of capitalised words, joined by name particles (`von der`, `bin`) and by `of`/`for`/`and`
 *     after an organisation or place head (`Bank of England`, `Ministry of Trade and Industry`);
 *     a sentence-initial or headline word the morphology reads as a common word (`The`, `Nothing`)
 *     is not a name unless the knowledge base or a first name says so;
 *  2. runs split at person titles (`NATO Secretary General Mark Rutte` -> `NATO` + `Mark Rutte`),
 *     weekdays, months; lone demonyms, titles and generic heads (`Russian`, `Ministry`) dropped;
 *  3. types from the knowledge base (`kb` service: curated people, bodies, countries), then internal
 *     evidence (head words: `Ministry`, `Council`, `Bank of` -> ORG; `Gulf of`, `Island` -> LOC;
 *     `Summit`, `War` -> EVT; `Treaty`, `Pipeline` -> PRO), a preceding person title or honorific,
 *     a known first name, acronyms, locative prepositions, speech verbs;
 *  4. one sense per document: a later `Rutte` takes the type of the earlier `Mark Rutte`, and a
 *     weakly typed name takes the type of the same name typed with more evidence elsewhere.
 */
import type { Doc, EntityType, Mention, Token } from '../../../doc/model.js';
import type { KbMatch, KnowledgeBase } from '../../kb/api.js';
import { normKey } from '../../kb/keys.js';
import type { Morphology } from '../../../text/morph/api.js';
import { EnLexicon } from './lexicon.js';

/** The knowledge-base calls the recogniser uses (the `kb` service; the extras are optional). */
export interface EnKb {
  lookup(name: string, lang: string): KbMatch[];
  byId(id: string): { type: EntityType } | undefined;
  firstNameGender?(word: string, lang: string): 'm' | 'f' | undefined;
  bySurname?(word: string, lang: string): string[];
}

/** A word of the text as the recogniser sees it (a token, or one part of a hyphenated token). */
interface W {
  start: number;
  end: number;
  text: string;
  low: string;
  /** index of the token in the tokens layer */
  ti: number;
  /** capitalised (or a name with an Arabic article: `al-Sharaa`) */
  cap: boolean;
  /** the morphology reads it as a common word (not a proper noun) */
  common: boolean;
  /** all letters upper case */
  upper: boolean;
  /** UD part of speech the morphology chose (when known) */
  pos?: string;
  /** written capitalised elsewhere inside a sentence and never in lower case in this document */
  seenAsName: boolean;
  /** joined to the previous word by a hyphen inside one token */
  hyphen: boolean;
  word: boolean;
}

interface Seg {
  ws: W[];
  /** a person title or honorific right before it */
  afterTitle: boolean;
  /** how the words before the run read (lower case), for context cues */
  prevLow: string;
  nextLow: string;
  sentStart: boolean;
  dateline: boolean;
  /** the state of a US lawmaker's party label: `D-Mo.`, `R-Ohio` */
  partyState: boolean;
  /** right after a comma or an opening bracket */
  afterComma: boolean;
  /** followed by `, <US state abbreviation>` (`Springfield, Va.`) */
  nextState: boolean;
  type?: EntityType;
  /** 3 knowledge base, 2 internal evidence, 1 context, 0 default */
  strength: number;
  key: string;
}

const UPPER_RE = /^[\p{Lu}\d.&'’-]+$/u;
const HAS_LOWER_RE = /\p{Ll}/u;
const CAP_RE = /^\p{Lu}/u;
const LETTER_RE = /\p{L}/u;
const OPENERS = new Set(['“', '"', '‘', "'", '(', '[', '«', '—', '–', '-', ':', '•', '*', '…']);
/** Slavic and other place-name endings for unknown single words after no other cue */
const PLACE_END_RE = /(?:sk|sky|ivka|ivske|ove|ovka|evka|yevka|grad|hrad|horod|gorod|burg|pol|opil|stan|abad|ovo|evo|ino|yne|ytsia|ychi|iv|ia)$/;
const GENERIC_EN = /^(?:the|a|an)$/;

export class EnglishNer {
  private docNames: Set<string> = new Set();
  /** lower-case forms of capitalised words of this document (any position), for `PENCE:`-style labels */
  private docSurnames: Set<string> = new Set();
  /** 1 for tokens of a title-case line or run-in head */
  private headTok: Uint8Array = new Uint8Array(0);

  constructor(
    readonly lex: EnLexicon,
    private readonly kb?: EnKb,
    private readonly morph?: Morphology,
  ) {}

  static load(kb?: EnKb, morph?: Morphology): EnglishNer {
    return new EnglishNer(EnLexicon.load(), kb, morph);
  }

  /** Mentions of an English document (needs its tokens layer; uses morph readings when present). */
  recognize(doc: Pick<Doc, 'text' | 'layers'>): Mention[] {
    const tokens = doc.layers.tokens ?? [];
    const segs: Seg[] = [];
    // title-case lines (headlines, section heads): every capitalised word there is suspect
    const line = new Int32Array(tokens.length);
    for (let i = 1, l = 0; i < tokens.length; i++) {
      if (tokens[i].sent !== tokens[i - 1].sent || doc.text.slice(tokens[i - 1].end, tokens[i].start).includes('\n')) l++;
      line[i] = l;
    }
    const L = this.lex;
    const head = new Uint8Array(tokens.length);
    // every word of four letters or more capitalised, and some of them common words (`Meets`, `Talks`)
    const titleCased = (a: number, b: number, min: number): boolean => {
      let long = 0;
      let common = 0;
      for (let i = a; i < b; i++) {
        const t = tokens[i];
        if (t.kind !== 'word' || t.text.length < 4) continue;
        if (!CAP_RE.test(t.text)) return false;
        long++;
        const low = t.text.toLowerCase();
        if (!UPPER_RE.test(t.text) && !L.anyHead.has(low) && !L.titleHeads.has(low) && !L.titleModifiers.has(low) && !L.demonyms.has(low) && this.commonToken(t)) common++;
      }
      return long >= min && common >= (min > 3 ? 2 : 1);
    };
    for (let a = 0; a < tokens.length; ) {
      let b = a;
      while (b < tokens.length && line[b] === line[a]) b++;
      // a short line ending in a full stop is more likely a sentence with many names than a headline
      if (titleCased(a, b, tokens[b - 1].text === '.' ? 5 : 3)) head.fill(1, a, b);
      else {
        // a run-in head before a colon: `Veto Power Impedes Peace Efforts: Eliminating ...`
        for (let c = a; c < b && c < a + 12; c++) {
          if (tokens[c].text === ':') {
            if (titleCased(a, c, 2)) head.fill(1, a, c);
            break;
          }
        }
      }
      a = b;
    }
    this.headTok = head;
    // words written capitalised inside (non-headline) sentences and never in lower case: names of this document
    const mid = new Set<string>();
    const lower = new Set<string>();
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.kind !== 'word') continue;
      const c = t.text.charAt(0);
      if (c !== c.toUpperCase()) lower.add(t.text.toLowerCase());
      else if (c !== c.toLowerCase() && HAS_LOWER_RE.test(t.text) && !head[i] && i > 0 && tokens[i - 1].sent === t.sent && (tokens[i - 1].kind === 'word' || tokens[i - 1].text === ',')) mid.add(t.text.toLowerCase());
    }
    const caps = new Set<string>();
    for (const t of tokens) if (t.kind === 'word' && HAS_LOWER_RE.test(t.text) && CAP_RE.test(t.text)) caps.add(t.text.toLowerCase());
    this.docSurnames = caps;
    for (const w of lower) mid.delete(w);
    this.docNames = mid;
    let s0 = 0;
    while (s0 < tokens.length) {
      let s1 = s0 + 1;
      while (s1 < tokens.length && tokens[s1].sent === tokens[s0].sent) s1++;
      this.sentence(doc.text, tokens, s0, s1, segs);
      s0 = s1;
    }
    this.oneSensePerDocument(segs);
    const out: Mention[] = [];
    for (const g of segs) {
      if (!g.type) continue;
      const a = g.ws[0];
      const b = g.ws[g.ws.length - 1];
      const text = doc.text.slice(a.start, b.end);
      out.push({
        start: a.start,
        end: b.end,
        text,
        lemma: text,
        type: g.type,
        tokenStart: a.ti,
        tokenEnd: b.ti + 1,
        score: [0.5, 0.7, 0.85, 0.95][g.strength],
      });
    }
    return out;
  }

  // ---------------------------------------------------------------- words

  /** part of speech of a token: the morph layer's choice, else the morphology service's best reading */
  private posOf(t: Token): string | undefined {
    if (t.pos !== undefined) return t.pos;
    if (this.morph) {
      const a = this.morph.analyze(t.text, 'en')[0];
      if (a) return a.source === 'dict' || a.pos === 'PROPN' ? a.pos : 'PROPN';
    }
    return undefined;
  }

  /** The words of one sentence; hyphenated tokens split where a part is a name (`Russia-Ukraine`, `Kyiv-based`). */
  private words(tokens: Token[], s0: number, s1: number): W[] {
    const out: W[] = [];
    const L = this.lex;
    for (let i = s0; i < s1; i++) {
      const t = tokens[i];
      const word = t.kind === 'word';
      const txt = t.text;
      const pos = word ? this.posOf(t) : undefined;
      // the lexicon has a common-word reading (the context may still have chosen the name reading)
      let common = pos !== undefined && pos !== 'PROPN' && pos !== 'X';
      if (!common && t.alts) for (const a of t.alts) if (a.source === 'dict' && a.pos !== 'PROPN' && a.pos !== 'X') common = true;
      const mk = (start: number, end: number, text: string, hyphen: boolean, common: boolean): W => {
        const low = text.toLowerCase();
        let cap = word && CAP_RE.test(text) && LETTER_RE.test(text);
        if (!cap && word) {
          for (const p of L.arabicPrefixes) {
            if (low.startsWith(p) && text.length > p.length && CAP_RE.test(text.slice(p.length))) {
              cap = true;
              break;
            }
          }
        }
        return { start, end, text, low, ti: i, cap, common, upper: cap && UPPER_RE.test(text) && !HAS_LOWER_RE.test(text), hyphen, word, pos, seenAsName: this.docNames.has(low) };
      };
      const h = word ? txt.indexOf('-') : -1;
      if (h > 0 && h < txt.length - 1 && !CAP_RE.test(txt) && L.hyphenPrefixes.has(txt.slice(0, h).toLowerCase()) && CAP_RE.test(txt.slice(h + 1))) {
        // `post-World War II`, `anti-NATO`: the prefix is no part of the name
        out.push(mk(t.start, t.start + h, txt.slice(0, h), false, true));
        out.push(mk(t.start + h + 1, t.end, txt.slice(h + 1), false, common));
        continue;
      }
      if (h > 0 && h < txt.length - 1 && CAP_RE.test(txt)) {
        const parts = txt.split('-');
        // a lower-case Arabic article keeps the token whole; so do words like `Co-operation`
        const rest = parts.slice(1);
        const capRest = rest.every((p) => CAP_RE.test(p));
        const suffix = rest.length === 1 && L.hyphenSuffixes.has(rest[0].toLowerCase());
        if (capRest || suffix) {
          let off = t.start;
          parts.forEach((p, k) => {
            const w = mk(off, off + p.length, p, k > 0, k === 0 && common);
            if (suffix && k > 0) w.cap = false;
            out.push(w);
            off += p.length + 1;
          });
          continue;
        }
      }
      out.push(mk(t.start, t.end, txt, false, common));
    }
    return out;
  }

  private commonToken(t: Token): boolean {
    if (t.pos !== undefined && t.pos !== 'PROPN' && t.pos !== 'X') return true;
    if (t.alts) for (const a of t.alts) if (a.source === 'dict' && a.pos !== 'PROPN' && a.pos !== 'X') return true;
    if (!this.morph) return false;
    for (const a of this.morph.analyze(t.text.toLowerCase(), 'en')) if (a.source === 'dict' && a.pos !== 'PROPN' && a.pos !== 'X') return true;
    return false;
  }

  /** a common word of the lexicon (the chosen reading may be the name one: `Urgent`, `Stealth` in a headline) */
  private isCommon(w: W): boolean {
    if (w.common) return true;
    if (!this.morph || !HAS_LOWER_RE.test(w.low)) return false;
    for (const a of this.morph.analyze(w.low, 'en')) if (a.source === 'dict' && a.pos !== 'PROPN' && a.pos !== 'X') return (w.common = true);
    return false;
  }

  private kbType(text: string): EntityType | undefined {
    if (!this.kb) return undefined;
    const tryOne = (s: string): EntityType | undefined => {
      const hits = this.kb!.lookup(s, 'en');
      for (const h of hits) {
        const e = this.kb!.byId(h.id);
        if (e) return e.type;
      }
      return undefined;
    };
    const t = tryOne(text);
    if (t) return t;
    if (text.includes('.')) {
      const u = text.replace(/\./g, '');
      if (u.length > 1) return tryOne(u);
    }
    return undefined;
  }

  private firstName(w: W): boolean {
    return this.lex.firstNames.has(w.low) || !!this.kb?.firstNameGender?.(w.text, 'en');
  }

  // ---------------------------------------------------------------- runs

  private sentence(text: string, tokens: Token[], s0: number, s1: number, segs: Seg[]): void {
    const L = this.lex;
    const ws = this.words(tokens, s0, s1);
    const n = ws.length;
    const titleCase = (k: number) => this.headTok[ws[k].ti] === 1;
    const atTextStart = s0 === 0;
    let firstWord = -1;
    for (let k = 0; k < n; k++) if (ws[k].word) { firstWord = k; break; }

    const startLike = (k: number): boolean => {
      if (k === firstWord) return true;
      const p = ws[k - 1];
      return !!p && !p.word && OPENERS.has(p.text) && (k - 1 === firstWord - 1 || p.text !== '-');
    };
    /** a capitalised word that is a name candidate here */
    const nameLike = (k: number): boolean => {
      const w = ws[k];
      if (!w.cap) return false;
      if (w.low === 'i' || /['’](ll|re|ve|d|m|s|t)$/.test(w.low)) return false;
      // in a headline only words that are no common words, or that the KB or a first name vouches for
      // ALL-CAPS common words, or words longer than an acronym (`NAACP`, `UNESCO` are acronyms): emphasis or a kicker (`QUESTIONABLE MEDICAL CLAIMS`) unless
      // known as a name, a dateline place or a transcript speaker named elsewhere (`PENCE:`)
      if (w.upper && w.text.length >= 4 && !/[.\d]/.test(w.text) && (w.text.length > 6 || this.isCommon(w)) && !w.seenAsName && !this.kbType(w.text) && !L.places.has(w.low) && !(k <= 3 && ws[k + 1]?.text === ',')) {
        if (!this.docSurnames.has(w.low)) return false;
      }
      // short common words in an ALL-CAPS kicker (`DON’T WANT TO`)
      if (w.upper && k !== firstWord && (ws[k - 1]?.upper || ws[k + 1]?.upper) && this.isCommon(w) && !this.kbType(w.text)) return false;
      if (titleCase(k) && !w.upper && !w.seenAsName && !this.kbType(w.text) && !this.firstName(w) && !L.places.has(w.low)) return false;
      return true;
    };

    let k = 0;
    while (k < n) {
      if (!nameLike(k)) {
        k++;
        continue;
      }
      // build the run
      const run: W[] = [ws[k]];
      const runStart = k;
      let j = k + 1;
      let hasOf = false;
      while (j < n) {
        const w = ws[j];
        const prev = run[run.length - 1];
        if (nameLike(j)) {
          // a hyphen joins two names only when neither is a name of its own (`Jean-Claude`, not `Russia-Ukraine`)
          if (w.hyphen && (prev.text.length === 1 || L.places.has(w.low) || L.places.has(prev.low) || this.kbType(prev.text) || this.kbType(w.text))) break;
          if (!w.hyphen && !prev.hyphen && ws[j].start > prev.end + 1 && /[\n]/.test(text.slice(prev.end, w.start))) break;
          run.push(w);
          j++;
          continue;
        }
        if (!w.word || j + 1 >= n) break;
        const nx = ws[j + 1];
        const nxName = nameLike(j + 1);
        const pl = prev.low;
        // particles inside a person's name: `Ursula von der Leyen`, `Mohammed bin Salman`
        if (L.particles.has(w.low) && !w.cap && (nxName || (L.particles.has(nx.low) && j + 2 < n && nameLike(j + 2)))) {
          run.push(w);
          j++;
          continue;
        }
        if (w.low === 'of' && (nxName || (nx.low === 'the' && j + 2 < n && nameLike(j + 2)))) {
          if (L.orgOfHeads.has(pl) || L.locOfHeads.has(pl) || L.evtOfHeads.has(pl) || L.titleHeads.has(pl) || this.ofTitleAt(ws, j - 1)) {
            run.push(w);
            if (nx.low === 'the') run.push(nx), j++;
            hasOf = true;
            j++;
            continue;
          }
        }
        if (w.low === 'for' && nxName && (L.orgHeads.has(pl) || L.orgOfHeads.has(pl))) {
          run.push(w);
          hasOf = true;
          j++;
          continue;
        }
        if ((w.low === 'and' || w.text === '&') && nxName && (hasOf || w.text === '&' || this.kbType(`${prev.text} ${w.text} ${nx.text}`) || this.andHead(ws, j, prev))) {
          run.push(w);
          j++;
          continue;
        }
        if (w.low === 'in' && nxName && hasOf && run.some((x) => x.low === 'for')) {
          run.push(w);
          j++;
          continue;
        }
        break;
      }
      k = j;
      this.splitRun(text, ws, run, runStart, startLike, titleCase(runStart), atTextStart, segs);
    }
  }

  /** `Securities and Exchange Commission`: the words after `and` end in an organisation head */
  private andHead(ws: W[], j: number, prev: W): boolean {
    if (!prev.common || this.firstName(prev)) return false;
    for (let i = j + 1; i < ws.length && i <= j + 3; i++) {
      if (!ws[i].cap) return false;
      if (this.lex.orgHeads.has(ws[i].low) && !(ws[i + 1]?.cap)) return true;
    }
    return false;
  }

  /** length of a multiword `of` title starting at word k (`Secretary of State`), else 0 */
  private ofTitleAt(ws: W[], k: number): number {
    for (const t of this.lex.ofTitles) {
      if (k + t.length > ws.length) continue;
      let ok = true;
      for (let i = 0; i < t.length && ok; i++) ok = ws[k + i].low === t[i];
      if (ok) return t.length;
    }
    return 0;
  }

  /** a title word or a calendar word (`King`, `May`): after an honorific still a surname */
  private titleOrCalendar(w: W): boolean {
    const L = this.lex;
    return (L.titleHeads.has(w.low) || L.titleModifiers.has(w.low) || L.time.has(w.low)) && !L.addressTitles.has(w.low);
  }

  /** A person title starting at run[i]: its length, or 0. */
  private titleAt(run: W[], i: number): number {
    const L = this.lex;
    // `Department of Justice`: after `of`/`for`/`and` a title word belongs to the name
    if (i > 0 && !run[i - 1].cap) return 0;
    const of = this.ofTitleAt(run, i);
    if (of) return of;
    let best = 0;
    for (let j = i; j < run.length; j++) {
      const low = run[j].low;
      if (L.titleHeads.has(low)) best = j - i + 1;
      else if (!L.titleModifiers.has(low)) break;
    }
    if (!best) return 0;
    // part of an organisation's name: `General Assembly`, `Justice Department`, `Security Council`
    const after = run[i + best];
    const follow = run[i + best + 1];
    const afterEnds = !!after && (!follow?.cap || L.titleHeads.has(follow.low) || L.titleModifiers.has(follow.low));
    if (after && (((L.anyHead.has(after.low) || L.properHeads.has(after.low)) && afterEnds) || after.low === 'of' || after.low === 'for')) return 0;
    // `Prime Minister's Office` etc. are cut by the possessive already
    return best;
  }

  private splitRun(
    text: string,
    ws: W[],
    run: W[],
    runStart: number,
    startLike: (k: number) => boolean,
    titleCase: boolean,
    atTextStart: boolean,
    segs: Seg[],
  ): void {
    const L = this.lex;
    // a sentence-initial (or headline) common word is no name unless the KB or a first name says so
    let from = 0;
    while (from < run.length) {
      const w = run[from];
      const idx = runStart + from;
      const suspect = (titleCase || (from === 0 && startLike(idx))) && this.isCommon(w);
      if (!suspect) break;
      // a title is cut off below anyway (`Secretary of State Marco Rubio`)
      if (this.titleAt(run, from)) break;
      let keep = false;
      for (let m = Math.min(run.length, from + 4); m > from && !keep; m--) {
        const t = text.slice(w.start, run[m - 1].end);
        if (this.kbType(t)) keep = true;
      }
      if (!keep && this.firstName(w) && run[from + 1]?.cap && !run[from + 1].common) keep = true;
      if (!keep && w.seenAsName && !titleCase && !L.notNames.has(w.low) && !L.time.has(w.low) && !L.demonyms.has(w.low) && !L.titleHeads.has(w.low) && !L.titleModifiers.has(w.low)) keep = true;
      // `Hunter Biden said`: a noun before a word the lexicon does not know is a first name
      const nx = run[from + 1];
      if (!keep && !titleCase && nx && nx.cap && !nx.common && !L.anyHead.has(nx.low) && !L.demonyms.has(nx.low) && !L.partyMembers.has(nx.low) && !L.titleHeads.has(w.low) && !L.titleModifiers.has(w.low) && !L.demonyms.has(w.low) && !L.time.has(w.low) && !L.notNames.has(w.low) && w.low !== 'the') {
        keep = /^\p{Lu}\p{Ll}+$/u.test(w.text) && w.pos === 'NOUN';
      }
      if (!keep && L.nameStarters.has(w.low) && nx?.cap) keep = true;
      // `Security Council`, `Foreign Ministry` at a sentence start: the name ends in a head word
      if (!keep && !titleCase && w.pos !== 'DET' && w.pos !== 'PRON' && w.pos !== 'ADP') {
        for (let m = from + 1; m < run.length && !keep; m++) {
          if (!run[m].cap || this.titleAt(run, m)) break;
          if (L.orgHeads.has(run[m].low) || L.locHeads.has(run[m].low) || L.evtHeads.has(run[m].low)) keep = true;
        }
      }
      if (!keep && w.upper && L.placeAbbreviations.has(w.low)) keep = true;
      if (!keep && nx && L.places.has(normKey(text.slice(w.start, nx.end)))) keep = true;
      if (keep) break;
      from++;
    }
    const prevWord = (k: number): W | undefined => {
      for (let i = k - 1; i >= 0; i--) if (ws[i].word || ws[i].text !== ',') return ws[i];
      return undefined;
    };
    let afterTitle = false;
    let cur: W[] = [];
    let curStart = runStart + from;
    /** cur opens with a surname after an honorific that is also a title or calendar word */
    let afterHonorific = false;
    {
      const p = prevWord(runStart + from);
      if (p && p.word && !p.cap && (L.titleHeads.has(p.low) || L.honorifics.has(p.low))) afterTitle = true;
      // `Mr. King`, `Mrs. May` (the honorific outside the run)
      if (p && p.word && L.honorifics.has(p.low) && from < run.length && this.titleOrCalendar(run[from])) {
        afterTitle = true;
        afterHonorific = true;
        cur.push(run[from]);
        from++;
      }
    }
    const close = (endIdx: number) => {
      // trim connectors at the ends
      while (cur.length && !cur[0].cap) cur.shift();
      while (cur.length && !cur[cur.length - 1].cap) cur.pop();
      if (cur.length) this.addSeg(text, ws, cur, curStart, endIdx, afterTitle, startLike, atTextStart, segs, afterHonorific);
      cur = [];
      afterTitle = false;
      afterHonorific = false;
    };
    for (let i = from; i < run.length; ) {
      const w = run[i];
      const idx = runStart + i;
      if (L.time.has(w.low) && w.cap && !(L.months.has(w.low) && w.low === 'may' && cur.length > 0 && cur[cur.length - 1].cap && !L.titleHeads.has(cur[cur.length - 1].low))) {
        close(idx);
        i++;
        curStart = runStart + i;
        continue;
      }
      if (L.honorifics.has(w.low)) {
        close(idx);
        afterTitle = true;
        i++;
        curStart = runStart + i;
        // the word after an honorific is a surname, whatever else it can be (`Mr. King`, `Mrs. May`)
        if (i < run.length && run[i].cap && this.titleOrCalendar(run[i])) {
          afterHonorific = true;
          cur.push(run[i]);
          i++;
        }
        continue;
      }
      const t = this.titleAt(run, i);
      if (t) {
        close(idx);
        // the title's own words (`Foreign Minister`) are no name; what follows is the holder
        afterTitle = true;
        i += t;
        curStart = runStart + i;
        continue;
      }
      if (!cur.length) curStart = idx;
      cur.push(w);
      i++;
    }
    close(runStart + run.length);
  }

  private addSeg(
    text: string,
    ws: W[],
    cur: W[],
    startIdx: number,
    endIdx: number,
    afterTitle: boolean,
    startLike: (k: number) => boolean,
    atTextStart: boolean,
    segs: Seg[],
    afterHonorific = false,
  ): void {
    const L = this.lex;
    const first = cur[0];
    const last = cur[cur.length - 1];
    const surface = text.slice(first.start, last.end);
    const key = normKey(surface);
    // words around the run
    let prevLow = '';
    for (let i = startIdx - 1; i >= 0; i--) {
      if (ws[i].word) {
        prevLow = ws[i].low;
        break;
      }
      if (ws[i].text !== '“' && ws[i].text !== '"') break;
    }
    let nextLow = '';
    let nextIsPossessive = false;
    for (let i = endIdx; i < ws.length; i++) {
      if (ws[i].word) {
        nextLow = ws[i].low;
        if (nextLow === '’s' || nextLow === "'s") nextIsPossessive = true;
        if (nextIsPossessive && i + 1 < ws.length) nextLow = ws[i + 1].low;
        break;
      }
      if (ws[i].text !== ',' && ws[i].text !== '”' && ws[i].text !== '"') break;
    }
    const seg: Seg = {
      ws: cur,
      afterTitle,
      prevLow,
      nextLow,
      sentStart: startLike(startIdx),
      dateline: (atTextStart || startLike(startIdx)) && startIdx <= 3 && cur.every((w) => w.upper) && cur.some((w) => w.text.length > 3) && (ws[endIdx]?.text === ',' || ws[endIdx]?.text === '(' || ws[endIdx]?.text === '—'),
      partyState: first.hyphen && startIdx > 0 && /^[DRI]$/.test(ws[startIdx - 1].text),
      afterComma: startIdx > 0 && (ws[startIdx - 1].text === ',' || ws[startIdx - 1].text === '('),
      nextState: ws[endIdx]?.text === ',' && !!ws[endIdx + 1] && L.usStates.has(ws[endIdx + 1].low) && ws[endIdx + 1].cap && (ws[endIdx + 2] === undefined || !ws[endIdx + 2].cap),
      strength: 0,
      key,
    };
    let kbT = this.kbType(surface);
    // `Republican Donald Trump`, `Crooked Hillary`: an adjective before a name is no part of it
    if (!kbT && cur.length >= 2 && L.demonyms.has(first.low) && !L.anyHead.has(cur[cur.length - 1].low) && !L.places.has(key) && cur[1].cap && (this.firstName(cur[1]) || this.kbType(text.slice(cur[1].start, cur[cur.length - 1].end)) === 'PER')) {
      this.addSeg(text, ws, cur.slice(1), startIdx + 1, endIdx, afterTitle, startLike, atTextStart, segs);
      return;
    }
    if (kbT) {
      seg.type = kbT;
      seg.strength = 3;
      segs.push(seg);
      return;
    }
    if (L.places.has(key)) {
      seg.type = 'LOC';
      seg.strength = 3;
      segs.push(seg);
      return;
    }
    // lone words that are no names
    if (cur.length === 1) {
      // ALL-CAPS words: a dateline place (`HEMPSTEAD, N.Y.`), a transcript speaker (`WALLACE:`), else
      // emphasis, not a name, unless short enough to be an acronym
      if (first.upper && first.text.length > 6 && !seg.dateline) {
        if (ws[endIdx]?.text === ':') {
          seg.type = 'PER';
          seg.strength = 1;
          segs.push(seg);
        }
        return;
      }
      const w = first.low;
      if (!afterHonorific && (L.demonyms.has(w) || L.notNames.has(w) || L.titleHeads.has(w) || L.titleModifiers.has(w) || L.time.has(w) || L.anyHead.has(w) || L.honorifics.has(w) || L.particles.has(w))) return;
      if (first.text.length === 1 || /^\p{Lu}\.$/u.test(first.text)) return;
      if (first.low.includes('-') && first.low.split('-').every((p) => L.notNames.has(p))) return;
      // `God-given`: a hyphenated word ending in a lower-case part is a compound adjective
      if (/-\p{Ll}+$/u.test(first.text) && !L.arabicPrefixes.some((p) => first.low.startsWith(p))) return;
      if (!LETTER_RE.test(first.text)) return;
    } else if (cur.every((w) => !w.cap || L.anyHead.has(w.low) || L.demonyms.has(w.low) || L.titleModifiers.has(w.low) || L.notNames.has(w.low))) {
      // `National Security`, `Foreign Ministry` alone are still names when they end in a head; a run of
      // only modifiers and demonyms is not
      if (!cur.some((w) => L.anyHead.has(w.low))) return;
      if (cur.length === 2 && L.demonyms.has(first.low) && L.anyHead.has(last.low) && !L.orgHeads.has(last.low)) return;
    }
    if (GENERIC_EN.test(first.low) && cur.length === 1) return;
    this.typeByEvidence(seg);
    segs.push(seg);
  }

  private typeByEvidence(g: Seg): void {
    const L = this.lex;
    const ws = g.ws;
    const first = ws[0];
    const last = ws[ws.length - 1];
    const set = (t: EntityType, s: number) => {
      g.type = t;
      g.strength = s;
    };
    if (g.dateline || g.partyState) return set('LOC', 2);
    // `Sen. Ted Cruz (R-Tex.)`, `Springfield, Va.`: a state abbreviation after a comma or a bracket
    if (ws.length === 1 && L.usStates.has(first.low) && (g.prevLow === '' || g.afterComma)) return set('LOC', 2);
    // a town before `, Va.`
    if (g.nextState) return set('LOC', 2);
    if (ws.length === 1 && L.placeAbbreviations.has(first.low)) return set('LOC', 2);
    // `Democrats`, `Republicans`: party members are ORG mentions
    if (ws.length === 1 && L.partyMembers.has(first.low)) return set('ORG', 2);
    // `X of Y`: the head before `of` decides (`Bank of England`, `Gulf of Mexico`, `Battle of Kursk`)
    const ofAt = ws.findIndex((w) => w.low === 'of' || w.low === 'for');
    if (ofAt > 0) {
      const h = ws[ofAt - 1].low;
      if (L.orgOfHeads.has(h) || L.orgHeads.has(h)) return set('ORG', 2);
      if (L.locOfHeads.has(h)) return set('LOC', 2);
      if (L.evtOfHeads.has(h)) return set('EVT', 2);
    }
    const hl = ws.length > 1 && /^(?:[ivx]+|\d+)$/.test(last.low) ? ws[ws.length - 2].low : last.low;
    if (ws.length > 1 || L.properHeads.has(hl)) {
      if (L.orgHeads.has(hl)) return set('ORG', 2);
      if (L.evtHeads.has(hl)) return set('EVT', 2);
      if (L.proHeads.has(hl)) return set('PRO', 2);
      if (L.locHeads.has(hl)) return set('LOC', 2);
    }
    // `North Florida`, `Eastern Ukraine`: a compass word before a known place
    if (ws.length >= 2 && /^(?:north|south|east|west|northern|southern|eastern|western|central|upper|lower)$/.test(first.low)) {
      const rest = ws.slice(1).map((w) => w.text).join(' ');
      if (L.places.has(rest.toLowerCase()) || this.kbType(rest) === 'LOC') return set('LOC', 2);
    }
    if (g.afterTitle) return set('PER', 2);
    // `The Daily Beast`, `The Atlantic`: a capitalised article inside a sentence starts a title or a body
    if (ws.length >= 2 && first.text === 'The' && !g.sentStart) return set('ORG', 1);
    if (ws.length >= 2 && this.firstName(first)) return set('PER', 2);
    // acronyms: NATO-like bodies unless a place cue says otherwise
    if (ws.length === 1 && first.upper && first.text.replace(/[.&'’-]/g, '').length >= 2 && first.text.replace(/[.&'’-]/g, '').length <= 6) {
      if (L.locPreps.has(g.prevLow)) return set('LOC', 1);
      return set('ORG', 1);
    }
    if (L.locPreps.has(g.prevLow)) return set('LOC', 1);
    if (ws.length === 1 && this.firstName(first)) return set('PER', 1);
    // `PolitiFact`, `InsideSources`: a capital inside a word names a brand or a body (not `McCain`, `DeSantis`)
    if (ws.length === 1 && /^\p{Lu}\p{Ll}+\p{Lu}/u.test(first.text) && !/^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz)\p{Lu}/u.test(first.text)) return set('ORG', 1);
    if (L.speechVerbs.has(g.nextLow) && ws.length <= 3) return set('PER', 1);
    if (ws.length >= 2 && ws.length <= 4 && ws.every((w) => w.cap)) {
      // only common words (`Zero Hedge`, `Reclaim Our Schools`): a body or a product, not a person
      if (ws.every((w) => this.isCommon(w) || L.particles.has(w.low))) return set('ORG', 0);
      return set('PER', 1);
    }
    if (ws.length > 4) return set('ORG', 0);
    if (ws.length === 1 && PLACE_END_RE.test(first.low)) return set('LOC', 0);
    if (ws.length === 1 && (g.prevLow === 'from' || g.prevLow === 'to' || g.prevLow === 'at')) return set('LOC', 0);
    return set('PER', 0);
  }

  private oneSensePerDocument(segs: Seg[]): void {
    const L = this.lex;
    // best-evidence type of each name, and the surnames of the people named in full
    const best = new Map<string, Seg>();
    const surnames = new Map<string, Seg>();
    for (const g of segs) {
      if (!g.type) continue;
      const b = best.get(g.key);
      if (!b || g.strength > b.strength) best.set(g.key, g);
      if (g.type === 'PER' && g.strength >= 1 && g.ws.length >= 2) {
        const last = g.ws[g.ws.length - 1];
        const s = surnames.get(last.low);
        if (!s || g.strength > s.strength) surnames.set(last.low, g);
      }
    }
    // weighted votes of the occurrences of each name
    const votes = new Map<string, Map<EntityType, number>>();
    for (const g of segs) {
      if (!g.type) continue;
      let v = votes.get(g.key);
      if (!v) votes.set(g.key, (v = new Map()));
      v.set(g.type, (v.get(g.type) ?? 0) + 1 + 2 * g.strength);
    }
    for (const g of segs) {
      if (!g.type) continue;
      if (g.strength >= 3) {
        // `Jim Jordan` ... `Jordan`: the person named earlier, not the country
        const s = g.ws.length === 1 && g.type !== 'PER' ? surnames.get(g.ws[0].low) : undefined;
        if (s && s.strength >= 2 && s.ws[0].start < g.ws[0].start && !L.locPreps.has(g.prevLow)) g.type = 'PER';
        continue;
      }
      // a lone surname of a person named in full in this document
      if (g.ws.length === 1 && g.strength <= 1) {
        const s = surnames.get(g.ws[0].low);
        if (s && s.strength >= 2) {
          g.type = 'PER';
          g.strength = 2;
          continue;
        }
      }
      const b = best.get(g.key);
      if (b && b !== g && b.strength > g.strength) {
        g.type = b.type;
        g.strength = b.strength;
        continue;
      }
      const v = votes.get(g.key);
      if (v && v.size > 1 && !(g.afterTitle && g.type === 'PER')) {
        let top: EntityType = g.type;
        for (const [t, n] of v) if (n > (v.get(top) ?? 0)) top = t;
        g.type = top;
      }
      if (g.ws.length === 1) {
        const s = surnames.get(g.ws[0].low);
        if (s && g.strength <= 2 && !(g.strength === 2 && g.type !== 'PER')) {
          g.type = 'PER';
          g.strength = Math.max(g.strength, 2);
          continue;
        }
        // a surname of a person the knowledge base knows (`Rutte` alone)
        if (g.strength <= 1 && this.kb?.bySurname) {
          const ids = this.kb.bySurname(g.ws[0].text, 'en');
          if (ids.length === 1) {
            g.type = 'PER';
            g.strength = 2;
            continue;
          }
        }
        // a lone common word with no evidence at all (`Session`, `Amendment`, `Patriot`) is no name, nor is
        // an adjective of a place or a person (`Virginian`, `Orwellian`)
        const w0 = g.ws[0];
        if (g.strength === 0 && !w0.upper && (this.isCommon(w0) || (/(?:ian|ean|ese|esque)$/.test(w0.low) && !L.firstNames.has(w0.low)))) g.type = undefined;
      }
    }
  }
}
