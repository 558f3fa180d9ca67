/**
 * Speaker resolution: a subject found by `subject.ts` (a name, a pronoun, a role description, an
 * institution, an unnamed source, or nothing) to an entity id. Pronouns go to the most recent
 * compatible person outside quotations; role nouns to the person the article gave that role
 * (entity roles, the KB's role holders, a country adjective matching the person's country) or the
 * speaker the text is continuing; no subject continues the previous speaker of the same or the
 * previous paragraph. When nothing fits the speaker stays null: a wrong speaker is worse than none.
 */
import type { Entity, Quote } from '../doc/model.js';
import type { ExtractServices } from './extract.js';
import type { Lexicon } from './lexicon.js';
import type { QPair } from './marks.js';
import { caseOf, mentionCaseOk, obliqueBefore, type Subj } from './subject.js';
import type { View } from './view.js';

/** debugging output of the pronoun scores (`QDEBUG=1`), read once: `process.env` is slow to read */
const QDEBUG = !!process.env.QDEBUG;

export interface Resolved {
  id: string | null;
  by?: string;
  /** the subject is a news outlet: the passage is an attribution */
  outlet?: string;
  via?: string;
}

interface Said {
  id: string;
  type: string;
  start: number;
  end: number;
  para: number;
  sent: number;
}

export class Resolver {
  private readonly history: Said[] = [];
  private readonly quoteSpans: { start: number; end: number }[];
  private readonly entById = new Map<string, Entity>();

  constructor(
    private readonly v: View,
    private readonly lex: Lexicon,
    private readonly svc: ExtractServices,
    pairs: QPair[],
  ) {
    this.quoteSpans = pairs.filter((p) => p.depth === 0).map((p) => ({ start: p.open, end: p.close }));
    for (const m of v.mentions) this.entById.set(m.entity.id, m.entity);
  }

  private lastPer: Said | undefined;
  private readonly speakers = new Set<string>();

  /** the last quote of an unnamed source (`сообщил информированный источник`): its sentence, paragraph and gender */
  private lastUnnamed: { sent: number; para: number; g: string | undefined; end: number } | undefined;

  record(q: Quote, cueIdx: number): void {
    if (!q.speaker && q.speakerBy === 'unnamed' && q.speakerSpan) {
      const t = this.v.w[this.tokAt(q.speakerSpan.start)];
      const at = cueIdx >= 0 ? this.v.w[cueIdx] : t;
      const tg = t.tags;
      const g = tg?.Number === 'Plur' ? 'p' : tg?.Gender === 'Masc' ? 'm' : tg?.Gender === 'Fem' ? 'f' : undefined;
      this.lastUnnamed = { sent: Math.max(at.sent, t.sent), para: this.v.paraOfChar(Math.max(q.end, at.end) - 1), g, end: Math.max(q.end, at.end) };
      return;
    }
    if (!q.speaker) return;
    if (QDEBUG) console.error('record', q.speaker, q.rules, q.text.slice(0, 40));
    // `Об этом заявила … Мао Нин`: the cue agreeing with a name says the person's gender better than the
    // morphology's guess for a foreign name
    if (q.speakerBy === 'name' && cueIdx >= 0) {
      const g = this.cueGender(cueIdx);
      if ((g === 'm' || g === 'f') && !this.cueGenders.has(q.speaker)) this.cueGenders.set(q.speaker, g);
    }
    const e = this.entById.get(q.speaker);
    const at = cueIdx >= 0 ? this.v.w[cueIdx] : null;
    this.speakers.add(q.speaker);
    this.history.push({
      id: q.speaker,
      type: e?.type ?? 'PER',
      start: q.start,
      end: Math.max(q.end, at?.end ?? 0),
      para: this.v.paraOfChar(Math.max(q.end, at?.end ?? q.end) - 1),
      sent: at?.sent ?? this.v.w[Math.max(0, this.tokAt(q.end - 1))].sent,
    });
    if ((e?.type ?? 'PER') === 'PER') this.lastPer = this.history[this.history.length - 1];
  }

  private tokAt(pos: number): number {
    const w = this.v.w;
    let lo = 0;
    let hi = w.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (w[mid].start <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** inside a top-level quotation (they do not overlap and are sorted: binary search) */
  private inQuote(pos: number): boolean {
    const qs = this.quoteSpans;
    let lo = 0;
    let hi = qs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (qs[mid].start < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && qs[lo - 1].end > pos;
  }

  private last(): Said | undefined {
    return this.history[this.history.length - 1];
  }

  /** gender of an entity: its own, the KB's, or the morphology of a mention */
  private readonly cueGenders = new Map<string, string>();

  private genderOf(e: Entity): string | undefined {
    if (e.gender) return e.gender;
    const k = this.svc.kb?.byId(e.id)?.gender;
    if (k) return k;
    const c = this.cueGenders.get(e.id);
    if (c) return c;
    const a = this.agreeingGender(e);
    if (a) return a;
    for (const m of this.v.mentions) {
      if (m.entity !== e) continue;
      for (let t = m.t0; t < m.t1; t++) {
        const g = this.v.w[t].tags?.Gender;
        if (g === 'Masc') return 'm';
        if (g === 'Fem') return 'f';
      }
    }
    return undefined;
  }

  private readonly verbGenders = new Map<string, string | null>();

  /**
   * `Мао Нин выступила на брифинге`, `Гаель Вейсьєр повідомила`: a past verb right after a name in the nominative
   * agrees with it (ru, uk), and says the person's gender better than the morphology's guess for a foreign name
   * (speaker.pronoun then finds `она`, `вона` for her). Past verbs of every kind count, not only cues.
   */
  private agreeingGender(e: Entity): string | undefined {
    if (this.v.lang === 'en') return undefined;
    const memo = this.verbGenders.get(e.id);
    if (memo !== undefined) return memo ?? undefined;
    const w = this.v.w;
    let found: string | null = null;
    for (const m of this.v.mentions) {
      if (m.entity !== e) continue;
      // (no preposition, unnamed source or common noun governing it (`с Мао Нин`, `советница Макрона`); the name's own
      // case and a genitive body before it are left aside: `Представитель МИД Китая Мао Нин выступила`, the tagger
      // reads foreign names in any case)
      const p = m.t0 > 0 ? w[m.t0 - 1] : undefined;
      if (p && p.word && (p.pos === 'ADP' || this.lex.preps.has(p.norm) || this.lex.unnamed.has(p.lemma) || (p.pos === 'NOUN' && !p.upper && !this.lex.roles.has(p.lemma)))) continue;
      let t = m.t1;
      while (t < w.length && t < m.t1 + 2 && w[t].word && w[t].pos === 'ADV') t++;
      const tk = w[t];
      if (!tk || !tk.word || tk.sent !== w[m.t0].sent || !(tk.pos === 'VERB' || tk.pos === 'AUX')) continue;
      const tg = tk.tags;
      if (!tg || tg.Number === 'Plur' || tg.Tense !== 'Past') continue;
      if (tg.Gender === 'Fem') found = 'f';
      else if (tg.Gender === 'Masc') found = 'm';
      if (found) break;
    }
    this.verbGenders.set(e.id, found);
    return found ?? undefined;
  }

  private cueGender(cueIdx: number): string | undefined {
    if (cueIdx < 0) return undefined;
    const t = this.v.w[cueIdx].tags;
    if (!t || this.lex.impersonal.has(this.v.w[cueIdx].lemma)) return undefined;
    if (t.Number === 'Plur') return 'p';
    if (t.Gender === 'Masc') return 'm';
    if (t.Gender === 'Fem') return 'f';
    return undefined;
  }

  resolve(subj: Subj | null, cueIdx: number, mode: 'cue' | 'continuation' | 'unknown', start: number, end: number, pair?: QPair): Resolved {
    const v = this.v;
    const at = cueIdx >= 0 ? v.w[cueIdx].start : start;
    const cg = this.cueGender(cueIdx);
    if (mode === 'continuation') return this.continuation(start, 1);
    if (mode === 'unknown') return { id: null };
    if (!subj) {
      // no subject: the previous speaker goes on (`добавил, что …`, `— добавил.`)
      if (cg === 'p') return { id: null };
      // `Отмечается, что …`, `Зазначається, що …` say who notes nothing: the speaker of the sentence right
      // before goes on, a speaker further back does not (`… Газпром уложил 300 км труб. Подчёркивается, что …`)
      if (cueIdx >= 0 && this.lex.impersonal.has(v.w[cueIdx].lemma)) {
        const l = this.last();
        if (!l || v.w[cueIdx].sent - l.sent > 1) return { id: null };
      }
      return this.continuation(Math.min(at, start), 1, cg);
    }
    switch (subj.k) {
      case 'entity': {
        if (this.svc.isOutlet(subj.ent)) return { id: null, outlet: subj.ent.id };
        return { id: subj.ent.id, by: 'name' };
      }
      case 'institution':
        if (this.svc.isOutlet(subj.ent)) return { id: null, outlet: subj.ent.id };
        return { id: subj.ent.id, by: 'institution' };
      case 'unnamed':
        return { id: null, by: 'unnamed', via: subj.via?.id };
      case 'other':
        return { id: null };
      case 'media': {
        // `издание «444» сообщило`: an outlet the text names, though by no name the stage knows: its passage, no quote
        if (subj.quoted) return { id: null, by: 'media' };
        // `издание пишет`: the outlet named last
        for (let k = v.mentions.length - 1; k >= 0; k--) {
          const m = v.mentions[k];
          if (m.start < subj.start && this.svc.isOutlet(m.entity)) return { id: null, outlet: m.entity.id };
        }
        return { id: null };
      }
      case 'pronoun':
        return subj.poss ? this.pronoun(subj.g, Math.min(subj.start, at), undefined, undefined) : this.pronoun(subj.g === 'p' ? 'p' : subj.g, Math.min(subj.start, at), pair, cg, start, end);
      case 'role':
        return this.role(subj, Math.min(subj.start, at), cg);
    }
  }

  private continuation(pos: number, maxParaGap: number, g?: string): Resolved {
    const l = this.last();
    if (!l) return { id: null };
    const para = this.v.paraOfChar(pos);
    if (para - l.para > maxParaGap) return { id: null };
    if (g && g !== 'p') {
      const e = this.entById.get(l.id);
      const eg = e ? this.genderOf(e) : undefined;
      if (eg && eg !== g) return { id: null };
    }
    // a person named since the last quote as a subject breaks the chain
    const ms = this.v.mentions;
    let lo = 0;
    let hi = ms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ms[mid].start <= l.end) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < ms.length && ms[k].start < pos; k++) {
      const m = ms[k];
      if (m.type !== 'PER' || m.entity.id === l.id || this.inQuote(m.start)) continue;
      if (caseOf(this.v.w[m.t0]) === 'Nom' && !obliqueBefore(this.v, m.t0, this.lex)) return { id: null };
    }
    return { id: l.id, by: 'continuation' };
  }

  private firstPer: Map<number, number> | null = null;

  /** start of the first person mention (outside quotations) of each sentence */
  private firstPerInSentence(): Map<number, number> {
    if (this.firstPer) return this.firstPer;
    const out = new Map<number, number>();
    for (const m of this.v.mentions) {
      if (m.type !== 'PER' || this.inQuote(m.start)) continue;
      const s = this.v.w[m.t0].sent;
      if (!out.has(s)) out.set(s, m.start);
    }
    this.firstPer = out;
    return out;
  }

  /**
   * `pos` is where the pronoun or the cue stands; [qs, qe) is what the quote says: a person named there is
   * whom the speaker talks about, not the speaker (`…, я чётко заявил об этом Майку Помпео, сказал он`)
   */
  private pronoun(g: string, pos: number, pair: QPair | undefined, cg?: string, qs = -1, qe = -1): Resolved {
    const v = this.v;
    if (g === 'n') {
      // `“…,” it said` after `according to the Vatican statement`: the body or country named last (no person, no outlet), in the last three sentences
      const sentNow = v.w[this.tokAt(pos)].sent;
      for (let k = v.mentions.length - 1; k >= 0; k--) {
        const m = v.mentions[k];
        if (m.start >= pos) continue;
        if (v.w[m.t0].sent < sentNow - 3) break;
        if ((m.type !== 'ORG' && m.type !== 'LOC') || this.inQuote(m.start) || this.svc.isOutlet(m.entity)) continue;
        return { id: m.entity.id, by: 'pronoun' };
      }
      return { id: null };
    }
    const want = g === 'p' ? undefined : g;
    if (g === 'p') {
      // `они заявили`: a body that spoke last, if any
      const l = this.last();
      if (l && l.type !== 'PER' && v.paraOfChar(pos) - l.para <= 1) return { id: l.id, by: 'pronoun' };
      return { id: null };
    }
    const gender = want ?? (cg !== 'p' ? cg : undefined);
    const sentNow = v.w[this.tokAt(pos)].sent;
    const l = this.last();
    // candidates: persons named in the last few sentences outside quotations; a subject (nominative,
    // not after a preposition or a governing noun) and the speaker the text is on score higher
    let best: { id: string; score: number } | null = null;
    const firstInSent = this.firstPerInSentence();
    let lo = 0;
    let hi = v.mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v.mentions[mid].start < pos) lo = mid + 1;
      else hi = mid;
    }
    const chain = this.pronounChain(sentNow, gender, qs, qe);
    for (let k = lo - 1; k >= 0; k--) {
      const m = v.mentions[k];
      if (m.start >= pos) continue;
      if (m.type !== 'PER') continue;
      if (this.inQuote(m.start)) continue;
      if (pair && m.start > pair.open && m.start < pair.close) continue;
      if (m.start >= qs && m.start < qe) continue;
      const sent = v.w[m.t0].sent;
      // a person the text went on calling `він` in later sentences is as recent as the last of them
      const dist = chain && chain.id === m.entity.id ? Math.min(sentNow - sent, sentNow - chain.sent) : sentNow - sent;
      if (dist > 5) break;
      const eg = this.genderOf(m.entity);
      if (gender && eg && eg !== gender) continue;
      const cs = mentionCaseOk(v, m.t0, m.t1);
      const obl = obliqueBefore(v, m.t0, this.lex, m.t1);
      let score = -0.6 * dist;
      const first = firstInSent.get(sent) === m.start;
      // the subject of its sentence: nominative, and (Slavic word order) usually its first name
      if (!obl && cs === 'nom') score += first ? 2.3 : 2;
      else if (!obl) score += first ? 1.5 : 0.7;
      if (l && l.id === m.entity.id && v.paraOfChar(pos) - l.para <= 1) score += 1.5;
      // `він`, `она` want a person whose gender is known: a name the morphology cannot read (`Clash Reports`) is less likely
      if (gender && !eg) score -= v.lang === 'en' ? 0.5 : 1;
      if (QDEBUG) console.error('pronoun cand', m.entity.id, score.toFixed(2), 'dist', dist);
      if (!best || score > best.score) best = { id: m.entity.id, score };
    }
    if (l && l.type === 'PER' && v.paraOfChar(pos) - l.para <= 1 && (!best || best.id !== l.id)) {
      const e = this.entById.get(l.id);
      const eg = e ? this.genderOf(e) : undefined;
      // the speaker of the last quote is the subject of its cue's sentence (`Про це він розповів …. Він зазначив`)
      const sc = 2.8 - 0.6 * Math.max(0, sentNow - l.sent);
      if (QDEBUG) console.error('pronoun last', l.id, sc.toFixed(2));
      if ((!gender || !eg || eg === gender) && (!best || sc > best.score)) best = { id: l.id, score: sc };
    }
    // `…, — заявил собеседник агентства. На вопрос о сроках он подчеркнул, что …`: the unnamed source the text
    // quoted last goes on (no person named as a subject since), and stays unnamed
    const u = this.lastUnnamed;
    if (u && (!l || u.end > l.end) && sentNow - u.sent <= 2 && v.paraOfChar(pos) - u.para <= 1 && (!u.g || !gender || u.g === gender)) {
      const sc = 2.8 - 0.6 * Math.max(0, sentNow - u.sent);
      let named = false;
      for (let k = lo - 1; k >= 0 && v.mentions[k].start > u.end; k--) {
        const m = v.mentions[k];
        if (m.type === 'PER' && !this.inQuote(m.start) && mentionCaseOk(v, m.t0, m.t1) === 'nom' && !obliqueBefore(v, m.t0, this.lex, m.t1)) named = true;
      }
      if (!named && (!best || sc > best.score)) return { id: null, by: 'pronoun' };
    }
    return best ? { id: best.id, by: 'pronoun' } : { id: null };
  }

  private readonly headsOfRole = new Map<string, Set<string>>();

  /** the first words of every title a role in the text may stand for (`очільник мзс` -> очільник, міністр) */
  private roleHeads(role: string): Set<string> {
    let out = this.headsOfRole.get(role);
    if (out) return out;
    out = new Set<string>();
    let titles: string[] = [role];
    try {
      if (this.svc.kb) titles = this.svc.kb.roleTitles(role, this.v.lang);
    } catch {
      /* a KB without role titles: the role's own head */
    }
    for (const t of titles) {
      const h = t.split(' ')[0];
      if (h) out.add(h);
    }
    this.headsOfRole.set(role, out);
    return out;
  }

  /**
   * The person a run of subject pronouns refers to before sentence `now`: `Президент США Дональд Трамп
   * переглянув …. Тепер він готовий …. Про це він розповів …. Фрагмент наводить Clash Reports. Він зазначив`:
   * the subject of each sentence (its first nominative person, or a nominative `він`/`he` before any) in order;
   * a pronoun of the same gender keeps the person before it. Returns that person and the last sentence it was the subject of.
   */
  private pronounChain(now: number, gender: string | undefined, qs = -1, qe = -1): { id: string; sent: number } | null {
    if (!gender) return null;
    const v = this.v;
    const from = Math.max(0, now - 6);
    let cur: { id: string; sent: number } | null = null;
    for (let s = from; s < now; s++) {
      const a = v.sStart[s];
      const b = v.sEnd[s];
      if (a === undefined || b === undefined) continue;
      for (let t = a; t < b; t++) {
        const tk = v.w[t];
        if (this.inQuote(tk.start) || (tk.start >= qs && tk.start < qe)) continue;
        const k = v.mentionAt[t];
        if (k >= 0) {
          const m = v.mentions[k];
          if (m.type === 'PER' && !obliqueBefore(v, m.t0, this.lex, m.t1) && mentionCaseOk(v, m.t0, m.t1) !== 'other') {
            const eg = this.genderOf(m.entity);
            // (a name whose gender nobody knows does not take over the chain: `Фрагмент наводить Clash Reports`)
            if (eg === gender) cur = { id: m.entity.id, sent: s };
            else if (eg) cur = null;
            break;
          }
          t = m.t1 - 1;
          continue;
        }
        if (tk.word && this.lex.pronouns.get(tk.norm) === gender && (tk.tags?.Case ?? 'Nom') === 'Nom') {
          if (cur) cur = { id: cur.id, sent: s };
          break;
        }
      }
    }
    return cur;
  }

  private role(subj: Extract<Subj, { k: 'role' }>, pos: number, cg?: string, qs = -1, qe = -1): Resolved {
    const v = this.v;
    const kb = this.svc.kb;
    const lang = v.lang;
    // candidate persons mentioned before (or in the same sentence as) the description
    const seen = new Map<string, { e: Entity; last: number }>();
    // persons who were a subject (nominative, no preposition) in the three sentences before the description
    const subjects = new Set<string>();
    const sentNow = v.w[this.tokAt(pos)].sent;
    for (const m of v.mentions) {
      if (m.type !== 'PER') continue;
      if (m.start >= pos + 200) break;
      if (this.inQuote(m.start) || (m.start >= qs && m.start < qe)) continue;
      seen.set(m.entity.id, { e: m.entity, last: m.start });
      const ms = v.w[m.t0].sent;
      // (English has no case: a name right before a verb is its subject, `Indian Prime Minister Narendra Modi held talks`)
      const nom = mentionCaseOk(v, m.t0, m.t1) === 'nom' || (lang === 'en' && v.w[m.t1]?.pos === 'VERB');
      if (m.start < pos && sentNow - ms <= 3 && nom && !obliqueBefore(v, m.t0, this.lex, m.t1)) subjects.add(m.entity.id);
    }
    const holders = new Set<string>();
    if (kb) {
      for (const phrase of new Set([subj.phrase, subj.head])) {
        const ofs = subj.of.length ? subj.of : [undefined];
        for (const of of ofs) for (const id of holderIds(kb, phrase, lang, of)) holders.add(id);
      }
    }
    const adjCountry = subj.adjs.length ? subj.adjs : [];
    const titles = kb ? multiWordTitles(kb, subj.phrase, lang) : [];
    const order = [...seen.values()].sort((a, b) => b.last - a.last);
    const lastSaid = this.lastPer;
    const speakers = this.speakers;
    let best: { id: string; score: number } | null = null;
    order.forEach(({ e }, rank) => {
      const eg = this.genderOf(e);
      if (cg && cg !== 'p' && eg && eg !== cg) return;
      let score = 0;
      const roles = (e.roles ?? []).map((r) => r.toLowerCase());
      // `глава МИД Ирана` is the `министр иностранных дел Ирана` the article named (the KB's role synonyms);
      // `Міністр зауважив` is the `очільник МЗС` the article named (whose titles include `міністр закордонних справ`)
      if (roles.some((r) => r.includes(subj.head) || subj.phrase.includes(r) || titles.some((t) => r.startsWith(t)) || this.roleHeads(r).has(subj.head))) score += 4;
      if (holders.has(e.id)) score += 4;
      // `— подчеркнул дипломат`, `the official said`: a generic role fits any person the article gave a role
      if (this.lex.genericRoles.has(subj.head) && (e.roles ?? []).length) score += 2;
      const country = kb?.countryOf(e.id);
      const affs = new Set([...(e.affiliations ?? []), ...(kb?.byId(e.id)?.affiliations ?? []), ...(country ? [country] : [])]);
      if (subj.of.some((o) => affs.has(o) || (kb && kb.countryOf(o) && kb.countryOf(o) === country))) score += 2;
      if (adjCountry.some((a) => [...affs].some((c) => adjMatches(a, c, kb)))) score += 2;
      // a role of a named body (`керівник МОЗ`, `глава МИД`) needs evidence beyond recency
      if (subj.of.length && score === 0) return;
      if (lastSaid && lastSaid.id === e.id && v.paraOfChar(pos) - lastSaid.para <= 2) score += 3;
      else if (speakers.has(e.id)) score += 1.5;
      if (rank === 0) score += 1;
      // `— сказал российский лидер` after `Президент РФ Владимир Путин пригласил …`: the subject the text is about
      if (subjects.has(e.id) && score > 0) score += 1;
      if (!best || score > best.score) best = { id: e.id, score };
    });
    const b = best as { id: string; score: number } | null;
    if (b && b.score >= 3) return { id: b.id, by: 'role' };
    return { id: null };
  }
}

type Kb = NonNullable<ExtractServices['kb']>;
/** the KB's answers per KB, asked again for the same few roles in every article (`президент` has many holders) */
const kbMemo = new WeakMap<Kb, Map<string, readonly string[]>>();

function memoOf(kb: Kb): Map<string, readonly string[]> {
  let m = kbMemo.get(kb);
  if (!m || m.size >= 20_000) {
    m = new Map();
    kbMemo.set(kb, m);
  }
  return m;
}

/** ids of the KB's holders of a role (of a country or body); none when the KB cannot answer */
function holderIds(kb: Kb, phrase: string, lang: string, of: string | undefined): readonly string[] {
  const memo = memoOf(kb);
  const key = `h\u0000${phrase}\u0000${lang}\u0000${of ?? ''}`;
  let r = memo.get(key);
  if (!r) {
    try {
      r = kb.holders(phrase, lang, of).map((h) => h.id);
    } catch {
      /* a KB that cannot answer: no holders */
      r = [];
    }
    memo.set(key, r);
  }
  return r;
}

/** the KB's titles of several words a role may stand for; none from a KB without role titles */
function multiWordTitles(kb: Kb, phrase: string, lang: string): readonly string[] {
  const memo = memoOf(kb);
  const key = `t\u0000${phrase}\u0000${lang}`;
  let r = memo.get(key);
  if (!r) {
    try {
      r = kb.roleTitles(phrase, lang).filter((t) => t.includes(' '));
    } catch {
      /* a KB without role titles: the article's own roles only */
      r = [];
    }
    memo.set(key, r);
  }
  return r;
}

/** `французский` ~ france, `російський` ~ russia: the adjective shares its first letters with a name of the country. */
function adjMatches(adj: string, countryId: string, kb: ExtractServices['kb']): boolean {
  if (adj.length < 5) return false;
  const names: string[] = [];
  const k = kb?.byId(countryId);
  if (k) {
    for (const n of Object.values(k.names)) if (n) names.push(n);
    for (const list of Object.values(k.aliases ?? {})) for (const n of list ?? []) names.push(n);
  } else names.push(countryId);
  const a = adj.toLowerCase().slice(0, 4);
  return names.some((n) => n.length >= 4 && n.toLowerCase().slice(0, 4) === a);
}
