/**
 * Quotes and attributions of one document, in one pass over its tokens and quote marks:
 *  - direct quotes: a pair of marks governed by a cue after it (`"…", — сказал он`), before it
 *    (`заявил: «…»`, `заявила о том, что "…"`), or continuing the previous speaker (`"A", — сказал
 *    он. "B"`);
 *  - indirect and mixed: `X заявил, что …`, `…, сказал X`, `По словам X, …`, `Как отметил X, …`,
 *    `об этом заявил X` (the sentence before);
 *  - attributions: the same patterns with a news outlet as the source (`Reuters сообщило, что …`,
 *    `По информации ТАСС, …`, `пишет Politico`, `Как сообщал УНИАН, …`).
 * Speakers are resolved to entity ids by `resolve.ts`.
 */
import type { Attribution, Cue, Doc, Entity, Quote } from '../doc/model.js';
import { documentRules, type Lexicon } from './lexicon.js';
import { pairQuotes, type QPair } from './marks.js';
import { Resolver } from './resolve.js';
import { DASHES, QUOTE_CHARS, findSubject, mentionCaseOk, setOutletLookup, type Subj } from './subject.js';
import { altsVerb, buildView, tokenAt, type View, type W } from './view.js';

export interface ExtractServices {
  /** true when an entity is a news outlet or agency */
  isOutlet(ent: Entity): boolean;
  /** an outlet named in the text that has no entity (`Фокус писал`), as an entity of its own */
  /** an outlet named at [start, end) that the recogniser missed (`Фокус писал`) */
  outletByName?(name: string, start: number, end: number): Entity | null;
  kb?: import('../entities/kb/api.js').KnowledgeBase;
}

interface Cand {
  start: number;
  end: number;
  kind: Quote['kind'];
  cue?: Cue;
  cueIdx: number;
  subj: Subj | null;
  /** how the subject was looked for: a direct quote continuing, or a cue with a clause */
  mode: 'cue' | 'continuation' | 'unknown';
  via?: Entity | null;
  /** position used to order speaker resolution */
  order: number;
  pair?: QPair;
  /** id of the pattern that found it (the contract's `rules`) */
  rule: string;
  /** id of the rule that chose the subject when it is not the cue's own (`speaker.coordinated`) */
  subjRule?: string;
}

const SENT_PUNCT = new Set(['.', '!', '?', '…']);
const MIN_FREE_QUOTE_WORDS = 5;
const MAX_CLAUSE_TOKENS = 400;

function cueOf(w: W[], i: number): Cue {
  return { start: w[i].start, end: w[i].end, text: w[i].text, lemma: w[i].lemma };
}

/** One document's extraction: what every pass reads and the candidates they add (one shape for every document) */
interface X {
  v: View;
  w: W[];
  lex: Lexicon;
  svc: ExtractServices;
  /** the outlet test without the names the article itself calls media */
  baseIsOutlet: (e: Entity) => boolean;
  text: string;
  top: QPair[];
  cands: Cand[];
  atts: Attribution[];
  usedPair: Set<QPair>;
  cueAt: Int8Array;
  /** token index -> the top-level pair it is inside, or -1 */
  insidePair: Int32Array;
  pairIndexByOpen: Map<number, number>;
  pairIndexByClose: Map<number, number>;
  /** cue words a document rule used (`the statement noted`): no cue of their own */
  docCueAt: Set<number>;
  /** the owner each document noun had last (`statement` -> the Kremlin) */
  docOwners: Map<string, { owner: Subj; sent: number }>;
  /** cues that credit the direct quote before them (`“…,” Amorim told reporters`): they invert no clause begun inside it */
  afterCue: Set<number>;
}

export function extractQuotes(doc: Doc, lex: Lexicon, svc: ExtractServices): { quotes: Quote[]; attributions: Attribution[] } {
  const v = buildView(doc, lex);
  // a name right after `телеканал`, `издание`, `агентство` is an outlet even when no list knows it
  const mediaNamed = new Set<string>();
  for (const m of v.mentions) {
    const p = v.w[m.t0 - 1];
    // (`на сайте Совета ЕС`, `телеграм-канал МИД`: a body in the genitive owns the site, it is no outlet)
    if (lex.ownedMedia.has(p?.lemma ?? '') && v.w[m.t0].tags?.Case === 'Gen') continue;
    if (p && p.word && lex.media.has(p.lemma) && m.type !== 'PER') mediaNamed.add(m.entity.id);
  }
  const baseIsOutlet = svc.isOutlet;
  svc = { ...svc, isOutlet: (e) => mediaNamed.has(e.id) || baseIsOutlet(e) };
  setOutletLookup(svc.outletByName ?? null);
  const text = doc.text;
  const w = v.w;
  const pairs = pairQuotes(text);
  const top = pairs.filter((p) => p.depth === 0 || (p.parent >= 0 && false));
  const cands: Cand[] = [];
  /** cues that credit the direct quote before them (`“…,” Amorim told reporters`): they invert no clause begun inside it */
  const afterCue = new Set<number>();
  const atts: Attribution[] = [];
  const usedPair = new Set<QPair>();

  // ---- cues by lemma, one pass
  const cueAt = new Int8Array(w.length);
  for (let i = 0; i < w.length; i++) if (isCue(v, lex, i)) cueAt[i] = 1;

  // token index -> inside a top-level pair?
  const insidePair = new Int32Array(w.length).fill(-1);
  top.forEach((p, k) => {
    for (let t = Math.max(0, tokenAt(w, p.start)); t >= 0 && t < w.length && w[t].start < p.end; t++) insidePair[t] = k;
  });
  const pairIndexByOpen = new Map<number, number>();
  top.forEach((p, k) => pairIndexByOpen.set(p.open, k));
  const pairIndexByClose = new Map<number, number>();
  top.forEach((p, k) => pairIndexByClose.set(p.close, k));
  /** cue words a document rule used (`the statement noted`): no cue of their own */
  const docCueAt = new Set<number>();
  /** the owner each document noun had last (`statement` -> the Kremlin) */
  const docOwners = new Map<string, { owner: Subj; sent: number }>();
  const x: X = { v, w, lex, svc, baseIsOutlet, text, top, cands, atts, usedPair, cueAt, insidePair, pairIndexByOpen, pairIndexByClose, docCueAt, docOwners, afterCue };
  documentPass(x);
  directPass(x);
  cuePass(x);
  phrasePass(x);
  headlinePass(x);
  freeStandingPass(x);
  return speakers(x);
}


function documentPass(x: X): void {
  const { v, w, lex, text, top, cands, usedPair, cueAt, insidePair, pairIndexByOpen, pairIndexByClose, docCueAt, docOwners } = x;
  // ---------- a document speaks for its owner (rules as data, `src/quotes/rules/<lang>.json`):
  // `В заявлении МИД России говорится, что …`, `«…», — говорится в заявлении ведомства`,
  // `Об этом говорится в сообщении посольства`, `…, йдеться у прес-релізі посольства США`
  const docs = documentRules(lex.lang);
  if (docs && docs.rules.length) {
    for (let s = 0; s < v.sStart.length; s++) {
      const a0 = v.sStart[s];
      const e0 = v.sEnd[s];
      if (a0 === undefined || e0 === undefined) continue;
      for (const m of docs.scan(w, a0, e0)) {
        if (insidePair[m.start] >= 0) continue;
        const form = m.rule.produces.form;
        // the owner: the last name inside the phrase (`МИД России`, `посольства США`), else none
        let owner: Subj | null = null;
        for (let t = m.start; t < m.end; t++) {
          const k = v.mentionAt[t];
          if (k < 0) continue;
          const men = v.mentions[k];
          owner = { k: 'entity', ent: men.entity, start: men.start, end: men.end, t0: men.t0 };
          t = men.t1 - 1;
        }
        // a document the phrase does not name the owner of (`— говорится в заявлении`, `йдеться у короткому
        // повідомленні`): the body named right after it in the sentence (`в заявлении, опубликованном на сайте
        // Совета ЕС`), else the body the text named last (`Про це повідомило МЗС. «…», — йдеться у повідомленні`)
        // (`“A. B,” the statement reads`: the body named before the quotation, however many sentences it has)
        let from = s;
        if (form === 'tail') {
          let q = m.start - 1;
          while (q > a0 && !w[q].word && (w[q].text === ',' || DASHES.has(w[q].text))) q--;
          const k = !w[q].word && insidePair[q] < 0 ? pairIndexByClose.get(w[q].start) : undefined;
          const t = k !== undefined ? tokenAt(w, top[k].open) : -1;
          if (t >= 0) from = w[t].sent;
        }
        // `Посольство США опубликовало заявление. В нём говорится, что …`: the pronoun's document is named in the
        // sentences before; whoever issued it (its sentence's subject before it) speaks
        const ante = m.rule.produces.antecedents;
        if (ante) {
          if (!owner) owner = antecedentOwner(x, m.start, s, ante);
          if (!owner) continue;
        }
        if (!owner) owner = documentOwner(x, m.start, m.end, s, from);
        // `the statement noted` after `“…,” the statement reads` (its owner found): the same document, the same owner
        const nouns: string[] = [];
        for (let t = m.start; t < m.end; t++) if (w[t].pos === 'NOUN' && v.mentionAt[t] < 0) nouns.push(w[t].lemma);
        if (!owner) {
          for (const n of nouns) {
            const o = docOwners.get(n);
            if (o && s - o.sent <= 10) owner = owner ?? o.owner;
          }
        } else for (const n of nouns) docOwners.set(n, { owner, sent: s });
        // the cue: its impersonal verb (`говорится`, `йдеться`, `наголошено`)
        const ci = m.rule.produces.cue === 'last' ? m.end - 1 : form === 'lead' ? m.end - 1 : form === 'about' ? m.start + 2 : form === 'as' ? m.start + 1 : m.start;
        const cue: Cue = { start: w[ci].start, end: w[ci].end, text: w[ci].text, lemma: w[ci].lemma };
        for (let t = m.start; t < m.end; t++) docCueAt.add(t);
        const push = (a: number, b: number, pair?: QPair) => {
          if (pair) {
            if (usedPair.has(pair)) return;
            usedPair.add(pair);
            cands.push({ start: pair.start, end: pair.end, kind: 'direct', cue, cueIdx: -1, subj: owner, mode: 'cue', order: w[m.start].start, pair, rule: m.rule.id });
            return;
          }
          while (a < b && /[\s—–\-,;:]/.test(text[a])) a++;
          while (b > a && /\s/.test(text[b - 1])) b--;
          if (countWords(text.slice(a, b)) < 3 || cands.some((c) => c.start < b && a < c.end)) return;
          const within = pairsWithin(x, a - 1, b + 1);
          if (within.length === 1 && within[0].open <= a && within[0].close >= b - 1) return push(0, 0, within[0]);
          within.forEach((p) => usedPair.add(p));
          cands.push({ start: a, end: b, kind: within.length && isSpeechFragment(text, within, b - a) ? 'mixed' : 'indirect', cue, cueIdx: -1, subj: owner, mode: 'cue', order: w[m.start].start, rule: m.rule.id });
        };
        if (form === 'lead') {
          // `…говорится, что …` / `…говорится: «…»`
          let f = m.end;
          if (w[f] && w[f].text === ',') f++;
          if (w[f] && (lex.comp.has(w[f].norm) || w[f].text === ':')) f++;
          // (`The statement said the ambassador had been summoned`: English reports without `that`)
          else if (lex.lang === 'en' && englishZeroThat(v, m.end - 1, e0, lex, insidePair) === m.end) f = m.end;
          else if (!(w[m.end] && w[m.end].text === ':')) continue;
          if (f >= e0) continue;
          const k = pairIndexByOpen.get(w[f].start);
          if (k !== undefined && top[k].close >= w[e0 - 1].start - 2) push(0, 0, top[k]);
          else push(w[f].start, clauseEnd(x, f, s));
        } else if (form === 'as') {
          let comma = -1;
          for (let t = m.end; t < e0 && t < m.end + 4; t++) if (w[t].text === ',') comma = t;
          if (comma < 0 || comma + 1 >= e0) continue;
          push(w[comma + 1].start, clauseEnd(x, comma + 1, s));
        } else if (form === 'about') {
          if (s === 0 || m.start !== a0) continue;
          const pa = v.sStart[s - 1];
          const pb = v.sEnd[s - 1];
          if (pa === undefined || pb === undefined || pb <= pa) continue;
          const k = insidePair[pa] >= 0 ? insidePair[pa] : pa + 1 < pb ? insidePair[pa + 1] : -1;
          if (k >= 0 && top[k].open <= w[pa].start + 1) push(0, 0, top[k]);
          else push(w[pa].start, clauseEnd(x, pa, s - 1));
        } else {
          // tail: what precedes the separator before the cue: a quotation, else the sentence up to it
          let q = m.start - 1;
          while (q > a0 && !w[q].word && (w[q].text === ',' || DASHES.has(w[q].text))) q--;
          // (`“A. B,” the statement reads`: the pair closing there, though the sentence splitter cut it)
          const k = insidePair[q] >= 0 ? insidePair[q] : !w[q].word ? pairIndexByClose.get(w[q].start) ?? -1 : -1;
          if (k >= 0) push(0, 0, top[k]);
          else if (q > a0) {
            // `Modi noted that …, the statement reads`: a cue of its own before it says whose clause that is
            let own = false;
            for (let t = a0; t < q && !own; t++) if (cueAt[t] && insidePair[t] < 0) own = true;
            if (!own) push(w[a0].start, w[q].end);
          }
        }
      }
    }
  }
}


function directPass(x: X): void {
  const { v, w, lex, svc, text, top, cands, usedPair, cueAt, afterCue } = x;
  // ---------- direct quotes
  for (let k = 0; k < top.length; k++) {
    const p = top[k];
    if (usedPair.has(p)) continue; // a document rule took it (`«…», — говорится в заявлении`)
    const inner = text.slice(p.start, p.end);
    const nWords = countWords(inner);
    if (nWords === 0) continue;
    // interrupted inside one pair of marks (`"A, — підсумував він. — B"`): two quotes with the cue's speaker
    const split = interruption(x, p);
    if (split) {
      const { cue, subj, a, b } = split;
      cands.push({ start: a.start, end: a.end, kind: 'direct', cue: cueOf(w, cue), cueIdx: cue, subj, mode: 'cue', order: a.start, pair: a, rule: 'quote.direct.interrupted' });
      cands.push({ start: b.start, end: b.end, kind: 'direct', cue: cueOf(w, cue), cueIdx: cue, subj, mode: 'cue', order: b.start, pair: b, rule: 'quote.direct.interrupted' });
      usedPair.add(p);
      continue;
    }
    // after: `"…", — сказал он`, `"…".- добавил`, `“…,” he said`
    let j = tokenAt(w, p.close + 1);
    let sawSep = /[,.!?…]$/.test(inner.trimEnd());
    let steps = 0;
    let dotted = false;
    while (j >= 0 && j < w.length && !w[j].word && steps < 3) {
      const t = w[j].text;
      if (w[j].para !== v.paraOfChar(p.close)) break;
      if (t === ',' || DASHES.has(t)) sawSep = true;
      else if (SENT_PUNCT.has(t)) dotted = true;
      else break;
      j++;
      steps++;
    }
    const dashed = j > 0 && j - 1 < w.length && DASHES.has(w[j - 1]?.text ?? '');
    let cue = -1;
    /** the name before an apposition that stands between it and the cue */
    let appositive: View['mentions'][number] | null = null;
    /** the rule of a name between commas after a role (`the spokesman, Dmitry Peskov, said`) */
    let apposedRule: string | null = null;
    if (j >= 0 && j < w.length && w[j].word && w[j].para === v.paraOfChar(p.close) && (sawSep || lex.lang === 'en') && (!dotted || dashed)) {
      const maxWords = lex.lang === 'en' ? 7 : 4;
      let paren = 0;
      for (let t = j, n = 0; t < w.length && n < maxWords && w[t].para === w[j].para; t++) {
        if (!w[t].word) {
          // `Rep. Gwen Moore (D-Wis.) said`: abbreviation dots and a parenthesis inside the subject
          if (w[t].text === '(') paren++;
          else if (w[t].text === ')' && paren > 0) paren--;
          else if (lex.lang === 'en' && w[t].text === ',' && t > j && v.mentionAt[t - 1] >= 0 && v.mentions[v.mentionAt[t - 1]].t0 === j && v.mentions[v.mentionAt[t - 1]].type === 'PER') {
            // `“…,” Celso Amorim, President Lula’s top foreign policy advisor, told reporters`: the name, then an
            // apposition between commas, then the cue
            let c2 = -1;
            for (let u = t + 1; u < w.length && u <= t + 12 && w[u].sent === w[t].sent; u++) {
              if (!w[u].word && (SENT_PUNCT.has(w[u].text) || QUOTE_CHARS.has(w[u].text))) break;
              if (w[u].text === ',') {
                c2 = u;
                break;
              }
            }
            if (c2 > 0 && w[c2 + 1] && cueAt[c2 + 1]) {
              cue = c2 + 1;
              appositive = v.mentions[v.mentionAt[t - 1]];
            }
            break;
          } else if (lex.lang === 'en' && w[t].text === ',' && t > j && v.mentionAt[t + 1] >= 0) {
            // `“…,” the spokesman, Dmitry Peskov, said`, `“…,” a spokesman for the ministry, Maria Zakharova, told
            // reporters`: a role first, the name between commas, then the cue (rule speaker.title-name)
            const men = v.mentions[v.mentionAt[t + 1]];
            if (men.t0 === t + 1 && men.type === 'PER' && w[men.t1]?.text === ',' && w[men.t1 + 1] && cueAt[men.t1 + 1]) {
              cue = men.t1 + 1;
              appositive = men;
              apposedRule = 'quote.direct.cue-after.title-name';
            }
            break;
          } else if (!(lex.lang === 'en' && (w[t].text === '.' || w[t].text === '-' || paren > 0))) break;
          continue;
        }
        if (cueAt[t]) {
          cue = t;
          break;
        }
        n++;
      }
      // `“… a fair and lasting peace.” Scholz also spoke of …`: English closes a quotation it credits after
      // it with a comma (`“…,” he said`); a full stop inside the marks ends the sentence, and a capitalised
      // word after it opens the next one, whose verb credits it only when nothing but its subject follows
      // (`“…” Trump said.`), not when it has a predicate of its own (`Trump responded by using …`)
      if (cue >= 0 && lex.lang === 'en' && /\.\s*$/.test(inner) && w[j].upper && !creditOnly(x, cue)) cue = -1;
      // (`критикует «Северный поток – 2», отмечая, что …`: a converb opens a clause of its own; it credits no quotation before it)
      if (cue >= 0 && lex.lang !== 'en' && w[cue].tags?.VerbForm === 'Conv') cue = -1;
    }
    // a headline quotation and its credit after a colon: `“Я даю Путіну 10 днів від сьогодні”: Трамп підтвердив …`
    if (cue < 0) {
      const ct = tokenAt(w, p.close + 1);
      const atParaStart = p.open === 0 || /\n\s*$/.test(text.slice(Math.max(0, p.open - 3), p.open));
      if (atParaStart && ct >= 0 && ct < w.length && w[ct].text === ':' && w[ct].start <= p.close + 2 && nWords >= 3) {
        for (let t = ct + 1, n = 0; t < w.length && n < 8 && w[t].para === w[ct].para; t++) {
          if (!w[t].word) {
            if (SENT_PUNCT.has(w[t].text) || w[t].text === ',') break;
            continue;
          }
          if (cueAt[t]) {
            const subj = findSubject(v, t, lex, -1, { maxTokens: t - ct - 1 });
            if (subj && (subj.k === 'entity' || subj.k === 'role' || subj.k === 'institution')) {
              cands.push({ start: p.start, end: p.end, kind: 'direct', cue: cueOf(w, t), cueIdx: t, subj, mode: 'cue', order: p.start, pair: p, rule: 'quote.direct.headline-credit' });
              usedPair.add(p);
            }
            break;
          }
          n++;
        }
        if (usedPair.has(p)) continue;
      }
    }
    // `вважаючи дії України “ескалацією”, і зазначили, що …`: a word or two in marks inside a running sentence is a
    // term the sentence uses, not what the cue after it introduces
    if (cue >= 0 && nWords < 3) {
      const ob = tokenAt(w, p.open) - 1;
      if (ob >= 0 && w[ob].word && w[ob].sent === w[cue].sent) cue = -1;
    }
    if (cue >= 0) {
      const isQuoteVerb = lex.quoteVerbs.has(w[cue].lemma);
      let subj: Subj | null = null;
      let via: Entity | null | undefined;
      if (isQuoteVerb) {
        // `— цитирует издание Макрона`, `цитирует Пескова РИА Новости`: the object speaks, the outlet relays
        const r = quotedObject(v, cue, lex, svc);
        subj = r.subj;
        via = r.via;
      } else {
        // `”, Zelensky told reporters` (English puts the subject first) / `», — сказал Лавров`
        const before = appositive
          ? ({ k: 'entity', ent: appositive.entity, start: appositive.start, end: appositive.end, t0: appositive.t0 } as Subj)
          : j < cue
            ? findSubject(v, cue, lex, -1, { maxTokens: cue - j })
            : null;
        subj = lex.lang === 'en' && before && before.k !== 'other' ? before : findSubject(v, cue, lex, 1);
        if ((!subj || subj.k === 'other') && before && before.k !== 'other') subj = before;
        else if (!subj) subj = before;
      }
      cands.push({ start: p.start, end: p.end, kind: 'direct', cue: cueOf(w, cue), cueIdx: cue, subj, mode: 'cue', via, order: p.start, pair: p, rule: isQuoteVerb ? 'quote.direct.quoted-object' : apposedRule ?? 'quote.direct.cue-after' });
      usedPair.add(p);
      afterCue.add(cue);
      continue;
    }
    // signed: `“…” ― Sonya Herridge`, `«…» — Дмитрий Песков, пресс-секретарь`: a dash, then a person's
    // name that ends the line or the sentence (or opens an apposition)
    if (dashed && j >= 0 && j < w.length && w[j].para === v.paraOfChar(p.close) && v.mentionAt[j] >= 0 && nWords >= 3) {
      const men = v.mentions[v.mentionAt[j]];
      const after = w[men.t1];
      if (men.t0 === j && men.type === 'PER' && (!after || after.para !== w[j].para || SENT_PUNCT.has(after.text) || after.text === ',')) {
        const subj: Subj = { k: 'entity', ent: men.entity, start: men.start, end: men.end, t0: men.t0 };
        cands.push({ start: p.start, end: p.end, kind: 'direct', cue: cueOf(w, j - 1), cueIdx: j - 1, subj, mode: 'cue', order: p.start, pair: p, rule: 'quote.direct.signed' });
        usedPair.add(p);
        continue;
      }
    }
    // before: `Он добавил: "…"`, `заявил: «…»`, `Trump said, “…”`
    const bt = tokenAt(w, p.open) - 1;
    if (bt >= 1 && w[bt].text === ',' && cueAt[bt - 1] && w[bt].para === v.paraOfChar(p.open) && !lex.comp.has(w[bt + 2]?.norm ?? '')) {
      const c = bt - 1;
      const subj = findSubject(v, c, lex, -1) ?? findSubject(v, c, lex, 1, { maxTokens: 1 });
      cands.push({ start: p.start, end: p.end, kind: 'direct', cue: cueOf(w, c), cueIdx: c, subj, mode: 'cue', order: w[c].start, pair: p, rule: 'quote.direct.cue-before' });
      usedPair.add(p);
      continue;
    }
    // (`Caddell continued:` ending its paragraph, the quotation opening the next one)
    if (bt >= 0 && w[bt].text === ':' && (w[bt].para === v.paraOfChar(p.open) || (w[bt].para + 1 === v.paraOfChar(p.open) && (!w[bt + 1] || w[bt + 1].para !== w[bt].para)))) {
      let c = -1;
      for (let t = bt - 1, n = 0; t >= 0 && n < 12 && w[t].sent === w[bt].sent; t--, n++) {
        if (!w[t].word && (SENT_PUNCT.has(w[t].text) || QUOTE_CHARS.has(w[t].text))) break;
        if (cueAt[t]) {
          c = t;
          break;
        }
      }
      if (c >= 0) {
        let subj: Subj | null;
        let via: Entity | null | undefined;
        if (lex.quoteVerbs.has(w[c].lemma)) {
          // `Газета X приводит слова представителя Y: "…"`: the words' owner speaks, the subject relays
          const r = quotedObject(v, c, lex, svc);
          subj = r.subj;
          const b = r.via ? null : findSubject(v, c, lex, -1);
          via = r.via ?? (b && (b.k === 'entity' || b.k === 'institution') && svc.isOutlet(b.ent) ? b.ent : null);
        } else {
          subj = findSubject(v, c, lex, -1);
          if (!subj) subj = findSubject(v, c, lex, 1, { maxTokens: bt - c });
        }
        cands.push({ start: p.start, end: p.end, kind: 'direct', cue: cueOf(w, c), cueIdx: c, subj, mode: 'cue', via, order: w[c].start, pair: p, rule: 'quote.direct.cue-colon' });
        usedPair.add(p);
        continue;
      }
      // `Песков: «…»`, `Глава МИД Сергей Лавров на пресс-конференции: «…»` — a speaker and no verb before the colon
      const s0 = v.sStart[w[bt].sent];
      let verb = false;
      for (let t = s0; t < bt; t++) if (w[t].pos === 'VERB' || w[t].pos === 'AUX') verb = true;
      if (!verb && bt - s0 <= 10 && nWords >= 3) {
        const subj = findSubject(v, bt, lex, -1, { maxTokens: bt - s0 });
        if (subj && (subj.k === 'entity' || subj.k === 'role')) {
          cands.push({ start: p.start, end: p.end, kind: 'direct', cueIdx: -1, subj, mode: 'cue', order: p.start, pair: p, rule: 'quote.direct.name-colon' });
          usedPair.add(p);
          continue;
        }
      }
    }
  }
}


function cuePass(x: X): void {
  const { w, cueAt, insidePair, docCueAt } = x;
  // ---------- indirect / mixed, and attributions with the same patterns
  // right to left, so a cue nested in another's clause (`напомнил, что Москва заявляла о том, что "…"`) comes first
  for (let c = w.length - 1; c >= 0; c--) {
    if (!cueAt[c] || insidePair[c] >= 0 || docCueAt.has(c)) continue;
    cueClause(x, c);
  }
}

/** the clause, quotation or passage the cue at token `c` introduces or closes, if any (see cuePass) */
function cueClause(x: X, c: number): void {
  const { v, w, lex, svc, text, top, cands, usedPair, cueAt, insidePair, pairIndexByOpen, afterCue } = x;
  const lemma = w[c].lemma;
  const s = w[c].sent;
  const sEnd = v.sEnd[s];
  const prevTok = w[c - 1];
  // `Как отметил X, …` / `…, как сообщал X.`
  // (`Как он отметил, …`, `Як вона зазначила, …`, `As he noted, …`: a personal pronoun between `как` and the cue is its subject)
  const pronounAs = !!prevTok && prevTok.word && lex.pronouns.has(prevTok.norm) && !!w[c - 2] && w[c - 2].word && lex.as.has(w[c - 2].norm);
  const asIdx = prevTok && prevTok.word && lex.as.has(prevTok.norm) ? c - 1 : pronounAs ? c - 2 : -1;
  if (asIdx >= 0) {
    const subj = pronounAs ? findSubject(v, c, lex, -1, { maxTokens: 1 }) : findSubject(v, c, lex, 1, { maxTokens: 10 });
    // find the comma closing the `как …` phrase
    let comma = -1;
    for (let t = c + 1; t < sEnd && t < c + 40; t++) {
      if (w[t].text === ',') {
        comma = t;
        break;
      }
      if (!w[t].word && SENT_PUNCT.has(w[t].text)) break;
    }
    const sStartT = v.sStart[s];
    if (asIdx === sStartT || (asIdx > sStartT && (w[asIdx - 1].text === '.' || !w[asIdx - 1].word)) || asIdx === sStartT) {
      // `Как сообщает "Европейская правда", об этом он написал в X`: the credit of a credit quotes nothing
      if (comma > 0 && findPhrase(v, comma + 1, lex, lex.anaphoric)) return;
      if (comma > 0 && comma + 1 < sEnd) {
        addClause(x, comma + 1, s, c, subj, 'cue', 'quote.indirect.as-cue');
      }
    } else if (asIdx > sStartT && w[asIdx - 1].text === ',') {
      const a = w[sStartT].start;
      const b = w[asIdx - 2] ? w[asIdx - 2].end : a;
      if (b > a) pushClause(x, a, b, c, subj, 'quote.indirect.as-cue-after');
    }
    return;
  }
  // complementizer to the right: `заявил, что …`, `сообщил телеканалу France 2, что …`, `said (that) …`
  let comp = -1;
  let needObj = lex.needsObject.get(lemma);
  let hasObj = !needObj;
  let about = false;
  for (let t = c + 1, n = 0; t < sEnd && n < (lex.lang === 'en' ? 0 : 18); t++, n++) {
    const tk = w[t];
    if (tk.word && needObj && needObj.has(tk.lemma)) hasObj = true;
    if (tk.word && lex.comp.has(tk.norm)) {
      const pv = w[t - 1];
      if (lex.lang === 'en' || (pv && pv.text === ',') || t === c + 1) {
        comp = t;
        break;
      }
    }
    if (!tk.word && (SENT_PUNCT.has(tk.text) || tk.text === ':' || tk.text === ';' || QUOTE_CHARS.has(tk.text))) break;
    if (tk.word && cueAt[t]) break;
    if (tk.word && (tk.pos === 'VERB') && (tk.tags?.VerbForm === 'Fin' || tk.tags?.VerbForm === 'Conv')) break;
    if (tk.word && findPhrase(v, t, lex, lex.aboutThat)) about = true;
  }
  if (comp < 0 && lex.lang === 'en' && !lex.thatOnly.has(lemma)) comp = englishZeroThat(v, c, sEnd, lex, insidePair);
  else if (comp >= 0 && lex.thatOnly.has(lemma) && w[comp].norm !== 'that') comp = -1;
  const quoteOnly = lex.quoteOnly.has(lemma);
  if (comp >= 0 && hasObj && !quoteOnly && comp + 1 < sEnd) {
    const from = lex.lang === 'en' && w[comp].norm !== 'that' ? comp : comp + 1;
    // (`Russian state news agencies said Putin and Modi visited …`: without `that` the clause's own subject is not the cue's)
    // (`Russian state news agencies said Putin and Modi visited …`: without `that` a name opening the clause is the clause's
    // subject, not the cue's; a pronoun there (`Scott said he posed …`) mostly is the speaker, and stays the fallback)
    let fwd = findSubject(v, c, lex, 1, { maxTokens: comp - c });
    if (fwd && from === comp && fwd.k !== 'pronoun') fwd = null;
    const rel = coordinatedSubject(x, c) ?? relativeMainSubject(x, c) ?? participleSubject(x, c);
    const subj = rel ?? findSubject(v, c, lex, -1) ?? fwd ?? sharedSubject(x, c);
    // `заявила о том, что "…"` / `сообщил, что "…"` — a quote filling the clause is direct
    const k = pairIndexByOpen.get(w[from].start);
    if (k !== undefined && !usedPair.has(top[k])) {
      const p = top[k];
      const after = tokenAt(w, p.close + 1);
      if (after < 0 || after >= sEnd || (!w[after].word && SENT_PUNCT.has(w[after].text)) || w[after].para !== w[from].para) {
        cands.push({ start: p.start, end: p.end, kind: 'direct', cue: cueOf(w, c), cueIdx: c, subj, mode: 'cue', order: w[c].start, pair: p, rule: 'quote.direct.that-quote' });
        usedPair.add(p);
        return;
      }
    }
    void about;
    const n0 = cands.length;
    addClause(x, from, s, c, subj, 'cue', 'quote.indirect.that-clause');
    if (rel) {
      const why = w[c - 1] && lex.coord.has(w[c - 1].norm) ? 'speaker.coordinated' : w[c - 1]?.text === ',' ? 'speaker.participle' : 'speaker.relative-main';
      for (let i = n0; i < cands.length; i++) cands[i].subjRule = why;
    }
    return;
  }
  // anaphoric: `об этом заявил X` / `про це заявив X` — the sentence before
  const ana = anaphoricBefore(v, c, lex);
  if (ana >= 0 && s > 0) {
    let ps = s - 1;
    // `… . Про це повідомляє УНН. Про цю ідею Барньє повідомив …`: skip a sentence that is itself a credit line
    if (ps > 0 && anaphoricBefore(v, Math.min(v.sStart[ps] + 6, v.sEnd[ps] - 1), lex) === v.sStart[ps]) ps--;
    const a = v.sStart[ps];
    const b = v.sEnd[ps];
    // `"…". Об этом заявил Песков.` / `«…». Так прокоментував ситуацію Зеленський.`: the quote before
    const qk = b > a ? insidePair[a] >= 0 ? insidePair[a] : a + 1 < b ? insidePair[a + 1] : -1 : -1;
    if (qk >= 0 && !usedPair.has(top[qk]) && top[qk].open <= w[a].start + 1) {
      const p = top[qk];
      const subj = findSubject(v, c, lex, -1, { maxTokens: c - ana }) ?? findSubject(v, c, lex, 1);
      cands.push({ start: p.start, end: p.end, kind: 'direct', cue: cueOf(w, c), cueIdx: c, subj, mode: 'cue', order: w[c].start, pair: p, rule: 'quote.direct.anaphoric' });
      usedPair.add(p);
      return;
    }
    // `… . Про це повідомив речник МЗС Олег Ніколенко.`: a verb of informing credits the news before it to its
    // source (an attribution of facts), it quotes no statement
    if (b > a && insidePair[a] < 0) {
      const subj = findSubject(v, c, lex, -1, { maxTokens: c - ana }) ?? findSubject(v, c, lex, 1);
      // (an outlet's credit stays: it is the passage's attribution)
      if (lex.newsCredit.has(lemma) && !(subj && (subj.k === 'media' || ((subj.k === 'entity' || subj.k === 'institution') && svc.isOutlet(subj.ent))))) return;
      // `Путин пригласил делегацию … . Об этом глава государства объявил …`, `Сибига провел разговор … . Об этом
      // Сибига сообщил …`: a sentence whose subject is the speaker himself reports his act, it quotes nobody
      if (actOfSpeaker(x, a, b, subj)) return;
      const endChar = clauseEnd(x, a, ps);
      pushClause(x, w[a].start, endChar, c, subj, 'quote.indirect.anaphoric');
    }
    return;
  }
  // inverted: `…, рассказал глава МИД Сергей Лавров.` / `…, пишет Politico.` / `…, he said.`
  let q = c - 1;
  // English puts the subject first: `…, a source said.`, `…, Sen. Lindsey Graham told HuffPost.`
  while (q >= 0 && w[q].word && w[q].sent === s && c - q <= 8 && lex.lang === 'en' && (v.mentionAt[q] >= 0 || lex.pronouns.has(w[q].norm) || /^['’]s$/.test(w[q].norm) || ['DET', 'ADJ', 'NOUN', 'PROPN', 'PRON', 'NUM'].includes(w[q].pos ?? '') || w[q].upper)) q--;
  const sep = w[q];
  if (lex.notInverted.has(lemma)) return;
  if (sep && !sep.word && (sep.text === ',' || DASHES.has(sep.text)) && sep.sent === s && insidePair[q] < 0) {
    let a0 = q;
    if (DASHES.has(sep.text) && w[q - 1] && w[q - 1].text === ',') a0 = q - 1;
    const prevClose = w[a0 - 1];
    // a direct quote right before is handled above
    if (prevClose && !prevClose.word && QUOTE_CHARS.has(prevClose.text)) return;
    if (prevClose && prevClose.text === '»') return;
    const st = v.sStart[s];
    let a = st;
    // skip an opening `По словам X,`-like phrase or a dateline
    // the clause before the comma has a predicate (`Президент США Дональд Трамп у вівторок, 29 липня, підтвердив
    // свій намір` is a subject and a date, not what anybody said)
    let pred = false;
    for (let t = a; t < a0 && !pred; t++) {
      const x = w[t];
      if (insidePair[t] >= 0 || (x.word && (((x.pos === 'VERB' || x.pos === 'AUX') && x.tags?.VerbForm !== 'Conv') || x.tags?.Variant === 'Short' || lex.comp.has(x.norm))) || (!x.word && DASHES.has(x.text))) pred = true;
    }
    if (a0 - a >= 4 && pred && restIsSubjectOnly(v, c, sEnd, lex, c - q > 1)) {
      const subj = (c - q > 1 ? findSubject(v, c, lex, -1, { maxTokens: c - q - 1 }) : null) ?? findSubject(v, c, lex, 1, { maxTokens: 10 });
      // `…, передає "…`: an outlet's verb with no outlet named credits nobody (the text lost the name), no quote
      if (!subj && lex.outletVerbs.has(lemma)) return;
      // `…, проинформировал Сикорского о …`: a person after the cue in an oblique case is its object, not its subject
      if (subj && subj.k === 'entity' && subj.t0 > c && lex.lang !== 'en' && mentionCaseOk(v, subj.t0, tokenAt(w, subj.end - 1) + 1) === 'other') return;
      // (`“A. B,” Celso Amorim, …, told reporters`: the cue of the quotation before it, whose sentence the splitter
      // began inside the marks, inverts no clause)
      if (afterCue.has(c) && insidePair[a] >= 0) return;
      pushClause(x, w[a].start, w[a0 - 1].end, c, subj, 'quote.indirect.inverted');
    }
    return;
  }
}


function phrasePass(x: X): void {
  const { w, lex, insidePair } = x;
  // ---------- phrases: `По словам X, …`, `По информации ТАСС, …`, `According to X, …`
  // (a token that starts no phrase of either list is passed over with two look-ups)
  const phraseStarts = lex.phraseStarts;
  const anyStart = phraseStarts.has('');
  for (let i = 0; i < w.length; i++) {
    if (!w[i].word || insidePair[i] >= 0) continue;
    if (!anyStart && !phraseStarts.has(w[i].lemma) && !phraseStarts.has(w[i].norm)) continue;
    phraseAt(x, i);
  }
}

/** the `according`/`attribution` phrase at token `i`, if one starts there (see phrasePass) */
function phraseAt(x: X, i: number): void {
  const { v, w, lex, svc, text, top, cands, atts, usedPair, cueAt, pairIndexByClose } = x;
  let acc = findPhrase(v, i, lex, lex.according);
  // `По его словам`, `За його словами`: a possessive between the preposition and the noun
  let poss: Subj | null = null;
  if (!acc && w[i + 1] && lex.possessives.has(w[i + 1].norm)) {
    const ph2 = possessiveGap(v, i, lex);
    if (ph2) {
      acc = [ph2[0], w[i + 1].norm, ph2[1]];
      poss = { k: 'pronoun', g: lex.possessives.get(w[i + 1].norm)!, start: w[i + 1].start, end: w[i + 1].end, t0: i + 1 };
    }
  }
  const att = acc ? undefined : findPhrase(v, i, lex, lex.attribution);
  const ph = acc ?? att;
  if (!ph) return;
  if (ph.length === 2 && lex.as.has(ph[0]) && cueAt[i + 1]) return; // handled as `как` + cue
  const s = w[i].sent;
  const sEnd = v.sEnd[s];
  const after = i + ph.length;
  // the source: tokens up to the next comma
  let comma = -1;
  for (let t = after; t < sEnd && t < after + 10; t++) {
    if (w[t].text === ',') {
      comma = t;
      break;
    }
    if (!w[t].word && (SENT_PUNCT.has(w[t].text) || w[t].text === ':')) break;
  }
  const srcEnd = comma > 0 ? comma : Math.min(sEnd, after + 6);
  const src = poss ?? sourceIn(v, after, srcEnd, lex);
  if (!src) return;
  const cueLemma = poss ? [ph[0], ph[2]].join(' ') : ph.join(' ');
  const cue: Cue = { start: w[i].start, end: w[after - 1].end, text: text.slice(w[i].start, w[after - 1].end), lemma: cueLemma };
  const st = v.sStart[s];
  let a: number;
  let b: number;
  // `“…,” according to the Kremlin.`, `«…», — по словам Пескова.`: a quotation right before a phrase that ends the sentence
  let pk = -1;
  for (let t = i - 1; t >= 0 && t >= i - 3 && !w[t].word && pk < 0; t--) {
    pk = pairIndexByClose.get(w[t].start) ?? -1;
    if (w[t].text !== ',' && !DASHES.has(w[t].text) && pk < 0) break;
  }
  // (a quotation of three words or more that opens its sentence, not a quoted name: `пише "Європейська правда" з посиланням на …`)
  if (pk >= 0) {
    const p = top[pk];
    let o = p.open - 1;
    while (o >= 0 && /[ \t\u00a0]/.test(text[o])) o--;
    if (countWords(text.slice(p.start, p.end)) < 3 || (o >= 0 && !/[\n.!?…:]/.test(text[o]))) pk = -1;
  }
  if (pk >= 0 && comma < 0 && !usedPair.has(top[pk]) && !acc?.includes('как') && !att?.includes('как')) {
    const p = top[pk];
    const outletEnt = src.k === 'entity' && svc.isOutlet(src.ent) ? src.ent : src.k === 'unnamed' ? src.via : null;
    usedPair.add(p);
    if (outletEnt || (att && src.k === 'media')) {
      if (outletEnt) atts.push({ start: p.start, end: p.end, source: outletEnt.id, cue });
      return;
    }
    cands.push({ start: p.start, end: p.end, kind: 'direct', cue, cueIdx: i, subj: src, mode: 'cue', order: w[i].start, pair: p, rule: 'quote.direct.according' });
    return;
  }
  if (i === st || (i > st && !w[i - 1].word && !SENT_PUNCT.has(w[i - 1].text) && w[i - 1].text !== ',')) {
    if (comma < 0 || comma + 1 >= sEnd) return;
    a = w[comma + 1].start;
    b = clauseEnd(x, comma + 1, s);
  } else if (i > st && w[i - 1].text === ',' && countWords(text.slice(w[st].start, w[i - 2].end)) < 3 && comma > 0 && comma + 1 < sEnd) {
    // `При этом, по его словам, …`: a connective before the phrase; the clause is what follows it
    a = w[comma + 1].start;
    b = clauseEnd(x, comma + 1, s);
  } else if (i > st && w[i - 1].text === ',') {
    a = w[st].start;
    b = w[i - 2].end;
  } else if (i === st + 1 && !w[st].word) {
    if (comma < 0 || comma + 1 >= sEnd) return;
    a = w[comma + 1].start;
    b = clauseEnd(x, comma + 1, s);
  } else return;
  if (b <= a) return;
  const isAttr = !!att;
  const outletEnt = src.k === 'entity' && svc.isOutlet(src.ent) ? src.ent : src.k === 'unnamed' ? src.via : null;
  if (outletEnt || (isAttr && src.k === 'media')) {
    const id = outletEnt ? outletEnt.id : null;
    if (id) atts.push({ start: a, end: b, source: id, cue });
    return;
  }
  if (isAttr && src.k !== 'entity' && src.k !== 'role' && src.k !== 'pronoun') return;
  const within = pairsWithin(x, a, b);
  within.forEach((p) => usedPair.add(p));
  cands.push({ start: a, end: b, kind: within.length && isSpeechFragment(text, within, b - a) ? 'mixed' : 'indirect', cue, cueIdx: i, subj: src, mode: 'cue', order: w[i].start, rule: 'quote.indirect.according' });
}


function headlinePass(x: X): void {
  const { v, w, lex, svc, text, cands, usedPair } = x;
  // ---------- the headline form: `Песков: Путин готов к контактам с Макроном`, `Зеленський: Україна
  // готова до переговорів`, `Trump: ‘I’m the worst thing…’` — a paragraph that opens with a name and a colon
  for (let s = 0; s < v.sStart.length; s++) {
    const a0 = v.sStart[s];
    if (a0 === undefined || !w[a0]) continue;
    const k = v.mentionAt[a0];
    if (k < 0) continue;
    const men = v.mentions[k];
    const colon = w[men.t1];
    if (men.t0 !== a0 || !colon || colon.word || colon.text !== ':' || colon.sent !== s) continue;
    // at the start of a paragraph (a headline or a lead), not `…, сказал он: …` inside running text
    const before = text.slice(Math.max(0, w[a0].start - 2), w[a0].start);
    if (a0 > 0 && !/\n\s*$/.test(before) && !(w[a0 - 1].para !== w[a0].para)) continue;
    if (!/^\p{Lu}/u.test(w[a0].text) || svc.isOutlet(men.entity)) continue;
    const from = men.t1 + 1;
    const e = Math.min(v.sEnd[s], from + MAX_CLAUSE_TOKENS);
    if (from >= e) continue;
    // `Германия: клубы закрыты`, `Лондон: В понедельник …` — a place before a colon is a topic or a
    // dateline; it speaks only in the first person (`Польша: мы будем блокировать …`)
    if (men.type !== 'PER' && men.type !== 'ORG') {
      let first = false;
      for (let t = from; t < e && !first; t++) if (lex.firstPersonPlural.has(w[t].norm)) first = true;
      if (!first) continue;
    }
    // a statement, not a list (`Участники: Россия, Китай`): a verb, a short adjective (`готов`) or a quotation
    let pred = false;
    for (let t = from; t < e && !pred; t++) {
      const x = w[t];
      if (x.pos === 'VERB' || x.pos === 'AUX' || x.tags?.Variant === 'Short' || (!x.word && QUOTE_CHARS.has(x.text))) pred = true;
      // `Україна готова до переговорів`: a subject and a predicate adjective
      else if (x.pos === 'ADJ' && t > from && (w[t - 1].pos === 'PROPN' || w[t - 1].pos === 'NOUN') && (w[t + 1]?.pos === 'ADP' || w[t + 1]?.pos === 'PART')) pred = true;
    }
    if (!pred) continue;
    const subj: Subj = { k: 'entity', ent: men.entity, start: men.start, end: men.end, t0: men.t0 };
    let a = w[from].start;
    const b = clauseEnd(x, from, s);
    while (a < b && /\s/.test(text[a])) a++;
    if (b <= a || countWords(text.slice(a, b)) < 3) continue;
    const within = pairsWithin(x, a - 1, b + 1);
    if (within.length === 1 && within[0].open <= a && within[0].close >= b - 1) {
      const p = within[0];
      if (usedPair.has(p)) continue;
      usedPair.add(p);
      cands.push({ start: p.start, end: p.end, kind: 'direct', cueIdx: -1, subj, mode: 'cue', order: w[a0].start, pair: p, rule: 'quote.direct.headline' });
      continue;
    }
    if (cands.some((c) => c.start < b && a < c.end)) continue;
    within.forEach((p) => usedPair.add(p));
    cands.push({ start: a, end: b, kind: within.length && isSpeechFragment(text, within, b - a) ? 'mixed' : 'indirect', cueIdx: -1, subj, mode: 'cue', order: w[a0].start, rule: 'quote.indirect.headline' });
  }
}


function freeStandingPass(x: X): void {
  const { text, top, cands, usedPair } = x;
  // ---------- free-standing quotes: the split half (`"A", — сказал он. "B"`) and paragraphs of quotation
  const spans = cands.map((c) => [c.start, c.end] as [number, number]).sort((x, y) => x[0] - y[0]);
  const maxEnd: number[] = [];
  spans.forEach((sp, k) => maxEnd.push(Math.max(sp[1], k ? maxEnd[k - 1] : -1)));
  const covered = (a: number, b: number): boolean => {
    // some candidate starting at or before `a` reaches `b`
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid][0] <= a) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && maxEnd[lo - 1] >= b;
  };
  for (const p of top) {
    if (usedPair.has(p)) continue;
    if (covered(p.open, p.close)) continue;
    const inner = text.slice(p.start, p.end);
    // (a short one is kept right after the credited quotation whose sentence it continues: `“…,” Kremlin spokesman
    // Dmitry Peskov told reporters. “This is pure fiction.”`; elsewhere a short phrase in marks is a title or a term)
    if (countWords(inner) < MIN_FREE_QUOTE_WORDS && !(countWords(inner) >= 2 && /[.!?…]\s*$/.test(inner) && splitHalf(x, p))) continue;
    if (!/^[\p{Lu}\d[(…]/u.test(inner.trimStart()) && !/^\.\.\./.test(inner.trimStart())) continue;
    // sentence-initial: paragraph start or after a sentence end
    let b = p.open - 1;
    while (b >= 0 && /[ \t\u00a0]/.test(text[b])) b--;
    if (b >= 0 && !/[\n.!?…:]/.test(text[b])) continue;
    // `"…", - йдеться у заяві`: a dash after the quote introduces a cue the lexicon does not hold — no guess
    const after = text.slice(p.close + 1, p.close + 5);
    const mode = /^[,.]?\s*[—–-]/.test(after) ? 'unknown' : 'continuation';
    cands.push({ start: p.start, end: p.end, kind: 'direct', cueIdx: -1, subj: null, mode, order: p.start, pair: p, rule: 'quote.direct.free-standing' });
    usedPair.add(p);
  }
}


/** a direct quotation credited by a cue after it ends the sentence right before pair `p`, in the same paragraph */
function splitHalf(x: X, p: QPair): boolean {
  const { w, text, cands } = x;
  for (let k = cands.length - 1; k >= 0; k--) {
    const c = cands[k];
    if (c.kind !== 'direct' || c.cueIdx < 0 || !c.pair || c.pair.close > p.open || w[c.cueIdx].start < c.pair.close) continue;
    const gap = text.slice(w[c.cueIdx].end, p.open);
    if (gap.length <= 120 && !/[\n«»"“”„]/.test(gap) && /[.!?]\s*$/.test(gap)) return true;
  }
  return false;
}

function speakers(x: X): { quotes: Quote[]; attributions: Attribution[] } {
  const { v, w, lex, svc, text, top, cands, atts } = x;
  // ---------- speakers, in text order
  cands.sort((a, b) => a.order - b.order || a.start - b.start);
  const res = new Resolver(v, lex, svc, top);
  const quotes: Quote[] = [];
  for (const c of cands) {
    let r = res.resolve(c.subj, c.cueIdx, c.mode, c.start, c.end, c.pair);
    // `Об этом информирует Derbyshire Live`, `…, передає N-TV`: a body doing what outlets do
    if (r.id && !r.outlet && c.cueIdx >= 0 && lex.outletVerbs.has(w[c.cueIdx].lemma) && c.subj?.k === 'entity' && !c.subj.body && c.subj.ent.type !== 'PER') r = { id: null, outlet: r.id };
    // an outlet named by a name no list holds (`издание «444» сообщило`): its passage, nobody's quote
    if (r.by === 'media') continue;
    if (r.outlet) {
      // an outlet as the speaker: a credited passage, not a quote
      atts.push({ start: c.start, end: c.end, source: r.outlet, cue: c.cue });
      continue;
    }
    // `…, повідомляє УНН`, `…, пише <an outlet nobody recognised>`: what only outlets do, credited to nobody
    // the article names as a speaker, is the outlet's passage, not a quote
    if (!r.id && r.by !== 'unnamed' && c.cueIdx >= 0 && c.kind !== 'direct') {
      const cw = w[c.cueIdx];
      if (lex.outletVerbs.has(cw.lemma) || (lex.presentCredit.has(cw.lemma) && cw.tags?.Tense !== 'Past' && cw.tags?.VerbForm === 'Fin' && cw.tags?.Number !== 'Plur' && c.rule !== 'quote.indirect.that-clause')) continue;
    }
    // `источники Reuters`, `Джерела Reuters`: the outlet is credited with the passage too
    if (r.by === 'unnamed' && r.via) atts.push({ start: c.start, end: c.end, source: r.via, cue: c.cue });
    const q: Quote = { start: c.start, end: c.end, text: text.slice(c.start, c.end), kind: c.kind, speaker: r.id, speakerBy: r.by };
    // the pattern, the cue word of the lexicon, how the speaker was found
    q.rules = [c.rule];
    if (c.cue) q.rules.push(`${lex.lang}.cue.${c.cue.lemma.replace(/ /g, '_')}`);
    if (r.by) q.rules.push(`speaker.${r.by}`);
    if (c.subjRule && r.id) q.rules.push(c.subjRule);
    if (c.cue) q.cue = c.cue;
    if (c.via) q.via = c.via.id;
    else if (r.via) q.via = r.via;
    if (c.subj) q.speakerSpan = { start: c.subj.start, end: c.subj.end };
    quotes.push(q);
    res.record(q, c.cueIdx);
  }
  // quotes relayed inside a credited passage carry the outlet
  if (atts.length) {
    const sorted = [...atts].sort((x, y) => x.start - y.start);
    for (const q of quotes) {
      if (q.via) continue;
      for (const a of sorted) {
        if (a.start > q.start) break;
        if (a.end >= q.end) {
          q.via = a.source;
          break;
        }
      }
    }
  }
  const perIds = new Set(v.mentions.filter((m) => m.type === 'PER').map((m) => m.entity.id));
  const kept = quotes.filter((q) => !isFurniture(text, q.start, lex));
  return { quotes: dedupe(kept, perIds, text), attributions: dedupeAtt(atts) };
}

/** end (char) of the reported clause starting at token `from` in sentence `s`, without final punctuation */
function clauseEnd(x: X, from: number, s: number): number {
  const { v, w, top, insidePair } = x;
  // a run-on "sentence" (no punctuation in a huge input) is cut: a reported clause is never that long
  let endTok = Math.min(v.sEnd[s], from + MAX_CLAUSE_TOKENS);
  // a quote opened inside the clause that closes after the sentence end carries it on
  for (let t = from; t < endTok; t++) {
    const k = insidePair[t];
    if (k >= 0 && top[k].open >= w[from].start && top[k].close >= w[endTok - 1].end) {
      const ct = tokenAt(w, top[k].close);
      if (ct >= 0) endTok = Math.min(Math.max(endTok, v.sEnd[w[ct].sent]), from + 2 * MAX_CLAUSE_TOKENS);
    }
  }
  let e = endTok - 1;
  while (e > from && !w[e].word && (SENT_PUNCT.has(w[e].text) || w[e].text === ',' || w[e].text === ':' || DASHES.has(w[e].text))) e--;
  // a closing mark after final punctuation: `…"`, then the period
  return w[e].end;
}

// top-level pairs do not overlap and are sorted by position: binary search
function pairsWithin(x: X, a: number, b: number): QPair[] {
  const { top } = x;
  let lo = 0;
  let hi = top.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (top[mid].open < a) lo = mid + 1;
    else hi = mid;
  }
  const out: QPair[] = [];
  for (let k = lo; k < top.length && top[k].open < b; k++) if (top[k].close < b) out.push(top[k]);
  return out;
}

// ---- helpers that close over the document
/** the cue's sentence credits and ends: a comma or the sentence's end within four words after it (`Trump said on Monday.`) */
function creditOnly(x: X, cue: number): boolean {
  const { w } = x;
  for (let t = cue + 1, n = 0; t < w.length && n <= 4; t++) {
    if (w[t].para !== w[cue].para || w[t].sent !== w[cue].sent) return true;
    if (!w[t].word) {
      if (w[t].text === ',' || SENT_PUNCT.has(w[t].text)) return true;
      continue;
    }
    n++;
  }
  return false;
}
/** `"A, — підсумував він. — B"`, `«A, – сказал Песков, – B»`: a dash, a cue and its subject, then a dash, inside one pair */
function interruption(x: X, p: QPair): { cue: number; subj: Subj | null; a: QPair; b: QPair } | null {
  const { v, w, lex, text, cueAt } = x;
  const t0 = tokenAt(w, p.start);
  if (t0 < 0) return null;
  for (let t = t0 + 1; t < w.length && w[t].start < p.end; t++) {
    if (!DASHES.has(w[t].text) || w[t].word) continue;
    const prev = w[t - 1];
    if (!prev || prev.word || !(prev.text === ',' || SENT_PUNCT.has(prev.text))) continue;
    // the cue within four words after the dash, then `.`/`,` and a second dash
    let cue = -1;
    for (let u = t + 1, n = 0; u < w.length && w[u].start < p.end && n < 4; u++) {
      if (!w[u].word) break;
      if (cueAt[u]) {
        cue = u;
        break;
      }
      n++;
    }
    if (cue < 0) continue;
    let dash2 = -1;
    for (let u = cue + 1, n = 0; u < w.length && w[u].start < p.end && n < 5; u++) {
      if (w[u].word) {
        n++;
        continue;
      }
      if ((w[u].text === ',' || w[u].text === '.') && w[u + 1] && DASHES.has(w[u + 1].text) && w[u + 1].start < p.end) dash2 = u + 1;
      break;
    }
    if (dash2 < 0) return null;
    let aEnd = prev.text === ',' ? prev.start : prev.end;
    while (aEnd > p.start && /\s/.test(text[aEnd - 1])) aEnd--;
    let bStart = w[dash2].end;
    while (bStart < p.end && /\s/.test(text[bStart])) bStart++;
    if (countWords(text.slice(p.start, aEnd)) < 2 || countWords(text.slice(bStart, p.end)) < 2) return null;
    // (`— приводит его слова газета. —`: a verb of quoting, whose object speaks)
    const subj = lex.quoteVerbs.has(w[cue].lemma)
      ? quotedObject(v, cue, lex, x.svc).subj
      : (findSubject(v, cue, lex, 1, { maxTokens: dash2 - cue }) ?? (cue > t + 1 ? findSubject(v, cue, lex, -1, { maxTokens: cue - t - 1 }) : null));
    const a: QPair = { open: p.open, close: aEnd, start: p.start, end: aEnd, depth: p.depth, parent: p.parent };
    const b: QPair = { open: bStart - 1, close: p.close, start: bStart, end: p.end, depth: p.depth, parent: p.parent };
    return { cue, subj, a, b };
  }
  return null;
}

/** the end (char) of a clause without a credit that closes it (`, RIA reported`, `, — сообщает ТАСС`), or `b` */
function trailingCredit(x: X, from: number, b: number): number {
  const { v, w, lex, cueAt, insidePair } = x;
  let last = -1;
  for (let t = from + 1; t < w.length && w[t].start < b; t++) if (!w[t].word && w[t].text === ',' && insidePair[t] < 0) last = t;
  if (last < 0) return b;
  let words = 0;
  let cue = -1;
  for (let t = last + 1; t < w.length && w[t].start < b; t++) {
    if (!w[t].word) {
      if (DASHES.has(w[t].text) && t === last + 1) continue;
      return b;
    }
    if (lex.comp.has(w[t].norm)) return b;
    if (cueAt[t] && cue < 0) cue = t;
    // (a verb after the cue starts a clause; before it the tagger may have misread a noun: `state news agency`)
    else if ((w[t].pos === 'VERB' || w[t].pos === 'AUX') && !cueAt[t] && cue >= 0) return b;
    if (++words > 8) return b;
  }
  // the credit names who (a name, a role, an outlet) around the cue
  if (cue < 0 || words < 2) return b;
  let named = false;
  for (let t = last + 1; t < w.length && w[t].start < b; t++) if (v.mentionAt[t] >= 0 || lex.media.has(w[t].lemma) || lex.roles.has(w[t].lemma)) named = true;
  return named ? w[last - 1].end : b;
}

/**
 * Where a reported clause (tokens from `from`, chars up to `b`) stops because the speaker's own next
 * predicate begins: `заявил, что очень недоволен …, и дал Путину 50 дней` (the subject's act, agreeing with
 * the cue), `повідомили, що сторона відклала …, і зазначили, що …` (a second cue sharing the subject; its
 * clause is found from that cue), or `said that A, and that B` (B returned as `next`, a clause of the same cue).
 */
function secondPredicate(x: X, from: number, b: number, c: number): { end: number; next: number } | null {
  const { v, w, lex, cueAt, insidePair } = x;
  const cueT = w[c].tags ?? {};
  const ownVerbs: W[] = [];
  for (let t = from + 1; t < w.length && w[t].start < b; t++) {
    const x = w[t];
    if (insidePair[t] >= 0) continue;
    if (x.word && (x.pos === 'VERB' || x.pos === 'AUX') && x.tags?.VerbForm === 'Fin') ownVerbs.push(x);
    // `told reporters that A and added that B`: English coordinates a second cue without a comma; a cue opening its own
    // `that` clause after `and` ends the first clause
    // (`… and said it was …`: a clause without `that` as English reports it, see englishZeroThat)
    if (lex.lang === 'en' && x.word && lex.coord.has(x.norm) && cueAt[t + 1] && w[t + 2] && w[t + 2].start < b && t > from + 1) {
      if (w[t + 2].norm === 'that' || (!lex.thatOnly.has(w[t + 1].lemma) && englishZeroThat(v, t + 1, v.sEnd[w[t].sent], lex, insidePair) >= 0)) return { end: w[t - 1].end, next: -1 };
    }
    if (x.word || x.text !== ',') continue;
    // `, и`, `, і`, `, а также`, `, and`
    let u = t + 1;
    if (!w[u] || !w[u].word || !lex.coord.has(w[u].norm)) continue;
    u++;
    if (w[u] && w[u].word && lex.coord.has(w[u].norm)) u++; // `а также`
    const y = w[u];
    if (!y || !y.word) continue;
    if (lex.comp.has(y.norm) && lex.lang === 'en' && y.norm === 'that' && u + 1 < w.length && w[u + 1].start < b) return { end: w[t - 1].end, next: u + 1 };
    if (!(y.pos === 'VERB' || y.pos === 'AUX') || y.tags?.VerbForm !== 'Fin') continue;
    const yt = y.tags ?? {};
    const agreesCue = (yt.Tense ?? '') === (cueT.Tense ?? '') && (yt.Number ?? '') === (cueT.Number ?? '') && (!yt.Gender || !cueT.Gender || yt.Gender === cueT.Gender);
    if (!agreesCue) continue;
    if (lex.lang === 'en') {
      if (cueAt[u]) return { end: w[t - 1].end, next: -1 };
      continue;
    }
    // a second cue (`и отметил, что`), or a predicate no verb of the clause agrees with (so it is the speaker's)
    const clauseAgrees = ownVerbs.some((o) => (o.tags?.Number ?? '') === (yt.Number ?? '') && (!o.tags?.Gender || !yt.Gender || o.tags.Gender === yt.Gender));
    if (cueAt[u] || !clauseAgrees) return { end: w[t - 1].end, next: -1 };
  }
  return null;
}

/**
 * `он назвал отношения «образцовыми» и заявил, что …`, `X embraced him, greeted him as his "friend" and said …`: a cue
 * after a coordinator shares the subject of the finite verb before it (agreeing in number and gender), which a quotation
 * between them hides from the subject search.
 */
function sharedSubject(x: X, c: number): Subj | null {
  const { v, w, lex, insidePair } = x;
  const p = w[c - 1];
  if (!p || !p.word || !lex.coord.has(p.norm)) return null;
  const ct = w[c].tags ?? {};
  const st = v.sStart[w[c].sent];
  for (let t = c - 2; t >= st && c - t <= 40; t--) {
    if (insidePair[t] >= 0) continue;
    const x = w[t];
    if (!x.word || !((x.pos === 'VERB' || x.pos === 'AUX') && x.tags?.VerbForm === 'Fin')) continue;
    const xt = x.tags ?? {};
    if ((xt.Number ?? '') !== (ct.Number ?? '') || (xt.Gender && ct.Gender && xt.Gender !== ct.Gender)) return null;
    return findSubject(v, t, lex, -1);
  }
  return null;
}

/**
 * `Орбан сообщил, что Европе нужен мир, и добавил, что …`, `Orban told reporters that … and added that …`: a cue right
 * after a coordinator has no subject of its own; it shares the subject of the cue before it in the sentence (agreeing in
 * number and gender), not the nearest name, which stands in the first cue's reported clause (`speaker.coordinated` in the
 * quote's rules).
 */
function coordinatedSubject(x: X, c: number): Subj | null {
  const { v, w, lex, cueAt, insidePair } = x;
  let k = c - 1;
  if (!w[k] || !w[k].word || !lex.coord.has(w[k].norm)) return null;
  if (w[k - 1] && w[k - 1].word && lex.coord.has(w[k - 1].norm)) k--; // `а также`
  const ct = w[c].tags ?? {};
  const st = v.sStart[w[c].sent];
  for (let t = k - 1; t >= st && c - t <= 60; t--) {
    if (!cueAt[t] || insidePair[t] >= 0) continue;
    const xt = w[t].tags ?? {};
    if ((xt.Number ?? '') !== (ct.Number ?? '') || (xt.Gender && ct.Gender && xt.Gender !== ct.Gender)) return null;
    const s = findSubject(v, t, lex, -1);
    return s && s.k !== 'other' ? s : null;
  }
  return null;
}

/**
 * `X emphasized his country's readiness to work with Ethiopia's leadership and people, noting that …`, `Лавров провёл
 * переговоры, отметив, что …`: a participle cue after a comma has the subject of the finite verb before it, never a noun
 * of that verb's object (`speaker.participle` in the quote's rules).
 */
function participleSubject(x: X, c: number): Subj | null {
  const { v, w, lex, insidePair } = x;
  const cw = w[c];
  if (!w[c - 1] || w[c - 1].text !== ',') return null;
  const part = lex.lang === 'en' ? cw.pos === 'VERB' && /ing$/.test(cw.norm) : cw.tags?.VerbForm === 'Conv';
  if (!part) return null;
  const st = v.sStart[cw.sent];
  for (let u = c - 2; u >= st && c - u <= 40; u--) {
    const y = w[u];
    if (insidePair[u] >= 0 || !y.word) continue;
    if (lex.comp.has(y.norm) || lex.relatives.has(y.lemma)) return null;
    if (!((y.pos === 'VERB' || y.pos === 'AUX') && y.tags?.VerbForm === 'Fin')) continue;
    const s = findSubject(v, u, lex, -1);
    return s && (s.k === 'entity' || s.k === 'pronoun' || s.k === 'role' || s.k === 'institution') ? s : null;
  }
  return null;
}

/**
 * `Эрдоган провёл разговор с премьером Эфиопии, в ходе которого заверил, что …`, `Фідан провів переговори, під час яких
 * наголосив, що …`: a cue right after a relative word governed by a preposition has no subject of its own; the relative
 * clause goes on with the main clause's subject, the subject of the finite verb before the comma that agrees with the cue
 * (`speaker.relative-main` in the quote's rules).
 */
function relativeMainSubject(x: X, c: number): Subj | null {
  const { v, w, lex, insidePair } = x;
  let r = c - 1;
  while (r > 0 && c - r <= 2 && w[r].word && w[r].pos === 'ADV') r--;
  const rw = w[r];
  if (!rw || !rw.word || !lex.relatives.has(rw.lemma) || (rw.tags?.Case ?? 'Nom') === 'Nom') return null;
  // the preposition (`в ходе`, `во время`, `під час`, `после`) between the comma and the relative word
  let t = r - 1;
  let adp = false;
  while (t > 0 && r - t <= 3 && w[t].word) {
    if (w[t].pos === 'ADP' || lex.preps.has(w[t].norm)) adp = true;
    t--;
  }
  if (!adp || !w[t] || w[t].text !== ',') return null;
  const ct = w[c].tags ?? {};
  const st = v.sStart[w[c].sent];
  for (let u = t - 1; u >= st && c - u <= 60; u--) {
    const y = w[u];
    if (insidePair[u] >= 0 || !y.word || !((y.pos === 'VERB' || y.pos === 'AUX') && y.tags?.VerbForm === 'Fin')) continue;
    const yt = y.tags ?? {};
    if ((yt.Number ?? '') !== (ct.Number ?? '') || (yt.Gender && ct.Gender && yt.Gender !== ct.Gender)) return null;
    const s = findSubject(v, u, lex, -1);
    return s && s.k !== 'other' ? s : null;
  }
  return null;
}

/** the sentence [a, b) (tokens) has the speaker `subj` (or, for a pronoun or role, a person or the role's body) as a subject */
function actOfSpeaker(x: X, a: number, b: number, subj: Subj | null): boolean {
  const { v, w, lex, insidePair } = x;
  if (!subj) return false;
  for (let t = a; t < b; t++) {
    if (insidePair[t] >= 0) continue;
    const k = v.mentionAt[t];
    if (k >= 0) {
      const men = v.mentions[k];
      if (men.t0 === t) {
        if (subj.k === 'entity' || subj.k === 'institution') {
          if (men.entity.id === subj.ent.id) return true;
        } else if (subj.k === 'role') {
          if (subj.of.includes(men.entity.id) && (w[t].tags?.Case ?? 'Nom') === 'Nom') return true;
          if (men.type === 'PER' && (w[t].tags?.Case ?? 'Nom') === 'Nom') return true;
        } else if (subj.k === 'pronoun' && men.type === 'PER' && (w[t].tags?.Case ?? 'Nom') === 'Nom') return true;
      }
      continue;
    }
    if (subj.k === 'pronoun' && w[t].word && lex.pronouns.get(w[t].norm) === subj.g && (w[t].tags?.Case ?? 'Nom') === 'Nom') return true;
  }
  return false;
}

/** the body a document belongs to when its phrase names none (see the document pass) */
const antecedentSets = new WeakMap<string[], Set<string>>();

/** the owner of the document a pronoun stands for (`В нём`): the subject before the last document noun (`antecedents`) in this or the two sentences before */
function antecedentOwner(x: X, m0: number, s: number, antecedents: string[]): Subj | null {
  const { v, w, lex, insidePair } = x;
  let set = antecedentSets.get(antecedents);
  if (!set) antecedentSets.set(antecedents, (set = new Set(antecedents)));
  const lo = v.sStart[Math.max(0, s - 2)] ?? 0;
  for (let t = m0 - 1; t >= lo; t--) {
    if (!w[t].word || insidePair[t] >= 0 || v.mentionAt[t] >= 0 || !set.has(w[t].lemma)) continue;
    const sj = findSubject(v, t, lex, -1);
    return sj && (sj.k === 'entity' || sj.k === 'institution') ? sj : null;
  }
  return null;
}

function documentOwner(x: X, m0: number, m1: number, s: number, from = s): Subj | null {
  const { v, w, insidePair, baseIsOutlet } = x;
  const body = (k: number): Subj | null => {
    const men = v.mentions[k];
    // (`на сайте Совета ЕС`: a site's owner is no outlet, whatever the noun before it)
    // (`з посиланням на TRT Haber`: a product or medium, PRO, reports; it issues no statement)
    if (men.type === 'PER' || men.type === 'LOC' || men.type === 'PRO' || insidePair[men.t0] >= 0 || baseIsOutlet(men.entity)) return null;
    return { k: 'entity', ent: men.entity, start: men.start, end: men.end, t0: men.t0 };
  };
  const e0 = v.sEnd[s] ?? w.length;
  for (let t = m1; t < e0 && t < m1 + 8; t++) {
    if (!w[t].word && SENT_PUNCT.has(w[t].text)) break;
    const k = v.mentionAt[t];
    if (k >= 0) {
      const b = body(k);
      if (b) return b;
      t = v.mentions[k].t1 - 1;
    }
  }
  const lo = v.sStart[Math.max(0, Math.min(s, from) - 2)] ?? 0;
  for (let t = m0 - 1; t >= lo; t--) {
    const k = v.mentionAt[t];
    if (k < 0) continue;
    const b = body(k);
    if (b) return b;
    t = v.mentions[k].t0;
  }
  return null;
}

function addClause(x: X, from: number, s: number, c: number, subj: Subj | null, mode: 'cue', rule: string) {
  const { w, text } = x;
  const a = w[from].start;
  let b = clauseEnd(x, from, s);
  if (b <= a) return;
  // `…, Russian state news agency RIA reported.`, `…, — сообщает ТАСС.`: a credit closing the sentence is not the speaker's
  b = Math.min(b, trailingCredit(x, from, b));
  // `речь идет о вторичных пошлинах (законопроект, который …, предлагает …)`: a parenthesis closing the clause is the writer's aside
  if (text[b - 1] === ')') {
    const o = text.lastIndexOf('(', b - 1);
    if (o > a && countWords(text.slice(a, o)) >= 3 && countWords(text.slice(o, b)) >= 3 && !text.slice(o + 1, b - 1).includes('(')) {
      let e = o;
      while (e > a && /\s/.test(text[e - 1])) e--;
      b = e;
    }
  }
  if (rule === 'quote.indirect.that-clause') {
    const cut = secondPredicate(x, from, b, c);
    if (cut) {
      b = cut.end;
      // `said that A, and that B`: B is a quote of its own, with the same cue and speaker
      if (cut.next >= 0) {
        const e = clauseEnd(x, cut.next, s);
        pushClause(x, w[cut.next].start, Math.min(e, trailingCredit(x, cut.next, e)), c, subj, 'quote.indirect.that-clause.coordinated', mode);
      }
    }
  }
  pushClause(x, a, b, c, subj, rule, mode);
}
function pushClause(x: X, a: number, b: number, c: number, subj: Subj | null, rule: string, mode: 'cue' = 'cue') {
  const { w, text, cands, usedPair } = x;
  // trim spaces and a leading dash
  while (a < b && /[\s—–\-,;:]/.test(text[a])) a++;
  while (b > a && /\s/.test(text[b - 1])) b--;
  if (countWords(text.slice(a, b)) < 2) return;
  const within = pairsWithin(x, a - 1, b + 1);
  // the clause is just a quote: direct
  if (within.length === 1 && within[0].open <= a && within[0].close >= b - 1) {
    const p = within[0];
    if (usedPair.has(p)) return;
    usedPair.add(p);
    cands.push({ start: p.start, end: p.end, kind: 'direct', cue: cueOf(w, c), cueIdx: c, subj, mode, order: w[c].start, pair: p, rule: rule.replace('quote.indirect.', 'quote.direct.') });
    return;
  }
  within.forEach((p) => usedPair.add(p));
  const kind: Quote['kind'] = within.length && isSpeechFragment(text, within, b - a) ? 'mixed' : 'indirect';
  cands.push({ start: a, end: b, kind, cue: cueOf(w, c), cueIdx: c, subj, mode, order: w[c].start, rule });
}

const WORD = /[\p{L}\p{N}]+/gu;

/** number of words in `s`, counting no further than `cap` (the callers only compare with small numbers) */
function countWords(s: string, cap = 8): number {
  WORD.lastIndex = 0;
  let n = 0;
  while (n < cap && WORD.exec(s)) n++;
  WORD.lastIndex = 0;
  return n;
}

/**
 * Whether a reported clause is mixed: the speaker's own quoted words (not names and titles such as
 * `«Роснефть»`, `"ТАСС"`: a fragment of three words or more, or starting lower-case) make up a
 * substantial part of it (a third of its characters or more). A clause with a word or two in
 * quotation marks (`«домовленості»`) stays indirect.
 */
function isSpeechFragment(text: string, ps: QPair[], clauseLen = 0): boolean {
  let quoted = 0;
  for (const p of ps) {
    const s = text.slice(p.start, p.end).trim();
    if (countWords(s) >= 3 || /^\p{Ll}/u.test(s)) quoted += p.end - p.start;
  }
  if (!quoted) return false;
  return !clauseLen || quoted * 3 >= clauseLen;
}

/** `слова` right after token `i`, or after a possessive (`приводит его слова`) */
function wordsNext(v: View, i: number, lex: Lexicon): boolean {
  const a = v.w[i + 1];
  if (!a || !a.word) return false;
  if (lex.wordsNouns.has(a.lemma) || lex.wordsNouns.has(a.norm)) return true;
  const b = v.w[i + 2];
  return lex.possessives.has(a.norm) && !!b && b.word && (lex.wordsNouns.has(b.lemma) || lex.wordsNouns.has(b.norm));
}

function isCue(v: View, lex: Lexicon, i: number): boolean {
  const t = v.w[i];
  if (!t.word || !lex.verbs.has(t.lemma)) return false;
  if (lex.exclude.has(t.norm)) return false;
  // `приводит (его) слова X`: a verb of citing is a cue only before `слова`
  if (lex.citeWords.has(t.lemma) && !wordsNext(v, i, lex)) return false;
  if (v.mentionAt[i] >= 0) return false;
  if (t.pos && t.pos !== 'VERB' && t.pos !== 'AUX' && t.pos !== 'ADJ') {
    // `The New York Times reports:` — a form the tagger read as a noun but that can be the verb
    const p = v.w[i - 1];
    const verbAlt = lex.lang === 'en' && t.pos === 'NOUN' && altsVerb(t) && p && !['the', 'a', 'an', 'this', 'that', 'his', 'her', 'its', 'their', 'new'].includes(p.norm) && p.pos !== 'ADJ' && p.pos !== 'DET';
    if (!verbAlt) return false;
  }
  const tg = t.tags;
  if (tg) {
    if (tg.VerbForm === 'Inf') return false;
    // (a converb introducing a clause is a cue: `…, отметив, что …`, `…, зазначивши, що …`; its subject is the main
    // clause's, see participleSubject)
    if (lex.lang !== 'en' && tg.VerbForm === 'Conv' && !(v.w[i + 1]?.text === ',' && v.w[i + 2] && lex.comp.has(v.w[i + 2].norm))) return false;
    if (lex.lang !== 'en' && tg.VerbForm === 'Part') return false;
    if (tg.Person === '1' || tg.Mood === 'Imp') return false;
    if (t.pos === 'ADJ' && tg.Variant !== 'Short' && lex.lang !== 'en') return false;
  }
  if (lex.lang === 'en') {
    const p = v.w[i - 1];
    if (p && p.norm === 'to') return false;
    // `knowing`, `speaking`: not reports; `, saying that` is
    if (t.norm.endsWith('ing') && (lex.notInverted.has(t.lemma) || lex.thatOnly.has(t.lemma) || (p && (p.pos === 'DET' || p.pos === 'ADP')))) return false;
    // `North Korean state media`: a bare present form after a singular name is a noun the tagger took for a verb
    // (a demonym before a noun: `Korean state media`; not a name, `Sanders and Clinton say the …`)
    if (t.norm === t.lemma && tg?.Tense === 'Pres' && p && p.word && (p.pos === 'ADJ' || (p.pos === 'PROPN' && /(an|ese|ish|ch|i)$/.test(p.norm))) && p.tags?.Number !== 'Plur' && v.w[i + 1]?.pos === 'NOUN' && !lex.pronouns.has(p.norm)) return false;
    // `a report claiming that …`: what a report says, not its subject's words
    if (t.norm.endsWith('ing') && p && lex.hearsay.has(p.norm)) return false;
    if (t.pos === 'ADJ' || t.pos === 'NOUN') return false;
    const part = lex.particle.get(t.lemma);
    if (part) {
      const n = v.w[i + 1];
      if (!n || !part.has(n.norm)) return false;
    }
  }
  return true;
}

/**
 * The first phrase of `list` (a phrase list of the lexicon) that matches at token `i`, as
 * `list.find((ph) => matchPhrase(v, i, ph))` but only trying the phrases whose first word is the token's lemma or form.
 */
function findPhrase(v: View, i: number, lex: Lexicon, list: string[][]): string[] | undefined {
  const t = v.w[i];
  if (!t || !t.word) return list.find((ph) => ph.length === 0);
  const idx = lex.phraseIndex.get(list);
  if (!idx) return list.find((ph) => matchPhrase(v, i, ph));
  const a = idx.get(t.lemma);
  const b = t.norm !== t.lemma ? idx.get(t.norm) : undefined;
  const empty = idx.get('');
  if (!a && !b && !empty) return undefined;
  const ks = a && !b && !empty ? a : [...(a ?? []), ...(b ?? []), ...(empty ?? [])].sort((x, y) => x - y);
  for (const k of ks) if (matchPhrase(v, i, list[k])) return list[k];
  return undefined;
}

/** the two-word `according` phrase with a possessive between its words at `i` (`по его словам`), if any */
function possessiveGap(v: View, i: number, lex: Lexicon): string[] | undefined {
  for (const ph of lex.according) if (ph.length === 2 && matchPhrase(v, i, [ph[0]]) && matchPhrase(v, i + 2, [ph[1]])) return ph;
  return undefined;
}

export function matchPhrase(v: View, i: number, ph: string[]): boolean {
  for (let k = 0; k < ph.length; k++) {
    const t = v.w[i + k];
    if (!t || !t.word) return false;
    if (t.lemma !== ph[k] && t.norm !== ph[k]) return false;
  }
  return true;
}

function anaphoricBefore(v: View, c: number, lex: Lexicon): number {
  // (`Об этом, по его словам, заявил …`: a comma between the phrase and the cue only when the phrase opens the
  // sentence; `Я чётко заявил об этом Майку Помпео, сказал он`: the phrase is the object of the clause's own verb)
  let comma = false;
  for (let t = c - 1; t >= 0 && t >= c - 10 && v.w[t].sent === v.w[c].sent; t--) {
    if (findPhrase(v, t, lex, lex.anaphoric)) return comma && t > v.sStart[v.w[c].sent] ? -1 : t;
    if (!v.w[t].word && v.w[t].text !== ',') break;
    if (!v.w[t].word) comma = true;
  }
  return -1;
}

/** After an inverted cue only its subject (and adverbials) follow: `, — сказал Рютте.`, `, said Mr. X.` */
function restIsSubjectOnly(v: View, c: number, sEnd: number, lex: Lexicon, subjectBefore = false): boolean {
  let words = 0;
  for (let t = c + 1; t < sEnd && t < c + 40; t++) {
    const tk = v.w[t];
    if (!tk.word) {
      if (SENT_PUNCT.has(tk.text)) break;
      if (tk.text === ',') break;
      continue;
    }
    if (lex.comp.has(tk.norm)) return false;
    // `…, says the actions wouldn’t have prevented …`: a verb of its own makes the rest a clause
    if (lex.lang === 'en' && (tk.pos === 'VERB' || tk.pos === 'AUX') && words > 0) return false;
    words++;
  }
  // `X, at a later press gaggle, said, “…”`: nothing after the cue and no subject before it — not inverted
  if (!words && !subjectBefore) return false;
  return words <= 12;
}

/** English `said the talks…`, `told reporters he…`: a clause right after the verb without `that`. */
function englishZeroThat(v: View, c: number, sEnd: number, lex: Lexicon, insidePair: Int32Array): number {
  let t = c + 1;
  // `,” said O'Neill, on …`: an inverted cue is followed by its subject, not a clause
  const prev = v.w[c - 1];
  const inverted = !prev || (!prev.word && (prev.text === ',' || QUOTE_CHARS.has(prev.text) || prev.text === '”'));
  // `said Monday that`, `said on Tuesday that`, `said again that`
  while (t < sEnd && t < c + 4 && v.w[t].word && (lex.timeAdjuncts.has(v.w[t].norm) || /^(on|repeatedly|publicly|privately)$/.test(v.w[t].norm))) t++;
  if (v.w[t] && v.w[t].norm === 'that') return t;
  // `said in the letter that`, `said via email that`, `said during a Friday evening rally in Michigan
  // that`, `says on its website that`: prepositional phrases (no verb, no punctuation) before `that`
  if (v.w[t] && !(v.w[t].pos === 'ADP' || lex.preps.has(v.w[t].norm))) t = c + 1;
  if (v.w[t] && (v.w[t].pos === 'ADP' || lex.preps.has(v.w[t].norm)) && v.w[t].norm !== 'that') {
    for (let u = t + 1; u < sEnd && u <= t + 10; u++) {
      const x = v.w[u];
      if (x.norm === 'that' && x.word) return u;
      if (!x.word || x.pos === 'VERB' || x.pos === 'AUX') break;
    }
  }
  t = c + 1;
  void insidePair;
  // `said on Monday Russia was …`, `said in a statement the talks …`: a time or a channel, then the clause
  const skipAdjuncts = () => {
    for (let guard = 0; guard < 3 && t < sEnd && v.w[t].word; guard++) {
      const n0 = v.w[t].norm;
      if (lex.timeAdjuncts.has(n0)) t++;
      else if (n0 === 'on' && v.w[t + 1] && lex.timeAdjuncts.has(v.w[t + 1].norm)) t += 2;
      else if (n0 === 'in' && v.w[t + 1] && v.mentionAt[t + 1] >= 0) t = v.mentions[v.mentionAt[t + 1]].t1;
      else if (n0 === 'in' && v.w[t + 1] && /^(an|a|the|his|her|their)$/.test(v.w[t + 1].norm)) {
        // modifiers, then the noun that heads the phrase (`in a televised address`, `in a CNN interview`)
        let u = t + 2;
        while (u < sEnd && u < t + 5 && v.w[u].word && (v.w[u].pos === 'ADJ' || v.w[u].pos === 'PROPN')) u++;
        if (!(u < sEnd && v.w[u].word && v.w[u].pos === 'NOUN')) break;
        t = u + 1;
      } else break;
    }
  };
  if (v.w[c].lemma !== 'tell' && !inverted) skipAdjuncts();
  if (v.w[c].lemma === 'tell') {
    // the indirect object: a pronoun or audience noun (`told reporters`), a name (`told Reuters`,
    // `told the BBC`), or a determiner and its noun (`told the newspaper`, `told a news conference`)
    const x = v.w[t];
    if (x && x.word) {
      if (v.mentionAt[t] >= 0) t = v.mentions[v.mentionAt[t]].t1;
      else if (lex.tellObjects.has(x.norm)) t++;
      else if (/^(the|a|an|his|her|their|its)$/.test(x.norm)) {
        let u = t + 1;
        while (u < sEnd && u < t + 5 && v.w[u].word && (v.w[u].pos === 'ADJ' || v.w[u].pos === 'NOUN' || v.w[u].pos === 'PROPN' || v.w[u].upper)) u++;
        if (u > t + 1) t = u;
      }
      // `told reporters on Monday`, `told CNN in an interview`, `told a news conference in Kyiv`
      skipAdjuncts();
    }
  }
  if (t >= sEnd) return -1;
  const tk = v.w[t];
  if (!tk.word) return -1;
  if (lex.comp.has(tk.norm)) return t;
  // `denied reports that …`, `dismissed claims that …`: the clause says what the reports said
  if (lex.hearsay.has(tk.norm) || (v.w[t + 1] && lex.hearsay.has(v.w[t + 1].norm) && /^(the|a|an|these|those|such|media|press|news)$/.test(tk.norm))) return -1;
  const subjStart = ['he', 'she', 'they', 'we', 'i', 'it', 'there', 'the', 'a', 'an', 'his', 'her', 'their', 'this', 'that', 'those', 'these', 'no', 'nobody', 'everyone', 'many', 'some', 'most'];
  // `he'll`, `they're`, `it's`: a pronoun with a clitic auxiliary
  const bare = tk.norm.replace(/['’](ll|s|d|re|ve|m)$/, '');
  const clauseStart = tk.pos === 'PROPN' || tk.pos === 'NOUN' || tk.pos === 'ADJ' || tk.pos === 'NUM' || tk.pos === 'DET';
  if (subjStart.includes(bare) || clauseStart || (tk.upper && tk.pos !== 'ADP' && tk.pos !== 'ADV')) {
    // not `said in`, `said on`, `said Tuesday`
    if (/^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|in|on|at)$/.test(tk.norm)) return -1;
    if (bare !== tk.norm && subjStart.includes(bare)) return t;
    // a clause has a verb of its own (`shows the explosion` is an object, not a report). After a comma
    // (`Chris Cox, who runs the NRA’s lobbying arm, says the actions wouldn’t …`) the verb must come before
    // the next comma: `…, said John Smith, who heads the agency` is an inverted cue and its subject
    for (let u = t + 1; u < sEnd && u < t + 15; u++) {
      if (inverted && !v.w[u].word && (v.w[u].text === ',' || SENT_PUNCT.has(v.w[u].text))) return -1;
      // (not an infinitive, a gerund or a participle before its noun: `announced her plan to support …, bringing needed
      // attention`, `confirmed Guterres’s attendance, with a spokesperson telling …` are objects, not clauses; a past form
      // the tagger read as a participle after a noun or pronoun still counts: `said Russia attacked …`)
      const x = v.w[u];
      if (x.pos === 'VERB' || x.pos === 'AUX') {
        const vf = x.tags?.VerbForm;
        if (vf !== 'Inf' && vf !== 'Ger' && (vf !== 'Part' || ['NOUN', 'PROPN', 'PRON'].includes(v.w[u - 1].pos ?? ''))) return t;
      }
    }
    return -1;
  }
  return -1;
}

/** The source named after a phrase (`По словам главы МИД Лавров`, `По его мнению`, `according to the Post`). */
function sourceIn(v: View, a: number, b: number, lex: Lexicon): Subj | null {
  for (let t = a; t < b; t++) {
    const tk = v.w[t];
    if (!tk.word) continue;
    const m = v.mentionAt[t];
    if (m >= 0) {
      const men = v.mentions[m];
      // a role noun before the name: `словам главы МИД Сергея Лаврова` -> the PER if any
      for (let u = men.t1; u < b; u++) {
        const mm = v.mentionAt[u];
        if (mm >= 0 && v.mentions[mm].type === 'PER' && men.type !== 'PER') {
          const p = v.mentions[mm];
          return { k: 'entity', ent: p.entity, start: p.start, end: p.end, t0: p.t0 };
        }
      }
      return { k: 'entity', ent: men.entity, start: men.start, end: men.end, t0: men.t0 };
    }
    const g = lex.possessives.get(tk.norm);
    if (g) return { k: 'pronoun', g, start: tk.start, end: tk.end, t0: t };
    // `according to officials`, `according to police`: a source the text does not name
    if (lex.unnamed.has(tk.lemma) || (lex.lang === 'en' && lex.institutions.has(tk.norm))) {
      let via: Entity | null = null;
      for (let u = t + 1; u < b; u++) if (v.mentionAt[u] >= 0) via = v.mentions[v.mentionAt[u]].entity;
      return { k: 'unnamed', via, start: tk.start, end: tk.end, t0: t };
    }
    if (lex.media.has(tk.lemma)) {
      for (let u = t + 1; u < b; u++)
        if (v.mentionAt[u] >= 0) {
          const men = v.mentions[v.mentionAt[u]];
          return { k: 'entity', ent: men.entity, start: men.start, end: men.end, t0: men.t0 };
        }
      return { k: 'media', start: tk.start, end: tk.end, t0: t };
    }
    if (lex.roles.has(tk.lemma)) {
      for (let u = t + 1; u < b; u++) {
        const mm = v.mentionAt[u];
        if (mm >= 0 && v.mentions[mm].type === 'PER') {
          const p = v.mentions[mm];
          return { k: 'entity', ent: p.entity, start: p.start, end: p.end, t0: p.t0 };
        }
      }
      const of: string[] = [];
      for (let u = t + 1; u < b; u++) if (v.mentionAt[u] >= 0) of.push(v.mentions[v.mentionAt[u]].entity.id);
      const adjs: string[] = [];
      for (let u = a; u < t; u++) if (v.w[u].word) adjs.push(v.w[u].lemma);
      return { k: 'role', head: tk.lemma, phrase: tk.lemma, of, adjs, start: tk.start, end: v.w[b - 1].end, t0: t };
    }
  }
  return null;
}

/** `цитирует издание Макрона` / `цитирует Пескова РИА Новости`: the person quoted and the outlet. */
function quotedObject(v: View, cue: number, lex: Lexicon, svc: ExtractServices): { subj: Subj | null; via: Entity | null } {
  let subj: Subj | null = null;
  let via: Entity | null = null;
  let mediaNoun = false;
  for (let t = cue + 1; t < v.w.length && t <= cue + 8; t++) {
    const tk = v.w[t];
    if (!tk.word) {
      if (tk.text === ',' || SENT_PUNCT.has(tk.text)) break;
      continue;
    }
    if (lex.media.has(tk.lemma)) mediaNoun = true;
    // `цитує слова міністра представник МЗС КНР`: the words are the minister's (a role the resolver finds), whoever quotes them
    const nx = v.w[t + 1];
    // `приводит его слова газета`: the possessive's antecedent speaks
    if (!subj && lex.possessives.has(tk.norm) && nx && nx.word && (lex.wordsNouns.has(nx.lemma) || lex.wordsNouns.has(nx.norm))) {
      subj = { k: 'pronoun', g: lex.possessives.get(tk.norm)!, start: tk.start, end: tk.end, t0: t };
      t++;
      continue;
    }
    if (!subj && lex.wordsNouns.has(tk.lemma) && nx && nx.word && lex.roles.has(nx.lemma) && v.mentionAt[t + 1] < 0 && nx.tags?.Case === 'Gen') {
      subj = { k: 'role', head: nx.lemma, phrase: nx.lemma, of: [], adjs: [], start: nx.start, end: nx.end, t0: t + 1 };
      t++;
      continue;
    }
    const m = v.mentionAt[t];
    if (m >= 0) {
      const men = v.mentions[m];
      if (svc.isOutlet(men.entity)) via = men.entity;
      // (`представник МЗС КНР Мао Нін`: the body after a role noun is what the role is of; the person named next speaks)
      else if (!subj && !(men.type !== 'PER' && t > 0 && lex.roles.has(v.w[t - 1].lemma))) subj = { k: 'entity', ent: men.entity, start: men.start, end: men.end, t0: men.t0 };
      t = men.t1 - 1;
    }
  }
  if (!via && mediaNoun) {
    // `издание` alone: the outlet named last before the cue
    for (let k = v.mentions.length - 1; k >= 0; k--) {
      const men = v.mentions[k];
      if (men.start < v.w[cue].start && svc.isOutlet(men.entity)) {
        via = men.entity;
        break;
      }
    }
  }
  return { subj, via };
}

/**
 * Page furniture: the line at `pos` opens with a furniture marker (`ALSO READ: …`, `Фото: …`), ends with a
 * related-link suffix (`… - важные новости`), or is a headline (no final punctuation) in a block of such
 * lines right under a marker line (`Читайте также` / `Вас также могут заинтересовать`, then the links).
 */
function isFurniture(text: string, pos: number, lex: Lexicon): boolean {
  if (!lex.furnitureMarkers.length) return false;
  const maxMarker = Math.max(...lex.furnitureMarkers.map((m) => m.length));
  const lineAt = (p: number): [number, number] => {
    const s = text.lastIndexOf('\n', p - 1) + 1;
    let e = text.indexOf('\n', p);
    if (e < 0) e = text.length;
    return [s, e];
  };
  const opens = (line: string) => {
    // (most lines: their first letters, lower-cased, start no marker)
    const lead = /^[\s#*•\-–—]*/.exec(line)![0].length;
    const head = line.slice(lead, lead + maxMarker + 1).toLowerCase();
    if (!lex.furnitureMarkers.some((m) => head.startsWith(m))) return false;
    const l = line.trim().toLowerCase().replace(/^[#*•\-–—\s]+/, '');
    // the marker alone on its line or before a colon (`Источник сообщил …`, `По теме переговоров …` are sentences)
    return lex.furnitureMarkers.some((m) => {
      if (!l.startsWith(m)) return false;
      const rest = l.slice(m.length).trim();
      return !rest.replace(/^[:.!|…—–-]+$/, '') || rest.startsWith(':');
    });
  };
  const headline = (line: string) => {
    const l = line.trim();
    return l.length > 0 && l.length < 300 && !/[.!?…]["»”’)]*$/.test(l);
  };
  let [s, e] = lineAt(pos);
  const line = text.slice(s, e);
  if (opens(line)) {
    // `Читайте также: <a headline>. <the article goes on>` (a scraped page may run on): only the first sentence is the link
    const m = /[.!?…]["»”’)]*\s+(?=[\p{Lu}«"“])/u.exec(line);
    return !m || pos - s < m.index + 1;
  }
  const tail = line.trimEnd();
  const maxSuffix = Math.max(0, ...lex.furnitureSuffixes.map((x) => x.length));
  const tailLow = tail.slice(Math.max(0, tail.length - maxSuffix - 1)).toLowerCase();
  if (lex.furnitureSuffixes.some((x) => tailLow.endsWith(x))) {
    const low = line.trim().toLowerCase();
    if (lex.furnitureSuffixes.some((x) => low.endsWith(x)) && /[-–—|]\s*[^-–—|]*$/.test(low)) return true;
  }
  if (!headline(line)) return false;
  // up through the block of headline lines above (blank lines between them allowed)
  for (let k = 0; k < 8 && s > 0; k++) {
    [s, e] = lineAt(s - 1);
    const l = text.slice(s, e);
    if (!l.trim()) continue;
    if (opens(l)) return true;
    if (!headline(l)) return false;
  }
  return false;
}

/** the line holding [a, b) ends without sentence punctuation (a title or headline) */
function inHeadline(text: string, a: number, b: number): boolean {
  const ls = text.lastIndexOf('\n', a - 1) + 1;
  let le = text.indexOf('\n', b);
  if (le < 0) le = text.length;
  const line = text.slice(ls, le).trimEnd();
  return line.length > 0 && line.length < 300 && !/[.!?…]["»”’)]*$/.test(line);
}

function dedupe(qs: Quote[], perIds: ReadonlySet<string> = new Set(), text = ''): Quote[] {
  qs.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Quote[] = [];
  for (const q of qs) {
    // `out` is sorted and free of overlaps: only its last quote can overlap the next one
    const clash = out.length && out[out.length - 1].end > q.start ? out.length - 1 : -1;
    if (clash < 0) {
      out.push(q);
      continue;
    }
    const o = out[clash];
    // keep a direct quote over a clause; between clauses keep the inner (nested cue) one, unless the
    // inner one only restates the outer speaker (`Clinton said she thinks …`: `she` inside the clause)
    const restates = (inner: Quote, outer: Quote) =>
      inner.speakerBy === 'pronoun' && !!inner.speakerSpan && inner.speakerSpan.start >= outer.start && inner.speakerSpan.end <= outer.end && inner.speakerSpan.start - outer.start < 4;
    // an inner clause nobody can be named for (`Clinton says many doubted her …`) does not replace a
    // speaker's clause
    const anonymousIn = (inner: Quote, outer: Quote) =>
      inner.start >= outer.start && inner.end <= outer.end && outer.speaker !== null &&
      // (`Зеленський заявив, що Україна розраховує, що …`: a country or body inside a person's clause is what he said of it)
      (inner.speaker === null || (perIds.has(outer.speaker) && !perIds.has(inner.speaker) && inner.speakerSpan !== undefined && inner.speakerSpan.start >= outer.start));
    const better = (x: Quote, y: Quote) =>
      (x.kind === 'direct' && y.kind !== 'direct') ||
      (x.kind !== 'direct' && y.kind !== 'direct' && x.end - x.start < y.end - y.start && !restates(x, y) && !anonymousIn(x, y)) ||
      (x.kind !== 'direct' && y.kind !== 'direct' && x.end - x.start > y.end - y.start && (restates(y, x) || anonymousIn(y, x)));
    if (better(q, o)) out[clash] = q;
  }
  // a headline the page repeats (title, then the same line over the lead) says its quote once: a quote equal to
  // one found before in a headline (a line without final punctuation) is that headline's copy
  const headlines = new Set<string>();
  // a paragraph the page repeats verbatim (a caption over the photo and again under it, a lead printed twice) says its
  // quote once: a quote equal to one before whose paragraph is the same text is that paragraph's copy
  // (the paragraphs are read only for a quote met twice)
  const firstOf = new Map<string, Quote>();
  return out
    .sort((a, b) => a.start - b.start)
    .filter((q) => {
      const k = `${q.speaker ?? ''}\u0000${q.text.replace(/\s+/g, ' ')}`;
      if (headlines.has(k)) return false;
      if (text) {
        const first = firstOf.get(k);
        if (first === undefined) firstOf.set(k, q);
        else if (paragraphText(text, first.start, first.end) === paragraphText(text, q.start, q.end)) return false;
      }
      if (text && inHeadline(text, q.start, q.end)) headlines.add(k);
      return true;
    });
}

/** the text of the paragraph (lines between blank lines or line breaks) holding [a, b), spaces folded */
function paragraphText(text: string, a: number, b: number): string {
  const s = text.lastIndexOf('\n', a - 1) + 1;
  let e = text.indexOf('\n', b);
  if (e < 0) e = text.length;
  return text.slice(s, e).replace(/\s+/g, ' ').trim();
}

function dedupeAtt(as: Attribution[]): Attribution[] {
  const seen = new Set<string>();
  return as
    .sort((a, b) => a.start - b.start)
    .filter((a) => {
      const k = `${a.start}:${a.end}:${a.source}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}
