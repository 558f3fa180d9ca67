/**
 * Which outlet published an article: from its URL's host, else from the text's own dateline or
 * credit line (`МОСКВА, 5 фев — РИА Новости.`, `Москва. 10 февраля. INTERFAX.RU -`,
 * `КИЕВ, 3 марта /ТАСС/.`, `(Reuters) -`, `Как передает корреспондент УНИАН`, `Как сообщал УНИАН`),
 * matched against the name list in `outlets.json`. Generic patterns over that list: a name the
 * text merely cites (`издание Politico писало`, `Джерела Reuters`, a photo credit) is not an outlet.
 */
import { readJsonResource } from '../pipeline/resources.js';

export interface OutletInfo {
  name: string;
  names: Partial<Record<string, string>>;
  hosts: string[];
  aliases: string[];
  langs: string[];
  /** the name is also a common word (`Сегодня`, `День`, `Фокус`): not taken at a sentence start */
  wordName?: boolean;
}

interface OutletIndex {
  list: OutletInfo[];
  byHost: Map<string, OutletInfo>;
  byAlias: Map<string, OutletInfo>;
  /** every alias (distinct), longest first */
  aliases: string[];
  /** aliases by their first UTF-16 unit, longest first (to find the ones a text contains) */
  byFirst: Map<number, string[]>;
  /** 1 for a UTF-16 unit some alias starts with */
  first: Uint8Array;
}

let index: OutletIndex | null = null;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

interface Trie {
  next: Map<string, Trie>;
  end: boolean;
}

/**
 * One regex alternation for many literal names, factored as a trie (`Интерфакс(?:-Украин[аы])?`):
 * the engine then checks a name in time of its length, not of the number of names; longer names
 * are tried first.
 */
function trieRegex(words: string[]): string {
  const root: Trie = { next: new Map(), end: false };
  for (const w of words) {
    let n = root;
    for (const ch of w) {
      let c = n.next.get(ch);
      if (!c) {
        c = { next: new Map(), end: false };
        n.next.set(ch, c);
      }
      n = c;
    }
    n.end = true;
  }
  const emit = (n: Trie): string => {
    const alts = [...n.next.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([ch, c]) => escapeRe(ch) + emit(c));
    if (!alts.length) return '';
    const body = alts.length === 1 ? alts[0] : `(?:${alts.join('|')})`;
    if (!n.end) return body;
    return alts.length === 1 && [...n.next.values()][0].next.size === 0 && !/[?*+)]$/.test(body) && body.length <= 2 ? `${body}?` : `(?:${body})?`;
  };
  return emit(root);
}

function foldName(s: string): string {
  return s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"“”„']/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function load(): OutletIndex {
  if (index) return index;
  const data = readJsonResource<{ outlets: OutletInfo[] }>('src/ingest/outlets.json');
  const byHost = new Map<string, OutletInfo>();
  const byAlias = new Map<string, OutletInfo>();
  const aliases: string[] = [];
  for (const o of data.outlets) {
    for (const h of o.hosts) byHost.set(h.toLowerCase(), o);
    const all = new Set([o.name, ...Object.values(o.names).filter((x): x is string => !!x), ...o.aliases]);
    for (const a of all) {
      if (!byAlias.has(foldName(a))) byAlias.set(foldName(a), o);
      aliases.push(a);
    }
  }
  const uniq = [...new Set(aliases)].filter((a) => a.length > 0).sort((a, b) => b.length - a.length);
  const byFirst = new Map<number, string[]>();
  for (const a of uniq) {
    const c = a.charCodeAt(0);
    const at = byFirst.get(c);
    if (at) at.push(a);
    else byFirst.set(c, [a]);
  }
  const first = new Uint8Array(0x10000);
  for (const c of byFirst.keys()) first[c] = 1;
  index = { list: data.outlets, byHost, byAlias, aliases: uniq, byFirst, first };
  return index;
}

/** Every known outlet (for the CLI's `--outlet` and the store). */
export function knownOutlets(): readonly OutletInfo[] {
  return load().list;
}

/** The outlet a name or alias refers to (`УНІАН`, `Interfax`, `INTERFAX.RU`), if known. */
export function findOutlet(name: string): OutletInfo | null {
  return load().byAlias.get(foldName(name)) ?? null;
}

/** Outlet from a URL's host (`https://www.unian.net/...` -> УНИАН), trying parent domains. */
export function outletFromUrl(url: string | null | undefined): OutletInfo | null {
  if (!url) return null;
  let host: string;
  try {
    host = new URL(url.trim()).hostname.toLowerCase();
  } catch {
    return null;
  }
  const { byHost } = load();
  const parts = host.split('.');
  for (let i = 0; i < parts.length - 1; i++) {
    const h = parts.slice(i).join('.');
    const o = byHost.get(h);
    if (o) return o;
  }
  return null;
}

type Script = 'cyr' | 'lat';

function scriptOf(text: string): { script: Script; lang: string } {
  let cyr = 0;
  let lat = 0;
  let uk = 0;
  let ru = 0;
  const n = Math.min(text.length, 6000);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x400 && c <= 0x4ff) {
      cyr++;
      // і ї є ґ (and capitals) vs ы э ъ ё
      if (c === 0x456 || c === 0x457 || c === 0x454 || c === 0x491 || c === 0x406 || c === 0x407 || c === 0x404 || c === 0x490) uk++;
      else if (c === 0x44b || c === 0x44d || c === 0x44a || c === 0x451 || c === 0x42b || c === 0x42d || c === 0x401) ru++;
    } else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) lat++;
  }
  if (cyr > lat) return { script: 'cyr', lang: uk > ru ? 'uk' : 'ru' };
  return { script: 'lat', lang: 'en' };
}

function publishesIn(o: OutletInfo, script: Script): boolean {
  return script === 'cyr' ? o.langs.includes('ru') || o.langs.includes('uk') : o.langs.some((l) => l !== 'ru' && l !== 'uk');
}

/** Whether the outlet's first language is written in this script (УНИАН in Cyrillic, BBC in Latin). */
function homeScript(o: OutletInfo, script: Script): boolean {
  const first = o.langs[0] ?? '';
  return (first === 'ru' || first === 'uk') === (script === 'cyr');
}

/** The outlet's name in the language of a text (`УНИАН` in Russian, `УНІАН` in Ukrainian). */
export function outletName(o: OutletInfo, text: string): string {
  return nameFor(o, scriptOf(text).lang);
}

/** The outlet's name in the article's language when it has one, else its canonical name. */
function nameFor(o: OutletInfo, lang: string): string {
  return o.names[lang] ?? o.name;
}

interface Pattern {
  /** regex source with `(?<o>…)` for the outlet; ALT is replaced by the alias alternation */
  re: string;
  flags?: string;
  /** where in the text it may occur */
  where: 'head' | 'tail' | 'any';
  /**
   * A credit that may as well cite another outlet (`Как сообщал «Би-би-си»`, `корреспондент BBC`):
   * taken only for an outlet whose first language is written in the text's script.
   */
  weak?: boolean;
  /** a cheap regex the text must match before `re` is tried (speed) */
  key?: string;
}

const Q_OPEN = '[«"“„]?';
const Q_CLOSE = '[»"”“]?';
const OUT = `${Q_OPEN}(?<o>ALT)${Q_CLOSE}`;
/** a dateline's place: one to four capitalised words (`МОСКВА`, `Нью-Йорк`, `NEW YORK`) */
const PLACE = '[\\p{Lu}][\\p{L}\\-’\']+(?:[ \\-][\\p{L}\\-’\']+){0,3}';
/** a dateline's date: `5 фев`, `10 февраля`, `3 березня 2026 р.`, `Feb 5`, `5 February 2026` */
const DATE =
  '(?:\\d{1,2}\\s+\\p{L}{3,}\\.?(?:\\s+\\d{4}(?:\\s*(?:г|р)\\.?(?:ода|оку)?)?)?|\\p{L}{3,}\\.?\\s+\\d{1,2}(?:,\\s*\\d{4})?)';
const DASH = '[—–-]';

/** Patterns in order of how surely they name the publisher. */
const PATTERNS: Pattern[] = [
  // КИЕВ, 3 марта /ТАСС/.   WASHINGTON, Feb 5 (Reuters) -   LONDON (AP) —
  { re: `(?:^|[\\s,.])\\/${OUT}\\/`, where: 'head', key: '/' },
  { re: `(?<=${PLACE}(?:,\\s*${DATE})?\\s*)\\(${OUT}\\)\\s*${DASH}`, where: 'head', key: '\\)\\s*[—–-]' },
  // МОСКВА, 5 фев — РИА Новости.   Москва. 10 февраля. INTERFAX.RU -   Київ, 5 лютого 2026 – Укрінформ
  { re: `(?:^|\\n)\\s*${PLACE}\\s*[,.]\\s*${DATE}\\s*[.,]?\\s*(?:${DASH}\\s*)?${OUT}\\s*(?:[.:,]|${DASH}|\\s)`, where: 'head', key: '[,.]\\s*(?:\\d{1,2}\\s+\\p{L}{3}|\\p{L}{3,}\\.?\\s+\\d)' },
  // ТАСС, 24 ноября.   Укрінформ, 5 лютого —
  { re: `(?:^|\\n)\\s*${OUT}\\s*,\\s*${DATE}\\s*(?:[.,:]|${DASH})`, where: 'head', key: ',\\s*(?:\\d{1,2}\\s+\\p{L}{3}|\\p{L}{3,}\\.?\\s+\\d)' },
  // `, 12:16 REGNUM Судьи ...`   `10 февраля 2026, 13:05 Интерфакс -`
  { re: `(?:^|\\n)[\\s,]*(?:${DATE}\\s*,?\\s*)?\\d{1,2}:\\d{2}\\s+${OUT}(?:\\s*[.:,]|\\s*${DASH}|\\s)`, where: 'head', key: '\\d:\\d\\d' },
  // Как передает корреспондент УНИАН / повідомляє кореспондент Укрінформу / a Reuters correspondent
  {
    re: `(?:передает|передає|сообщает|повідомляє|информирует|інформує|передал|передав|сообщил|повідомив)\\s+(?:собственный\\s+|специальный\\s+|власний\\s+|спеціальний\\s+)?(?:корреспондент|кореспондент)(?:ка)?\\s+(?:(?:М?ИА|агентства|издания|видання|телеканала|газеты|газети|радио|радіо)\\s+)?${OUT}(?![\\p{L}\\-])`,
    where: 'any',
    weak: true,
    key: 'орреспондент|ореспондент',
  },
  { re: `\\b(?:told|said|reports?|according to)\\s+(?:an?\\s+)?(?<o2>ALT)\\s+correspondent\\b`, where: 'any', weak: true, key: 'correspondent' },
  // Как сообщал УНИАН / Як повідомляв Укрінформ / Также Фокус писал / Нагадаємо, УНІАН писав
  {
    re: `(?:^|[\\s(])(?:[Кк]ак|[Яя]к)\\s+(?:ранее\\s+|раніше\\s+|уже\\s+|вже\\s+)?(?:сообщал|писал|информировал|рассказывал|повідомляв|писав|інформував|розповідав)(?:а|о)?\\s+${OUT}(?![\\p{L}\\-])`,
    where: 'any',
    weak: true,
    key: '(?:[Кк]ак|[Яя]к)\\s+(?:\\S+\\s+)?(?:сообщал|писал|информировал|рассказывал|повідомляв|писав|інформував|розповідав)',
  },
  {
    re: `(?:^|[\\s(])(?:[Тт]акже|[Тт]акож|[Нн]апомним|[Нн]агадаємо|[Рр]анее|[Рр]аніше)[,]?\\s+(?:также\\s+|також\\s+)?${OUT}\\s+(?:писал|сообщал|рассказывал|информировал|писав|повідомляв|розповідав|інформував)(?![\\p{L}])`,
    where: 'any',
    weak: true,
    key: '(?:[Тт]акже|[Тт]акож|[Нн]апомним|[Нн]агадаємо|[Рр]анее|[Рр]аніше),?\\s+\\S+(?:\\s+\\S+){0,3}\\s+(?:писал|сообщал|рассказывал|информировал|писав|повідомляв|розповідав|інформував)',
  },
  // the outlet's own footer: `©2000-2018, Українська правда. Використання матеріалів ...`,
  // `© АО Телекомпания НТВ, 1993-2018. Все права защищены`, `Новости от Корреспондент.net в Telegram`
  { re: `©[^\\n]{0,40}?${OUT}[^\\n]{0,60}?(?:прав|rights|матеріал|материал)`, where: 'tail', weak: true, key: '©' },
  { re: `(?:Использование|Використання|Перепечатка|Передрук|Копирование|Копіювання)\\s+(?:материалов|матеріалів|матерiалiв)\\s+(?:сайта\\s+|сайту\\s+)?${OUT}(?![\\p{L}\\-])`, where: 'tail', weak: true, key: 'материалов|матеріалів|матерiалiв' },
  { re: `(?:материалов|матеріалів)[^\\n]{0,40}?(?:на\\s+сайте|на\\s+сайті)\\s+${OUT}(?![\\p{L}\\-])`, where: 'tail', weak: true, key: 'сайте|сайті' },
  { re: `(?:у|в)\\s+${OUT},?\\s+(?:є|являются|является)\\s+(?:власністю|собственностью)`, where: 'tail', weak: true, key: 'власністю|собственностью' },
  { re: `(?:Читайте|Слушайте|Смотрите|Дивіться|Слухайте)\\s+(?:нас\\s+)?(?:на|в|у)\\s+${OUT}(?![\\p{L}\\-])`, where: 'tail', weak: true, key: 'Читайте|Слушайте|Смотрите|Дивіться|Слухайте' },
  { re: `(?:Новости|Новини)\\s+(?:от|від)\\s+${OUT}\\s+(?:в|у)\\s`, where: 'tail', weak: true, key: '(?:Новости|Новини)\\s+(?:от|від)' },
  { re: `(?:^|\\n)\\s*${OUT}\\s*(?:\\n|$)`, where: 'head', weak: true, key: '(?:^|\\n)[^\\n]{2,40}(?:\\n|$)' },
  // credit lines: `Источник: РБК`, `Джерело: Укрінформ`, `Source: Reuters`; `..., — пишет «Украинская правда».`
  { re: `(?:^|\\n)\\s*(?:Источник|Джерело|Source|По материалам|За матеріалами)\\s*:?\\s*${OUT}\\s*\\.?\\s*$`, flags: 'm', where: 'tail', weak: true, key: 'Источник|Джерело|Source|По материалам|За матеріалами' },
  { re: `${DASH}\\s*(?:пишет|пише|сообщает|повідомляє|передает|передає)\\s+${OUT}\\s*\\.`, where: 'head', weak: true, key: 'пишет|пише|сообщает|повідомляє|передает|передає' },
  { re: `${DASH}\\s*(?:пишет|пише|сообщает|повідомляє|передает|передає)\\s+${OUT}\\s*\\.`, where: 'tail', weak: true, key: 'пишет|пише|сообщает|повідомляє|передает|передає' },
];

/**
 * The patterns are compiled for the aliases a text region actually contains, not for all ~460:
 * every pattern needs an alias literally (the alternation is case-sensitive literals), so an alias
 * absent from the region can never take part in a match, and dropping it from the alternation
 * changes no match (at one position only aliases that are prefixes of one another can both match,
 * and the trie alternation prefers the longer of them, with or without the others). A region with
 * no alias skips every pattern; the few regexes a text needs are small, so a cold `parley analyze`
 * no longer compiles and interprets the full alternation (~30 ms), and a long run keeps the
 * compiled regexes of the alias sets it meets (bounded).
 */
/** the key prefilters (independent of the aliases), compiled on first use */
let keys: (RegExp | null)[] | null = null;

function keyOf(i: number): RegExp | null {
  keys ??= PATTERNS.map(() => null);
  const k = PATTERNS[i].key;
  if (!k) return null;
  return (keys[i] ??= new RegExp(k, 'u'));
}

/** compiled patterns per alias set (the set's aliases joined by NUL), each made on first use */
const bySet = new Map<string, { alt: string; res: (RegExp | undefined)[] }>();
const MAX_SETS = 2000;

function patternRegex(present: string[], i: number): RegExp {
  const id = present.join('\u0000');
  let set = bySet.get(id);
  if (!set) {
    if (bySet.size >= MAX_SETS) bySet.clear();
    bySet.set(id, (set = { alt: trieRegex(present), res: [] }));
  }
  const p = PATTERNS[i];
  return (set.res[i] ??= new RegExp(p.re.replace(/ALT/g, set.alt), 'dgu' + (p.flags ?? '')));
}

/** the known aliases that occur in a text, longest first (as in the index) */
function aliasesIn(hay: string): string[] {
  const { byFirst, first, aliases } = load();
  let found: Set<string> | null = null;
  for (let i = 0; i < hay.length; i++) {
    if (!first[hay.charCodeAt(i)]) continue;
    for (const a of byFirst.get(hay.charCodeAt(i))!) if (hay.startsWith(a, i)) (found ??= new Set()).add(a);
  }
  return found ? aliases.filter((a) => found.has(a)) : [];
}

/** The first ~3 paragraphs (a dateline may follow a title and a menu word) and the last 2. */
function regions(text: string): { head: string; tail: string } {
  const head = text.slice(0, 700);
  const paras = text.slice(-1600).replace(/\s+$/, '').split(/\n\s*\n|\n/);
  const tail = paras.slice(-2).join('\n').slice(-800);
  return { head, tail };
}

/**
 * The publisher of an article, or null: the URL's host when it is a known outlet, else a dateline
 * or credit line in the text naming a known outlet that publishes in the text's script.
 */
export function detectOutlet(text: string, url?: string | null): string | null {
  const { lang, script } = scriptOf(text);
  const fromUrl = outletFromUrl(url);
  if (fromUrl) return nameFor(fromUrl, lang);
  const { head, tail } = regions(text);
  // credits in running text sit near the top or the bottom: bound the work on long texts
  const body = text.length <= 6000 ? text : `${text.slice(0, 4000)}\n${text.slice(-2000)}`;
  const { byAlias } = load();
  // the aliases of the head and the tail are found in the body, which holds both (a superset
  // for a region changes no match, see patternRegex); a body with none skips every pattern
  const inBody = aliasesIn(body);
  if (!inBody.length) return null;
  const present: Partial<Record<Pattern['where'], string[]>> = {};
  for (let i = 0; i < PATTERNS.length; i++) {
    const p = PATTERNS[i];
    const hay = p.where === 'head' ? head : p.where === 'tail' ? tail : body;
    const inHay = p.where === 'any' ? inBody : (present[p.where] ??= inBody.filter((a) => hay.includes(a)));
    if (!inHay.length) continue;
    const key = keyOf(i);
    if (key && !key.test(hay)) continue;
    const re = patternRegex(inHay, i);
    re.lastIndex = 0;
    for (const m of hay.matchAll(re)) {
      const name = m.groups?.o ?? m.groups?.o2;
      if (!name) continue;
      const o = byAlias.get(foldName(name));
      if (!o || !publishesIn(o, script) || (p.weak && !homeScript(o, script))) continue;
      if (o.wordName) {
        const at = (m.indices?.groups?.o ?? m.indices?.groups?.o2)?.[0] ?? 0;
        if (/(?:^|[.!?…\n])\s*$/.test(hay.slice(Math.max(0, at - 40), at))) continue; // `Сегодня, 31 октября, ...`
      }
      return nameFor(o, lang);
    }
  }
  return null;
}
