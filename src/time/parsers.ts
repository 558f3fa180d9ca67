/**
 * chrono-node extended with Parley's own parsers for what its ru/uk/en locales miss: parts of a
 * month or year (`в начале января`, `наприкінці жовтня`, `in late 2025`), relative days anchored
 * in the narrative (`накануне`, `днем ранее`, `напередодні`), `N числа`, years with a preposition
 * (`с 2019 года`), and relative weeks/months/years (`на прошлой неделе`, `торік`).
 *
 * The parsers only find and tag; values are resolved afterwards (extract.ts), where the clause's
 * tense, the article's date and earlier dates in the text are known.
 */
import { createRequire } from 'node:module';
import type { Chrono, Parser } from 'chrono-node';
import { CUE_ALL, CUE_DIGIT, CUE_MONTH, CUE_REL, CUE_WEEKDAY } from './cues.js';
import { LB, RB, alternation, type TimeLang, type TimeLexicon } from './lexicon.js';

export const TAG = {
  part: 'parley/part:', // + START | MID | END
  relDay: 'parley/relday:', // + offset
  period: 'parley/period:', // + unit:offset
  year: 'parley/year',
  yearRef: 'parley/yearref:', // + offset
  dayOfMonth: 'parley/dom',
} as const;

type Ctx = Parameters<Parser['extract']>[0];

type ClassedParser = Parser & { cueClass?: number };

function parser(re: RegExp, extract: (ctx: Ctx, m: RegExpMatchArray) => ReturnType<Parser['extract']>, cueClass: number): ClassedParser {
  return { pattern: () => re, extract, cueClass };
}

function result(ctx: Ctx, m: RegExpMatchArray, comps: Record<string, number>, tags: string[], implied: Record<string, number> = {}) {
  const r = ctx.createParsingResult(m.index!, m[0]);
  for (const [k, v] of Object.entries(comps)) r.start.assign(k as never, v);
  for (const [k, v] of Object.entries(implied)) r.start.imply(k as never, v);
  r.addTags(tags);
  return r;
}

function ownParsers(lx: TimeLexicon): ClassedParser[] {
  const months = alternation(Object.keys(lx.months));
  const parts = Object.entries(lx.periodParts) as [string, string[]][];
  const partAlt = alternation(parts.flatMap(([, ps]) => ps));
  const partOf = (s: string) => {
    const n = s.toLowerCase().replace(/\s+/g, ' ');
    for (const [mod, ps] of parts) if (ps.includes(n)) return mod;
    return 'START';
  };
  const yearWord = lx.yearWord.length ? `(?:\\s*(?:${alternation(lx.yearWord)}))` : '';
  const yearRefAlt = alternation(Object.keys(lx.yearRef));
  const ps: ClassedParser[] = [];
  const monthOf = (s: string) => lx.months[s.toLowerCase()] ?? lx.months[s.toLowerCase().replace(/\.$/, '')];

  // part of a month, optionally with a year: `в начале января`, `наприкінці жовтня 2025 року`, `in early January`, `mid-January`
  ps.push(
    parser(
      new RegExp(
        `${LB}(${partAlt})[\\s-]+(${months})\\.?(?:,?\\s+(\\d{4})${yearWord}?|\\s+(${yearRefAlt || '\\b\\B'}))?${RB}`,
        'iu',
      ),
      (ctx, m) => {
        const month = monthOf(m[2]);
        if (!month) return null;
        const tags = [TAG.part + partOf(m[1])];
        if (m[4]) tags.push(TAG.yearRef + (lx.yearRef[m[4].toLowerCase().replace(/\\s+/g, ' ')] ?? 0));
        return result(ctx, m, m[3] ? { month, year: +m[3] } : { month }, tags);
      },
      CUE_MONTH,
    ),
  );
  // part of a year: `в конце 2025 года`, `на початку цього року`, `in late 2025`
  ps.push(
    parser(new RegExp(`${LB}(${partAlt})[\\s-]+(\\d{4})${yearWord}${lx.yearWord.length ? '' : '?'}${RB}`, 'iu'), (ctx, m) =>
      result(ctx, m, { year: +m[2] }, [TAG.part + partOf(m[1]), TAG.year]), CUE_DIGIT,
    ),
  );
  if (yearRefAlt) {
    ps.push(
      parser(new RegExp(`${LB}(${partAlt})[\\s-]+(${yearRefAlt})${RB}`, 'iu'), (ctx, m) => {
        const key = Object.keys(lx.yearRef).find((k) => k === m[2].toLowerCase().replace(/\s+/g, ' '));
        return result(ctx, m, {}, [TAG.part + partOf(m[1]), TAG.yearRef + (key ? lx.yearRef[key] : 0)]);
      }, CUE_REL),
    );
    // `в декабре прошлого года`, `у грудні минулого року`
    ps.push(
      parser(new RegExp(`${LB}(?:(?:в|во|у|in)\\s+)?(${months})\\s+(${yearRefAlt})${RB}`, 'iu'), (ctx, m) => {
        const month = monthOf(m[1]);
        if (!month) return null;
        const key = Object.keys(lx.yearRef).find((k) => k === m[2].toLowerCase().replace(/\s+/g, ' '));
        return result(ctx, m, { month }, [TAG.yearRef + (key ? lx.yearRef[key] : 0)]);
      }, CUE_MONTH),
    );
  }
  // part of the current or an adjacent month: `в начале месяца`, `наприкінці минулого місяця`, `at the end of the month`
  const monthRefAlt = alternation(Object.keys(lx.monthRef ?? {}));
  if (monthRefAlt) {
    ps.push(
      parser(new RegExp(`${LB}(${partAlt})[\\s-]+(${monthRefAlt})${RB}`, 'iu'), (ctx, m) => {
        const off = lx.monthRef![m[2].toLowerCase().replace(/\s+/g, ' ')];
        if (off === undefined) return null;
        return result(ctx, m, {}, [TAG.part + partOf(m[1]), `${TAG.period}month:${off}`]);
      }, CUE_REL),
    );
  }
  // relative days anchored in the narrative
  const relAlt = alternation(Object.keys(lx.relativeDays));
  ps.push(
    parser(new RegExp(`${LB}(${relAlt})${RB}`, 'iu'), (ctx, m) => {
      const key = m[1].toLowerCase().replace(/\s+/g, ' ').replace(/ё/g, 'е');
      const rd = lx.relativeDays[key] ?? lx.relativeDays[m[1].toLowerCase().replace(/\s+/g, ' ')];
      if (!rd) return null;
      return result(ctx, m, {}, [TAG.relDay + rd.offset]);
    }, CUE_REL),
  );
  // relative weeks, months, years
  const perAlt = alternation(Object.keys(lx.relativePeriods));
  ps.push(
    parser(new RegExp(`${LB}(${perAlt})${RB}`, 'iu'), (ctx, m) => {
      const rp = lx.relativePeriods[m[1].toLowerCase().replace(/\s+/g, ' ')];
      if (!rp) return null;
      return result(ctx, m, {}, [`${TAG.period}${rp.unit}:${rp.offset}`]);
    }, CUE_REL),
  );
  // years: `с 2019 года`, `у 2022 році`, `in 2019`
  if (lx.yearPrep.length) {
    const re = lx.yearWord.length
      ? new RegExp(`${LB}(?:(?:${alternation(lx.yearPrep)})\\s+)?((?:19|20)\\d{2})\\s*(?:${alternation(lx.yearWord)})(?![\\p{L}\\p{N}])`, 'iu')
      : new RegExp(`${LB}(?:${alternation(lx.yearPrep)})\\s+((?:19|20)\\d{2})${RB}(?![\\s,]*\\d)`, 'iu');
    ps.push(parser(re, (ctx, m) => result(ctx, m, { year: +m[1] }, [TAG.year]), CUE_DIGIT));
  }
  // weekdays from the lexicon (apostrophe variants included: `у п’ятницю`), with their preposition
  // and a `last` / `next` modifier
  const wdAlt = alternation(Object.keys(lx.weekdays));
  const prepAlt = alternation(lx.weekdayPrep);
  const modAlt = alternation([...lx.weekdayPrev, ...lx.weekdayNext]);
  ps.push(
    parser(new RegExp(`${LB}(?:(?:${prepAlt})\\s+)?(?:(?:${modAlt})\\s+)?(${wdAlt})${RB}`, 'iu'), (ctx, m) => {
      const key = m[1].toLowerCase().replace(/[’ʼ]/g, "'");
      const wd = lx.weekdays[key];
      if (wd === undefined) return null;
      return result(ctx, m, { weekday: wd }, []);
    }, CUE_WEEKDAY),
  );
  // `15 числа`, `15-го числа`
  if (lx.dayOfMonth.length) {
    ps.push(
      parser(new RegExp(`${LB}(\\d{1,2})(?:-?го)?\\s+числа${RB}`, 'iu'), (ctx, m) => {
        const day = +m[1];
        if (day < 1 || day > 31) return null;
        return result(ctx, m, { day }, [TAG.dayOfMonth]);
      }, CUE_REL),
    );
  }
  return ps;
}

/** what chrono's own parsers need in their text (by class name); a parser not listed always runs */
const BUILTIN_CLASS: [RegExp, number][] = [
  [/MonthName|YearMonthName/, CUE_MONTH],
  [/SlashDate|YearMonthDay/, CUE_DIGIT],
  [/TimeUnit|CasualDate|EndOfCurrentMonth/, CUE_REL],
];

function classOf(p: Parser): number {
  const own = (p as ClassedParser).cueClass;
  if (own !== undefined) return own;
  const name = p.constructor.name;
  for (const [re, cls] of BUILTIN_CLASS) if (re.test(name)) return cls;
  return CUE_ALL;
}

const cache = new Map<string, Chrono>();
const byMask = new Map<string, Chrono>();
const requireLocale = createRequire(import.meta.url);

/**
 * The chrono instance for a language with only the parsers that the cue classes in `mask` can
 * feed (a text without a month name needs no month parser: each parser's pattern is a scan of the
 * whole text); the refiners are the same.
 */
export function chronoForCues(lang: TimeLang, lx: TimeLexicon, mask: number): Chrono {
  const key = `${lang}:${mask}`;
  let c = byMask.get(key);
  if (!c) {
    c = chronoFor(lang, lx).clone();
    c.parsers = c.parsers.filter((p) => (classOf(p) & mask) !== 0);
    byMask.set(key, c);
  }
  return c;
}

/** The chrono instance for a language: its locale's casual parsers plus Parley's own. */
export function chronoFor(lang: TimeLang, lx: TimeLexicon): Chrono {
  let c = cache.get(lang);
  if (!c) {
    // one locale's module, loaded on the first document in that language (the whole package costs
    // ~0.25 s to import; a locale ~0.07 s), synchronously so that `run` stays synchronous
    const base = (requireLocale(`chrono-node/${lang}`) as { casual: Chrono }).casual;
    c = base.clone();
    // times of day and `within N days` spans are not dates of events: their parsers only cost time
    // weekdays and `на прошлой неделе` are Parley's own parsers (with apostrophe variants and ISO weeks)
    c.parsers = c.parsers.filter((p) => !/TimeExpression|CasualTime|TimeUnitWithin|ISOFormat|Slash(?!Date)|WeekdayParser|RelativeDateFormat/.test(p.constructor.name));
    // own parsers first: on equal spans the overlap refiner keeps the earlier result
    c.parsers.unshift(...ownParsers(lx));
    warmPatterns(c);
    cache.set(lang, c);
  }
  return c;
}

/**
 * Runs every parser's pattern once on a single space. V8 executes a regular expression's first run
 * in its bytecode interpreter and compiles it to machine code on the next: chrono's long
 * case-insensitive Cyrillic patterns, interpreted over a document's first windows, made the first
 * article's time stage ~2.5x slower (ru: ~145 -> ~75 ms with this warm-up of ~20 ms). The patterns
 * are the parsers' own cached RegExp objects; a parser whose pattern cannot be built out of context
 * is left alone.
 */
function warmPatterns(c: Chrono): void {
  const now = new Date();
  const ctx = { option: { forwardDate: false }, refDate: now, reference: { instant: now } };
  for (const p of c.parsers as unknown as { pattern?: (ctx: unknown) => RegExp }[]) {
    try {
      const re = p.pattern?.(ctx);
      if (!(re instanceof RegExp)) continue;
      re.lastIndex = 0;
      re.exec(' ');
      re.lastIndex = 0;
    } catch {
      /* built from the document's context only */
    }
  }
}
