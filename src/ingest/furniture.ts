/**
 * Page furniture in plain texts: what a page scraped to text carries besides the article — a site's
 * menu or search-box words (`Поиск`, `Головна | Новини`, `Sign in`), cookie notices, photo captions
 * and credits (`Лавров та Рубіо / © Associated Press`, `Фото: Reuters`). Readers never remove it (the
 * text stays as published, so evidence offsets hold); they use it to choose a title, and later
 * stages may skip the spans `furnitureSpans` gives.
 *
 * The word lists are data (`furniture.json`, see SOURCE.md), matched on whole lines only: a line is
 * navigation when every part of it is a navigation word, so a real one-word headline that is no
 * menu word (`Вакцинация`, `Перемирие`) stays a headline, and a menu word only counts at the top of
 * a text when a headline-like line or more furniture follows it (the shape of a scraped page).
 */
import { readJsonResource } from '../pipeline/resources.js';

interface FurnitureData {
  navigation: Record<string, string[]>;
  agencies: string[];
  captionMarkers: string[];
  creditWords: string[];
  banners: string[];
  relatedMarkers: Record<string, string[]>;
  lineMarkers: Record<string, string[]>;
  bylineMarkers: string[];
  stampWords: Record<string, string[]>;
  publishWords: string[];
  functionWords: Record<string, string[]>;
}

interface Lists {
  nav: Set<string>;
  /** longest navigation phrase in words */
  navWords: number;
  agencies: Set<string>;
  markers: string[];
  credits: string[];
  banners: string[];
  /** related-links headers, longest first */
  related: string[];
  /** whole-line furniture openers, longest first */
  lineMarkers: string[];
  /** the first letters (up to 3, lower case) of every related-links and line marker: most lines open with none */
  openers: Set<string>;
  bylines: string[];
  stamp: Set<string>;
  publish: string[];
  /** each publishing word as a whole word */
  publishRe: RegExp[];
  func: Set<string>;
}

let lists: Lists | null = null;

function load(): Lists {
  if (lists) return lists;
  const d = readJsonResource<FurnitureData>('src/ingest/furniture.json');
  const nav = new Set<string>();
  for (const words of Object.values(d.navigation)) for (const w of words) nav.add(w.toLowerCase());
  let navWords = 1;
  for (const w of nav) navWords = Math.max(navWords, w.split(' ').length);
  lists = {
    nav,
    navWords,
    agencies: new Set(d.agencies.map((x) => x.toLowerCase())),
    // longest first: `фото из открытых источников` before `фото`
    markers: d.captionMarkers.map((x) => x.toLowerCase()).sort((a, b) => b.length - a.length),
    credits: d.creditWords.map((x) => x.toLowerCase()),
    banners: d.banners.map((x) => x.toLowerCase()),
    related: flat(d.relatedMarkers),
    lineMarkers: flat(d.lineMarkers),
    bylines: d.bylineMarkers.map((x) => x.toLowerCase()).sort((a, b) => b.length - a.length),
    stamp: new Set(flat(d.stampWords)),
    publish: d.publishWords.map((x) => x.toLowerCase()).sort((a, b) => b.length - a.length),
    func: new Set(flat(d.functionWords)),
    publishRe: [],
    openers: new Set(),
  };
  for (const m of [...lists.related, ...lists.lineMarkers]) lists.openers.add(m.slice(0, 3));
  lists.publishRe = lists.publish.map((p) => new RegExp(`(?:^|\\s)${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=\\s|:|$)`));
  return lists;
}

/** every language's list in one, lower case, longest first */
function flat(r: Record<string, string[]>): string[] {
  return [...new Set(Object.values(r).flat().map((x) => x.toLowerCase()))].sort((a, b) => b.length - a.length);
}

const SEPARATORS = /\s*(?:[|•·»›/\\]|\s[–—-]\s|\t|\s{2,})\s*/;

/** A line made only of navigation words (`Поиск`, `Головна | Новини | Пошук`, `Home Sign in`). */
export function isNavigationLine(line: string): boolean {
  const l = line.trim().toLowerCase().replace(/[:.…]+$/, '');
  if (!l || l.length > 120) return false;
  const L = load();
  const parts = l.split(SEPARATORS).filter(Boolean);
  if (!parts.length) return false;
  return parts.every((p) => navWordsOnly(p, L));
}

/** The number of navigation items on a navigation line (0 when it is none). */
function navItems(line: string): number {
  if (!isNavigationLine(line)) return 0;
  const L = load();
  let n = 0;
  for (const p of line.trim().toLowerCase().replace(/[:.…]+$/, '').split(SEPARATORS).filter(Boolean)) n += navCount(p.split(/\s+/), L);
  return n;
}

function navWordsOnly(part: string, L: Lists): boolean {
  return navCount(part.split(/\s+/), L) > 0;
}

/** How many navigation phrases cover all the words (greedy, longest first); 0 if some word is left. */
function navCount(words: string[], L: Lists): number {
  let i = 0;
  let n = 0;
  while (i < words.length) {
    let hit = 0;
    for (let k = Math.min(L.navWords, words.length - i); k >= 1; k--) {
      if (L.nav.has(words.slice(i, i + k).join(' '))) {
        hit = k;
        break;
      }
    }
    if (!hit) return 0;
    i += hit;
    n++;
  }
  return n;
}

/** A cookie or consent notice (`Наш сайт использует файлы Cookie…`, `We use cookies…`). */
export function isBannerLine(line: string): boolean {
  const l = line.trim().toLowerCase();
  return !!l && load().banners.some((b) => l.startsWith(b));
}

/**
 * A photo caption or credit line: it opens with a caption marker and a colon or dash (`Фото: РИА
 * Новости`, `Photo — Reuters`) or is the marker alone (`Фото из открытых источников`), or it ends with
 * a credit: a copyright sign (`… / © Associated Press`, `© Reuters`), an agency after a slash
 * (`… / Getty Images`, `… | EPA`), or `Фото: …` / `(Photo: …)` closing the line.
 */
export function isCaptionLine(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 300) return false;
  const l = t.toLowerCase();
  const L = load();
  for (const m of L.markers) {
    if (!l.startsWith(m)) continue;
    const rest = l.slice(m.length);
    if (!rest.trim() || /^\s*(?::|[–—-]\s)/.test(rest)) return true;
  }
  // a copyright sign with a short credit after it, closing the line
  if (/©\s*[^.!?©]{0,60}$/.test(t) && !/[.!?…]["»”’)]*$/.test(t)) return true;
  // `… / Reuters`, `… | Getty Images`, `… / Фото: X`
  const slash = /\s[/|]\s*(?:\(?(?:c|с)\)\s*)?([^/|]{1,60})$/i.exec(t);
  if (slash) {
    const credit = slash[1].trim().toLowerCase().replace(/[.)\]]+$/, '');
    if (L.agencies.has(credit) || L.credits.some((c) => credit.startsWith(c + ':') || credit.startsWith(c + ' ') || credit === c)) return true;
    if (credit.split(/[\s/,]+/).some((w) => L.agencies.has(w)) && credit.split(/\s+/).length <= 5) return true;
  }
  // `(EPA Photo)`, `(Reuters)`, `(фото ТАСС)` closing the line
  const paren = /\(([^()]{1,50})\)\s*$/.exec(t);
  if (paren) {
    const inner = paren[1].trim().toLowerCase();
    const words = inner.split(/[\s/,]+/);
    if (words.length <= 5 && (L.agencies.has(inner) || (words.some((w) => /^(?:photo|photos|фото|світлина)$/.test(w)) && !inner.includes(':')))) return true;
  }
  // `(Photo: AP)`, `(фото: ТАСС)` or `Фото: X` at the end of the line
  if (/[(\s](?:фото|photo|світлина|credit)\s*:\s*[^.!?:]{1,80}\)?$/i.test(' ' + t) && !/[.!?…]["»”’]*$/.test(t)) return true;
  return false;
}

/** Navigation, a caption or credit, or a cookie notice. */
export function isFurnitureLine(line: string): boolean {
  return isNavigationLine(line) || isCaptionLine(line) || isBannerLine(line);
}

/** A line shaped like a headline: a few words, not ending a sentence with a full stop, no furniture. */
export function isHeadlineLike(line: string): boolean {
  const t = line.trim();
  if (t.length < 10 || t.length > 250) return false;
  if (/[.…:;,]["»”’)]*$/.test(t) && !/\.\.\.$/.test(t)) return false;
  if (!/^[\p{Lu}\p{N}«"“„'(]/u.test(t)) return false;
  if (t.split(/\s+/).length < 2) return false;
  return !isFurnitureLine(t);
}

/** at most three words, no sentence punctuation: a rubric or a menu item */
function isShort(line: string): boolean {
  const t = line.trim();
  return t.length > 0 && t.length < 40 && t.split(/\s+/).length <= 3 && !/[.!?…:;,]$/.test(t);
}

interface Line {
  start: number;
  end: number;
  text: string;
}

function lines(text: string, max = Infinity): Line[] {
  const out: Line[] = [];
  let s = 0;
  while (s <= text.length && out.length < max) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    const raw = text.slice(s, e);
    out.push({ start: s, end: e - (raw.endsWith('\r') ? 1 : 0), text: raw.replace(/\r$/, '') });
    s = e + 1;
  }
  return out;
}

/**
 * The furniture lines at the top of a text (`Поиск`, a cookie notice, a photo caption), up to the
 * first line of the article. A lone navigation word counts only when a headline-like line or more
 * furniture follows it; a line of several navigation items counts anyway.
 */
function leading(text: string): { skipped: number; first: Line | null } {
  const ls = lines(text, 16).filter((l) => l.text.trim());
  let i = 0;
  while (i < ls.length) {
    const t = ls[i].text;
    if (isCaptionLine(t) || isBannerLine(t) || isStampLine(t) || isTickerLine(t) || isMarkedLine(t) || isAddressLine(t) || isBylineLine(t)) {
      i++;
      continue;
    }
    const n = navItems(t);
    if (n >= 2) {
      i++;
      continue;
    }
    const next = ls[i + 1]?.text;
    if (n === 1 && next !== undefined && (isHeadlineLike(next) || isFurnitureLine(next))) {
      i++;
      continue;
    }
    // a site's rubrics glued together by the scraper, above the headline (`ХроникаВоенная операция на Украине`)
    if (next !== undefined && isGluedRubric(t) && isHeadlineLike(next)) {
      i++;
      continue;
    }
    // under furniture, a rubric or menu item (`Deutsch unterrichten`, `Європа`): a short line with
    // another short line or a headline after it
    if (i > 0 && isShort(t) && next !== undefined && (isShort(next) || isHeadlineLike(next))) {
      i++;
      continue;
    }
    break;
  }
  return { skipped: i, first: ls[i] ?? null };
}

/**
 * A title for a plain text that has none, when the text opens with page furniture and a headline
 * follows it (`Поиск` / `В Кремле подтвердили возобновление контактов с Францией…`); otherwise null
 * (the first line of a plain text already reads as its title).
 */
export function titleAfterFurniture(text: string): string | null {
  const { skipped, first } = leading(text);
  if (!skipped || !first) return null;
  return isHeadlineLike(first.text) ? first.text.trim() : null;
}

/** The first line of a text that is no page furniture (the line to show for an untitled article). */
export function firstContentLine(text: string): string {
  const { first } = leading(text);
  return (first ?? lines(text, 1)[0]).text.trim();
}

/** `marker` opens `l` (lower case) as whole words: the rest is empty or starts with a non-letter */
function opensWith(l: string, marker: string, orig = l): string | null {
  if (!l.startsWith(marker)) return null;
  const rest = orig.slice(marker.length);
  // (a word goes on: no marker; but a capital glued on is the next link, `Читайте такожБританські вчені …`)
  if (rest && /^[\p{L}\p{N}]/u.test(rest) && /[\p{L}\p{N}]$/u.test(marker) && !/^\p{Lu}/u.test(rest)) return null;
  return rest;
}

const LEAD_PUNCT = /^[\s#*•·▪►>→\-–—]+/;

/** whether `line` may open with a related-links or line marker (a cheap test before the lists are tried) */
function mayOpen(line: string): boolean {
  let i = 0;
  while (i < line.length && /[\s#*•·▪►>→\-–—]/.test(line[i])) i++;
  return load().openers.has(line.slice(i, i + 3).toLowerCase());
}

/**
 * The header of a block of links to other articles: `Читайте также`, `ЩЕ ЗА ТЕМОЮ`, `Related:` alone
 * on the line (or before a colon, a dash or an arrow), or `READ MORE: <one linked headline>` —
 * the headline must read as one (no closing full stop, or one short sentence), so `По теме
 * переговоров стороны не договорились.` is a sentence and no header.
 */
export function isRelatedHeader(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 250 || !mayOpen(t)) return false;
  const o = t.replace(LEAD_PUNCT, '');
  const l = o.toLowerCase();
  for (const m of load().related) {
    const rest = opensWith(l, m, o);
    if (rest === null) continue;
    const r = rest.trim();
    if (!r || /^[:.!|…»›→\-–—]+$/.test(r)) return true;
    // `READ MORE: <headline>`, `Читайте також <headline>`: one linked headline and nothing after it
    const link = linkAfter(t, l, m, rest);
    if (link === null || link.length > 200) return false;
    // a short link, or no comma in it (`… в Україну Нагадаємо, у липні …` runs on into the article)
    const words = link.split(/\s+/).length;
    return (words <= 10 || (words <= 16 && !link.includes(','))) && !/[.!…:;,]["»”’)]*$/.test(link) && !/[.!?…]["»”’)]*\s+[\p{Lu}«"“„]/u.test(link);
  }
  return false;
}

/** marker words that are a call to read (`Читайте також <headline>` needs no colon) */
const READ_CALL = /^(?:читайте|читать|смотрите|дивіться|read|also read|see also)/;

/** the headline after a related-links marker (after a colon, a dash or an arrow; after a call to read, a space will do) */
function linkAfter(t: string, l: string, m: string, rest: string): string | null {
  const sep = /^\s*(?:[:|»›→]|[–—-]\s)\s*/.exec(rest) ?? (READ_CALL.test(m) ? /^\s*(?=[\p{Lu}«"“„\d])/u.exec(t.slice(t.length - rest.length)) : null);
  if (!sep) return null;
  const link = t.slice(t.length - rest.length + sep[0].length).trim();
  return link || null;
}

/**
 * A related-links marker with its link run on into the article on the same line (`Читайте також:
 * <headline>. <the article goes on>`): the marker and the link up to the end of its sentence, when
 * that end can be told; null otherwise.
 */
function relatedLead(line: string): { from: number; to: number } | null {
  if (!mayOpen(line)) return null;
  const t = line.trimEnd();
  const lead = line.length - line.trimStart().length;
  const o = t.trimStart().replace(LEAD_PUNCT, '');
  const l = o.toLowerCase();
  const pre = t.trimStart().length - l.length;
  for (const m of load().related) {
    const rest = opensWith(l, m, o);
    if (rest === null) continue;
    const link = linkAfter(t.trimStart().slice(pre), l, m, rest);
    if (!link) return null;
    const at = t.length - link.length;
    // the link's end can be told only where the scraper glued the next paragraph to it without a space
    // (`… яку закуповує УкраїнаКоманда дослідників …`); a space or a full stop may also end a sentence of the link
    const end = /[а-яёіїєґ][»"”)]?(?=[\p{Lu}])/u.exec(link);
    if (!end) return null;
    return { from: lead, to: at + end.index + end[0].length };
  }
  return null;
}

/**
 * A line that is furniture whatever follows its opening words: a call to subscribe or share, a
 * comment box, a video-player notice, a language switch, a copyright line (`Подписывайтесь на
 * Sputnik в Дзен`, `Досі не підписані на наш Telegram-канал …?`, `Comments are closed.`).
 */
export function isMarkedLine(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 250 || !mayOpen(t)) return false;
  const l = t.toLowerCase().replace(LEAD_PUNCT, '');
  if (/^copyright\s+(?:©\s*)?\d{4}\b/.test(l)) return true;
  return load().lineMarkers.some((m) => opensWith(l, m) !== null);
}

/**
 * A byline or source line: `By Courtney Mares`, `By CNA`, `Author: Paola`, `Автор`, `Джерело:
 * Володимир Зеленський/Telegram`, `Источник: rg.ru` — the marker and a few words of a name or
 * source, nothing more (`By Friday the talks had ended` is a sentence: a lower-case word).
 */
export function isBylineLine(line: string): boolean {
  const t = line.trim();
  // a wire credit in brackets on its own line (`(Reporting by Polina Devitt; Editing by Peter Graff)`)
  if (/^\((?:additional )?(?:reporting|writing|editing|compiled|translated) by [^()]{2,200}\)$/i.test(t)) return true;
  if (!t || t.length > 90 || /[.!?…]$/.test(t.replace(/\b[\p{Lu}][\p{L}]{0,3}\.$/u, ''))) return false;
  const l = t.toLowerCase();
  for (const m of load().bylines) {
    const rest = opensWith(l, m);
    if (rest === null) continue;
    const raw = t.slice(m.length);
    if (!raw.trim()) return m !== 'by' && m !== 'source' && m !== 'текст';
    const colon = /^\s*:/.test(raw);
    if (!colon && !/^\s/.test(raw)) return false;
    const words = raw.replace(/^\s*:\s*/, '').split(/[\s,/|&]+/).filter(Boolean);
    if (!words.length || words.length > 6) return false;
    if (colon) return true;
    // without a colon: names only (capitalised words, `and`/`и`/`та` between them)
    return words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || /^(?:and|и|та|і|й)$/.test(w));
  }
  return false;
}

const NUMERIC = /^[<>~≈+\-–]?\d+(?:[:.,/\-–]\d+)*(?:%|h|м|г|р)?\.?$/u;

/**
 * A line of a date, a time, a reading time or a view count and nothing else (`01.08.2024 18:28`,
 * `19:20 31.08.2023`, `Jun. 17, 2021 14:40 PM EDT`, `3 minutes, 12 seconds Read`, `• 32333
 * перегляди`, `1 178 610`); an author's or outlet's name may stand before a publishing word
 * (`Reuters Published 24 Jul, 2024`, `Дональд Трамп Новина оновлена 28 липня 2025, 15:39`).
 */
export function isStampLine(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 120 || !/\d/.test(t)) return false;
  const L = load();
  let l = t.toLowerCase();
  let named = false;
  for (let k = 0; k < L.publish.length; k++) {
    const p = L.publish[k];
    if (!l.includes(p)) continue;
    const at = l.search(L.publishRe[k]);
    if (at < 0) continue;
    const before = t.slice(0, at).trim();
    // a name before the publishing word: two to four capitalised words (or none)
    if (before && !/^(?:[\p{Lu}][\p{L}’'.-]*\s*){1,4}$/u.test(before)) return false;
    l = l.slice(at).replace(p, ' ');
    named = true;
    break;
  }
  const toks = l.split(/[\s|•·,;()\[\]]+/).map((w) => w.replace(/^[-–—:]+|[:]+$/g, '')).filter(Boolean);
  if (!toks.length) return false;
  let num = 0;
  for (const w of toks) {
    if (NUMERIC.test(w)) num++;
    else if (!L.stamp.has(w.replace(/\.$/, '')) && !/^[-–—/.:<>]+$/.test(w)) return false;
  }
  return num > 0 && (named || num * 3 >= toks.length || toks.some((w) => /\d[:./]\d/.test(w)) || toks.length <= 4);
}

/** A market ticker line (`AGL 24.11 Increased By ▲ 1.17 (5.1%)`). */
export function isTickerLine(line: string): boolean {
  const t = line.trim();
  return t.length < 120 && /[▲▼△▽]|\b(?:Increased|Decreased) By\b/.test(t) && /\d%/.test(t);
}

/** A line that is a web address or a site's domain alone (`24tv.ua`, `instagram.com/dmytro_kuleba`, `Life.ru`). */
export function isAddressLine(line: string): boolean {
  const t = line.trim();
  if (/^(?:https?:\/\/|www\.)\S+$/i.test(t)) return true;
  if (/^!\[[^\]]*\]\([^)\s]*\)$/.test(t)) return true; // a markdown image
  return /^[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.(?:ru|ua|com|net|org|info|az|by|kz|md|ge|am|uz|kg|news|media|today|tv|fm|su|io|eu|uk|de|fr|pl|рф|укр)(?:\/\S*)?$/iu.test(t);
}

/**
 * A tag line: several words, no punctuation and no function word, most of them repeating the
 * headline beside it (`Lula Zelensky meeting New York unga` under `Lula and Zelensky to hold first
 * in-person meeting in New York`) or repeating themselves (`Сергей Лавров Россия Украина Гомель
 * общество политика Сергей Лавров Россия Украина Гомель`).
 */
export function isTagLine(line: string, beside: string[] = []): boolean {
  // beside[0]: the line above, when it is the headline at the top of the text
  const t = line.trim();
  if (t.length > 400 || /[.,!?:;«»"“”()]/.test(t)) return false;
  const words = t.split(/\s+/);
  if (words.length < 4) return false;
  const L = load();
  const low = words.map((w) => w.toLowerCase());
  if (low.some((w) => L.func.has(w))) return false;
  // repeats itself: the first three words again later in the line
  const head = low.slice(0, 3).join(' ');
  for (let i = 3; i + 3 <= low.length; i++) if (low.slice(i, i + 3).join(' ') === head) return true;
  // under the headline: five words or more, nearly all of them the headline's, fewer than it has
  const above = beside[0];
  if (above && above.trim() !== t && low.length >= 5 && isHeadlineLike(above)) {
    const bw = new Set(above.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean));
    const shared = low.filter((w) => bw.has(w)).length;
    if (shared * 4 >= low.length * 3 && shared < bw.size) return true;
  }
  return false;
}

/** A headline of another article with its time stamp before it (`14:05 Трамп заявил …`, `01.08.2024 18:28 | В Турции …`). */
export function isStampedHeadline(line: string): boolean {
  const t = line.trim();
  const m = /^(?:\d{1,2}\.\d{1,2}(?:\.\d{2,4})?,?\s+)?\d{1,2}:\d{2}(?:\s*(?:,\s*)?\d{1,2}\.\d{1,2}\.\d{2,4})?\s*[|•·\-–—]?\s+(?=[\p{Lu}«"“„])/u.exec(t)
    ?? /^\d{1,2}\.\d{1,2}\.\d{4}\s*[|•·\-–—]?\s+(?=[\p{Lu}«"“„])/u.exec(t);
  if (!m) return false;
  const rest = t.slice(m[0].length);
  return rest.length >= 10 && !/[.!?…:;,]["»”’)]*$/.test(rest) && rest.split(/\s+/).length >= 2;
}

/** Numbers only (`1 178 610`, `11 396`), or a short all-capitals label (`ЛИЧНЫЙ СОСТАВ`, `ТАНКИ`). */
function isNumberLine(t: string): boolean {
  return /^[\d\s.,%+\-–]+$/.test(t.trim()) && /\d/.test(t);
}
function isCapsLabel(t: string): boolean {
  const s = t.trim();
  return s.length >= 3 && s.length <= 40 && s.split(/\s+/).length <= 3 && /^[\p{Lu}\s\-–]+$/u.test(s) && /\p{Lu}{3}/u.test(s);
}

/** A menu rubric glued to the next one by the scraper (`ХроникаВоенная операция на Украине`, `ВажливеПолітика`). */
function isGluedRubric(t: string): boolean {
  const s = t.trim();
  return s.length < 80 && /^[А-ЯЁІЇЄҐ][а-яёіїєґ']+[А-ЯЁІЇЄҐ][а-яёіїєґ]/.test(s) && !/[.!?…:;,]$/.test(s) && s.split(/\s+/).length <= 8;
}

const normLine = (t: string) => t.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Spans (UTF-16 offsets into `text`) of the furniture lines: the leading ones and, anywhere,
 * captions, credits, cookie notices, menu lines, subscribe/share/comment lines, bylines, date and
 * view-count lines, tickers, addresses, tag lines, a headline repeated (the title again, `Title
 * Teaser…`), headlines stamped with a time, the links under a related-links header
 * (`Читайте также`, `ЩЕ ЗА ТЕМОЮ`, `READ MORE:`) and listings of other articles (headlines each
 * beside a time stamp, with their cut-off teasers). A line that ends a sentence is never taken
 * for a headline, so body paragraphs stay.
 */
export type FurnitureKind =
  | 'leading' | 'caption' | 'banner' | 'navigation' | 'marked' | 'related-header' | 'related-link' | 'byline' | 'stamp'
  | 'ticker' | 'address' | 'stamped-headline' | 'tags' | 'counter' | 'rubric' | 'repeat' | 'listing' | 'headline-run';

export function furnitureSpans(text: string): Array<{ start: number; end: number }> {
  return furnitureLines(text).map(({ start, end }) => ({ start, end }));
}

/** The furniture lines of `text` with the kind of each (the rule that found it), in text order. */
export function furnitureLines(text: string): Array<{ start: number; end: number; kind: FurnitureKind }> {
  const { first } = leading(text);
  const top = first ? first.start : text.length;
  const ls = lines(text).filter((l) => l.text.trim());
  const n = ls.length;
  const flag = new Array<FurnitureKind | null>(n).fill(null);
  const stamp = ls.map((l) => isStampLine(l.text));
  const headline = ls.map((l) => isHeadlineLike(l.text) && l.text.trim().length <= 200);
  /** no closing punctuation at all (a headline ending in `?` or `!` may be a sentence) */
  const bare = ls.map((l, i) => headline[i] && !/[!?]["»”’)]*$/.test(l.text.trim()));
  // a headline stamped with a time: below the article's own title and lead, or one of a run
  const stampedH = ls.map((l) => isStampedHeadline(l.text));
  const stampedHeadline = (i: number) =>
    stampedH[i] && ((i >= 3 && ls[i].text.trim().split(/\s+/).length <= 22) || !!stampedH[i - 1] || !!stampedH[i + 1]);
  const seen = new Map<string, number>();
  const related: Array<{ start: number; end: number; kind: FurnitureKind }> = [];
  for (let i = 0; i < n; i++) {
    const t = ls[i].text;
    const kind: FurnitureKind | null =
      ls[i].start < top ? 'leading'
      : isCaptionLine(t) ? 'caption'
      : isBannerLine(t) ? 'banner'
      : isNavigationLine(t) ? 'navigation'
      : isMarkedLine(t) ? 'marked'
      : isRelatedHeader(t) ? 'related-header'
      : isBylineLine(t) ? 'byline'
      : stamp[i] ? 'stamp'
      : isTickerLine(t) ? 'ticker'
      : isAddressLine(t) ? 'address'
      : stampedHeadline(i) ? 'stamped-headline'
      : isTagLine(t, i >= 1 && i <= 4 ? [ls[i - 1].text] : []) ? 'tags'
      : isNumberLine(t) || (isCapsLabel(t) && (isNumberLine(ls[i - 1]?.text ?? '') || isNumberLine(ls[i + 1]?.text ?? ''))) ? 'counter'
      : i < 4 && isGluedRubric(t) && i + 1 < n && headline[i + 1] ? 'rubric'
      : null;
    if (kind) flag[i] = kind;
    else {
      // the link run on after a related-links marker on the same line: the marker and its headline only
      const cut = relatedLead(t);
      if (cut) related.push({ start: ls[i].start + cut.from, end: ls[i].start + cut.to, kind: 'related-link' });
    }
    // a headline again (the title repeated, or repeated with its teaser run on)
    const key = normLine(t);
    const prev = seen.get(key);
    if (!flag[i] && prev !== undefined && ((headline[prev] && (bare[prev] || key.split(' ').length <= 16)) || (key.length <= 120 && !/[.!?…:;,]["»”’)]*$/.test(key)))) flag[i] = 'repeat';
    else if (!flag[i] && i > 0) {
      for (let k = Math.max(0, i - 3); k < i; k++) {
        const h = normLine(ls[k].text);
        if (bare[k] && h.length >= 25 && key.length > h.length && key.startsWith(h + ' ') && !/[.!?…:;,]["»”’)]*$/.test(key)) flag[i] = 'repeat';
      }
    }
    if (prev === undefined) seen.set(key, i);
  }
  // the links under a related-links header: headline-shaped lines, stamps and cut teasers, up to the first sentence
  for (let i = 0; i < n; i++) {
    if (flag[i] !== 'related-header') continue;
    for (let j = i + 1; j < n && j <= i + 12; j++) {
      const t = ls[j].text.trim();
      if (headline[j] || stamp[j] || /(?:\.\.\.|…)$/.test(t)) flag[j] ??= 'related-link';
      else if (!flag[j]) break;
    }
  }
  // a listing of other articles: headlines each beside a time stamp (two or more below the article's own)
  // (a date or a clock time: `30 минут` or `3` in an infographic is no article's stamp)
  const dated = (i: number) => stamp[i] && /\d:\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\b(?:19|20)\d{2}\b/.test(ls[i].text);
  const stamps = stamp.map((_, i) => (dated(i) ? i : -1)).filter((i) => i >= 4);
  if (stamps.length >= 2) {
    for (const k of stamps) {
      const h = bare[k - 1] ? k - 1 : k + 1 < n && bare[k + 1] ? k + 1 : -1;
      if (h < 0) continue;
      flag[h] ??= 'listing';
      const after = Math.max(h, k) + 1;
      if (after < n && /(?:\.\.\.|…)$/.test(ls[after].text.trim())) flag[after] ??= 'listing';
    }
  }
  // other articles' headlines after the article: below its last sentence, two or more short
  // headline-shaped lines (no closing punctuation, up to 16 words) and nothing else but furniture (a
  // cut-off last paragraph is longer, and a list inside the article has sentences after it)
  const short = (i: number) => bare[i] && ls[i].text.trim().split(/\s+/).length <= 16;
  let tail = n;
  while (tail > 2 && (short(tail - 1) || flag[tail - 1])) tail--;
  let m = 0;
  for (let k = tail; k < n; k++) if (short(k) && !flag[k]) m++;
  if (m >= 2) for (let k = tail; k < n; k++) flag[k] ??= 'headline-run';
  const out: Array<{ start: number; end: number; kind: FurnitureKind }> = [...related];
  for (let i = 0; i < n; i++) if (flag[i]) out.push({ start: ls[i].start, end: ls[i].end, kind: flag[i]! });
  return out.sort((a, b) => a.start - b.start);
}
