/**
 * The one document model every stage reads and extends.
 *
 * Offsets are [start, end) in UTF-16 code units into `Doc.text` (JavaScript string indices).
 * A stage adds its own layer to `doc.layers` and never edits another stage's layer.
 * `src/contract/article.ts` is the only place that turns a Doc into the public contract
 * (`parley/article@1`).
 */

export type Lang = 'ru' | 'uk' | 'en' | (string & {});
export type EntityType = 'PER' | 'ORG' | 'LOC' | 'EVT' | 'PRO';

export interface Span {
  start: number;
  end: number;
}

export interface TextSpan extends Span {
  text: string;
}

export interface Source {
  /** file path the article was read from (as given on the command line) */
  path?: string;
  url?: string;
  /** publisher, from the URL, a dateline or a credit line: `РИА Новости`, `УНИАН` */
  outlet?: string | null;
  /** input format that produced it: seed, text, jsonl, html, rss, atom */
  format?: string;
  /** 1-based line (JSON Lines) or item index (RSS/Atom) inside the input */
  item?: number;
}

/** What a reader produces: an article before analysis. */
export interface RawArticle {
  id?: string;
  source: Source;
  published: string | null;
  title: string | null;
  text: string;
  /** language declared by the input, if any (checked by the language stage) */
  lang?: string | null;
}

export type TokenKind = 'word' | 'number' | 'punct' | 'symbol' | 'url' | 'email';

export interface Token extends Span {
  text: string;
  /** lower-cased, ё→е, apostrophes unified: the form used for matching */
  norm: string;
  kind: TokenKind;
  /** index of the sentence that holds the token */
  sent: number;
  /** true when whitespace precedes the token */
  spaceBefore: boolean;
  /** filled by the morphology: dictionary base form (a proper name capitalised) */
  lemma?: string;
  /** Universal Dependencies part of speech */
  pos?: string;
  /** UD features: Case, Number, Gender, Tense, Animacy, Person, Aspect, Mood, Degree, NameType ... */
  tags?: Record<string, string>;
  /** other plausible analyses (best first), for stages that need to disambiguate */
  alts?: MorphAnalysis[];
}

export interface MorphAnalysis {
  lemma: string;
  pos: string;
  tags: Record<string, string>;
  /** dict: found in the dictionary; guess: suffix guesser; name: proper-name model */
  source: 'dict' | 'guess' | 'name' | 'rule';
  score?: number;
}

export interface Sentence extends Span {
  /** index of first token and one past the last token in `layers.tokens` */
  tokenStart?: number;
  tokenEnd?: number;
  /** paragraph index (paragraphs are separated by blank lines or line breaks) */
  para?: number;
}

export interface Mention extends TextSpan {
  /** base form of this mention: `Эммануэлем Макроном` -> `Эммануэль Макрон` */
  lemma: string;
  type: EntityType;
  /** index of the first token and one past the last token */
  tokenStart?: number;
  tokenEnd?: number;
  /** recogniser confidence 0..1 */
  score?: number;
}

export interface Entity {
  /** knowledge-base id, or `new:<TYPE>:<key>` */
  id: string;
  type: EntityType;
  /** base form in the article's language */
  name: string;
  names?: Partial<Record<'ru' | 'uk' | 'en', string>>;
  mentions: Mention[];
  roles?: string[];
  /** PER only, when known: 'm' | 'f' */
  gender?: 'm' | 'f';
  /** country / organisation the entity belongs to (KB ids), for actor resolution */
  affiliations?: string[];
  /** set by the entities stage on a KB entity that is a news outlet or agency (`Reuters`, `ТАСС`, `УНІАН`) */
  kind?: 'outlet';
}

export interface Cue extends TextSpan {
  lemma: string;
}

export interface Quote extends TextSpan {
  kind: 'direct' | 'indirect' | 'mixed';
  speaker: string | null;
  cue?: Cue;
  via?: string | null;
  /** how the speaker was found: name, pronoun, role, continuation, institution */
  speakerBy?: string;
  /** the words that name the speaker at the cue (`он`, `пресс-секретарь президента`, `Лавров`) */
  speakerSpan?: Span;
  /** ids of the extraction rules that produced the quote and found its speaker */
  rules?: string[];
}

export interface Timex extends TextSpan {
  value: string;
  mod?: 'START' | 'MID' | 'END' | 'APPROX';
  /** for a range (`с 8 по 24 января`): the ISO value where it ends; `value` is where it starts */
  to?: string;
  /** what the value was resolved against: `published`, or the offset of an earlier timex */
  anchor?: string;
}

export type EventStatus = 'occurred' | 'ongoing' | 'planned' | 'possible' | 'cancelled' | 'none';
export type Stance = 'confirm' | 'deny' | 'no_comment';

/** Who confirmed, denied or declined to comment on an event, with the words that say so. */
export interface EventStance {
  by: string;
  stance: Stance;
  /** the words that state the stance (`не стали ни подтверждать, ни опровергать`) */
  evidence?: TextSpan;
  /** ids of the rules that produced it */
  rules?: string[];
}

export interface DiplomaticEvent extends Span {
  type: string;
  mode?: 'call' | 'meeting' | 'visit' | 'summit' | 'talks' | 'channel' | 'other' | null;
  actors: string[];
  level?: 'highest' | 'ministerial' | 'technical' | 'working' | null;
  status: EventStatus;
  when?: { value: string; text?: string; mod?: string } | null;
  place?: string | null;
  reportedBy?: string[];
  stances?: EventStance[];
  /** the trigger word or phrase */
  trigger?: Cue;
  /** ids of the extraction rules that produced the event (trigger, parties, status, ...) */
  rules?: string[];
}

export interface Attribution extends Span {
  source: string;
  /** the credit phrase: `Reuters сообщило`, `По информации ТАСС` */
  cue?: Cue;
}

export interface Layers {
  sentences?: Sentence[];
  tokens?: Token[];
  /** recognised name mentions (the NER stage), before coreference and linking group them */
  mentions?: Mention[];
  entities?: Entity[];
  quotes?: Quote[];
  attributions?: Attribution[];
  times?: Timex[];
  events?: DiplomaticEvent[];
}

export interface Doc {
  id: string;
  source: Source;
  published: string | null;
  lang: Lang;
  title: string | null;
  /** the body after ingestion: header removed, NFC, apostrophes as the source wrote them; offsets point here */
  text: string;
  layers: Layers;
  /** diagnostics a stage wants to record (language scores, reader warnings) */
  meta: Record<string, unknown>;
}
