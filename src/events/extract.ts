/**
 * Diplomatic events of one document (PLOVER types; CONSULT with a contact mode).
 *
 * 1. Triggers: token lemmas (and lemma sequences) from the language's lexicon.
 * 2. Arguments, from the trigger's clause and the mentions' grammar: the subject (a nominative
 *    name before the verb, or after it in inverted order; the matrix subject or the quote's speaker
 *    when the clause has none; a role noun or pronoun resolved to the latest fitting person), the
 *    other parties (`с X`, `между X и Y`, a genitive complement `встреча Лаврова и Рубио`, a
 *    visited `Москву`), a place (`в Москве`, `на Алясці`). A name that only qualifies the next
 *    name (`советник Макрона Эммануэль Бонн`, `президента США Дональда Трампа`) is no party.
 *    A contact named without its parties continues the latest contact of the preceding sentences.
 * 3. Attributes: status from the clause's cues and tense, level, the attached temporal
 *    expression, who reports it (quote speaker, attribution), stances (confirm / deny / no comment).
 * 4. One event per happening: repeated mentions of a contact merge, keeping the best evidence.
 */
import type { Context } from '../pipeline/context.js';
import type { DiplomaticEvent, Doc, Entity, EventStatus, Stance, Timex, Token } from '../doc/model.js';
import type { KnowledgeBase } from '../entities/kb/api.js';
import { furnitureSpans, isHeadlineLike } from '../ingest/furniture.js';
import { isOutletEntity } from '../quotes/index.js';
import { isoWeek, parseIsoDate } from '../time/calendar.js';
import { sentences, verbTense } from '../time/clause.js';
import { WORD_MULTI_ONLY, WORD_NOT_TRIGGER, WORD_STANCE, WORD_TRIGGER, eventGrammar, eventLexicon, norm, type EventLexicon, type Level, type Mode, type TriggerDef } from './lexicon.js';

/** A token as the extractor reads it: folded lemma, part of speech, features; cases on demand. */
class Tok {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly norm: string;
  readonly pos: string;
  readonly tags: Record<string, string>;
  readonly punct: boolean;

  constructor(
    private readonly raw: Token,
    readonly i: number,
    readonly lemma: string,
  ) {
    this.start = raw.start;
    this.end = raw.end;
    this.text = raw.text;
    this.norm = raw.norm;
    this.pos = raw.pos ?? '';
    this.tags = raw.tags ?? NO_TAGS;
    this.punct = raw.kind === 'punct' || raw.kind === 'symbol';
  }

  /** may the morphology read the token in case `c` (its chosen analysis or an alternative)? */
  hasCase(c: string): boolean {
    if (this.tags.Case === c) return true;
    const alts = this.raw.alts;
    if (alts) for (const a of alts) if (a.tags.Case === c) return true;
    return false;
  }
}

const NO_TAGS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** folded lemmas by lemma (the morphology hands out the same lemma strings again and again) */
const lemmaMemo = new Map<string, string>();
function foldLemma(l: string): string {
  let v = lemmaMemo.get(l);
  if (v === undefined) {
    if (lemmaMemo.size >= 50_000) lemmaMemo.clear();
    v = norm(l);
    lemmaMemo.set(l, v);
  }
  return v;
}

interface Men {
  start: number;
  end: number;
  id: string;
  type: string;
  t0: number;
  t1: number;
  case: string | null;
  /** the head word may be nominative (Nom/Acc homonymy of inanimate nouns) */
  maybeNom: boolean;
  /** the head word (none for a name split out of a hyphenated pair) */
  head: Tok | null;
  /** the entity (none for a name split out of a hyphenated pair): an outlet or a work is never a party */
  ent: Entity | null;
  dropped: boolean;
  /** what introduces it: a preposition, a trigger it directly follows, a conjunction, nothing */
  lead: { kind: 'prep'; prep: string; at: number } | { kind: 'trigger'; at: number } | { kind: 'none' };
  conj: boolean;
  /** English `the <office> of <name>`: the name stands in the office's place (rule `party.office-of`) */
  office?: boolean;
}

interface Trig {
  t: number;
  tEnd: number;
  def: TriggerDef;
  type: string;
  mode: Mode | null;
  verb: boolean;
}

interface Cand {
  ev: DiplomaticEvent;
  sent: number;
  para: number;
  score: number;
  hasOwnActors: boolean;
  /** a contact noun after a preposition of purpose (`for talks`, `для переговоров`, `на переговори`) */
  purpose?: boolean;
  /** told as another sitting (`the previous meeting`, `talk again`): the lexicon's `otherOccasion` words near it */
  other?: boolean;
  /** the id of the `plan-before` when rule of its sentence (`earlier`, `до звонка`, `prior to the call`): a plan
   * told as reported before the contact took place */
  planBefore?: string;
  /** named only as the object of a stance, its status guessed from the stance (`status.stance-object`) */
  stanceObject?: boolean;
}

const G = eventGrammar();
const FROM_PREPS = G.fromPreps;
/** a year that is the edge of a span, not the date of a contact: `с 2012 года`, `since 2012`, `до 2020 року` */
const YEAR_EDGE = /^(с|со|since|з|із|від|от|from|after|після|после|до|until|till|before|by|перед)\s/iu;

/** time values that date a contact: a day, a month, a week, a weekend, in a known or an unknown year */
const DATE_VALUE = /^(\d{4}|XXXX)-\d{2}(-\d{2})?$|^\d{4}-W\d{2}(-WE)?$/;

const MODE_RANK: Record<string, number> = { summit: 6, visit: 5, call: 4, meeting: 3, talks: 2, channel: 1, other: 0 };
const QUOTE_MARKS = new Set(['«', '»', '"', '“', '”', '„']);
const CLAUSE_PUNCT = new Set([',', ';', ':', '—', '–', '(', ')', '«', '»', '"', '“', '”', '„', '?', '!']);
/** words introducing a reported clause (`заявил, что ...`; English `that` is too often a relative or `now that`) */
const COMPLEMENTIZERS = G.complementizers;
const SUBORD = G.subordinators;
/** parts of speech an attributive adjective stands before (`upcoming G7 summit`, `будущей встречи`) */
const ATTRIBUTIVE_HEAD = new Set(['NOUN', 'PROPN', 'ADJ', 'NUM']);
const RELATIVE = G.relatives;
const FIRST_PERSON = G.firstPerson;
const PRON_3 = G.thirdPersonPronouns;
/** third-person dative and object pronouns (ru, uk) */
const DAT_PRON = G.dativePronouns;
const OBJ_PRON = G.objectPronouns;
const HEAD_TITLES = [...G.headTitles];
const MINISTER_TITLES = [...G.ministerTitles];

function isoWeekOf(iso: string): string {
  const d = parseIsoDate(iso);
  return d ? isoWeek(d) : '';
}

function statusGroup(s: EventStatus): string {
  return s === 'occurred' || s === 'ongoing' ? 'real' : s === 'planned' || s === 'possible' ? 'irrealis' : s;
}

export function extractEvents(doc: Doc, ctx?: Context): DiplomaticEvent[] {
  const lx = eventLexicon(doc.lang);
  const raw = doc.layers.tokens;
  if (!lx || !raw || !raw.length) return [];
  const kb = ctx?.maybe('kb');
  // most articles state no event: look for a trigger word before building anything
  const lemmas: string[] = new Array(raw.length);
  // which lexicon lists each word may start (one look-up for the lemma, one for the form)
  const flags = new Uint8Array(raw.length);
  const wf = lx.wordFlags;
  let any = false;
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i];
    // every list starts with a word: punctuation and numbers need no look-up
    if (t.kind !== 'word') {
      lemmas[i] = t.norm;
      continue;
    }
    const l = t.lemma ? (t.lemma === t.norm ? t.norm : foldLemma(t.lemma)) : t.norm;
    lemmas[i] = l;
    const f = (wf.get(l) ?? 0) | (l !== t.norm ? (wf.get(t.norm) ?? 0) : 0);
    flags[i] = f;
    if (f & WORD_TRIGGER && !(f & WORD_MULTI_ONLY)) any = true;
  }
  // (a word that only starts multi-word triggers counts when its whole sequence follows)
  for (let i = 0; i < raw.length && !any; i++) {
    if (!(flags[i] & WORD_MULTI_ONLY)) continue;
    const seqs = [...(lx.multiByFirst.get(lemmas[i]) ?? []), ...(lx.multiByFirst.get(raw[i].norm) ?? [])];
    any = seqs.some((m) => m.seq.every((w, k) => i + k < raw.length && (lemmas[i + k] === w || raw[i + k].norm === w)));
  }
  if (!any) return [];
  const toks: Tok[] = raw.map((t: Token, i) => new Tok(t, i, lemmas[i]));
  const entities = doc.layers.entities ?? [];
  const entById = new Map(entities.map((e) => [e.id, e]));
  const mens = buildMentions(doc, toks, entities, kb ?? null);
  const sents = sentenceTokenRanges(doc, toks);
  const paraOf = paragraphIndex(doc);
  const cands: Cand[] = [];
  const x = new Extractor(doc, lx, toks, flags, mens, entById, kb);

  const furniture = pageFurniture(doc.text);
  for (let si = 0; si < sents.length; si++) {
    const [a, b] = sents[si];
    if (b <= a) continue;
    // page furniture is not the article: captions, credits, related-links headlines (rule `furniture.skip`)
    if (furniture.some((f) => toks[a].start >= f.start && toks[a].start < f.end)) continue;
    const trigs = x.triggers(a, b);
    const local: Cand[] = [];
    for (const tr of trigs) {
      const ev = x.event(tr, a, b, si, cands);
      if (!ev) continue;
      let p = tr.t - 1;
      while (p > a && (toks[p].pos === 'ADJ' || toks[p].pos === 'DET')) p--;
      // (`на` of purpose takes the accusative: `прибыл на переговоры`, not `на переговорах`)
      const purpose = !tr.verb && p >= a && lx.purposePreps.has(toks[p].norm) && (!lx.purposeAccPreps.has(toks[p].norm) || toks[tr.t].hasCase('Acc'));
      // (`the previous trip`, `will talk again`, `следующая встреча`: another sitting of the sides' contact)
      const other = x.otherOccasionNear(tr, a, b);
      const planBefore = ev.ev.status === 'planned' || ev.ev.status === 'possible' ? planBeforeRule(toks, lx, a, b) : undefined;
      const stanceObject = ev.ev.rules?.includes('status.stance-object');
      local.push({ ev: ev.ev, sent: si, para: paraOf(toks[tr.t].start), score: ev.score, hasOwnActors: ev.own, purpose, other, planBefore, stanceObject });
    }
    // one contact per set of parties per sentence: keep the most specific mode
    for (const c of local) {
      // (a call about preparing a summit states two contacts: different specific modes stay apart)
      const generic = (m: DiplomaticEvent['mode']) => m === 'talks' || m === 'channel' || m === 'other' || !m;
      // `expected to visit Moscow for talks with Lavrov`, `прибуде до Москви для переговорів з
      // Лавровим`: talks or a meeting after a visit by the same subject are its purpose, one contact
      const visit =
        c.purpose && c.ev.type === 'CONSULT' && (c.ev.mode === 'talks' || c.ev.mode === 'meeting' || c.ev.mode === 'summit')
          ? cands.find(
              (d) =>
                d.sent === si &&
                d.ev.type === 'CONSULT' &&
                d.ev.mode === 'visit' &&
                d.ev.actors[0] === c.ev.actors[0] &&
                d.ev.trigger!.start < c.ev.trigger!.start &&
                // (a purpose noun with no status word of its own is as the visit is: `is to visit Russia “soon” for talks`)
                (statusGroup(d.ev.status) === statusGroup(c.ev.status) || !!c.ev.rules?.includes('status.default')),
            )
          : undefined;
      if (visit) {
        for (const x of c.ev.actors) if (!visit.ev.actors.includes(x)) visit.ev.actors.push(x);
        mergeInto(visit.ev, c.ev, 'merge.visit-purpose');
        continue;
      }
      const same = cands.find(
        (d) =>
          d.sent === si &&
          d.ev.type === c.ev.type &&
          sameActors(d.ev.actors, c.ev.actors) &&
          (d.ev.mode === c.ev.mode || generic(d.ev.mode) || generic(c.ev.mode)),
      );
      if (same) {
        if ((MODE_RANK[c.ev.mode ?? 'other'] ?? 0) > (MODE_RANK[same.ev.mode ?? 'other'] ?? 0)) {
          mergeInto(c.ev, same.ev, 'merge.same-sentence');
          same.ev = c.ev;
        } else mergeInto(same.ev, c.ev, 'merge.same-sentence');
        same.stanceObject &&= c.stanceObject;
        continue;
      }
      cands.push(c);
    }
  }
  x.stances(sents, cands);
  // every id an event names is an entity of the article, with its evidence span (a party inferred from
  // a country adjective, `Russian Foreign Minister`, has none: the named person stands for it)
  return dedupe(cands, kb ?? null, doc.text, (id) => entById.get(id)?.type === 'PER').map((c) => {
    const ev = c.ev;
    if (!ev.when) datedByNextSentence(ev, doc, toks, sents, lx);
    if (!ev.when) datedByReport(c, doc, toks, sents, lx, furniture);
    ev.actors = ev.actors.filter((id) => entById.has(id));
    if (ev.reportedBy) ev.reportedBy = ev.reportedBy.filter((id) => entById.has(id));
    if (ev.stances) ev.stances = ev.stances.filter((st) => entById.has(st.by));
    return ev;
  });
}

/**
 * An event told without a date of its own that took place or is under way takes the date of its
 * report (ids in `rules`):
 * - `when.report-date`: a date beside the cue of the indirect quote that tells it
 *   (`Встретился с посланником ... Мадуро, 31 января сообщил глава МИД`);
 * - `when.report-anaphor` (+ the cue rule): the next sentence reports it and gives a date
 *   (`... розпочалися переговори ... Про це повідомило МЗС у вівторок, 11 березня`);
 * - `when.dateline`: in the article's lead (its first six sentences), with no date in its sentence and nothing telling
 *   it as earlier (`ранее`, `previous`: the `earlier` cues), the article's own date — news tells the day's
 *   events (`Clinton met North Korean leader Kim Jong-Il in Pyongyang` under a 2009-08-04 dateline).
 */
/**
 * A planned, possible or cancelled contact told without a date takes the date of the next sentence
 * when that sentence's subject is the contact itself (rule `when.next-anaphor` + the cue rule): a
 * pronoun agreeing with the contact's noun or a bare contact noun, then a modal, planning or
 * occurrence verb (`... договорились о встрече. Она может состояться на следующей неделе`,
 * `The visit is expected on Friday`). A contact with no status cue of its own (`status.default`)
 * is then planned (`status.next-anaphor`).
 */
function datedByNextSentence(ev: DiplomaticEvent, doc: Doc, toks: Tok[], sents: [number, number][], lx: EventLexicon): void {
  if (ev.type !== 'CONSULT') return;
  const byDefault = !!ev.rules?.includes('status.default');
  if (!byDefault && ev.status !== 'planned' && ev.status !== 'possible' && ev.status !== 'cancelled') return;
  const trigAt = ev.trigger?.start ?? ev.start;
  const si = sents.findIndex(([x, y]) => y > x && toks[x].start <= trigAt && trigAt < toks[y - 1].end);
  if (si < 0) return;
  const [a, b] = sents[si];
  const s0 = toks[a].start, s1 = toks[b - 1].end;
  const times = doc.layers.times ?? [];
  if (times.some((t) => t.start >= s0 && t.end <= s1)) return;
  const nx = sents[si + 1];
  if (!nx || nx[1] <= nx[0]) return;
  const m = lx.whenRules.matchAt(toks, nx[0], nx[0], nx[1]).find((x) => x.rule.produces.kind === 'next-anaphor');
  if (!m) return;
  // a pronoun agrees with the contact's noun (a verb trigger names no noun to agree with)
  const agree = m.rule.produces.agree;
  if (agree) {
    const tr = toks.find((t) => t.start === trigAt);
    if (!tr || tr.pos !== 'NOUN') return;
    const feats = lx.nounFeatures.get(tr.lemma) ?? tr.tags;
    if (Object.entries(agree).some(([k, v]) => feats[k] !== undefined && feats[k] !== v)) return;
  }
  const n0 = toks[nx[0]].start, n1 = toks[nx[1] - 1].end;
  const t = times.find((x) => x.start >= n0 && x.end <= n1);
  if (!t) return;
  ev.when = t.text ? { value: t.value, text: t.text } : { value: t.value };
  const rules = ['when.next-anaphor', m.rule.id];
  if (byDefault) {
    ev.status = 'planned';
    rules.push('status.next-anaphor');
  }
  // (the default status is no longer the event's: it is planned by this rule)
  ev.rules = [...new Set([...(ev.rules ?? []).filter((r) => !(byDefault && r === 'status.default')), ...rules])];
}

/** The id of the first `plan-before` when rule matching in tokens [a, b), if any. */
function planBeforeRule(toks: Tok[], lx: EventLexicon, a: number, b: number): string | undefined {
  for (let k = a; k < b; k++) {
    const m = lx.whenRules.matchAt(toks, k, a, b).find((x) => x.rule.produces.kind === 'plan-before');
    if (m) return m.rule.id;
  }
  return undefined;
}

function datedByReport(c: Pick<Cand, 'ev'>, doc: Doc, toks: Tok[], sents: [number, number][], lx: EventLexicon, furniture: { start: number; end: number }[] = []): void {
  const ev = c.ev;
  if (ev.status !== 'occurred' && ev.status !== 'ongoing') return;
  if (ev.type !== 'CONSULT' && ev.type !== 'AGREE' && ev.type !== 'SANCTION' && ev.type !== 'THREATEN') return;
  const times = (doc.layers.times ?? []).filter((t) => /^\d{4}-\d{2}-\d{2}$/.test(t.value));
  // (the sentence of the event as kept: a merge may have replaced the candidate's first event)
  const trigAt = ev.trigger?.start ?? ev.start;
  const si = sents.findIndex(([x, y]) => y > x && toks[x].start <= trigAt && trigAt < toks[y - 1].end);
  if (si < 0) return;
  const [a, b] = sents[si];
  const s0 = toks[a].start, s1 = toks[b - 1].end;
  const inSent = (doc.layers.times ?? []).filter((t) => t.start >= s0 && t.end <= s1);
  const trig = trigAt;
  const set = (t: { value: string; text?: string }, ...rules: string[]) => {
    ev.when = t.text ? { value: t.value, text: t.text } : { value: t.value };
    ev.rules = [...new Set([...(ev.rules ?? []), ...rules])];
  };
  // (a date after the article's is no report's)
  const pub = doc.published && /^\d{4}-\d{2}-\d{2}/.test(doc.published) ? doc.published.slice(0, 10) : null;
  const notAhead = (v: string) => !pub || v <= pub;
  // the quote that tells the event, and a date beside its cue outside it
  for (const q of doc.layers.quotes ?? []) {
    if (q.kind !== 'indirect' || !q.cue || trig < q.start || trig >= q.end) continue;
    const t = times.find((x) => x.start >= s0 && x.end <= s1 && (x.end <= q.start || x.start >= q.end) && notAhead(x.value) && Math.min(Math.abs(x.start - q.cue!.end), Math.abs(q.cue!.start - x.end)) <= 30);
    if (t) return set(t, 'when.report-date');
  }
  if (inSent.length) return;
  // the next sentence reports it
  const nx = sents[si + 1];
  if (nx && nx[1] > nx[0]) {
    const m = lx.whenRules.matchAt(toks, nx[0], nx[0], nx[1]).find((x) => x.rule.produces.kind === 'report-anaphor');
    if (m) {
      const n0 = toks[nx[0]].start, n1 = toks[nx[1] - 1].end;
      const t = times.find((x) => x.start >= n0 && x.end <= n1 && notAhead(x.value));
      if (t) return set(t, 'when.report-anaphor', m.rule.id);
    }
  }
  // the article's own date for the news it leads with (its lead: title, dateline and first sentences,
  // six sentences in all; further down an undated event is more often background)
  // (captions and credits are not the article's sentences)
  let body = 0;
  for (let k = 0; k < si && body <= 5; k++) if (sents[k][1] > sents[k][0] && !furniture.some((f) => toks[sents[k][0]].start >= f.start && toks[sents[k][0]].start < f.end)) body++;
  if (!pub || body > 5) return;
  for (let k = a; k < b; k++) if (lx.whenRules.matchAt(toks, k, a, b).some((x) => x.rule.produces.kind === 'earlier')) return;
  set({ value: pub }, 'when.dateline');
}

/**
 * Page furniture of a plain text (rule `furniture.skip`): the ingest reader's captions, credits and
 * leading navigation, and related-links blocks — a run of headline-shaped lines (no closing full stop)
 * of three or more anywhere, or of two or more that ends the text (`Минувшей ночью ... тревоги` /
 * `Spiegel: В Индии сочли оскорблением реакцию Запада на визит Владимира Путина` / ...).
 */
function pageFurniture(text: string): { start: number; end: number }[] {
  const out = furnitureSpans(text);
  const ls: { start: number; end: number; text: string }[] = [];
  let s = 0;
  while (s <= text.length) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    if (text.slice(s, e).trim()) ls.push({ start: s, end: e, text: text.slice(s, e) });
    s = e + 1;
  }
  let i = 0;
  while (i < ls.length) {
    let j = i;
    while (j < ls.length && isHeadlineLike(ls[j].text) && ls[j].text.length <= 160) j++;
    const run = j - i;
    // (the first line of a text is its title, never furniture by this rule)
    const from = i === 0 ? 1 : i;
    if (j - from >= 3 || (j === ls.length && j - from >= 2)) for (let k = from; k < j; k++) out.push({ start: ls[k].start, end: ls[k].end });
    i = run ? j : i + 1;
  }
  return out;
}

/** (an outlet look-up folds every name of the entity: done once, and only for a mention weighed as a party) */
const outletMemo = new WeakMap<Entity, boolean>();
function outletMention(m: Men): boolean {
  if (!m.ent) return false;
  let v = outletMemo.get(m.ent);
  if (v === undefined) {
    v = isOutlet(m.ent);
    outletMemo.set(m.ent, v);
  }
  return v;
}

function isOutlet(e: Entity): boolean {
  return e.type === 'PRO' || isOutletEntity(e);
}

function sameActors(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}

/** Fill the missing attributes of `into` from `from` (the same happening); `rule` says why they are one. */
function mergeInto(into: DiplomaticEvent, from: DiplomaticEvent, rule?: string): void {
  const rules = new Set([...(into.rules ?? []), ...(from.rules ?? [])]);
  if (rule) rules.add(rule);
  into.rules = [...rules];
  if (!into.when && from.when) into.when = from.when;
  if (!into.place && from.place) into.place = from.place;
  if (!into.level && from.level) into.level = from.level;
  const rb = new Set([...(into.reportedBy ?? []), ...(from.reportedBy ?? [])]);
  into.reportedBy = [...rb];
  const st = [...(into.stances ?? [])];
  for (const s of from.stances ?? []) if (!st.some((x) => x.by === s.by && x.stance === s.stance)) st.push(s);
  into.stances = st;
}

function infoScore(e: DiplomaticEvent): number {
  return (e.when ? 3 : 0) + (e.place ? 1 : 0) + (e.level ? 1 : 0) + e.actors.length * 0.5;
}

const GENERIC_MODES = new Set(['channel', 'talks', 'other']);

function dedupe(cands: Cand[], kb: KnowledgeBase | null, text: string, person: (id: string) => boolean = () => false): Cand[] {
  const sides = (e: DiplomaticEvent) => [...new Set(e.actors.map((a) => kb?.countryOf(a) ?? a))].sort().join('+');
  // talks are held at a meeting: `Делегації ... розпочали зустріч` and `розпочалися переговори делегацій` (rule `merge.talks-meeting`)
  const talksMeeting = (x: DiplomaticEvent['mode'], y: DiplomaticEvent['mode']) => (x === 'talks' && y === 'meeting') || (x === 'meeting' && y === 'talks');
  const sittings = new Set(['meeting', 'summit', 'talks']);
  const planTalks = (o: DiplomaticEvent, c: DiplomaticEvent) =>
    (o.status === 'planned' || o.status === 'possible') &&
    (c.status === 'planned' || c.status === 'possible') &&
    (o.mode === 'talks') !== (c.mode === 'talks') &&
    sittings.has(o.mode ?? '') &&
    sittings.has(c.mode ?? '');
  // One happening told twice with one party more or less (`Guterres would meet with Putin ... on Thursday
  // to discuss the Middle East` beside `Guterres will meet Putin on Thursday`, `Zuppi will arrive in Russia's
  // capital on June 28` beside the Pope's envoy's visit to Moscow that week): the sides of one contain the
  // other's (two sides at least, one more at most) and both are dated on the same day or week (rule
  // `merge.same-happening`). Undated, or with two sides more, they stay apart (a bilateral meeting and the
  // summit of three).
  const sideSet = (e: DiplomaticEvent) => new Set(e.actors.map((a) => kb?.countryOf(a) ?? a));
  const nestedSides = (o: DiplomaticEvent, c: DiplomaticEvent) => {
    if (o.type !== 'CONSULT' || !o.when || !c.when || !sameTime(o.when.value, c.when.value)) return false;
    const a = sideSet(o), b = sideSet(c);
    const [small, big] = a.size <= b.size ? [a, b] : [b, a];
    return small.size >= 2 && big.size - small.size === 1 && [...small].every((x) => big.has(x));
  };
  const sameHappening = (o: DiplomaticEvent, c: DiplomaticEvent) =>
    o.type === c.type &&
    (sides(o) === sides(c) || nestedSides(o, c)) &&
    (o.mode === c.mode ||
      (o.type === 'CONSULT' && talksMeeting(o.mode, c.mode) && (o.status === 'occurred' || o.status === 'ongoing')) ||
      // (`Xi will hold a summit with ... Putin` and `Putin and Xi will discuss ... during their talks`: one
      // plan told as a sitting and as the talks held at it — rule `merge.plan-talks`)
      (o.type === 'CONSULT' && planTalks(o, c)) ||
      (o.type === 'CONSULT' &&
        (GENERIC_MODES.has(o.mode ?? 'other') || GENERIC_MODES.has(c.mode ?? 'other')) &&
        ((o.status === 'none' && c.status === 'none') || ((o.level === 'technical' || o.level === 'working') && o.level === c.level)))) &&
    statusGroup(o.status) === statusGroup(c.status) &&
    (!o.level || !c.level || o.level === c.level) &&
    // (a month holds its day: `може в квітні відвідати Росію` and `планує відвідати Росію 12 квітня`)
    (!o.when || !c.when || sameTime(o.when.value, c.when.value));
  // `«Мы провели конструктивную встречу»` after `провели переговоры`: a re-mention naming no party
  // of its own tells the same talks as a meeting (talks are held at meetings)
  // `The Kremlin has yet to comment on the talks` after `Putin and Scholz held their first phone call`: a
  // contact named in general terms with no party of its own re-tells the specific contact of the same
  // sides (rule `merge.talks-again`)
  const generalAgain = (o: Cand, c: Cand) =>
    !c.hasOwnActors &&
    o.ev.type === 'CONSULT' &&
    c.ev.type === 'CONSULT' &&
    (c.ev.mode === 'talks' || c.ev.mode === 'other') &&
    // (not a visit: the talks held during a visit are a contact of their own)
    (o.ev.mode === 'call' || o.ev.mode === 'meeting' || o.ev.mode === 'summit') &&
    sides(o.ev) === sides(c.ev) &&
    statusGroup(o.ev.status) === statusGroup(c.ev.status) &&
    !c.other &&
    (!o.ev.when || !c.ev.when || o.ev.when.value === c.ev.when.value);
  const talksAgain = (o: Cand, c: Cand) =>
    generalAgain(o, c) ||
    (!c.hasOwnActors &&
    o.ev.type === 'CONSULT' &&
    c.ev.type === 'CONSULT' &&
    // (`Ми обговорили ...` after a call: what was discussed in that call)
    ((o.ev.mode === 'talks' && c.ev.mode === 'meeting') ||
      (o.ev.mode !== 'channel' && c.ev.mode === 'talks' && o.ev.status === 'occurred' && c.ev.status === 'occurred' && c.sent - o.sent <= 2)) &&
    sides(o.ev) === sides(c.ev) &&
    // (what took place: `следующий раунд может пройти` is another sitting)
    statusGroup(o.ev.status) === 'real' &&
    statusGroup(c.ev.status) === 'real' &&
    (!o.ev.when || !c.ev.when || o.ev.when.value === c.ev.when.value));
  const out: Cand[] = [];
  for (const c of cands) {
    const again = out.find((o) => talksAgain(o, c));
    if (again) {
      mergeInto(again.ev, c.ev, 'merge.talks-again');
      again.stanceObject &&= c.stanceObject;
      continue;
    }
    // (a contact that took place told as another sitting with its own date, `Предыдущая встреча политиков
    // состоялась 13 марта`, is not the undated sitting the article reports, and does not date it: the
    // lexicon's `otherOccasion` words)
    // (a plan told with `again` is the coming sitting: `Kim and Putin will meet again this week`)
    const otherDate = (x: Cand, y: Cand) => !!x.other && !y.other && !!x.ev.when && !y.ev.when && statusGroup(x.ev.status) === 'real';
    const prev = out.find((o) => sameHappening(o.ev, c.ev) && !otherDate(o, c) && !otherDate(c, o));
    if (!prev) {
      out.push(c);
      continue;
    }
    const specific = (e: DiplomaticEvent) => !GENERIC_MODES.has(e.mode ?? 'other');
    // keep the better evidence (a specific mode, a date, a place), merge the rest
    // a headline (no closing punctuation) gives way to the body sentence that tells the same
    const headline = (e: DiplomaticEvent) => !/[.!?…"»”]\s*$/.test(text.slice(e.start, e.end));
    // (whatever parties more it names, unless only it is dated: a related-links headline at the end,
    // `О чем заявили Путин и Си перед визитом китайского лидера в Россию — коротко`, is no better telling
    // than the body's `Си Цзиньпин прибыл с государственным визитом в Россию`; rule `merge.body-over-headline`)
    const bodyOver = (x: DiplomaticEvent, y: DiplomaticEvent) => headline(y) && !headline(x) && (!!x.when || !y.when);
    const better =
      (specific(c.ev) && !specific(prev.ev)) ||
      (specific(c.ev) === specific(prev.ev) &&
        c.hasOwnActors &&
        !bodyOver(prev.ev, c.ev) &&
        (bodyOver(c.ev, prev.ev) || infoScore(c.ev) > infoScore(prev.ev) + 0.01));
    const why = prev.ev.mode !== c.ev.mode && planTalks(prev.ev, c.ev) ? 'merge.plan-talks' : 'merge.same-happening';
    if (better) {
      mergeInto(c.ev, prev.ev, why);
      if (bodyOver(c.ev, prev.ev) && infoScore(c.ev) <= infoScore(prev.ev) + 0.01) c.ev.rules = [...(c.ev.rules ?? []), 'merge.body-over-headline'];
      prev.ev = c.ev;
    } else {
      mergeInto(prev.ev, c.ev, why);
      if (specific(c.ev) === specific(prev.ev) && c.hasOwnActors && bodyOver(prev.ev, c.ev) && infoScore(c.ev) > infoScore(prev.ev) + 0.01) prev.ev.rules = [...(prev.ev.rules ?? []), 'merge.body-over-headline'];
    }
    // (a contact told once as a stance's object and once in its own words is no mere object)
    prev.stanceObject &&= c.stanceObject;
  }
  return stanceObjects(acrossStatus(statusUpdates(out, sides), sides, person), sides, person);
}

/**
 * A contact named only as the object of a stance (`МЗС РФ не підтвердило повідомлення про візит глави
 * Держдепу в Москву`, `не прокоментував візит Тіллерсона в Росію`: status `status.stance-object`) is the
 * contact of the same parties and kind the article reports elsewhere (the only one), whatever status the stance's tense
 * suggests: it adds its stances to that contact, which keeps its own status and date (rule
 * `merge.stance-object`).
 */
function stanceObjects(cands: Cand[], sides: (e: DiplomaticEvent) => string, person: (id: string) => boolean): Cand[] {
  // (the persons it names are among the contact's, its sides are the contact's: `візит глави Держдепу в
  // Москву`, `дату візиту Тіллерсона` with `У МЗС Росії` as the seat for `Тіллерсон ... візит до Москви`)
  const fits = (x: DiplomaticEvent, e: DiplomaticEvent) => sides(x) === sides(e) && e.actors.filter(person).every((id) => x.actors.includes(id));
  const kind = (m: DiplomaticEvent['mode']) => (m === 'talks' || m === 'meeting' || m === 'summit' || m === 'other' || !m ? 'talks' : m);
  const isObj = (c: Cand) => c.ev.type === 'CONSULT' && !!c.stanceObject;
  if (!cands.some(isObj)) return cands;
  const gone = new Set<Cand>();
  for (const c of cands) {
    if (!isObj(c)) continue;
    const e = c.ev;
    // (one such contact only: with two sittings of the same sides, which one the stance speaks of is not told)
    const os = cands.filter(
      (x) =>
        x !== c &&
        !gone.has(x) &&
        !isObj(x) &&
        x.ev.type === 'CONSULT' &&
        fits(x.ev, e) &&
        kind(x.ev.mode) === kind(e.mode) &&
        (!x.ev.when || !e.when || sameTime(x.ev.when.value, e.when.value)),
    );
    if (os.length !== 1) continue;
    const o = os[0];
    mergeInto(o.ev, e, 'merge.stance-object');
    gone.add(c);
  }
  return cands.filter((c) => !gone.has(c));
}

/** Dates that may name the same day: equal, one within the other (`2024-08` and `2024-08-22`), a week and its day. */
function sameTime(a: string, b: string): boolean {
  if (a === b || a.startsWith(b) || b.startsWith(a)) return true;
  const wa = /W\d{2}$/.test(a), wb = /W\d{2}$/.test(b);
  if (wa !== wb && /^\d{4}-\d{2}-\d{2}$/.test(wa ? b : a)) return isoWeekOf(wa ? b : a) === (wa ? a : b);
  return false;
}

const STATUS_WEIGHT: Record<string, number> = { cancelled: 4, none: 4, occurred: 3, ongoing: 3, planned: 2, possible: 1 };

/**
 * One happening told in several sentences of an article, each with its own status: `Plans for the direct
 * talks were initially reported` and `Putin and Scholz spoke by phone`, `the visit will be fruitful`
 * after `Xi landed in Moscow`, `Россия не отказалась от переговоров` after the talks were derailed
 * (rule `merge.across-status`). Contacts of the same sides and of the same kind (a call, a visit; talks,
 * meetings and summits are one kind) whose dates do not differ are one, when both are plans (planned,
 * possible) or one of them tells the end (cancelled, none); the status kept is the most telling
 * (cancelled or none, else what took place, else planned, else possible). Kept apart: contacts
 * of one sentence (`held talks ... and expect further meetings`), in two places, one told as another sitting
 * (`previous`, `next`, `again`: `otherOccasion` words), a contact put off to a new date.
 */
function acrossStatus(cands: Cand[], sides: (e: DiplomaticEvent) => string, person: (id: string) => boolean): Cand[] {
  const terminal = (st: EventStatus) => st === 'cancelled' || st === 'none';
  const irrealis = (st: EventStatus) => st === 'planned' || st === 'possible';
  // (a plan and what took place are two contacts as often as one: `В марте политики разговаривали по
  // видеосвязи` beside `Лула встретится с Зеленским`; only plans among themselves, or a plan and its end)
  const compatible = (x: EventStatus, y: EventStatus) => (irrealis(x) && irrealis(y)) || terminal(x) || terminal(y);
  // ... but a plan told as reported before the contact (`Plans for the direct talks were initially
  // reported`, `за некоторое время до звонка ... сообщило, что Шольц планирует`) is the plan of the
  // contact that took place (rule `merge.plan-told-before`, with the cue's rule id)
  const real = (st: EventStatus) => st === 'occurred' || st === 'ongoing';
  const toldBefore = (p: Cand, q: Cand) => !!p.planBefore && irrealis(p.ev.status) && real(q.ev.status);
  const kind = (m: DiplomaticEvent['mode']) => (m === 'talks' || m === 'meeting' || m === 'summit' || m === 'other' || !m ? 'talks' : m);
  // ... and a plan told without a date beside the same parties' contact of the same kind that took place
  // on a date the article gives is that contact told again (`Xi is confident the visit will be fruitful`
  // after `Xi arrived in Moscow on Monday`, `розпочинається зустріч` beside the meeting held on 11 March):
  // the dated telling keeps its status and date (rule `merge.undated-retelling`). Not the other way round:
  // a happening told without a date beside a plan is as often an earlier one whose date was missed
  // (`В марте политики разговаривали` beside `встретится 20 сентября`)
  // (the same persons and sides: `Xi arrived in Moscow` and `Xi's visit to Russia`)
  const undated = (p: Cand, q: Cand) =>
    !p.ev.when && !!q.ev.when && irrealis(p.ev.status) && real(q.ev.status) && sides(p.ev) === sides(q.ev) && sameActors(p.ev.actors.filter(person), q.ev.actors.filter(person));
  const out: Cand[] = [];
  for (const c of cands) {
    const e = c.ev;
    const prev =
      e.type !== 'CONSULT' || c.other || e.rules?.includes('status.rescheduled')
        ? undefined
        : out.find(
            (o) =>
              o.ev.type === 'CONSULT' &&
              o.sent !== c.sent &&
              !o.other &&
              !o.ev.rules?.includes('status.rescheduled') &&
              // (the same parties, not only the same countries: the ministers' meeting is not the leaders' summit)
              (sameActors(o.ev.actors, e.actors) || undated(o, c) || undated(c, o)) &&
              kind(o.ev.mode) === kind(e.mode) &&
              statusGroup(o.ev.status) !== statusGroup(e.status) &&
              (compatible(o.ev.status, e.status) || toldBefore(o, c) || toldBefore(c, o) || undated(o, c) || undated(c, o)) &&
              // (another place is another sitting: the summit in Alaska and the one called off in Budapest)
              (!o.ev.place || !e.place || o.ev.place === e.place) &&
              (o.ev.when && e.when
                ? sameTime(o.ev.when.value, e.when.value)
                : // (a day named for one only is a sitting of its own beside an end: `перенесено, але
                  // відбудеться 22 серпня`, `не змогли зустрітися на саміті G7` beside `зустрінеться 20 вересня`)
                  !(terminal(o.ev.status) || terminal(e.status)) || !/^\d{4}-\d{2}-\d{2}/.test((o.ev.when ?? e.when)?.value ?? '')),
          );
    if (!prev) {
      out.push(c);
      continue;
    }
    const told = toldBefore(prev, c) ? prev.planBefore : toldBefore(c, prev) ? c.planBefore : undefined;
    const again = !told && !compatible(prev.ev.status, e.status);
    const rule = told ? 'merge.plan-told-before' : again ? 'merge.undated-retelling' : 'merge.across-status';
    if (again ? !!e.when : (STATUS_WEIGHT[e.status] ?? 0) > (STATUS_WEIGHT[prev.ev.status] ?? 0)) {
      mergeInto(e, prev.ev, rule);
      prev.ev = e;
    } else mergeInto(prev.ev, e, rule);
    prev.stanceObject &&= c.stanceObject;
    if (told) prev.ev.rules = [...new Set([...(prev.ev.rules ?? []), told])];
  }
  return out;
}

/** a meeting of leaders and their summit are one occasion; other specific modes stay apart */
function sameOccasion(a: DiplomaticEvent['mode'], b: DiplomaticEvent['mode']): boolean {
  if (!a || !b || GENERIC_MODES.has(a) || GENERIC_MODES.has(b)) return false;
  return a === b || (a === 'meeting' && b === 'summit') || (a === 'summit' && b === 'meeting');
}

/**
 * Status news about a contact of the same article: a summit announced as planned and later
 * reported cancelled or postponed (`саммит ... отменен`, `зустріч скасовано`) or stated not to be
 * scheduled is one happening, with the status the article reports last; a cancellation in the
 * headline followed by the plan it ends is one too. Contacts in general (talks, channels) are not
 * merged: `контактов нет` and `может провести разговор` are two statements.
 */
function statusUpdates(cands: Cand[], sides: (e: DiplomaticEvent) => string): Cand[] {
  const terminal = (st: EventStatus) => st === 'cancelled' || st === 'none';
  const irrealis = (st: EventStatus) => st === 'planned' || st === 'possible';
  const out: Cand[] = [];
  const updated = new Set<Cand>();
  for (const c of cands) {
    const e = c.ev;
    // (`The two presidents failed to meet during the G7 summit` is a sitting of its own that did not take
    // place, not news of the plan: `will hold their first-ever meeting on Wednesday`)
    if (e.type === 'CONSULT' && (terminal(e.status) || irrealis(e.status)) && !e.rules?.includes('status.failed-cue')) {
      const prev = out.find(
        (o) =>
          o.ev.type === 'CONSULT' &&
          sides(o.ev) === sides(e) &&
          sameOccasion(o.ev.mode, e.mode) &&
          (o.ev.mode === e.mode || sameActors(o.ev.actors, e.actors)) &&
          (!o.ev.when || !e.when || o.ev.when.value === e.when.value) &&
          (terminal(e.status) ? irrealis(o.ev.status) || updated.has(o) : terminal(o.ev.status)),
      );
      if (prev) {
        if (terminal(e.status)) {
          prev.ev.status = e.status;
          updated.add(prev);
        }
        if ((MODE_RANK[e.mode ?? 'other'] ?? 0) > (MODE_RANK[prev.ev.mode ?? 'other'] ?? 0)) prev.ev.mode = e.mode;
        mergeInto(prev.ev, e, terminal(e.status) ? 'status.later-report' : 'merge.same-occasion');
        prev.stanceObject &&= c.stanceObject;
        continue;
      }
    }
    out.push(c);
  }
  return out;
}

function paragraphIndex(doc: Doc): (pos: number) => number {
  const breaks: number[] = [];
  const re = /\n\s*\n|\n/g;
  for (let m: RegExpExecArray | null; (m = re.exec(doc.text)); ) breaks.push(m.index);
  return (pos) => {
    let lo = 0, hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid] < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function tokIndexAt(toks: Tok[], pos: number): number {
  let lo = 0, hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid].end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sentenceTokenRanges(doc: Doc, toks: Tok[]): [number, number][] {
  return sentences(doc).map((s) => [tokIndexAt(toks, s.start), tokIndexAt(toks, s.end)]);
}

const PAIR = /^(\p{Lu}[\p{L}'’ʼ]+)\s?[-–—]\s?(\p{Lu}[\p{L}'’ʼ]+)$/u;

function buildMentions(doc: Doc, toks: Tok[], entities: Entity[], kb: KnowledgeBase | null): Men[] {
  const all: Men[] = [];
  for (const e of entities) {
    for (const m of e.mentions) {
      // `саміт Путін-Трамп`: two people joined by a hyphen read as one name
      const pair = e.id.startsWith('new:') && kb ? PAIR.exec(m.text) : null;
      if (pair) {
        const byName = (n: string): string | undefined => {
          const low = norm(n);
          for (const o of entities) {
            if (o.type !== 'PER' || o === e) continue;
            if (o.mentions.some((x) => norm(x.lemma) === low || norm(x.lemma).endsWith(' ' + low)) || norm(o.name).split(' ').includes(low)) return o.id;
          }
          return kb!.lookup(n, doc.lang)[0]?.id;
        };
        const ids = [pair[1], pair[2]].map(byName);
        if (ids[0] && ids[1] && ids[0] !== ids[1]) {
          const t0 = tokIndexAt(toks, m.start);
          let t1 = tokIndexAt(toks, m.end);
          if (t1 < toks.length && toks[t1].start < m.end) t1++;
          const cut = m.start + pair[1].length;
          for (const [k, id] of ids.entries()) {
            const ent = { id: id!, type: kb!.byId(id!)?.type ?? e.type };
            all.push({
              start: k ? cut + 1 : m.start,
              end: k ? m.end : cut,
              id: ent.id,
              type: ent.type,
              t0,
              t1: Math.max(t0 + 1, t1),
              case: null,
              maybeNom: true,
              head: null,
              ent: null,
              dropped: false,
              lead: { kind: 'none' },
              conj: k === 1,
            });
          }
          continue;
        }
      }
      const t0 = tokIndexAt(toks, m.start);
      let t1 = tokIndexAt(toks, m.end);
      if (t1 < toks.length && toks[t1].start < m.end) t1++;
      if (t1 <= t0) continue;
      let head = t1 - 1;
      while (head > t0 && toks[head].punct) head--;
      // a person's inflected first name tells the case an indeclinable surname hides (`Джоном Гілі`)
      const first = toks[t0];
      // (only an unambiguous oblique form with a case ending: `Марианн` is a nominative the guesser misreads)
      const caseTok =
        e.type === 'PER' &&
        head > t0 &&
        first.tags.Case &&
        first.tags.Case !== 'Nom' &&
        !first.hasCase('Nom') &&
        OBLIQUE_NAME_END.test(first.norm) &&
        first.lemma &&
        first.norm !== first.lemma.toLowerCase() &&
        (!toks[head].tags.Case || toks[head].hasCase('Nom'))
          ? first
          : headNoun(toks, t0, head, e.type) ?? toks[head];
      all.push({
        start: m.start,
        end: m.end,
        id: e.id,
        type: e.type,
        t0,
        t1,
        case: caseTok.tags.Case ?? null,
        maybeNom: !caseTok.tags.Case || caseTok.hasCase('Nom'),
        head: toks[head],
        ent: e,
        dropped: false,
        lead: { kind: 'none' },
        conj: false,
      });
    }
  }
  // `Xi Jinping` ... `Xi will hold a summit`, `Си Цзиньпин` ... `Путин и Си`: the first word of a person's
  // name, alone, names that person when no other name of the article has that word (a family name
  // written first); `Vladimir` of two Vladimirs names neither
  const firstOf = new Map<string, string | null>();
  const otherWord = new Set<string>();
  for (const e of entities) {
    for (const m of e.mentions) {
      const words = m.text.split(/\s+/).filter(Boolean).map(norm);
      if (e.type === 'PER' && words.length === 2 && words[0].length >= 2) {
        const prev = firstOf.get(words[0]);
        firstOf.set(words[0], prev === undefined || prev === e.id ? e.id : null);
        words.slice(1).forEach((w) => otherWord.add(w));
      } else words.forEach((w) => otherWord.add(w));
    }
  }
  if (firstOf.size) {
    const taken = (k: number) => all.some((m) => m.t0 <= k && k < m.t1);
    for (let k = 0; k < toks.length; k++) {
      const t = toks[k];
      const id = firstOf.get(t.norm);
      if (!id || otherWord.has(t.norm) || t.text[0] === t.text[0].toLowerCase() || taken(k)) continue;
      // (not the start of another capitalised name: `Xi Jinping` itself, `Ali Shamkhani`)
      const nx = toks[k + 1];
      if (nx && !nx.punct && nx.text[0] !== nx.text[0].toLowerCase() && nx.start === t.end + 1) continue;
      const e = entities.find((x) => x.id === id)!;
      all.push({ start: t.start, end: t.end, id, type: e.type, t0: k, t1: k + 1, case: t.tags.Case ?? null, maybeNom: !t.tags.Case || t.hasCase('Nom'), head: t, ent: e, dropped: false, lead: { kind: 'none' }, conj: false });
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Men[] = [];
  for (const m of all) if (!out.length || out[out.length - 1].end <= m.start) out.push(m);
  return out;
}

/**
 * The word whose case is the name's case (rule `mention.case.head-noun`): in ru/uk an organisation's or
 * place's name of several words is headed by its first noun, the rest are genitive dependents
 * (`Міністерство закордонних справ королівства`, `Совет ЕС`, `Министерство иностранных дел России`),
 * so the last word's case (`королівства`: Gen) is not the name's. People keep their own handling.
 */
function headNoun(toks: Tok[], t0: number, head: number, type: string): Tok | null {
  if (type === 'PER' || head <= t0) return null;
  for (let k = t0; k < head; k++) {
    const t = toks[k];
    if (t.punct) return null;
    if ((t.pos === 'NOUN' || t.pos === 'PROPN') && t.tags.Case) return t;
  }
  return null;
}

/** group nouns a side sends (`делегация Украины`, `представники США`) */
const DELEGATION = G.delegationNouns;

/** a format of talks named by its sides (`the Ukraine-Russia format`, `в формате Россия — США`) */
const FORMAT = G.formatNouns;

/** possessive determiners before a role noun (`его советник`, `його спецпредставник`): the owner is the pronoun's */
const POSSESSIVE = G.possessives;

/** endings of a first name in an oblique case (ru, uk): instrumental, dative, genitive, locative */
const OBLIQUE_NAME_END = /(ом|ем|єм|ём|ой|ей|ою|ею|єю|ові|еві|єві|у|ю|а|я|и|ы|і|е)$/u;

class Extractor {
  private readonly trigAt = new Map<number, Trig>();
  private readonly menAt = new Map<number, Men>();
  /** first tokens of indirect quotes' content: a clause starts there (`told reporters Putin would …`) */
  private readonly contentStart = new Set<number>();

  constructor(
    private readonly doc: Doc,
    private readonly lx: EventLexicon,
    private readonly toks: Tok[],
    /** WORD_* bits of each token (lexicon.ts) */
    private readonly flags: Uint8Array,
    private readonly mens: Men[],
    private readonly entById: Map<string, Entity>,
    private readonly kb: KnowledgeBase | undefined,
  ) {
    for (const m of mens) for (let i = m.t0; i < m.t1; i++) this.menAt.set(i, m);
    for (const q of doc.layers.quotes ?? []) {
      if (q.kind !== 'indirect') continue;
      const k = tokIndexAt(toks, q.start);
      if (k <= 0 || toks[k].start !== q.start) continue;
      // a clause of its own (a finite verb soon): not `accused Holt of being a Democrat`
      let finite = false;
      for (let j = k; j < toks.length && j < k + 10 && toks[j].end <= q.end && !finite; j++) {
        const t = toks[j];
        finite = t.pos === 'AUX' || (t.pos === 'VERB' && t.tags.VerbForm !== 'Part' && t.tags.VerbForm !== 'Ger' && t.tags.VerbForm !== 'Inf');
      }
      if (finite) this.contentStart.add(k);
    }
  }

  private isVerb(t: Tok): boolean {
    return t.pos === 'VERB' || t.pos === 'AUX';
  }

  private isNounish(t: Tok): boolean {
    return t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'X' || t.pos === '';
  }

  /** Trigger tokens of sentence [a, b). */
  triggers(a: number, b: number): Trig[] {
    const out: Trig[] = [];
    const T = this.toks;
    const taken = new Set<number>();
    const nt = this.lx.notTriggersByFirst;
    for (let i = a; i < b; i++) {
      if (!(this.flags[i] & WORD_NOT_TRIGGER)) continue;
      const byLemma = nt.get(T[i].lemma);
      const byNorm = T[i].norm !== T[i].lemma ? nt.get(T[i].norm) : undefined;
      if (!byLemma && !byNorm) continue;
      for (const seq of [...(byLemma ?? []), ...(byNorm ?? [])]) {
        if (this.seqAt(i, seq, b)) for (let k = 0; k < seq.length; k++) taken.add(i + k);
      }
    }
    for (let i = a; i < b; i++) {
      if (!(this.flags[i] & WORD_TRIGGER) || this.menAt.has(i) || taken.has(i)) continue;
      const cand = this.lx.multiByFirst.get(T[i].lemma) ?? this.lx.multiByFirst.get(T[i].norm);
      if (!cand) continue;
      for (const m of cand) {
        if (i + m.seq.length > b) continue;
        let ok = true;
        for (let k = 0; k < m.seq.length && ok; k++) ok = T[i + k].lemma === m.seq[k] || T[i + k].norm === m.seq[k];
        if (!ok) continue;
        const head = i + m.seq.length - 1;
        const def: TriggerDef = { lemmas: m.seq, type: m.type, mode: m.mode, kind: 'any' };
        out.push({ t: head, tEnd: head + 1, def, type: m.type, mode: m.mode ?? null, verb: this.isVerb(T[i]) });
        for (let k = 0; k < m.seq.length; k++) taken.add(i + k);
        break;
      }
    }
    // pattern triggers (rules in data): the act at the pattern's first word
    for (let i = a; i < b; i++) {
      if (!(this.flags[i] & WORD_TRIGGER) || taken.has(i) || this.menAt.has(i) || !this.isVerb(T[i])) continue;
      const m = this.lx.triggerRules.matchAt(T, i, a, b)[0];
      if (!m) continue;
      const p = m.rule.produces;
      const def: TriggerDef = { lemmas: [T[i].lemma], type: p.type, mode: p.mode, kind: 'verb', rule: m.rule.id, ...(p.parties === 'from-to' ? { fromTo: true } : {}) };
      out.push({ t: i, tEnd: i + 1, def, type: p.type, mode: p.mode ?? null, verb: true });
      taken.add(i);
    }
    for (let i = a; i < b; i++) {
      if (!(this.flags[i] & WORD_TRIGGER) || taken.has(i) || this.menAt.has(i)) continue;
      const t = T[i];
      const defs = this.lx.single.get(t.lemma);
      const formDefs = t.lemma !== t.norm ? this.lx.single.get(t.norm) : undefined;
      if (!defs && !formDefs) continue;
      const verb = this.isVerb(t);
      const noun = this.isNounish(t);
      const fits = (d: TriggerDef) => d.kind === 'any' || (d.kind === 'verb' ? verb || (!t.pos && false) : noun || (!t.pos && !verb));
      // the form may name a trigger the lemma does not: `talks` (noun) lemmatised as `talk` (a verb trigger)
      const def = defs?.find(fits) ?? formDefs?.find(fits);
      if (!def) continue;
      if (def.needsObject && !this.window(i + 1, Math.min(b, i + 5)).some((k) => def.needsObject!.map(norm).includes(T[k].lemma))) continue;
      if (def.needsVerb) {
        const want = def.needsVerb.map(norm);
        const [ca, cb] = this.clause(i, a, b);
        if (!this.window(ca, cb).some((k) => want.includes(T[k].lemma))) continue;
      }
      out.push({ t: i, tEnd: i + 1, def, type: def.type, mode: def.mode ?? null, verb });
    }
    out.sort((x, y) => x.t - y.t);
    // a light verb before its noun (`imposed new sanctions`, `провел переговоры`): the noun tells
    const kept = out.filter((v, k) => {
      if (!v.verb) return true;
      const n = out[k + 1];
      if (!n || n.verb || n.t - v.tEnd > 3) return true;
      for (let j = v.tEnd; j < n.t; j++) if (!['ADJ', 'DET', 'NUM'].includes(T[j].pos)) return true;
      return false;
    });
    for (const tr of kept) this.trigAt.set(tr.t, tr);
    return kept;
  }

  private window(a: number, b: number): number[] {
    const r: number[] = [];
    for (let i = a; i < b; i++) r.push(i);
    return r;
  }

  /** Token range of the clause around token i within sentence [a, b). */
  clause(i: number, a: number, b: number): [number, number] {
    let s = i, e = i + 1;
    while (s > a && !this.isBreak(s - 1) && !this.contentStart.has(s)) s--;
    while (e < b && !this.isBreak(e) && !this.contentStart.has(e)) e++;
    return [s, e];
  }

  private bracketGloss(k: number): boolean {
    const T = this.toks;
    const open = T[k].text === '(';
    // (up to 10 words after a name, commas included: `Pakistan (Director General of Military
    // Operations, or DGMO) called the DGMO of India`)
    const named = open ? this.menAt.has(k - 1) : this.menAt.has(this.bracketOpen(k) - 1);
    for (let n = 1; n <= (named ? 10 : 5); n++) {
      const j = open ? k + n : k - n;
      const u = T[j];
      if (!u) return false;
      if (u.text === (open ? ')' : '(')) return n > 1;
      if (this.isVerb(u) || (u.punct && u.text !== '.' && u.text !== '-' && !(named && u.text === ','))) return false;
    }
    return false;
  }

  /** The `(` that the `)` at k closes within 10 tokens, else -1. */
  private bracketOpen(k: number): number {
    for (let j = k - 1; j >= Math.max(0, k - 11); j--) {
      if (this.toks[j].text === '(') return j;
      if (this.toks[j].text === ')') return -1;
    }
    return -1;
  }

  private isBreak(k: number): boolean {
    const t = this.toks[k];
    if (t.punct && QUOTE_MARKS.has(t.text) && (this.menAt.has(k + 1) || this.menAt.has(k - 1))) return false;
    // a short bracket with no verb is an alias or a gloss inside the clause (`Европейский союз (ЕС)
    // официально утвердил`, `Fund (RDIF) Kirill Dmitriev`): rule `clause.bracket-gloss`
    if (t.punct && (t.text === '(' || t.text === ')') && this.bracketGloss(k)) return false;
    if (t.punct && CLAUSE_PUNCT.has(t.text)) return true;
    if (t.punct && t.text === '-' && this.toks[k - 1] && this.toks[k].start > this.toks[k - 1].end) {
      const next = this.toks[k + 1];
      return !!next && next.start > t.end;
    }
    return SUBORD.has(t.norm) && !this.menAt.has(k);
  }

  private skippable(t: Tok): boolean {
    if (this.lx.roleNouns.has(t.lemma) || this.lx.roleNouns.has(t.norm)) return true;
    if (t.pos === 'ADJ' || t.pos === 'DET' || t.pos === 'NUM') return true;
    // a possessive before a role noun (`with his Russian counterpart Vladimir Putin`)
    if (t.pos === 'PRON' && t.tags.Poss === 'Yes') return true;
    if (t.pos === 'NOUN' && t.tags.Case === 'Gen') return true;
    // a country adjective the tagger read as a name (`Russian President Vladimir Putin`)
    if (t.pos === 'PROPN' && (this.lx.demonyms.has(t.lemma) || this.lx.demonyms.has(t.norm))) return true;
    return false;
  }

  /** What introduces mention m: walk back over qualifying words and other names. */
  private lead(m: Men, a: number): Men['lead'] & { conj?: boolean } {
    let steps = 0;
    let oblique = false;
    for (let j = m.t0 - 1; j >= a && steps < 9; j--, steps++) {
      const t = this.toks[j];
      // English `the <office> of <country>` (`the prime minister of Pakistan called the president of
      // India`, `called the DGMO of India`): a country or organisation owning an office stands in that
      // office's place in the clause (rule `party.office-of`; a person's envoy is not the person)
      if (this.lx.lang === 'en' && t.norm === 'of' && (j === m.t0 - 1 || m.office) && j > a && (m.type === 'LOC' || m.type === 'ORG')) {
        const r = this.toks[j - 1];
        const o = this.menAt.get(j - 1);
        if (o && o.type === 'ORG' && m.type === 'LOC' && o.t0 >= a) {
          m.office = true;
          return this.lead(o, a);
        }
        if (!o && (this.lx.roleNouns.has(r.lemma) || this.lx.roleNouns.has(r.norm))) {
          m.office = true;
          continue;
        }
      }
      const other = this.menAt.get(j);
      if (other) {
        // `принял в Кремле премьер-министра ...`: a place with its own preposition lies between
        // (English: not a premodifier of this name, `between U.S. President Donald Trump and ...`)
        const premod = this.lx.lang === 'en' && (other.t1 === m.t0 || (this.toks[other.t1] && (this.lx.roleNouns.has(this.toks[other.t1].lemma) || this.lx.roleNouns.has(this.toks[other.t1].norm))));
        if (other.case === 'Loc' || other.case === 'Ins' || (this.lx.lang === 'en' && !premod)) oblique = true;
        continue;
      }
      if (t.punct && QUOTE_MARKS.has(t.text)) continue;
      if (oblique && t.pos === 'ADP') {
        oblique = false;
        continue;
      }
      if (this.trigAt.has(j)) {
        // `під час телефонної розмови Зеленський і Макрон домовилися`: a nominative name after a
        // framing contact is the subject of the clause, no complement of that noun
        const tj = this.trigAt.get(j)!;
        if (!tj.verb && m.case === 'Nom' && this.framed(tj, a)) return { kind: 'none' };
        return { kind: 'trigger', at: j };
      }
      const L = this.lx;
      if (L.conj.has(t.norm) || (t.punct && (t.text === ',' || t.text === '-' || t.text === '–'))) {
        // a coordinated name takes what introduced the one before it
        // (the nearest such name: `По словам Ушакова, контакты между Ереваном и Баку`)
        let prev: Men | undefined;
        for (let i = j - 1; i >= Math.max(a, j - 4 - 1) && !prev; i--) {
          const p = this.menAt.get(i);
          if (p && p.t1 <= j && p.t1 >= j - 1 - 3 && p.t0 >= a) prev = p;
        }
        // (not over a phrase of its own: `In Brussels on Tuesday, Rutte and Zelensky discussed ...`
        // — the comma closes an opening adverbial, the name after it is the subject)
        if (prev && t.punct) for (let i = prev.t1; i < j; i++) if (this.toks[i].pos === 'ADP') prev = undefined;
        // a place and a person are not a list: `During a meeting in Brussels, Rutte and Zelensky ...`
        if (prev && t.punct && (prev.type === 'LOC') !== (m.type === 'LOC')) prev = undefined;
        // a source before a comma is no list with the name after it: `За даними Reuters, Володимир Путін
        // зустрінеться`, `По информации Reuters, Путин` (an outlet, or a name in another case)
        if (prev && t.punct && (outletMention(prev) || (prev.case && m.case && prev.case !== m.case && !prev.maybeNom))) prev = undefined;
        if (prev) {
          const pl = this.lead(prev, a);
          return { ...pl, conj: true };
        }
        return { kind: 'none' };
      }
      if (t.pos === 'ADP' || L.withPreps.has(t.norm) || L.betweenPreps.has(t.norm) || L.placePreps.has(t.norm) || L.destPreps.has(t.norm) || L.againstPreps.has(t.norm)) {
        // no preposition governs a nominative: `Напередодні Зеленський зустрівся ...`
        // (but a place tagged nominative after a preposition of direction is its inanimate accusative: `визит в Китай`)
        const inanAcc = L.destPreps.has(t.norm) && m.type === 'LOC' && m.head?.tags.Animacy === 'Inan';
        if (m.case === 'Nom' && !m.conj && j === m.t0 - 1 && !L.betweenPreps.has(t.norm) && !L.withPreps.has(t.norm) && !inanAcc) return { kind: 'none' };
        return { kind: 'prep', prep: t.norm, at: j };
      }
      if (this.skippable(t)) continue;
      // a delegation of a named side: `переговоры между делегациями Украины и США`, `з делегацією
      // України` (rule `party.delegation-of`): the side is the party
      if (DELEGATION.has(t.lemma) && m.case === 'Gen' && (j === m.t0 - 1 || this.onlyGenitiveNames(j + 1, m.t0))) continue;
      // an appositive head noun in the name's case: `с турецким коллегой Хаканом Фиданом`
      // (over a genitive name qualifying it: `с новым государственным секретарем США Марко Рубио`)
      // (a foreign name that does not decline reads as a nominative: `секретарем США Марко Рубио`)
      const sameCase = m.case && m.case !== 'Nom' ? t.tags.Case === m.case : m.case === 'Nom' && m.type === 'PER' && !!t.tags.Case && t.tags.Case !== 'Nom' && this.undeclined(m);
      // (a capitalised title tagged as a name: `с Президентом России Владимиром Путиным`)
      const head = t.pos === 'NOUN' || (t.pos === 'PROPN' && (this.lx.roleNouns.has(t.lemma) || this.lx.roleNouns.has(t.norm)));
      if (head && sameCase && t.tags.Animacy === 'Anim' && (j === m.t0 - 1 || this.onlyGenitiveNames(j + 1, m.t0))) continue;
      return { kind: 'none' };
    }
    return { kind: 'none' };
  }

  /** A word telling another sitting near the trigger (the lexicon's `otherOccasion`: `previous`, `next`, `again`). */
  otherOccasionNear(tr: Trig, a: number, b: number): boolean {
    for (let k = Math.max(a, tr.t - 4); k < Math.min(b, tr.tEnd + 3); k++) {
      if (!this.lx.otherOccasion.has(this.toks[k].lemma) && !this.lx.otherOccasion.has(this.toks[k].norm)) continue;
      // (a word of a time expression dates the sitting, it tells no other one: `встретятся на следующей
      // неделе`, `next week`)
      const t = this.toks[k];
      if ((this.doc.layers.times ?? []).some((x) => x.start <= t.start && t.end <= x.end)) continue;
      // (an adjective tells another sitting when it qualifies the contact noun, before it over adjectives
      // and a round noun — `Предыдущая встреча`, `следующий раунд переговоров` —, not a noun after it:
      // `провел первый телефонный разговор с новым государственным секретарем`)
      if (t.pos === 'ADJ') {
        if (k >= tr.tEnd) continue;
        let j = k + 1;
        while (j < tr.t && (this.toks[j].pos === 'ADJ' || this.toks[j].pos === 'DET' || this.toks[j].pos === 'NUM' || this.toks[j].pos === 'ADP' || this.has(j, this.lx.rounds))) j++;
        if (j < tr.t) continue;
      }
      return true;
    }
    return false;
  }

  /** Tokens (x, y) are an office in the instrumental with its adjectives (`президентом`, `главами`, `новым министром иностранных дел`). */
  private officeBetween(x: number, y: number): boolean {
    if (y - x < 2 || y - x > 10) return false;
    let role = false;
    for (let k = x + 1; k < y; k++) {
      const t = this.toks[k];
      if (!role && (this.lx.roleNouns.has(t.lemma) || this.lx.roleNouns.has(t.norm)) && t.hasCase('Ins')) role = true;
      // (the names coordinated before it: `с главами Аргентины и Катара`)
      else if (role && (this.menAt.get(k)?.case === 'Gen' || this.lx.conj.has(t.norm) || t.text === ',')) continue;
      else if (!(t.pos === 'ADJ' || (t.pos === 'NOUN' && t.tags.Case === 'Gen'))) return false;
    }
    return role;
  }

  /** A name read as nominative whose head word is its own base form ending in a vowel (`Рубио`, `Гілі`, `Шойгу`): it may not decline. */
  private undeclined(m: Men): boolean {
    const h = m.head;
    return !!h && h.lemma === h.norm && /[аоуиеэюяіїєы]$/u.test(h.norm) && h.hasCase('Nom');
  }

  /**
   * The named objects (accusative, an animate genitive-accusative, a dative) between an inviting verb
   * (`controllers`: пригласить, предложить, invite) and the infinitive trigger after it.
   */
  private controllerObjects(tr: Trig, ca: number, inClause: Men[]): string[] {
    const T = this.toks;
    let c = -1;
    for (let j = tr.t - 1; j >= Math.max(ca, tr.t - 10); j--) {
      if (this.lx.controllers.has(T[j].lemma) || this.lx.controllers.has(T[j].norm)) {
        c = j;
        break;
      }
    }
    if (c < 0) return [];
    return inClause
      .filter((m) => m.t0 > c && m.t1 <= tr.t && m.type !== 'LOC' && (m.case === null || m.case === 'Acc' || m.case === 'Dat' || (m.case === 'Gen' && !!m.head?.hasCase('Acc')) || (m.type === 'PER' && !!m.head?.hasCase('Acc'))))
      .map((m) => m.id);
  }

  /**
   * Is the trigger noun the subject of its clause: a nominative (ru, uk) or, in English, a noun with no
   * preposition before it in its phrase, followed in the clause by a finite verb?
   */
  private nounIsClauseSubject(tr: Trig, ca: number, cb: number): boolean {
    const T = this.toks;
    let j = tr.t - 1;
    while (j >= ca && (T[j].pos === 'ADJ' || T[j].pos === 'DET' || T[j].pos === 'NUM' || T[j].pos === 'PART')) j--;
    if (j >= ca && (T[j].pos === 'ADP' || this.isVerb(T[j]) || T[j].pos === 'NOUN' || T[j].pos === 'PROPN')) return false;
    if (this.lx.lang !== 'en' && !(T[tr.t].tags.Case === 'Nom')) return false;
    for (let k = tr.tEnd; k < cb; k++) if ((this.isVerb(T[k]) && T[k].tags.VerbForm !== 'Inf' && T[k].tags.VerbForm !== 'Part' && T[k].tags.VerbForm !== 'Ger') || T[k].tags.Variant === 'Short') return true;
    return false;
  }

  /** Tokens [x, y) are all names in the genitive (or caseless): qualifiers of the name after them. */
  private onlyGenitiveNames(x: number, y: number): boolean {
    if (y <= x) return false;
    for (let k = x; k < y; k++) {
      const o = this.menAt.get(k);
      if (!o || (o.case !== 'Gen' && o.case !== null)) return false;
    }
    return true;
  }

  private readonly qualified = new Map<number, Men[]>();

  /** Names that only qualify the following name are no parties (computed once per sentence). */
  private markQualifiers(a: number, b: number): Men[] {
    const got = this.qualified.get(a);
    if (got) return got;
    const r = this.markQualifiersOnce(a, b);
    this.qualified.set(a, r);
    return r;
  }

  private markQualifiersOnce(a: number, b: number): Men[] {
    const ms = this.mens.filter((m) => m.t0 >= a && m.t1 <= b);
    for (let k = ms.length - 2; k >= 0; k--) {
      const x = ms[k], y = ms[k + 1];
      if (y.t0 < x.t1) continue; // one token split in two names (`Путін-Трамп`)
      // names inside a gloss bracket right after a name gloss it (`Pakistan (Director General of
      // Military Operations, or DGMO) called`, `Європейський союз (ЄС)`): no parties of their own
      // (rule `clause.bracket-gloss`)
      if (this.toks[x.t1]?.text === '(' && y.t0 > x.t1 && this.bracketGloss(x.t1)) {
        let close = x.t1 + 1;
        while (close < b && close - x.t1 <= 11 && this.toks[close].text !== ')') close++;
        if (close < b && this.toks[close].text === ')') for (const z of ms) if (z.t0 > x.t1 && z.t1 <= close) z.dropped = true;
        if (y.dropped) continue;
      }
      let clean = y.t0 - x.t1 <= 4;
      for (let j = x.t1; j < y.t0 && clean; j++) {
        const t = this.toks[j];
        if (t.punct || this.lx.conj.has(t.norm) || this.isVerb(t) || t.pos === 'ADP' || this.trigAt.has(j)) clean = false;
      }
      if (!clean) continue;
      // (a place governed by its own preposition in another case than the name after it is no
      // qualifier: `визита Макрона в Москву Путин заявил`)
      const governed = x.t0 > 0 && this.toks[x.t0 - 1].pos === 'ADP' && !!x.case && !!y.case && x.case !== y.case && y.maybeNom;
      if (governed) continue;
      // (only a genitive qualifies the name after it: `советник Путина Ушаков`; an instrumental or
      // other oblique name ends a phrase of its own: `встрече ... с Владимиром Путиным Песков ответил`)
      if (x.case && x.case !== 'Gen' && x.case !== 'Nom' && !x.maybeNom && y.case && y.case !== x.case) continue;
      if (y.type === 'PER' || (y.dropped && y.t0 - x.t1 <= 1)) x.dropped = true;
      else if (x.type === 'ORG' && y.type === 'LOC' && y.t0 === x.t1) y.dropped = true;
    }
    for (const m of ms) {
      m.office = false;
      const l = this.lead(m, a);
      m.lead = l.kind === 'prep' ? { kind: 'prep', prep: l.prep, at: l.at } : l.kind === 'trigger' ? { kind: 'trigger', at: l.at } : { kind: 'none' };
      m.conj = !!(l as { conj?: boolean }).conj;
      // English premodifies: a name right before a contact noun is that contact's (`the G20 summit`,
      // `the Putin-Trump summit`), not a side of another contact of the clause
      const pre = this.lx.lang === 'en' ? this.premodifiedTrigger(m, b) : -1;
      if (pre >= 0) m.lead = { kind: 'trigger', at: pre };
    }
    return ms.filter((m) => !m.dropped);
  }

  private nominative(m: Men): boolean {
    return m.case === null || m.case === 'Nom';
  }

  event(tr: Trig, a: number, b: number, si: number, prior: Cand[]): { ev: DiplomaticEvent; score: number; own: boolean } | null {
    const L = this.lx;
    const T = this.toks;
    const consult = tr.type === 'CONSULT';
    // `would not meet the new target`, `to meet the deadline`: meeting a thing is no contact
    if (consult && tr.verb && T[tr.t].lemma === 'meet' && this.lx.lang === 'en') {
      let j = tr.tEnd;
      while (j < b && (T[j].pos === 'DET' || T[j].pos === 'ADJ' || T[j].pos === 'NUM')) j++;
      const named = [j + 1, j + 2].some((k) => k < b && this.menAt.has(k)); // (`met envoy Steve Witkoff`)
      if (j < b && T[j].pos === 'NOUN' && !this.menAt.has(j) && !named && !this.lx.roleNouns.has(T[j].lemma) && T[j].text[0] === T[j].text[0].toLowerCase()) return null;
    }
    // a measure whose object is a contact (`suspend the talks`) tells that contact's end, not a sanction
    if (tr.type === 'SANCTION' && tr.verb) {
      let j = tr.tEnd;
      while (j < b && j - tr.tEnd < 4 && (T[j].pos === 'DET' || T[j].pos === 'ADJ' || T[j].pos === 'PRON' || T[j].pos === 'ADV')) j++;
      const o = this.trigAt.get(j);
      // (or an act of force: `aimed at halting strikes on energy infrastructure` is a truce's aim)
      const force = new Set(['CONSULT', 'ASSAULT', 'FIGHT']);
      if (o && force.has(o.type) && !o.verb) return null;
      if (j < b && T[j].pos === 'NOUN' && (this.lx.single.get(T[j].lemma) ?? []).some((d) => force.has(d.type))) return null;
    }
    // a non-contact act in the infinitive is no happening (`переконати Вашингтон відмовитися`)
    if (!consult && tr.verb && T[tr.t].tags.VerbForm === 'Inf') return null;
    // a non-contact act needs a named side in its sentence (a sanction's may be implied): many
    // conflict words (`удар`, `бой`, `протест`) stand in sentences that name none
    if (!consult && tr.type !== 'SANCTION' && !this.markQualifiers(a, b).length) return null;
    const [ca, cb] = this.clause(tr.t, a, b);
    // `диалог с РФ важен`: contacts in general, not one
    if (consult && this.window(ca, cb).some((k) => k !== tr.t && this.has(k, L.generic))) return null;
    const ms = this.markQualifiers(a, b);
    const inClause = ms.filter((m) => m.t0 >= ca && m.t1 <= cb && !outletMention(m) && this.named(m));
    let inherit: Cand | null = null;
    // `эта встреча`, `цієї розмови`: the event already reported
    if (this.anaphoric(tr, ca)) {
      const sides = this.sidesSubject(tr, ca);
      const p = [...prior]
        .reverse()
        .find((c) => si - c.sent <= (sides ? 2 : 5) && c.ev.type === tr.type && (!consult || sides || c.ev.mode === tr.mode));
      // `Стороны договорились встретиться ...` after a call: the same sides agreeing on a new contact
      // (a verb, or a contact of another kind agreed on — `договорились о визите` after a call —,
      // whose status differs from the contact reported) state a contact of their own; a noun only
      // when planned: `обговорили підготовку можливих переговорів` is a topic
      const st = p && sides && consult ? this.status(tr, ca, cb, a, b) : null;
      const otherKind = !!p && !!st && !tr.verb && tr.mode !== p.ev.mode;
      if (p && st && (tr.verb || (otherKind && st === 'planned')) && statusGroup(st) !== statusGroup(p.ev.status)) inherit = p;
      // a contact of another kind naming its own party after it (`о визите Моди в Астану`) is a
      // contact of its own too; anything else re-mentions the contact reported
      else if (p && !(otherKind && inClause.some((m) => m.t0 > tr.t))) {
        const rb = this.reporters(tr);
        for (const r of rb) if (!p.ev.reportedBy!.includes(r)) p.ev.reportedBy!.push(r);
        return null;
      }
    }
    const subjects: string[] = [];
    const parties: string[] = [];
    /** ids of the rules that decide this event (the contract's `rules`) */
    const R: string[] = [tr.def.rule ?? `${L.lang}.trigger.${tr.def.lemmas.join('_')}`];
    let place: string | null = null;
    const english = L.lang === 'en';
    const withOk = consult || tr.type === 'AGREE' || tr.type === 'COOPERATE' || tr.type === 'FIGHT'; // (`бои между X и Y`, `clashes with`)

    // `во время разговора Путин и Макрон договорились`: the framed clause's subject held the contact
    const framedNoun = !tr.verb && this.framed(tr, ca);
    /** a verb of going (`arrive`, `отправиться`) names where to: without it, no visit */
    let destNamed = false;
    for (const m of inClause) {
      // a place right after a preposition of direction, after the verb of going (`прибыл в Киев`,
      // `arrived in Kyiv`, `вирушив до Варшави`), whatever role the case ambiguity gives it below
      // (over the place's adjectives: `прибув до російської Казані`)
      if (tr.def.needsDest && m.type === 'LOC' && m.t0 > tr.t && m.t0 > 0) {
        let p = m.t0 - 1;
        // (or lowercase nouns, the tagger's reading of some: `до столиці`, `російської` read as a noun)
        while (p > tr.t && m.t0 - p <= 3 && !this.menAt.has(p) && (this.toks[p].pos === 'ADJ' || (this.toks[p].pos === 'NOUN' && this.toks[p].text[0] !== this.toks[p].text[0].toUpperCase()))) p--;
        if (L.destPreps.has(this.toks[p].norm)) destNamed = true;
      }
      const after = m.t0 > tr.t;
      const ld = m.lead;
      if (ld.kind === 'prep') {
        const p = ld.prep;
        // (a country's office in the instrumental before its name: `встретится с президентом Аргентины`,
        // `с главами Аргентины и Катара` — the country stands for its office, rule `party.office-of`)
        const office = !english && L.withPreps.has(p) && m.case === 'Gen' && this.officeBetween(ld.at, m.t0);
        if (office) R.push('party.office-of');
        if (L.betweenPreps.has(p) || (L.withPreps.has(p) && (english || m.case === null || m.case === 'Ins' || m.case === 'Nom' || !!m.head?.hasCase('Ins') || office))) {
          // (not the guests of `принять`, who are its named object: `готова принять раунд переговоров
          // между Россией и Украиной` hosts talks, it receives no one)
          // (a contact noun nearer the preposition owns its parties: `обговорили можливість відновлення
          // прямих переговорів між Росією та Україною` — the talks are Russia's and Ukraine's, the
          // discussion is not; rule `party.of-nearer-contact`)
          const nearer = [...this.trigAt.values()].some((o) => o !== tr && o.type === 'CONSULT' && !o.verb && o.t > Math.min(tr.t, ld.at) && o.t < Math.max(tr.t, ld.at) && tr.t < ld.at);
          if (nearer) {
            R.push('party.of-nearer-contact');
            continue;
          }
          const exist = consult && !tr.verb && tr.t < ld.at;
          if (withOk && !tr.def.needsNamedObject && !this.verbBetween(Math.min(tr.t, ld.at), Math.max(tr.t, ld.at), exist)) {
            parties.push(m.id);
            R.push(L.betweenPreps.has(p) ? 'party.between' : 'party.with');
            if (exist && this.verbBetween(tr.t, ld.at)) R.push('party.exist-verb');
          }
          continue;
        }
        if (L.againstPreps.has(p) || tr.def.targetPreps?.includes(p)) {
          if (!consult && after) {
            parties.push(m.id);
            R.push('party.target');
          }
          continue;
        }
        if (L.placePreps.has(p) || L.destPreps.has(p)) {
          // `раскритиковали в МИД Украины`, `заявили в Кремле`: an institution speaking through its
          // seat after a plural verb of its own is no place of the contact
          const pv = ld.at > 0 ? this.toks[ld.at - 1] : undefined;
          if (pv && ld.at - 1 !== tr.t && this.isVerb(pv) && pv.tags.Number === 'Plur' && pv.tags.VerbForm === 'Fin' && !english) continue;
          // (no preposition governs a nominative: `визит в Китай` with `Китай` tagged Nom is the accusative of an
          // inanimate noun, rule `party.destination`)
          const acc = m.case === 'Acc' || (m.case === 'Nom' && !english);
          // (English: `to`; after a verb of arriving also `in` before a place: `arrived in Israel`)
          if (tr.mode === 'visit' && (acc || (english && (p === 'to' || (p === 'in' && !!tr.def.needsDest && m.type === 'LOC')))) && after) {
            parties.push(m.id);
            R.push('party.destination');
            place ??= m.type === 'LOC' || m.type === 'ORG' ? m.id : null;
          } else if ((m.type === 'LOC' || m.type === 'ORG') && (m.case !== 'Acc' || english) && consult) {
            if (!place) R.push('place.prep');
            place ??= m.id;
          }
        }
        continue;
      }
      if (ld.kind === 'trigger' && ld.at === tr.t && after) {
        if (tr.verb) {
          if (m.case === 'Nom') subjects.push(m.id);
          else parties.push(m.id);
          R.push(m.case === 'Nom' ? 'subject.after-verb' : 'party.object');
        } else if (m.case !== 'Loc' && m.case !== 'Ins' && !(m.case === 'Nom' && m.t1 < cb && this.isVerb(T[m.t1]) && T[m.t1].tags.VerbForm === 'Fin')) {
          // (not a nominative name that is the subject of the verb after it: `о возможной встрече
          // Уиткоффа с Путиным Песков ответил`)
          parties.push(m.id);
          R.push('party.of-noun');
        }
        continue;
      }
      if (ld.kind === 'trigger' && ld.at !== tr.t) continue; // belongs to another trigger
      // no introducer
      if (!after) {
        // (an abbreviation without case after a common noun is its genitive: `после начала операции
        // ВСУ ... отложили визит`, rule `subject.not-genitive-dependent`)
        const pn = m.t0 > ca ? T[m.t0 - 1] : undefined;
        if (m.case === null && !english && m.type !== 'PER' && pn && pn.pos === 'NOUN' && !L.roleNouns.has(pn.lemma) && !this.trigAt.has(m.t0 - 1) && pn.tags.Case !== 'Nom') {
          R.push('subject.not-genitive-dependent');
          continue;
        }
        if (m.case === null || m.case === 'Nom' || (m.maybeNom && !this.finiteBefore(m.t0, ca))) {
          subjects.push(m.id);
          R.push('subject.before');
        } else if (m.case === 'Acc' && (tr.mode === 'visit' || (!consult && tr.verb))) {
          parties.push(m.id);
          R.push('party.object-before');
          if (tr.mode === 'visit') place ??= m.type === 'LOC' ? m.id : null;
        }
      } else if ((tr.verb || framedNoun) && m.case === 'Nom') {
        subjects.push(m.id);
        R.push('subject.after');
      } else if (!consult && tr.verb && m.case === 'Gen' && m.t0 - tr.tEnd <= 3 && this.onlyNominals(tr.tEnd, m.t0)) {
        parties.push(m.id);
        R.push('party.object-genitive');
      } else if (tr.verb && (english || m.case === 'Acc' || (!consult && m.case === 'Dat')) && !subjects.includes(m.id)) {
        parties.push(m.id);
        R.push('party.object');
        // (`посетить Москву`: the place visited)
        if (tr.mode === 'visit' && m.type === 'LOC' && m.case === 'Acc') place ??= m.id;
      } else if (!tr.verb && m.case === 'Dat' && !consult) {
        parties.push(m.id);
        R.push('party.dative');
      }
    }
    // `no meetings in the Ukraine-Russia format`, `у форматі Україна — Росія`: the sides a format names
    // are the contact's parties (rule `party.format`)
    if (consult && parties.length < 2) {
      for (let k = ca; k < cb; k++) {
        if (!FORMAT.has(T[k].lemma) && !FORMAT.has(T[k].norm)) continue;
        const near = inClause.filter((m) => (m.t1 <= k && k - m.t1 <= 1) || (m.t0 > k && m.t0 - k <= 2)).filter((m) => m.type === 'LOC' || m.type === 'ORG');
        // (two names joined by a hyphen or dash: `Ukraine-Russia`, `Україна — Росія`)
        // (one token `Ukraine-Russia` holds both names)
        const pair = near.length >= 2 && near.slice(1).every((m, i) => m.t0 < near[i].t1 || m.t0 === near[i].t1 || (m.t0 - near[i].t1 === 1 && /^[-–—]$/.test(T[near[i].t1].text)));
        if (!pair) continue;
        for (const m of near) if (!parties.includes(m.id) && !subjects.includes(m.id)) parties.push(m.id);
        R.push('party.format');
        break;
      }
    }
    // `met ... on the sidelines of the summit`, `на полях саммита БРИКС`: the summit frames the
    // meeting; it is a contact of its own only with the participants it names (its genitive)
    if (consult && tr.mode === 'summit' && !tr.verb && this.onSidelines(tr.t, ca)) {
      const own = inClause.filter((m) => m.lead.kind === 'trigger' && m.lead.at === tr.t && m.t0 > tr.t).map((m) => m.id);
      if (!own.length) return null;
      parties.splice(0, parties.length, ...own);
      R.push('summit.sidelines');
    }
    // a summit as the time or topic of another act (`Macron called Putin ahead of the G7 summit`,
    // `обсудили предстоящий саммит G20`): a contact only of the participants it names itself, never
    // of the clause's subject, and without the clause's date
    let frame = consult && tr.mode === 'summit' && !tr.verb ? this.summitFrame(tr, ca) : null;
    if (frame) R.push(`summit.frame.${frame}`);
    if (frame) {
      const own = inClause.filter((m) => m.lead.kind === 'trigger' && m.lead.at === tr.t).map((m) => m.id);
      if (own.length >= 2) {
        subjects.length = 0;
        parties.splice(0, parties.length, ...own);
      } else if (own.length === 1) {
        // an organisation's summit (`the G20 summit`, `саммит НАТО`): its participants are not named
        return null;
      } else if (frame !== 'topic') {
        // `ahead of the summit, X called Y`: the call is theirs, the summit nobody's named
        if ([...this.trigAt.values()].some((o) => o !== tr && o.type === 'CONSULT' && o.t >= ca && o.t < cb)) return null;
        frame = null;
      }
      // (a summit named by nobody as the topic of a talk is that talk's sides' summit:
      // `обсудили подготовку саммита в Будапеште`)
    }
    // `пригласила премьер-министра Великобритании Бориса Джонсона посетить Москву`, `предложил Трампу
    // встретиться`: the object of an inviting verb does what the infinitive says; the one inviting
    // is the other side of a contact (the host of a visit)
    if (consult && tr.verb && T[tr.t].tags.VerbForm === 'Inf') {
      const inv = this.controllerObjects(tr, ca, inClause);
      if (inv.length) {
        for (const id of subjects) if (!parties.includes(id) && !inv.includes(id)) parties.push(id);
        subjects.splice(0, subjects.length, ...inv);
        for (let k = parties.length - 1; k >= 0; k--) if (inv.includes(parties[k])) parties.splice(k, 1);
        R.push('subject.invited-object');
      }
    }
    // after the verb, a second "subject" is its object when one precedes it (`Путин принял ... Фицо`)
    if (tr.verb && subjects.length > 1) {
      const early = subjects.filter((id) => inClause.some((m) => m.id === id && m.t0 < tr.t));
      if (early.length) for (const id of subjects.filter((x) => !early.includes(x))) if (!parties.includes(id)) parties.push(id);
      if (early.length) subjects.splice(0, subjects.length, ...early);
      if (early.length) R.push('subject.second-is-object');
    }
    // named countries of a role-noun subject (`Министры ... Франции, Германии и Великобритании`)
    if (consult) {
      const rg = this.roleGenitiveSubjects(tr, this.subjectZone(tr.t, a), ms).filter((id) => !parties.includes(id));
      if (rg.length) subjects.splice(0, subjects.length, ...rg);
      if (rg.length) R.push('subject.role-genitive');
    }
    // a role noun's genitive owner (`спецпосланника Трампа`, `Президент Росії`) stands for the role's holder;
    // in English the owner comes first (`Ukraine’s top diplomat`, `the US envoy`)
    {
      const swap = (ids: string[]) => {
        for (let k = ids.length - 1; k >= 0; k--) {
          const m = inClause.find((x) => x.id === ids[k]);
          const r = m ? (english ? this.englishRoleOwner(m) : this.roleOwnerSubstitute(m)) : null;
          if (!r) continue;
          R.push(...r.rule.split(' '));
          if (r.id && !ids.includes(r.id) && !subjects.includes(r.id) && !parties.includes(r.id)) ids[k] = r.id;
          else ids.splice(k, 1);
        }
      };
      swap(subjects);
      swap(parties);
    }
    // a noun naming its participants (`встреча Трампа и Пезешкиана`) leaves the clause's subject out:
    // `Белый дом не стал комментировать сообщения о встрече ...`
    // (its own participants, not partners after `с`/`з`/`with`: `провів розмову з главами МЗС Естонії та Фінляндії`)
    if (consult && !tr.verb && subjects.length && parties.filter((id) => inClause.some((m) => m.id === id && !(m.lead.kind === 'prep' && L.withPreps.has(m.lead.prep)))).length >= 2) {
      subjects.length = 0;
      R.push('subject.not-of-named-contact');
    }
    // a contact noun owned by one named side in the genitive and no partner (`итогами встречи Мэй с
    // членами ее кабинета`, `после закрытой встречи премьер-министра Терезы Мэй`): the clause's
    // subject speaks of it, it did not take part (unless the noun frames the clause: `в ходе визита
    // Макрона Путин заявил`)
    if (consult && !tr.verb && !framedNoun && subjects.length && parties.length === 1 && !english) {
      const owner = inClause.find((m) => m.id === parties[0] && m.lead.kind === 'trigger' && m.lead.at === tr.t && m.t0 > tr.t && (m.case === 'Gen' || m.case === null || m.maybeNom));
      const partner = inClause.some((m) => m.lead.kind === 'prep' && (L.withPreps.has(m.lead.prep) || L.betweenPreps.has(m.lead.prep)) && m.t0 > tr.t);
      if (owner && !partner) {
        subjects.length = 0;
        R.push('subject.not-of-owned-contact');
      }
    }
    if (english && inClause.some((m) => m.office && (subjects.includes(m.id) || parties.includes(m.id)))) R.push('party.office-of');
    let explicit = subjects.length + parties.length;
    const actors: string[] = [];
    const add = (id: string | null | undefined) => {
      // events, products and titles are no actors (`саміт щодо Brexit`, a newspaper's name)
      const t = id ? this.entById.get(id)?.type : undefined;
      if (t === 'EVT' || t === 'PRO') return;
      if (id && !actors.includes(id)) actors.push(id);
    };
    let blocked = false;
    // `отказалась комментировать возможную встречу`, `denied reports of a meeting`: whoever takes a stance
    // on a contact is no party of it; the contact is one reported before unless it names its parties
    // (a party of its own, `подтвердили возобновление контактов с Елисейским дворцом`, makes the one
    // who speaks of it the other side)
    const stanceAt = consult && !tr.verb && !parties.length ? this.objectOfStance(tr, ca) : -1;
    if (stanceAt >= 0) {
      const before = new Set(inClause.filter((m) => m.t1 <= stanceAt).map((m) => m.id));
      for (let k = subjects.length - 1; k >= 0; k--) if (before.has(subjects[k])) subjects.splice(k, 1);
      R.push('subject.not-of-stance-object');
    }
    if (inherit) for (const id of inherit.ev.actors) if (!subjects.includes(id) && !parties.includes(id)) subjects.push(id);
    if (inherit) R.push('actors.sides-of-previous');
    // `asserting that no talks ... had taken place`, `заявил, что переговоры не проводились`: a contact
    // noun that is the subject of its own clause and names no party is no act of the speaker; it may
    // continue a contact reported before
    const selfSubject = !tr.verb && consult && !parties.length && ca > a && this.nounIsClauseSubject(tr, ca, cb);
    if (selfSubject) R.push('subject.none-for-subject-noun');
    // `российские чиновники отложили визит`, `українська сторона`, `American officials met`: a
    // subject named by a country adjective and a side noun (roles rules with owner `demonym`) is that country
    if (!subjects.length && stanceAt < 0 && !selfSubject) {
      const c = this.countrySide(ca, tr.t, true);
      if (c) {
        subjects.push(c);
        R.push('subject.country-side');
      }
    }
    if (!subjects.length && stanceAt < 0 && !selfSubject) {
      const governedByNoun = !tr.verb && this.governedByNoun(tr.t, ca);
      if (!(parties.length >= 2 && !tr.verb) && !governedByNoun) {
        this.coSubjects = [];
        const s = this.implicitSubject(tr, a, ca, ms);
        if (s === false) blocked = true;
        else if (s) {
          subjects.push(s);
          for (const id of this.coSubjects) if (!subjects.includes(id) && !parties.includes(id)) subjects.push(id);
          R.push(this.lastWhy);
        }
      } else blocked = true;
    }
    // `где его принял Путин`, `встретился с ним`: an object pronoun is the person named last before it
    // (ru, uk only: English `called him a master`, `for him to speak` are no contacts with him)
    if (consult && tr.verb && !parties.length && !english) {
      for (let j = Math.max(ca, tr.t - 2); j < Math.min(cb, tr.t + 4); j++) {
        if (j === tr.t || !OBJ_PRON.has(this.toks[j].norm)) continue;
        // (a possessive before its noun is no object: `его коллега`)
        const nx = this.toks[j + 1];
        if (nx && (nx.pos === 'NOUN' || nx.pos === 'ADJ')) continue;
        // (the latest person before it who is not the subject: `Эрдоган встретился с ним`)
        const r = this.resolveRole(j, subjects);
        if (r) parties.push(r);
        if (r) R.push('party.object-pronoun');
        break;
      }
    }
    // `дал ему 50 дней`, `дав йому 50 днів`: the one a pattern trigger's act is addressed to by a dative
    // pronoun is the person named last before it, else the body or country named last in the sentence
    // (`незадоволений Кремлем і дав йому`; rule `party.dative-pronoun`)
    if (!consult && tr.verb && tr.def.rule && !parties.length && !english) {
      for (let j = tr.tEnd; j < Math.min(cb, tr.tEnd + 2); j++) {
        if (!DAT_PRON.has(this.toks[j].norm)) continue;
        let r = this.resolveRole(j, subjects);
        if (!r) {
          const prev = ms.filter((m) => m.t1 <= j && m.t0 >= a && (m.type === 'ORG' || m.type === 'LOC') && !subjects.includes(m.id) && !outletMention(m) && this.named(m));
          r = prev.length ? prev[prev.length - 1].id : null;
        }
        if (r) {
          parties.push(r);
          R.push('party.dative-pronoun');
          explicit++;
        }
        break;
      }
    }
    if (tr.def.needsNamedObject && !parties.length) return null;
    if (tr.def.needsDest && !destNamed) return null;
    // `провел переговоры с турецким коллегой`: the person of that country named before, else the country
    if (consult && !parties.length) {
      const rp = this.rolePartyWith(tr, cb);
      if (rp && !subjects.some((x) => this.sameSide(x, rp))) {
        parties.push(rp);
        R.push('party.counterpart');
      }
    }
    // `зустріч з катарськими офіційними особами`, `met with Russian officials`: the country of a side
    // named by its adjective after `with`
    if (consult && !parties.length) {
      for (let j = tr.tEnd; j < Math.min(cb, tr.tEnd + 2); j++) {
        if (!L.withPreps.has(T[j].norm)) continue;
        const c = this.countrySide(j, Math.min(cb, j + 5), false);
        if (c && !subjects.some((x) => this.sameSide(x, c))) {
          parties.push(c);
          R.push('party.country-side');
        }
        break;
      }
    }
    if (!parties.length && this.unnamedParties(tr, cb)) blocked = true;
    // `Канада запровадила власні санкції проти 50 суден`, `sanctions against 30 tankers`: measures
    // against things named by no entity have one party, the one imposing them
    // `sanctions on Iranian oil exports`, `санкции против российских банков`: the country of the
    // target's adjective
    if (tr.type === 'SANCTION' && !parties.length) {
      const c = this.demonymTarget(tr, cb);
      if (c && !subjects.some((x) => this.sameSide(x, c))) {
        parties.push(c);
        R.push('party.demonym-target');
      }
    }
    const oneParty = tr.type === 'SANCTION' && !parties.length && subjects.length > 0 && this.unnamedTarget(tr, cb);
    // `India and Pakistan have agreed to an immediate ceasefire`: two sides as joint subjects agree
    // with each other (rule `actors.joint-subjects`)
    // (or as the subjects of its light verb: `Вашингтон и Каракас достигли соглашения`, `have reached an agreement`)
    const joint = tr.type === 'AGREE' && !parties.length && subjects.length >= 2 && new Set(subjects.map((x) => this.side(x))).size >= 2 && (tr.verb || !!tr.def.needsVerb);
    if (joint) R.push('actors.joint-subjects');
    if (!consult && !oneParty && !joint && (!explicit || !parties.length)) return null;
    // `handed over a message from Obama to Kim`, `передал послание от Путина`: a message carried is a
    // contact of its sender and its addressee; the one carrying it is no party (triggers `parties: from-to`)
    const ft = tr.def.fromTo ? this.messageSides(tr, cb) : null;
    if (ft) {
      subjects.length = 0;
      parties.length = 0;
      parties.push(...ft);
      for (let i = R.length - 1; i >= 0; i--) if (R[i].startsWith('subject.')) R.splice(i, 1);
      R.push('party.message-from-to');
    }
    subjects.forEach(add);
    parties.forEach(add);
    // a meeting or visit in the other side's seat is with that side (`встречался ... в Кремле`),
    // unless it continues a contact just reported whose parties the place is not: `зустріч у
    // Будапешті скасовано` after a Trump-Putin call is theirs, Budapest only the venue
    if (consult && place && actors.length === 1 && !this.sameSide(place, actors[0]) && (tr.mode === 'meeting' || tr.mode === 'visit')) {
      let venue = false;
      if (!parties.length && !blocked) {
        for (let k = prior.length - 1; k >= 0 && si - prior[k].sent <= 3; k--) {
          const p = prior[k];
          if (p.ev.type !== 'CONSULT' || !p.ev.actors.some((x) => this.sameSide(x, actors[0]))) continue;
          venue = !p.ev.actors.some((x) => this.sameSide(x, place!));
          break;
        }
      }
      if (!venue) add(place);
      if (!venue) R.push('party.seat');
    }
    // `отменил поездку на саммит`, `trip to the summit`: a visit to a summit named before is to
    // that summit's organisation or host
    if (consult && tr.mode === 'visit' && !parties.length && actors.length === 1 && this.summitAfter(tr, cb)) {
      for (let k = prior.length - 1; k >= 0 && si - prior[k].sent <= 10; k--) {
        const p = prior[k];
        if (p.ev.type !== 'CONSULT' || p.ev.mode !== 'summit') continue;
        const others = p.ev.actors.filter((x) => !this.sameSide(x, actors[0]));
        const hosts = others.filter((x) => this.entById.get(x)?.type !== 'PER');
        (hosts.length ? hosts : others).forEach(add);
        R.push('party.summit-host');
        break;
      }
    }
    // a contact named without its parties continues the latest contact just before it
    let source: Cand | null = null;
    if (consult && actors.length < 2 && !parties.length && !blocked) {
      // the latest contact of the same mode (`Следующий раунд переговоров` continues the talks,
      // not a call reported between), else the latest contact
      let same = -1;
      // (`следующий раунд переговоров` names a series: its talks may lie further back)
      const round = tr.t > 0 && this.has(tr.t - 1, this.lx.rounds);
      for (let k = prior.length - 1; k >= 0 && si - prior[k].sent <= (round ? 10 : 3); k--) {
        const p = prior[k];
        if (p.ev.type === 'CONSULT' && p.ev.mode === tr.mode && (!actors.length || p.ev.actors.some((x) => this.sameSide(x, actors[0])))) {
          same = k;
          break;
        }
      }
      // the first report of that contact names its principals (`Белый дом назвал переговоры ...`
      // after `Арагчи и Уиткофф провели переговоры` speaks of the same talks)
      if (same >= 0) {
        const sides = (e: DiplomaticEvent) => [...new Set(e.actors.map((x) => this.side(x)))].sort().join('|');
        const key = sides(prior[same].ev);
        for (let k = same - 1; k >= 0 && si - prior[k].sent <= (round ? 10 : 3); k--) {
          if (prior[k].ev.type === 'CONSULT' && prior[k].ev.mode === tr.mode && sides(prior[k].ev) === key) same = k;
        }
      }
      for (let k = same >= 0 ? same : prior.length - 1; k >= 0; k--) {
        const p = prior[k];
        if (si - p.sent > 3 && k !== same) break;
        if (p.ev.type !== 'CONSULT') continue;
        if (!actors.length || p.ev.actors.some((x) => this.sameSide(x, actors[0]))) {
          for (const x of p.ev.actors) if (!actors.some((y) => this.sameSide(x, y))) add(x);
          if (!explicit && !subjects.length) source = p;
          R.push('actors.continue-contact');
          break;
        }
      }
    }
    // `Наступний пакет санкцій ЄС планує підготувати в червні`: a further measure of the same
    // side against the target of its measure just reported
    if (!consult && !oneParty && actors.length && new Set(actors.map((x) => this.side(x))).size === 1) {
      for (let k = prior.length - 1; k >= 0 && si - prior[k].sent <= 10; k--) {
        const p = prior[k];
        if (p.ev.type !== tr.type || !p.ev.actors.some((x) => this.sameSide(x, actors[0]))) continue;
        for (const x of p.ev.actors) if (!actors.some((y) => this.sameSide(x, y))) add(x);
        R.push('actors.continue-measure');
        break;
      }
    }
    if (oneParty) R.push('actors.one-party-measure');
    if (!oneParty && (actors.length < 2 || new Set(actors.map((x) => this.side(x))).size < 2)) return null;
    if (!actors.length) return null;

    // `обсудили по телефону`: a contact by phone is a call
    let mode: Mode | null = tr.mode;
    // (not when the clause names the call itself: `во время телефонного разговора договорились о встрече`)
    const callNamed = [...this.trigAt.values()].some((o) => o !== tr && o.mode === 'call' && o.t >= ca && o.t < cb);
    if (consult && mode !== 'call' && mode !== 'summit' && !callNamed && this.window(ca, cb).some((k) => L.phoneCues.some((seq) => this.seqAt(k, seq, cb)))) {
      mode = 'call';
      R.push('mode.phone-cue');
    }
    let [status, statusRule] = this.statusWhy(tr, ca, cb, a, b);
    if (frame === 'before') [status, statusRule] = ['planned', 'status.summit-ahead'];
    // `had discussed the summit`, `обсудили подготовку саммита`: a summit talked about is one to come,
    // not one that took place, unless its own words say otherwise
    if (frame === 'topic') [status, statusRule] = [this.objectStatus(tr, Math.max(ca, tr.t - 4) - 1, 'planned'), 'status.summit-topic'];
    // a contact that is the object of a stance (`declined to confirm a report of a phone call`,
    // `опроверг сообщения о подготовке встречи`) takes neither the tense nor the date of the stance
    const stanceObj = consult && !tr.verb ? (stanceAt >= 0 ? stanceAt : this.objectOfStance(tr, ca)) : -1;
    // (unless the noun is the subject of a verb of its own: `The Kremlin has confirmed a meeting between
    // Putin and Kim will take place in the coming days` is a clause the stance reports, with its own tense)
    if (stanceObj >= 0 && !this.verbOfItsOwn(tr, cb)) [status, statusRule] = [this.objectStatus(tr, stanceObj), 'status.stance-object'];
    const level = this.level(tr, a, b, actors);
    if (level && consult) R.push(this.lastWhy);
    let when = frame ? null : this.when(tr, a, b, stanceObj >= 0);
    const reportedBy = this.reporters(tr);
    // nothing of its own named: a re-mention of that contact (`Встреча ... продолжалась три часа`)
    // when it says nothing new about its status or level; it may name its mode more precisely
    // (not one that took place told as another sitting: `Предыдущая встреча политиков состоялась 13 марта`
    // after `началась встреча`)
    if (source && statusGroup(source.ev.status) === statusGroup(status) && (!level || !source.ev.level || level === source.ev.level) && !(statusGroup(status) === 'real' && this.otherOccasionNear(tr, a, b))) {
      const se = source.ev;
      if (mode && mode !== 'other' && GENERIC_MODES.has(se.mode ?? 'other') && !GENERIC_MODES.has(mode)) se.mode = mode;
      se.when ??= this.when(tr, a, b);
      for (const r of reportedBy) if (!se.reportedBy!.includes(r)) se.reportedBy!.push(r);
      se.rules = [...new Set([...(se.rules ?? []), 'merge.re-mention'])];
      return null;
    }
    // `саміт ... перенесено ..., але він відбудеться ... 22 серпня`, `отложен до 22 августа`, `postponed
    // to next week`: a contact put off to a new date is planned for that date (when rules `rescheduled`)
    if (status === 'cancelled') {
      const re = this.rescheduled(tr, a, b);
      if (re) {
        [status, statusRule, when] = ['planned', 'status.rescheduled', re.when];
        R.push(re.rule);
      }
    }
    if ((status === 'occurred' || status === 'ongoing') && when && this.doc.published && when.value.slice(0, 10) > this.doc.published.slice(0, 10) && /^\d{4}-\d{2}-\d{2}$/.test(when.value)) [status, statusRule] = ['planned', 'status.date-ahead'];
    if (status === 'occurred' && when && /W\d{2}(-WE)?$/.test(when.value) && this.doc.published && when.value.slice(0, 8) > isoWeekOf(this.doc.published)) [status, statusRule] = ['planned', 'status.week-ahead'];
    R.push(statusRule);
    if (when && statusRule !== 'status.rescheduled') R.push(stanceObj >= 0 ? 'when.after-trigger' : 'when.clause-timex');
    if (when && this.whenSkippedReport) R.push('when.not-of-report');
    const s0 = T[a].start, s1 = T[b - 1].end;
    const trig = { start: T[tr.t].start, end: T[tr.tEnd - 1].end };
    const ev: DiplomaticEvent = {
      start: s0,
      end: s1,
      type: tr.type,
      mode: consult ? (mode ?? 'other') : null,
      actors,
      level: consult ? level : null,
      status,
      when,
      place,
      reportedBy,
      stances: [],
      trigger: { ...trig, text: this.doc.text.slice(trig.start, trig.end), lemma: tr.def.lemmas.length > 1 && tr.def.kind === 'any' ? tr.def.lemmas.join(' ') : tr.def.lemmas[0] },
      rules: [...new Set(R)],
    };
    return { ev, score: infoScore(ev), own: explicit >= 1 };
  }

  /**
   * Is the trigger noun the object of a stance cue of its clause (`отказалась комментировать возможную
   * встречу`, `опроверг сообщения о подготовке встречи`, `declined to comment on the call`)? The
   * token where the cue starts, else -1.
   */
  /** A finite verb or auxiliary after a noun trigger in its clause, before any subordinator or relative: the noun is its subject. */
  private verbOfItsOwn(tr: Trig, cb: number): boolean {
    for (let k = tr.tEnd; k < cb; k++) {
      const t = this.toks[k];
      if (SUBORD.has(t.norm)) return false;
      if (t.pos === 'AUX' || (this.isVerb(t) && (t.tags.VerbForm === 'Fin' || (!t.tags.VerbForm && !!t.tags.Tense)))) return true;
    }
    return false;
  }

  private objectOfStance(tr: Trig, ca: number): number {
    const T = this.toks;
    const rules = this.lx.stanceRules;
    for (let j = tr.t - 1; j >= Math.max(ca, tr.t - 14); j--) {
      if (!(this.flags[j] & WORD_STANCE)) continue;
      const m = rules.matchAt(T, j, ca, tr.t)[0];
      if (!m) continue;
      // between the cue and the trigger only its object phrase: `сообщения о (якобы) подготовке`,
      // `reports of a`, `comment on the`, adjectives and determiners
      let ok = true;
      for (let k = m.end; k < tr.t && ok; k++) {
        const t = T[k];
        // (English `a report`, `a U.S. report`: a word just after an article is a noun whatever the tagger says)
        const afterDet = [k - 1, k - 2].some((q) => q > m.end - 1 && T[q].pos === 'DET');
        ok = !this.trigAt.has(k) && (afterDet || this.menAt.has(k) || t.pos === 'ADJ' || t.pos === 'DET' || t.pos === 'ADP' || t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'ADV' || t.pos === 'NUM' || t.pos === 'PART' || t.tags.VerbForm === 'Part');
      }
      return ok ? j : -1;
    }
    return -1;
  }

  /**
   * The status of a contact named as the object of a stance: what the words between the cue and it
   * say (`сообщения о подготовке встречи`: planned; `a report of a planned summit`), else what was
   * reported took place.
   */
  private objectStatus(tr: Trig, from: number, otherwise: EventStatus = 'occurred'): EventStatus {
    const S = this.lx.status;
    const near: number[] = [];
    for (let k = from + 1; k < tr.t; k++) near.push(k);
    for (const name of ['cancelled', 'planned', 'possible'] as const) if (near.some((k) => this.has(k, S[name]))) return name;
    return otherwise;
  }

  /** A name is capitalised; a lower-case "mention" (`французский`) is an adjective, not a party. */
  private named(m: Men): boolean {
    const c = this.doc.text[m.start];
    return c !== c.toLowerCase() || /\d/.test(c);
  }

  /**
   * Is the quoted speaker a party of a subjectless contact? When the clause speaks in the first
   * person (`мы взаимодействуем`, `спілкуємося телефоном`) or impersonally of the speaker's own
   * work (`обсуждения ... ведутся`, a reflexive predicate); not for a third party's event
   * (`следующий саммит может пройти в Москве`).
   */
  private speaksForSelf(tr: Trig, ca: number): boolean {
    const T = this.toks;
    const end = Math.min(T.length, tr.t + 8);
    for (let j = ca; j < end; j++) {
      const t = T[j];
      if (t.tags.Person === '1' || FIRST_PERSON.has(t.norm)) return true;
      if (j > tr.t && this.isVerb(t) && t.tags.VerbForm !== 'Inf' && /(?:ся|сь|ться)$/.test(t.norm) && !this.trigAt.has(j)) return true;
      if (t.punct && CLAUSE_PUNCT.has(t.text) && j > tr.t) break;
    }
    return false;
  }

  /** Only nouns and adjectives in [x, y) (`отверг предложение США`: США qualifies the object). */
  private onlyNominals(x: number, y: number): boolean {
    for (let j = x; j < y; j++) {
      const p = this.toks[j].pos;
      if (p !== 'NOUN' && p !== 'ADJ' && p !== 'DET') return false;
    }
    return y > x;
  }

  /** `Министры иностранных дел Франции, Германии и Великобритании встретились`: the countries. */
  private roleGenitiveSubjects(tr: Trig, zs: number, ms: Men[]): string[] {
    const T = this.toks;
    for (let j = zs; j < tr.t; j++) {
      const t = T[j];
      if (!this.lx.roleNouns.has(t.lemma) || !(t.tags.Case === 'Nom' || t.hasCase('Nom')) || this.menAt.has(j)) continue;
      const out: string[] = [];
      for (const m of ms) {
        if (m.t0 <= j || m.t0 >= tr.t || !this.named(m)) continue;
        if (m.case !== 'Gen' && m.case !== null) {
          // `министр иностранных дел России Сергей Лавров`: the role is the named person's
          if (m.type === 'PER') return [];
          break;
        }
        out.push(m.id);
      }
      if (out.length) return out;
    }
    return [];
  }

  /**
   * A name in the genitive right after a role noun (over its adjectives) is the role's owner, not the
   * one acting (ru, uk):
   * - `party.role-holder`: a country's head of state or government, minister, envoy (`Президент
   *   Росії прибув`, `президент РФ повинен зустрітися`) is the person the knowledge base gives for that
   *   role and country, when the article names that person;
   * - `party.role-apposition`: a person's envoy, adviser, spokesman named next (`специального посланника
   *   Дональда Трампа — Ричарда Гренелла`) is that person;
   * - `party.role-owner-not-party`: otherwise a person's envoy or adviser is someone else (`советник
   *   Макрона посетил Москву` is the adviser's visit, not Macron's): the owner is dropped.
   * Null when the name is no role's owner (or names the holder itself: `министр ... России Сергей Лавров`).
   */
  private roleOwnerSubstitute(m: Men): { id: string | null; rule: string } | null {
    const T = this.toks;
    const L = this.lx;
    if (m.case !== 'Gen' || (m.type !== 'PER' && m.type !== 'LOC')) return null;
    const want = m.type === 'PER' ? 'person' : 'country';
    const roleAt = (k: number) => L.roleRules.matchAt(T, k, k, k + 1).find((x) => x.rule.produces.owner === want);
    let j = m.t0 - 1;
    while (j >= 0 && m.t0 - j <= 3 && !roleAt(j) && (T[j].pos === 'ADJ' || (T[j].pos === 'NOUN' && T[j].tags.Case === 'Gen'))) j--;
    const role = j >= 0 && !this.menAt.has(j) ? roleAt(j) : undefined;
    if (!role) return null;
    // a person named right after the owner holds the role (`президента России Владимира Путина`,
    // `посланника Трампа — Ричарда Гренелла`)
    let k = m.t1;
    while (k < T.length && k - m.t1 < 2 && T[k].punct && /^[—–,-]$/.test(T[k].text)) k++;
    const next = this.menAt.get(k);
    if (next && next.type === 'PER' && next.id !== m.id) return { id: next.id, rule: `party.role-apposition ${role.rule.id}` };
    const present = (id: string) => this.entById.has(id);
    if (m.type === 'PER') {
      // the name is the role's holder, not its owner: `його спецпредставника Стіва Віткоффа` (a possessive
      // names the owner), `спецпосланника Стива Уиткоффа` (the knowledge base knows him in that role)
      if (j > 0 && POSSESSIVE.has(T[j - 1].norm)) return null;
      if (this.kb?.holders(T[j].lemma, L.lang).some((e) => e.id === m.id)) return null;
      const held = this.kb ? this.kb.holders(T[j].lemma, L.lang).filter((e) => present(e.id) && e.id !== m.id && this.sameSide(e.id, m.id)) : [];
      if (held.length === 1) return { id: held[0].id, rule: `party.role-holder ${role.rule.id}` };
      return { id: null, rule: `party.role-owner-not-party ${role.rule.id}` };
    }
    if (!this.kb) return null;
    const held = this.kb.holders(T[j].lemma, L.lang, m.id).filter((e) => present(e.id));
    return held.length === 1 ? { id: held[0].id, rule: `party.role-holder ${role.rule.id}` } : null;
  }

  /**
   * English `<owner>’s <office>` / `the <owner> <office>` (`Ukraine’s top diplomat held talks`, `The US
   * envoy visited`, `the Kremlin's envoy`; rules `roles` with owner `country`): the owner, a country or
   * body, stands for the office's holder, who is
   * - `party.role-apposition`: the person named right after (`Ukraine's Foreign Minister Dmytro Kuleba`);
   * - `party.role-holder`: the one person of the owner's side the article gives that office (its entity
   *   roles), else the one the knowledge base gives for it;
   * - `party.role-compatriot`: else the one person of the owner's side the article names.
   * Null (the owner stays) when the name owns no office or no one person fits.
   */
  private englishRoleOwner(m: Men): { id: string | null; rule: string } | null {
    const T = this.toks;
    const L = this.lx;
    if (m.type !== 'LOC' && m.type !== 'ORG') return null;
    let j = m.t1;
    if (T[j] && (T[j].norm === '’s' || T[j].norm === "'s" || T[j].lemma === '’s')) j++;
    let role: ReturnType<typeof L.roleRules.matchAt>[number] | undefined;
    for (let n = 0; j < T.length && n <= 2; j++, n++) {
      if (this.menAt.has(j)) return null;
      role = L.roleRules.matchAt(T, j, j, j + 1).find((x) => x.rule.produces.owner === 'country');
      if (role) break;
      if (T[j].pos !== 'ADJ' && T[j].pos !== 'NOUN') return null;
    }
    if (!role) return null;
    // (a compound office goes on: `foreign minister`, `press secretary`; its last word is the head)
    while (j + 1 < T.length && L.roleRules.matchAt(T, j + 1, j + 1, j + 2).some((x) => x.rule.produces.owner === 'country')) j++;
    const next = this.menAt.get(j + 1);
    if (next && next.type === 'PER') return { id: next.id, rule: `party.role-apposition ${role.rule.id}` };
    const side = this.side(m.id);
    const people = [...this.entById.values()].filter((e) => e.type === 'PER' && e.id !== m.id && this.side(e.id) === side && this.side(e.id) !== e.id);
    const office = T[j].lemma;
    const given = people.filter((e) => (e.roles ?? []).some((r) => r.split(' ').includes(office)));
    if (given.length === 1) return { id: given[0].id, rule: `party.role-holder ${role.rule.id}` };
    if (given.length > 1) return null;
    const held = this.kb ? this.kb.holders(office, L.lang, side).filter((e) => people.some((p) => p.id === e.id)) : [];
    if (held.length === 1) return { id: held[0].id, rule: `party.role-holder ${role.rule.id}` };
    if (people.length === 1) return { id: people[0].id, rule: `party.role-compatriot ${role.rule.id}` };
    return null;
  }

  /** An entity named by a capitalised name somewhere (not only by an adjective). */
  private namedEntity(id: string): boolean {
    const e = this.entById.get(id);
    if (!e) return true;
    return e.mentions.some((m) => m.text[0] !== m.text[0].toLowerCase());
  }

  /** A verb strictly between token positions x and y (a `с X` after it is that verb's). */
  private verbBetween(x: number, y: number, exist = false): boolean {
    for (let j = x + 1; j < y; j++) {
      const t = this.toks[j];
      // (`a meeting took place between X and Y`, `встреча была проведена между`: with `exist`, a verb
      // of taking place after the contact noun keeps its `between`/`with` the noun's, rule `party.exist-verb`)
      if (exist && (this.has(j, this.lx.existVerbs) || t.pos === 'AUX')) continue;
      if ((this.isVerb(t) || t.tags.VerbForm === 'Part') && !this.trigAt.has(j)) return true;
    }
    return false;
  }

  /**
   * The span in which the trigger's clause states its subject: from the last complementiser or
   * relative word before it (or the sentence start) to the trigger.
   */
  private subjectZone(t: number, a: number): number {
    for (let j = t - 1; j >= a; j--) if (SUBORD.has(this.toks[j].norm) && !this.menAt.has(j)) return j + 1;
    return a;
  }

  /** Does a preposition introduce the noun at j (over its adjectives)? */
  private afterPrep(j: number): boolean {
    for (let k = j - 1; k >= 0 && k >= j - 4; k--) {
      const t = this.toks[k];
      if (t.pos === 'ADJ' || t.pos === 'DET' || t.pos === 'NUM') continue;
      return t.pos === 'ADP';
    }
    return false;
  }

  /** Is there a finite verb in [ca, k)? (a nominative-looking name after it is its object) */
  private finiteBefore(k: number, ca: number): boolean {
    for (let j = ca; j < k; j++) {
      const t = this.toks[j];
      if (this.isVerb(t) && (t.tags.VerbForm === 'Fin' || (!t.tags.VerbForm && t.tags.Tense))) return true;
    }
    return false;
  }

  /**
   * `умови майбутнього саміту`, `готовности к переговорам`: a noun trigger depending on another
   * noun (not an action noun such as `возобновление`, `подготовка`) has no subject of its own.
   */
  private governedByNoun(t: number, ca: number): boolean {
    const T = this.toks;
    let prep = false;
    for (let j = t - 1; j >= ca; j--) {
      const x = T[j];
      if (x.pos === 'ADJ' || x.pos === 'DET' || x.pos === 'NUM' || this.has(j, this.lx.anaphoric)) continue;
      if (x.pos === 'ADP' && !prep) {
        prep = true;
        continue;
      }
      if (!prep && T[t].tags.Case !== 'Gen') return false;
      // `следующий раунд переговоров`: one sitting of the contact is the contact itself
      if (this.has(j, this.lx.rounds)) return false;
      return x.pos === 'NOUN' && !this.trigAt.has(j) && !this.has(j, this.lx.actionNouns) && !this.lx.roleNouns.has(x.lemma);
    }
    return false;
  }

  /**
   * `с турецким коллегой`, `з польським колегою`, `with his Turkish counterpart`: a role noun
   * after `с` qualified by a country adjective stands for that country's person named last before
   * it (`Хакан Фидан прибыл в Москву ... Лавров провел переговоры с турецким коллегой`), else for
   * the country.
   */
  private rolePartyWith(tr: Trig, cb: number): string | null {
    const T = this.toks;
    const L = this.lx;
    if (!this.kb) return null;
    for (let j = tr.tEnd; j < Math.min(cb, tr.tEnd + 4); j++) {
      if (!L.withPreps.has(T[j].norm)) continue;
      let country: string | null = null;
      for (let k = j + 1; k < Math.min(cb, j + 5); k++) {
        const x = T[k];
        if (this.menAt.has(k)) return null;
        const dem = L.demonyms.get(x.lemma) ?? L.demonyms.get(x.norm);
        if (dem) {
          country = this.kb.lookup(dem, L.lang)[0]?.id ?? null;
          continue;
        }
        if (x.pos === 'ADJ' || x.pos === 'DET') continue;
        if (!L.roleNouns.has(x.lemma) || !country) return null;
        const pos = x.start;
        for (let q = this.mens.length - 1; q >= 0; q--) {
          const m = this.mens[q];
          if (m.start >= pos || m.type !== 'PER') continue;
          if (this.kb.countryOf(m.id) === country) return m.id;
        }
        return country;
      }
      return null;
    }
    return null;
  }

  /** `контакты между лидерами`, `контакты с некоторыми странами`: parties given, but unnamed. */
  private unnamedParties(tr: Trig, cb: number): boolean {
    const T = this.toks;
    const L = this.lx;
    for (let j = tr.tEnd; j < Math.min(cb, tr.tEnd + 4); j++) {
      if (!(L.withPreps.has(T[j].norm) || L.betweenPreps.has(T[j].norm))) continue;
      for (let k = j + 1; k < Math.min(cb, j + 5); k++) {
        const x = T[k];
        const men = this.menAt.get(k);
        if (men && this.named(men)) return false;
        if (x.pos === 'ADJ' || x.pos === 'DET' || x.pos === 'NUM') continue;
        return x.pos === 'NOUN' || x.pos === 'PRON';
      }
    }
    return false;
  }

  /** The noun trigger a name premodifies (`G20` in `the upcoming G20 summit`), else -1. */
  private premodifiedTrigger(m: Men, b: number): number {
    // (over other premodifying names: `the Trump-Putin summit`, `US and Russian talks`)
    for (let j = m.t1, n = 0; j < b && n < 3; j++) {
      const tj = this.trigAt.get(j);
      if (tj) return tj.verb ? -1 : j;
      const other = this.menAt.get(j);
      if (other) {
        j = other.t1 - 1;
        continue;
      }
      const t = this.toks[j];
      if (!(t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'PROPN' || t.text === '-' || t.norm === 'and')) return -1;
      n++;
    }
    return -1;
  }

  /**
   * A summit named as the time or the topic of another act (`ahead of the G7 summit`, `накануне
   * саммита НАТО`, `discussed the upcoming G20 summit`, `после саммита`): 'before' / 'after' /
   * 'topic', else null. Looks back over its determiners, adjectives and premodifying names.
   */
  private summitFrame(tr: Trig, ca: number): 'before' | 'after' | 'topic' | null {
    const L = this.lx;
    let det = false;
    for (let j = tr.t - 1; j >= Math.max(ca, tr.t - 6); j--) {
      const t = this.toks[j];
      // (participles too, inside the phrase: `the upcoming summit`; a determiner opens the phrase)
      const inPhrase = this.menAt.has(j) || t.pos === 'ADJ' || t.pos === 'NUM' || t.pos === 'PROPN' || t.tags.VerbForm === 'Part' || t.tags.VerbForm === 'Ger' || t.text === '-' || (t.punct && QUOTE_MARKS.has(t.text));
      if (!det && (inPhrase || t.pos === 'DET')) {
        det = t.pos === 'DET';
        continue;
      }
      // `ahead of`, `on the eve of`: the word before `of` (and its article)
      if (L.lang === 'en' && t.norm === 'of') continue;
      if (L.summitBefore.has(t.norm)) return 'before';
      if (L.summitAfter.has(t.norm)) return 'after';
      if (L.summitTopics.has(t.lemma) || L.summitTopics.has(t.norm)) return 'topic';
      return null;
    }
    return null;
  }

  private onSidelines(t: number, ca: number): boolean {
    for (let j = t - 1; j >= Math.max(ca, t - 3); j--) if (this.lx.sidelines.has(this.toks[j].norm)) return true;
    return false;
  }

  /** Is the visit's destination a summit (`поездка на саммит`, `поїздку на саміт`, `trip to the summit`)? */
  private summitAfter(tr: Trig, cb: number): boolean {
    const T = this.toks;
    let j = tr.tEnd;
    if (j < cb && !(this.lx.destPreps.has(T[j].norm) || this.lx.purposePreps.has(T[j].norm))) return false;
    for (j++; j < cb && (T[j].pos === 'ADJ' || T[j].pos === 'DET'); j++);
    return j < cb && this.trigAt.get(j)?.mode === 'summit';
  }

  /** The sender (after `from`/`от`/`від`) and the addressee (after `to`, or a dative name) of a message carried, both named. */
  private messageSides(tr: Trig, cb: number): [string, string] | null {
    const T = this.toks;
    let from: string | null = null;
    let to: string | null = null;
    for (let j = tr.tEnd; j < cb; j++) {
      const n = T[j].norm;
      if (!from && FROM_PREPS.has(n)) from = this.mens.find((m) => m.t0 > j && m.t0 <= j + 4 && this.named(m))?.id ?? null;
      if (!to && n === 'to') {
        // (the head name of the phrase: `to North Korean leader Kim Jong-Il` is Kim, the last name before a stop)
        let stop = j + 1;
        while (stop < cb && stop <= j + 7 && !T[stop].punct) stop++;
        to = this.mens.filter((m) => m.t0 > j && m.t0 < stop && this.named(m)).pop()?.id ?? null;
      }
      if (!to && this.menAt.has(j)) {
        const m = this.mens.find((x) => x.t0 === j);
        if (m && m.case === 'Dat' && this.named(m)) to = m.id;
      }
    }
    return from && to && from !== to ? [from, to] : null;
  }

  /** A nominative side noun (roles rules, owner `demonym`) in [from, to) right after a country adjective: that country's id, when the article names it. */
  private countrySide(from: number, to: number, nom: boolean): string | null {
    const T = this.toks;
    if (!this.kb) return null;
    for (let j = from + 1; j < to; j++) {
      if (this.menAt.has(j) || (nom && T[j].tags.Case && T[j].tags.Case !== 'Nom')) continue;
      if (!this.lx.roleRules.matchAt(T, j, j, j + 1).some((x) => x.rule.produces.owner === 'demonym')) continue;
      for (let k = j - 1; k >= Math.max(from, j - 2); k--) {
        const name = this.lx.demonyms.get(T[k].lemma) ?? this.lx.demonyms.get(T[k].norm);
        if (name) {
          // (only a country the article names: every party is an entity of the article)
          const id = this.kb.lookup(name, this.lx.lang)[0]?.id ?? null;
          return id && this.entById.has(id) ? id : null;
        }
        if (T[k].pos !== 'ADJ') break;
      }
    }
    return null;
  }

  private demonymTarget(tr: Trig, cb: number): string | null {
    const T = this.toks;
    if (!this.kb) return null;
    for (let j = tr.tEnd; j < Math.min(cb, tr.tEnd + 4); j++) {
      if (!this.lx.againstPreps.has(T[j].norm)) continue;
      for (let k = j + 1; k < Math.min(cb, j + 4); k++) {
        const name = this.lx.demonyms.get(T[k].norm) ?? this.lx.demonyms.get(T[k].lemma);
        if (name) return this.kb.lookup(name, this.lx.lang)[0]?.id ?? null;
        if (!(T[k].pos === 'ADJ' || T[k].pos === 'DET' || T[k].pos === 'NUM' || T[k].pos === 'PROPN')) break;
      }
      break;
    }
    return null;
  }

  /** `проти 100 танкерів`, `against 30 vessels`: the measure's target is a common noun, no name */
  private unnamedTarget(tr: Trig, cb: number): boolean {
    const T = this.toks;
    for (let j = tr.tEnd; j < Math.min(cb, tr.tEnd + 4); j++) {
      if (!this.lx.againstPreps.has(T[j].norm)) continue;
      for (let k = j + 1; k < Math.min(cb, j + 5); k++) {
        const men = this.menAt.get(k);
        if (men) return false;
        if (T[k].pos === 'ADJ' || T[k].pos === 'DET' || T[k].pos === 'NUM' || /^\d/.test(T[k].text)) continue;
        return T[k].pos === 'NOUN';
      }
    }
    return false;
  }

  /**
   * `Стороны обсудили ...`: the clause's subject is the sides of the contact just reported; also after
   * an article, a demonstrative or a subordinator (`The two presidents failed to meet`, `як ці двоє не
   * змогли зустрітися`, `что оба лидера`) when no name follows (`both Russia and Ukraine` names them):
   * a contact of their own when its status differs (rule `actors.sides-of-previous`), else the same one
   */
  private sidesSubject(tr: Trig, ca: number): boolean {
    let s = ca;
    while (s < tr.t && s - ca < 3 && (this.toks[s].pos === 'DET' || this.toks[s].pos === 'SCONJ' || SUBORD.has(this.toks[s].norm) || this.has(s, this.lx.anaphoric))) s++;
    // (after such words only a verb's subject: `The two leaders had discussed the summit in a phone call`
    // names a call of their own)
    return !!this.toks[s] && this.has(s, this.lx.sides) && !this.trigAt.has(s) && (s === ca || (tr.verb && !this.menAt.has(s + 1)));
  }

  private anaphoric(tr: Trig, ca: number): boolean {
    if (this.sidesSubject(tr, ca)) return true;
    for (let j = tr.t - 1; j >= Math.max(ca, tr.t - 3); j--) {
      const x = this.toks[j];
      if (this.has(j, this.lx.anaphoric)) return true;
      if (x.pos !== 'ADJ') return false;
    }
    return false;
  }

  private side(id: string): string {
    return this.kb?.countryOf(id) ?? id;
  }

  private sameSide(x: string, y: string): boolean {
    return x === y || this.side(x) === this.side(y);
  }

  /**
   * The subject a clause without a named one implies; `false` when the clause has a subject of
   * its own that is no name (`европейские столицы не демонстрируют ...`, a relative `которые`).
   */
  /** the id of the rule behind the last implicit subject found */
  private lastWhy = '';
  /** names coordinated with the implicit subject just found (`Хакан Фідан і Сергій Лавров`) */
  private coSubjects: string[] = [];

  private why<T>(rule: string, v: T): T {
    this.lastWhy = rule;
    return v;
  }

  private implicitSubject(tr: Trig, a: number, ca: number, ms: Men[]): string | null | false {
    const T = this.toks;
    // (English `that` after a verb or its particle is a complementizer: `said that he would visit`,
    // `did not rule out that he would visit`; after a noun it opens a relative clause)
    const relative = (k: number) => RELATIVE.has(T[k]?.norm ?? '') && !(this.lx.lang === 'en' && T[k].norm === 'that' && k > a && (this.isVerb(T[k - 1]) || T[k - 1].pos === 'ADP' || T[k - 1].pos === 'ADV' || T[k - 1].pos === 'PART'));
    if (relative(ca) || (ca > a && relative(ca - 1))) return false;
    const zs = this.subjectZone(tr.t, a);
    if (zs > a && relative(zs - 1)) return false;
    // `В Кремле подтвердили ...`: an institution speaking through its seat, opening its clause
    const seat = ms.find(
      (m) =>
        m.t0 >= zs &&
        m.t0 <= tr.t &&
        m.lead.kind === 'prep' &&
        this.lx.placePreps.has(m.lead.prep) &&
        !outletMention(m) &&
        this.clause(m.lead.at, a, tr.t + 1)[0] === m.lead.at &&
        T[m.t1] &&
        this.isVerb(T[m.t1]) &&
        T[m.t1].tags.Number === 'Plur',
    );
    if (seat) return this.why('subject.implicit.seat', seat.id);
    let fin = -1;
    for (let j = zs; j < tr.t; j++) if (this.isVerb(T[j]) && T[j].tags.VerbForm !== 'Inf' && T[j].tags.VerbForm !== 'Part') {
      fin = j;
      break;
    }
    // object control: `поощрять европейские страны возобновить диалог` (the object does it)
    if (fin >= 0) {
      let obj = false;
      for (let j = fin + 1; j < tr.t; j++) {
        const t = T[j];
        if (t.pos === 'NOUN' && (t.hasCase('Acc') || t.hasCase('Dat')) && !this.lx.roleNouns.has(t.lemma) && !this.trigAt.has(j) && !this.afterPrep(j)) obj = true;
        if (obj && this.isVerb(t) && t.tags.VerbForm === 'Inf') return false;
      }
    }
    // a named subject earlier in the same subordinate clause, before a participial phrase:
    // `что недавно Эммануэль Бонн, возглавляющий ..., встречался ...`
    const inZone = ms.filter((m) => m.t0 >= zs && m.t1 <= ca && m.lead.kind === 'none' && !outletMention(m) && this.named(m) && (m.case === null || m.case === 'Nom'));
    if (inZone.length) {
      // (a coordinated pair in apposition to a noun: `дипломати двох країн, Хакан Фідан і Сергій Лавров,
      // провели переговори` — both names are the subject, rule `subject.implicit.coordinated`)
      this.coSubjects = [];
      for (let k = inZone.length - 1; k > 0 && inZone[k].conj && inZone[k].t0 - inZone[k - 1].t1 <= 2; k--) this.coSubjects.push(inZone[k - 1].id);
      return this.why(this.coSubjects.length ? 'subject.implicit.coordinated' : 'subject.implicit.clause-name', inZone[inZone.length - 1].id);
    }
    // a role noun or pronoun as the clause's subject
    for (let j = tr.t - 1; j >= Math.min(ca, zs); j--) {
      const t = T[j];
      if (this.menAt.has(j)) continue;
      if ((this.lx.roleNouns.has(t.lemma) || PRON_3.has(t.norm)) && (t.tags.Case === 'Nom' || !t.tags.Case)) {
        const r = this.resolveRole(j);
        if (r) return this.why('subject.implicit.role-or-pronoun', r);
      }
    }
    // a common-noun subject before the finite verb: `европейские столицы ... не демонстрируют ...`
    for (let j = zs; j < (fin < 0 ? tr.t : fin); j++) {
      const t = T[j];
      const men = this.menAt.get(j);
      if ((men && this.named(men)) || this.trigAt.has(j) || this.lx.roleNouns.has(t.lemma) || this.has(j, this.lx.rounds)) continue;
      if (t.pos === 'NOUN' && t.hasCase('Nom') && t.text[0] === t.text[0].toLowerCase() && !this.afterPrep(j)) return false;
    }
    // the matrix subject of the sentence: `Макрон заявил, что ... может провести разговор`
    // (a person's name right before a finite verb is its subject whatever case the tagger gave it: `Сибіга провів
    // перші телефонні розмови ...: поспілкувався із Сікорським`, `Сибіга` read as a genitive; rule `subject.implicit.matrix`)
    const finiteNext = (m: Men) => m.type === 'PER' && (m.t0 === a || T[m.t0 - 1].punct) && !!T[m.t1] && this.isVerb(T[m.t1]) && T[m.t1].tags.VerbForm === 'Fin';
    const before = ms.filter((m) => m.t1 <= ca && m.lead.kind === 'none' && !outletMention(m) && this.named(m) && (m.case === null || m.case === 'Nom' || finiteNext(m)));
    if (before.length) return this.why('subject.implicit.matrix', before[before.length - 1].id);
    // `у Кремлі заявили, що переговори ... не заплановані`: the seat speaking in the matrix clause
    const matrixSeat = ms.find(
      (m) => m.t1 <= zs && m.lead.kind === 'prep' && this.lx.placePreps.has(m.lead.prep) && !outletMention(m) && T[m.t1] && this.isVerb(T[m.t1]) && T[m.t1].tags.Number === 'Plur',
    );
    if (matrixSeat) return this.why('subject.implicit.matrix-seat', matrixSeat.id);
    // the speaker of the quotation that carries it
    const pos = T[tr.t].start;
    if (this.speaksForSelf(tr, ca)) {
      for (const q of this.doc.layers.quotes ?? []) if (q.speaker && q.start <= pos && pos < q.end && this.namedEntity(q.speaker)) return this.why('subject.implicit.speaker', q.speaker);
    }
    // a role noun or pronoun subject of the matrix clause
    for (let j = ca - 1; j >= a; j--) {
      const t = T[j];
      if (this.menAt.has(j)) continue;
      if ((this.lx.roleNouns.has(t.lemma) || PRON_3.has(t.norm)) && (t.tags.Case === 'Nom' || !t.tags.Case)) {
        const r = this.resolveRole(j);
        if (r) return this.why('subject.implicit.matrix-role', r);
      }
    }
    return null;
  }

  /** `российский министр`, `он`, `с ним` -> the latest person before it (of the named country, when one is), not one of `exclude`. */
  private resolveRole(j: number, exclude: readonly string[] = []): string | null {
    const T = this.toks;
    let country: string | null = null;
    for (let k = j - 1; k >= Math.max(0, j - 3); k--) {
      const name = this.lx.demonyms.get(T[k].lemma) ?? this.lx.demonyms.get(T[k].norm);
      if (name && this.kb) {
        country = this.kb.lookup(name, this.lx.lang)[0]?.id ?? null;
        break;
      }
      if (T[k].pos !== 'ADJ') break;
    }
    const pos = T[j].start;
    for (let k = this.mens.length - 1; k >= 0; k--) {
      const m = this.mens[k];
      if (m.start >= pos || m.type !== 'PER' || exclude.includes(m.id)) continue;
      if (country && this.kb && this.kb.countryOf(m.id) !== country) continue;
      return m.id;
    }
    return null;
  }

  private has(k: number, set: Set<string>): boolean {
    return set.has(this.toks[k].lemma) || set.has(this.toks[k].norm);
  }

  private seqAt(k: number, seq: string[], end: number): boolean {
    for (let q = 0; q < seq.length; q++) {
      const t = this.toks[k + q];
      if (!t || k + q >= end || (t.lemma !== seq[q] && t.norm !== seq[q])) return false;
    }
    return true;
  }

  /**
   * Where the trigger's predicate ends in its clause: before `и` / `і` / `and` opening a second
   * predicate with a modal of its own (`находится с визитом в Китае и должен вернуться 5 ноября`: the
   * modal and the date are the return's; `провели переговоры и подписали соглашение во вторник`
   * shares its date), else the clause end.
   */
  private predicateEnd(tr: Trig, cb: number): number {
    for (let k = tr.tEnd; k + 1 < cb; k++) if (this.secondModal(k)) return k;
    return cb;
  }

  /** `и должен`, `і має`, `and may`: a conjunction opening a second predicate with a modal of its own. */
  private secondModal(k: number): boolean {
    const T = this.toks;
    if (T[k].pos !== 'CCONJ' || !T[k + 1]) return false;
    const S = this.lx.status;
    return (this.isVerb(T[k + 1]) || T[k + 1].tags.Variant === 'Short') && (this.has(k + 1, S.possible) || this.has(k + 1, S.planned));
  }

  private status(tr: Trig, ca: number, cb0: number, a: number, b: number): EventStatus {
    return this.statusWhy(tr, ca, cb0, a, b)[0];
  }

  /** The status of the trigger's contact and the id of the rule that decided it. */
  private statusWhy(tr: Trig, ca: number, cb0: number, a: number, b: number): [EventStatus, string] {
    const S = this.lx.status;
    const T = this.toks;
    const cb = this.predicateEnd(tr, cb0);
    const idx = this.window(ca, cb).filter((k) => k !== tr.t);
    // a relative clause right after the trigger's phrase may cancel it: `зустріч ..., яку було скасовано`
    const rel: number[] = [];
    if (cb < b && T[cb] && T[cb].text === ',' && T[cb + 1] && RELATIVE.has(T[cb + 1].norm)) {
      for (let k = cb + 1; k < b && !(T[k].punct && CLAUSE_PUNCT.has(T[k].text)); k++) rel.push(k);
    }
    const isClosedCue = (k: number) => {
      const t = T[k];
      // verbs, modal words and particles count anywhere in the clause; nouns and adjectives only
      // when they govern or qualify the trigger (just before it)
      // (a participle between a determiner and its noun is attributive: `the upcoming G7 summit`,
      // `a planned visit` — English tags it VERB)
      const attributive = k > 0 && T[k - 1].pos === 'DET' && !!T[k + 1] && ATTRIBUTIVE_HEAD.has(T[k + 1].pos ?? '');
      if (attributive) return k < tr.t && tr.t - k <= 3;
      if (this.isVerb(t) || t.pos === 'ADV' || t.pos === 'PART' || t.pos === 'AUX' || t.tags.Variant === 'Short' || !t.pos) return true;
      // a predicative adjective after the trigger: `зустріч ... можлива`
      // (not an attributive one: `the upcoming G7 summit`, `предстоящий саммит`)
      if (t.pos === 'ADJ' && k > tr.t && !(T[k + 1] && ATTRIBUTIVE_HEAD.has(T[k + 1].pos ?? ''))) return true;
      return k < tr.t && tr.t - k <= 3;
    };
    const hitIn = (ks: number[], name: keyof typeof S) =>
      ks.some((k) => isClosedCue(k) && this.has(k, S[name])) || this.lx.statusSeq[name].some((seq) => ks.some((k) => this.seqAt(k, seq, b)));
    const hit = (name: keyof typeof S) => hitIn(idx, name);
    // `во время телефонного разговора договорились о встрече`, `після переговорів`: the contact
    // framing another act took place; only words qualifying it (`предстоящего визита`) say otherwise
    if (!tr.verb && this.framed(tr, ca)) {
      const near: number[] = [];
      for (let k = Math.max(ca, tr.t - 3); k < tr.t; k++) near.push(k);
      for (const name of ['cancelled', 'planned', 'possible'] as const) if (near.some((k) => this.has(k, S[name]))) return [name, `status.frame.${name}-cue`];
      if (hitIn(rel, 'cancelled')) return ['cancelled', 'status.frame.relative-cancelled'];
      // the frame happens when the act it frames does: `в ходе встречи обсудят` is still to come
      const ft = this.tenseStatus(tr, idx);
      return ft ? [ft, 'status.frame.tense'] : ['occurred', 'status.frame.occurred'];
    }
    // `отказалась комментировать возможную встречу`: a refusal of another act says nothing of the contact
    const otherInf = (k: number) => {
      const n = T[k + 1];
      return !!n && k + 1 < cb && k + 1 !== tr.t && n.tags.VerbForm === 'Inf' && !this.trigAt.has(k + 1);
    };
    const cancelHit = idx.some((k) => isClosedCue(k) && this.has(k, S.cancelled) && !otherInf(k)) || this.lx.statusSeq.cancelled.some((seq) => idx.some((k) => this.seqAt(k, seq, b)));
    // (an attack is not called off by what it disrupted: `the attack had disrupted indirect negotiations`)
    if ((cancelHit || hitIn(rel, 'cancelled')) && tr.type !== 'ASSAULT' && tr.type !== 'FIGHT') return ['cancelled', 'status.cancelled-cue'];
    // `failed to meet`, `не смогли встретиться`, `не вдалося зустрітися`: the contact did not take place
    if (hit('failed')) return ['none', 'status.failed-cue'];
    if (hit('notPlanned')) return ['none', 'status.not-planned-cue'];
    const L = this.lx;
    const negVerb = (k: number) => {
      const n = k + 1;
      if (n >= cb) return false;
      return n === tr.t || this.has(n, L.existVerbs) || this.has(n, S.planned) || this.has(n, S.occurred) || this.has(n, S.ongoing);
    };
    const neg =
      idx.some((k) => this.has(k, S.none) && T[k].pos !== 'NOUN') ||
      this.window(Math.max(ca, tr.t - 3), tr.t).some((k) => this.has(k, L.negDet)) ||
      idx.some((k) => this.has(k, S.negation) && negVerb(k));
    if (neg && !hit('possible')) return ['none', 'status.negated'];
    if (this.governedByPossible(ca, a)) return ['possible', 'status.possible-matrix'];
    // reported speech shifts `will` back to `would`: `Lavrov said he would meet Rubio` is planned
    const possibleAt = idx.filter((k) => isClosedCue(k) && this.has(k, S.possible));
    if (L.lang === 'en' && possibleAt.length && possibleAt.every((k) => T[k].norm === 'would') && this.reportedInPast(tr)) return ['planned', 'status.backshifted-would'];
    if (hit('possible')) return ['possible', 'status.possible-cue'];
    // `состоялся`, `прошла`: a verb that states planned and occurred contacts alike takes its tense
    const tenseNeutralPast = (k: number) =>
      this.has(k, S.occurred) && this.isVerb(T[k]) && verbTense(this.doc.layers.tokens![k], this.lx.lang) === 'Past';
    if (idx.some((k) => isClosedCue(k) && this.has(k, S.planned) && !tenseNeutralPast(k)) || this.lx.statusSeq.planned.some((seq) => idx.some((k) => this.seqAt(k, seq, b)))) return ['planned', 'status.planned-cue'];
    // a past participle qualifying the trigger: `запроваджені США санкції`, `досягнуті під час саміту`
    for (let k = Math.max(ca, tr.t - 3); k < tr.t; k++) if (this.has(k, S.occurred) && (T[k].pos === 'ADJ' || T[k].tags.VerbForm === 'Part')) return ['occurred', 'status.past-participle'];
    // the finite verb nearest the trigger decides
    const byTense = this.tenseStatus(tr, idx);
    if (byTense) return [byTense, `status.tense.${byTense}`];
    if (hit('ongoing')) return ['ongoing', 'status.ongoing-cue'];
    // a headline with no finite verb, `Lula and Zelensky to hold first in-person meeting`, `Blinken to
    // visit China`: the infinitive of a headline tells what is to come
    if (this.lx.lang === 'en' && this.headline(a, b)) {
      for (let k = ca; k + 1 < cb && k < tr.t; k++) if (T[k].norm === 'to' && T[k + 1].pos === 'VERB') return ['planned', 'status.headline-infinitive'];
    }
    return ['occurred', 'status.default'];
  }

  /** A headline: a sentence with no closing punctuation and no finite verb. */
  private headline(a: number, b: number): boolean {
    const T = this.toks;
    if (b <= a || /[.!?…"»”]$/.test(T[b - 1].text)) return false;
    for (let k = a; k < b; k++) if (T[k].tags.VerbForm === 'Fin' || verbTense(this.doc.layers.tokens![k], this.lx.lang)) return false;
    return true;
  }

  /** The trigger lies in an indirect quote whose cue verb is in the past (`said (that) …`, `told reporters …`). */
  private reportedInPast(tr: Trig): boolean {
    const pos = this.toks[tr.t].start;
    const toks = this.doc.layers.tokens!;
    for (const q of this.doc.layers.quotes ?? []) {
      if (q.kind !== 'indirect' || !q.cue || pos < q.start || pos >= q.end) continue;
      const k = tokIndexAt(this.toks, q.cue.start);
      if (k >= 0 && this.isVerb(this.toks[k]) && verbTense(toks[k], this.lx.lang) === 'Past') return true;
    }
    return false;
  }

  /**
   * `Фицо не исключил, что посетит Москву`, `допускає, що зустрінеться`: a possibility cue just
   * before the что/що introducing the trigger's clause.
   */
  private governedByPossible(ca: number, a: number): boolean {
    const T = this.toks;
    const c = ca - 1;
    if (c <= a || !COMPLEMENTIZERS.has(T[c].norm)) return false;
    const S = this.lx.status;
    for (let k = Math.max(a, c - 5); k < c; k++) {
      if (T[k].punct) continue;
      if (this.has(k, S.possible) || this.lx.statusSeq.possible.some((seq) => this.seqAt(k, seq, c))) return true;
    }
    return false;
  }

  /** The status the tense of the finite verb nearest the trigger gives (past: occurred, future: planned). */
  private tenseStatus(tr: Trig, idx: number[]): EventStatus | null {
    const T = this.toks;
    let best: { d: number; s: EventStatus } | null = null;
    for (const k of [tr.t, ...idx]) {
      const t = T[k];
      if (!this.isVerb(t) && !(t.tags.VerbForm === 'Part')) continue;
      let s: EventStatus | null = null;
      if (t.tags.VerbForm === 'Inf') continue;
      const tense = verbTense(this.doc.layers.tokens![k], this.lx.lang);
      if (tense === 'Past') s = 'occurred';
      else if (tense === 'Fut') s = 'planned';
      else if (tense === 'Pres') s = 'ongoing';
      if (!s) continue;
      const d = Math.abs(k - tr.t);
      if (!best || d < best.d) best = { d, s };
    }
    return best ? best.s : null;
  }

  /** Is the trigger noun governed by `во время`, `під час`, `after` (over its adjectives)? */
  private framed(tr: Trig, ca: number): boolean {
    let j = tr.t - 1;
    while (j >= ca && (this.toks[j].pos === 'ADJ' || this.toks[j].pos === 'DET' || this.toks[j].pos === 'NUM')) j--;
    for (const seq of this.lx.during) {
      const k = j - seq.length + 1;
      if (k >= ca && this.seqAt(k, seq, j + 1)) return true;
    }
    // a contact as the time of the clause: `накануне саммита`, `после встречи`, `перед переговорами`
    if (j >= ca && this.lx.lang !== 'en' && (this.lx.summitBefore.has(this.toks[j].norm) || this.lx.summitAfter.has(this.toks[j].norm))) return true;
    return false;
  }

  private level(tr: Trig, a: number, b: number, actors: string[]): Level | null {
    let best: { d: number; l: Level } | null = null;
    for (const [lvl, seq] of this.lx.levels) {
      for (let k = a; k < b; k++) {
        if (!this.seqAt(k, seq, b)) continue;
        const d = Math.abs(k - tr.t);
        if (!best || d < best.d) best = { d, l: lvl };
      }
    }
    if (best && best.d <= 12) return this.why('level.cue', best.l);
    if (tr.mode === 'summit') return this.why('level.summit', 'highest');
    const kinds = actors.map((id) => this.rank(id));
    // `з британським колегою Джоном Гілі`, `his Turkish counterpart`: a counterpart holds the rank of
    // the side whose counterpart it is
    const known = kinds.find((k) => k !== null) ?? null;
    if (known) {
      for (let i = 0; i < actors.length; i++) {
        if (kinds[i] !== null || this.entById.get(actors[i])?.type !== 'PER') continue;
        const m = this.mens.find((x) => x.id === actors[i] && x.t0 >= a && x.t1 <= b && this.counterpartBefore(x.t0, a));
        if (m) kinds[i] = known;
      }
    }
    if (kinds.length >= 2 && kinds.filter((k) => k === 'head').length >= 2) return this.why('level.heads', 'highest');
    if (kinds.length >= 2 && kinds.filter((k) => k === 'head' || k === 'minister').length >= 2 && kinds.includes('minister')) return this.why('level.ministers', 'ministerial');
    return null;
  }

  /** A counterpart noun right before token t (over adjectives): `колегою Джоном`, `британським колегою`. */
  private counterpartBefore(t: number, a: number): boolean {
    for (let j = t - 1; j >= Math.max(a, t - 3); j--) {
      const x = this.toks[j];
      if (this.lx.counterparts.has(x.lemma) || this.lx.counterparts.has(x.norm)) return true;
      if (!(x.pos === 'ADJ' || x.pos === 'DET' || x.pos === 'PROPN')) return false;
    }
    return false;
  }

  /** Is a person a head of state/government or a minister (KB roles, the article's own roles)? */
  private rank(id: string): 'head' | 'minister' | null {
    const titles: string[] = [];
    const e = this.entById.get(id);
    if (e?.type !== 'PER') return null;
    for (const r of e?.roles ?? []) titles.push(norm(r));
    const k = this.kb?.byId(id);
    for (const r of k?.roles ?? []) if (!r.to) for (const t of Object.values(r.title)) if (t) titles.push(norm(t));
    if (titles.some((t) => HEAD_TITLES.some((h) => t.startsWith(h)) && !/вице|віце|vice|пресс|прес/.test(t))) return 'head';
    if (titles.some((t) => MINISTER_TITLES.some((h) => t.includes(h)) && !/замест|заступ|deputy/.test(t))) return 'minister';
    return null;
  }

  /** The temporal expression of the trigger's clause (not one across a `что`). */
  /** set by `when` when a date of the report around the trigger's indirect quote was passed over */
  private whenSkippedReport = false;

  private when(tr: Trig, a: number, b: number, afterOnly = false): DiplomaticEvent['when'] {
    this.whenSkippedReport = false;
    const times = this.doc.layers.times ?? [];
    const T = this.toks;
    const s0 = T[a].start, s1 = T[b - 1].end;
    const tp = T[tr.t].start;
    let best: { d: number; t: Timex } | null = null;
    // (a date of the report is not the reported contact's: `Earlier on Monday, the Kremlin said Guterres
    // would meet with Putin ... on Thursday` — rule `when.not-of-report`; an undated contact that took
    // place may still take the report's date, `when.report-date`)
    const q = (this.doc.layers.quotes ?? []).find((x) => x.kind === 'indirect' && !!x.cue && tp >= x.start && tp < x.end);
    for (const t of times) {
      if (t.start < s0 || t.end > s1 || (afterOnly && t.start < tp)) continue;
      if (q && (t.end <= q.start || t.start >= q.end)) {
        this.whenSkippedReport = true;
        continue;
      }
      // (a year named as such dates a contact, `last met with Kim in 2019`, `в 2015 году`; not a span's
      // edge, `с 2012 года`, nor a year counted from now, `last year`, `seven years after`)
      const year = /^\d{4}$/.test(t.value) && new RegExp(`\\b${t.value}\\b`).test(t.text) && !YEAR_EDGE.test(t.text);
      // (a date of an undated article keeps its unknown year, `XXXX-10-23`; a weekend is its week's, `2024-W32-WE`)
      if (!DATE_VALUE.test(t.value) && !year) continue;
      const lo = Math.min(t.end, tp), hi = Math.max(t.start, tp);
      let crosses = false;
      // (a relative clause on the trigger noun dates it: `talks that was due to take place on
      // Saturday`, `встреча, которая должна состояться в субботу`)
      // (also over the noun's place phrase: `a visit to China that had been expected to start on Friday`)
      const placePhrase = (k: number) => {
        if (k - tr.tEnd > 4 || k - tr.tEnd < 2 || (T[tr.tEnd].pos !== 'ADP' && T[tr.tEnd].norm !== 'to')) return false;
        for (let q = tr.tEnd + 1; q < k; q++) if (!this.menAt.has(q) && T[q].pos !== 'DET' && !(q === k - 1 && T[q].text === ',')) return false;
        return true;
      };
      const relOf = (k: number) => !tr.verb && t.start > tp && RELATIVE.has(T[k].norm) && (k === tr.tEnd || (k === tr.tEnd + 1 && T[tr.tEnd].text === ',') || placePhrase(k));
      for (let k = tokIndexAt(T, lo); k < T.length && T[k].start < hi; k++) {
        if ((SUBORD.has(T[k].norm) && !relOf(k)) || (T[k].punct && /^[;:—–-]$/.test(T[k].text))) crosses = true;
        // (a second predicate after the trigger's: `находится с визитом ... и должен вернуться 5 ноября`)
        if (t.start > tp && k > tr.t && this.secondModal(k)) crosses = true;
      }
      if (crosses) continue;
      const d = hi - lo;
      if (!best || d < best.d) best = { d, t };
    }
    if (!best) return null;
    return { value: best.t.value, text: best.t.text, ...(best.t.mod ? { mod: best.t.mod } : {}) };
  }

  /**
   * A put-off contact given a new date: a `rescheduled` when rule (`перенесено ..., але відбудеться`,
   * `отложен до`, `postponed to`) starting near the trigger and a date right after the match.
   */
  private rescheduled(tr: Trig, a: number, b: number): { rule: string; when: NonNullable<DiplomaticEvent['when']> } | null {
    const T = this.toks;
    const times = this.doc.layers.times ?? [];
    for (let k = Math.max(a, tr.t - 3); k < b; k++) {
      const m = this.lx.whenRules.matchAt(T, k, a, b).find((x) => x.rule.produces.kind === 'rescheduled');
      if (!m) continue;
      const from = T[m.end - 1].end;
      // (a rule may ask for the date right after it: `postponed to next week`, not `postponing a visit to China
      // that had been expected to start on Friday`)
      const within = (m.rule.produces as { within?: number }).within ?? 8;
      const lim = m.end + within < b ? T[m.end + within].end : T[b - 1].end;
      const t = times.find((x) => x.start >= from && x.start <= lim && DATE_VALUE.test(x.value));
      if (t) return { rule: m.rule.id, when: { value: t.value, text: t.text, ...(t.mod ? { mod: t.mod } : {}) } };
    }
    return null;
  }

  private reporters(tr: Trig): string[] {
    const pos = this.toks[tr.t].start;
    const out: string[] = [];
    for (const q of this.doc.layers.quotes ?? []) {
      if (q.start <= pos && pos < q.end) {
        if (q.speaker && !out.includes(q.speaker)) out.push(q.speaker);
        if (q.via && !out.includes(q.via)) out.push(q.via);
      }
    }
    for (const at of this.doc.layers.attributions ?? []) if (at.start <= pos && pos < at.end && !out.includes(at.source)) out.push(at.source);
    // only entities of this article (the contract's ids)
    return out.filter((id) => this.entById.has(id));
  }

  /**
   * Confirm / deny / no-comment statements (the stance rules of `src/events/rules/<lang>.json`),
   * attached to the event they speak of, each with the words that state it and the rules used.
   */
  stances(sents: [number, number][], cands: Cand[]): void {
    const T = this.toks;
    const L = this.lx;
    for (let si = 0; si < sents.length; si++) {
      const [a, b] = sents[si];
      let cue = false;
      for (let k = a; k < b && !cue; k++) cue = (this.flags[k] & WORD_STANCE) !== 0;
      if (!cue) continue;
      for (const m of L.stanceRules.scan(T, a, b)) {
        const k = m.start;
        const stance = m.rule.produces.stance;
        let e = m.end - 1;
        while (e > k && T[e].punct) e--;
        const evidence = { start: T[k].start, end: T[e].end, text: this.doc.text.slice(T[k].start, T[e].end) };
        const prod = m.rule.produces;
        const inQuote = prod.holder === 'speaker' ? (this.doc.layers.quotes ?? []).find((x) => x.speaker && x.start <= T[k].start && T[k].start < x.end) : undefined;
        const parties = prod.holder === 'parties';
        let holder = prod.holder === 'speaker' ? (inQuote?.speaker ? { ids: [inQuote.speaker], rule: 'stance.by.speaker' } : null) : parties ? null : this.stanceHolder(k, a, b);
        if (!holder && !parties) continue;
        const target = this.stanceTarget(k, m.end, si, b, cands, stance);
        if (!target) continue;
        if (parties) holder = { ids: [...target.c.ev.actors], rule: 'stance.by.parties' };
        if (!holder) continue;
        // `the information ... about the direct negotiations ... is a fiction`: the negotiations told of did not take place
        if (prod.negates && target.c.sent === si && (target.c.ev.trigger?.start ?? 0) < T[k].start && target.c.ev.type === 'CONSULT') {
          target.c.ev.status = 'none';
          target.c.ev.rules = [...new Set([...(target.c.ev.rules ?? []), 'status.denied-report', m.rule.id])];
        }
        const st = target.c.ev.stances ?? (target.c.ev.stances = []);
        // `Он также подтвердил, что Франция восстановила каналы`: a side confirming in a clause of its
        // own what its side did reports it (a stance answers someone else's report)
        const own = stance === 'confirm' && target.rule === 'stance.on.stated-after' && this.complementBetween(m.end, target.c.ev.trigger!.start, b);
        for (const id of new Set(holder.ids)) {
          if (st.some((s) => s.by === id)) continue;
          if (own && target.c.ev.actors.some((x) => this.sameSide(x, id))) {
            const rb = target.c.ev.reportedBy ?? (target.c.ev.reportedBy = []);
            if (!rb.includes(id)) rb.push(id);
            continue;
          }
          st.push({ by: id, stance, evidence, rules: [m.rule.id, holder.rule, target.rule] });
        }
      }
    }
  }

  /** A complementizer (`что`, `що`, `that`) between token `from` and the character offset `pos`. */
  private complementBetween(from: number, pos: number, b: number): boolean {
    for (let k = from; k < b && this.toks[k].start < pos; k++) if (COMPLEMENTIZERS.has(this.toks[k].norm) || this.toks[k].norm === 'that') return true;
    return false;
  }

  /** Who holds a stance stated at token k: the clause's named subject, a seat, a role or pronoun, the quote's speaker. */
  private stanceHolder(k: number, a: number, b: number): { ids: string[]; rule: string } | null {
    const T = this.toks;
    const L = this.lx;
    const [ca] = this.clause(k, a, b);
    const ms = this.markQualifiers(a, b).filter((m) => m.t1 <= k && m.t0 >= ca && !outletMention(m) && this.named(m));
    // `Кремль и Елисейский дворец не стали ...`, `Iran's foreign ministry denied ...`
    const subj = ms.filter((m) => m.lead.kind !== 'prep' && this.nominative(m)).map((m) => m.id);
    if (subj.length) return { ids: subj, rule: 'stance.by.subject' };
    // `В Кремле опровергли ...`, `в МЗС Вірменії не підтвердили ...`
    const seat = ms.filter((m) => m.lead.kind === 'prep' && L.placePreps.has(m.lead.prep) && (m.type === 'ORG' || m.type === 'LOC')).map((m) => m.id);
    if (seat.length) return { ids: seat, rule: 'stance.by.seat' };
    // `он отказался комментировать`, `the spokesman declined to comment`: the person it stands for
    for (let j = k - 1; j >= ca; j--) {
      const t = T[j];
      if (this.menAt.has(j)) continue;
      if ((L.roleNouns.has(t.lemma) || PRON_3.has(t.norm)) && (t.tags.Case === 'Nom' || !t.tags.Case)) {
        // `Речник Пентагону підтвердив`, `a spokesman for the ministry`: the institution it speaks for
        const owner = this.mens.find((m) => m.t0 > j && m.t0 <= j + 3 && m.t1 <= k && (m.type === 'ORG' || m.type === 'LOC') && !outletMention(m) && m.case !== 'Nom');
        if (owner && L.roleNouns.has(t.lemma)) return { ids: [owner.id], rule: 'stance.by.role-owner' };
        const r = this.resolveRole(j);
        if (r) return { ids: [r], rule: 'stance.by.role' };
        break;
      }
    }
    // `Russia’s foreign ministry spokesperson, Maria Zakharova, denied`: the subject before an apposition
    // set off by commas
    if (ca > a && T[ca - 1].text === ',') {
      const [pa] = this.clause(ca - 2, a, b);
      let pb = pa;
      for (let q = pa > a && T[pa - 1].text === ',' ? this.clause(pa - 2, a, b)[0] : pa; q < ca; q++) pb = q;
      const before = this.markQualifiers(a, b).filter((m) => m.t1 <= ca && m.t0 >= Math.min(pa, pb) && !outletMention(m) && this.named(m) && m.lead.kind !== 'prep' && this.nominative(m));
      const last = before[before.length - 1];
      // (only when nothing but the apposition and its commas lies between: no verb of its own)
      if (last && !this.verbBetween(last.t1 - 1, k)) return { ids: [last.id], rule: 'stance.by.subject-before-apposition' };
    }
    // inside a quotation: its speaker (`«Мы не будем ни подтверждать, ни опровергать», — сказал Песков`)
    const pos = T[k].start;
    const q = (this.doc.layers.quotes ?? []).find((x) => x.speaker && x.start <= pos && pos < x.end);
    if (q?.speaker) return { ids: [q.speaker], rule: 'stance.by.speaker' };
    // `We deny. No meetings ... will be held - said Tykhyi`: a first person just before the cue is the
    // speaker of the quotation that follows at once
    if (k > ca && FIRST_PERSON.has(T[k - 1].norm)) {
      const end = T[b - 1].end;
      const nq = (this.doc.layers.quotes ?? []).find((x) => x.speaker && x.start >= end && x.start - end <= 3);
      if (nq?.speaker) return { ids: [nq.speaker], rule: 'stance.by.next-quote-speaker' };
    }
    return null;
  }

  /** The event a stance at tokens [k, end) speaks of. */
  private stanceTarget(k: number, end: number, si: number, b: number, cands: Cand[], stance?: string): { c: Cand; rule: string } | null {
    const T = this.toks;
    const pos = T[k].start;
    // a denial followed by what it asserts: `dismissed the report, stating ... She emphasized that there
    // had been no negotiations between Russia and Ukraine` — the contact said not to have taken place
    if (stance === 'deny') {
      const said = cands.find((c) => (c.sent === si || c.sent === si + 1) && c.ev.type === 'CONSULT' && c.ev.status === 'none' && (c.ev.trigger?.start ?? 0) >= T[end - 1].end);
      if (said) return { c: said, rule: 'stance.on.denied-content' };
    }
    // an event stated after the cue in this sentence (`опроверг сообщения о подготовке встречи ...`)
    // (a contact first: `rejected a report claiming that Ukraine's attack ... had derailed talks with Kyiv`
    // denies the talks, not the attack the report names on the way)
    const afterAll = cands.filter((c) => c.sent === si && (c.ev.trigger?.start ?? 0) >= T[end - 1].end);
    const after = afterAll.find((c) => c.ev.type === 'CONSULT') ?? afterAll[0];
    if (after) return { c: after, rule: after === afterAll[0] ? 'stance.on.stated-after' : 'stance.on.stated-after-contact' };
    // `We deny. No meetings ... will be held`: a cue that ends its sentence speaks of the next one's event
    let e = end;
    while (e < b && T[e].punct && !/^[.!?…]$/.test(T[e].text)) e++;
    if (e >= b - 1 || /^[.!?…]$/.test(T[e].text)) {
      const next = cands.find((c) => c.sent === si + 1);
      if (next && !cands.some((c) => c.sent === si && (c.ev.trigger?.start ?? 0) < pos)) return { c: next, rule: 'stance.on.next-sentence' };
    }
    // `declined to comment on the call`: the latest contact of the mode named after the cue
    let mode: string | undefined;
    for (let j = end; j < b && !mode; j++) {
      const defs = this.lx.single.get(T[j].lemma) ?? this.lx.single.get(T[j].norm);
      const modes = (defs ?? []).filter((d) => d.type === 'CONSULT' && d.mode).map((d) => d.mode);
      if (modes.length) mode = this.trigAt.get(j)?.mode ?? modes[modes.length - 1];
    }
    if (mode) {
      const c = [...cands].reverse().find((x) => (x.ev.trigger?.start ?? 0) < pos && x.ev.mode === mode && si - x.sent <= 3);
      if (c) return { c, rule: 'stance.on.named-mode' };
    }
    // else the story's main contact (`Кремль не прокоментував`, `declined to comment`, a cue naming no
    // event): of the contacts told before the cue, the one whose sides the article reports most often
    // (the latest of them on a tie); no contact told before: the latest event just before
    const near = [...cands].reverse().filter((x) => (x.ev.trigger?.start ?? 0) < pos && si - x.sent <= 2);
    // a contact whose sides the stance's sentence names after the cue's start (`would announce any
    // meeting that Putin held with Witkoff`), the latest told before
    const named2 = new Set(this.mens.filter((m) => m.t0 >= k && m.t1 <= b).map((m) => m.id));
    if (named2.size >= 2) {
      const c = [...cands].reverse().find((x) => x.ev.type === 'CONSULT' && (x.ev.trigger?.start ?? 0) < pos && x.ev.actors.length >= 2 && x.ev.actors.every((id) => named2.has(id)));
      if (c) return { c, rule: 'stance.on.named-sides' };
    }
    const main = this.mainContact(cands, pos);
    if (main && (!near[0] || near[0].ev.type === 'CONSULT')) return { c: main, rule: 'stance.on.main-contact' };
    return near[0] ? { c: near[0], rule: 'stance.on.latest' } : null;
  }

  /** Of the contacts told before character `pos`, the one whose set of sides the article reports most often (latest on a tie). */
  private mainContact(cands: Cand[], pos: number): Cand | null {
    const key = (c: Cand) => [...new Set(c.ev.actors)].sort().join('|');
    const count = new Map<string, number>();
    for (const c of cands) if (c.ev.type === 'CONSULT' && c.ev.actors.length >= 2) count.set(key(c), (count.get(key(c)) ?? 0) + 1);
    let best: Cand | null = null;
    let bestN = 0;
    for (const c of cands) {
      if (c.ev.type !== 'CONSULT' || c.ev.actors.length < 2 || (c.ev.trigger?.start ?? 0) >= pos) continue;
      const n = count.get(key(c)) ?? 0;
      if (n >= bestN) [best, bestN] = [c, n];
    }
    return best;
  }
}
