/**
 * Per-language temporal vocabulary (`src/time/lexicon/<lang>.json`): month and weekday names,
 * parts of a period, relative days and periods, year phrases, and the tense cues used to decide in
 * which direction an under-specified date (`во вторник`, `в декабре`, `21 жовтня`) points.
 */
import { readJsonResource } from '../pipeline/resources.js';

export interface RelDay {
  offset: number;
  /** `накануне X` (a genitive noun after it) is a preposition "on the eve of", not a date */
  eve?: boolean;
}

export interface RelPeriod {
  /** `weekend`: the Saturday and Sunday of an ISO week (`2024-W32-WE`) */
  unit: 'week' | 'weekend' | 'month' | 'year';
  offset: number;
}

export interface TimeLexicon {
  lang: string;
  months: Record<string, number>;
  weekdays: Record<string, number>;
  weekdayPrep: string[];
  weekdayPrev: string[];
  weekdayNext: string[];
  periodParts: Record<'START' | 'MID' | 'END', string[]>;
  relativeDays: Record<string, RelDay>;
  relativePeriods: Record<string, RelPeriod>;
  yearRef: Record<string, number>;
  /** the month of the article counted from (`месяца` in `в начале месяца` is the current one, `прошлого месяца` the one before): with a part of a period only */
  monthRef?: Record<string, number>;
  yearPrep: string[];
  yearWord: string[];
  dayOfMonth: string[];
  today: string[];
  skip: string[];
  futureWords: string[];
  pastSuffix: string;
  pastStop: string[];
  /** words after which an infinitive points forward (`due to take place`, `договорились встретиться`) */
  futureGovernors?: string[];
  pastWords: string[];
  /** word starts that may open a temporal expression besides month, weekday and relative words: a sentence without any (and without a digit) is not parsed */
  cueStems: string[];
  /** function words of the relative phrases (`на`, `прошлой`, `the`): the phrase's cue is its last other word */
  cueStop?: string[];
  /** the present moment of speech (`сейчас`, `now`): not dates by themselves */
  nowWords: string[];
  /** words opening a subordinate clause (`что`, `якщо`, `if`): a time after one in its sentence is not the sentence's main time */
  subordinators: string[];
}

export const TIME_LANGS = ['ru', 'uk', 'en'] as const;
export type TimeLang = (typeof TIME_LANGS)[number];

const cache = new Map<string, TimeLexicon>();

export function timeLexicon(lang: TimeLang): TimeLexicon {
  let lx = cache.get(lang);
  if (!lx) {
    lx = readJsonResource<TimeLexicon>(`src/time/lexicon/${lang}.json`);
    cache.set(lang, lx);
  }
  return lx;
}

export function isTimeLang(lang: string): lang is TimeLang {
  return (TIME_LANGS as readonly string[]).includes(lang);
}

/** A regex alternation of literal phrases, longest first, spaces matching any whitespace. */
export function alternation(phrases: Iterable<string>): string {
  return [...new Set(phrases)]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’ʼ]").replace(/ /g, '\\s+'))
    .join('|');
}

/** Letters and digits around a match must not continue a word. */
export const LB = '(?<![\\p{L}\\p{N}])';
export const RB = '(?![\\p{L}\\p{N}])';
