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
}

interface Lists {
  nav: Set<string>;
  /** longest navigation phrase in words */
  navWords: number;
  agencies: Set<string>;
  markers: string[];
  credits: string[];
  banners: string[];
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
  };
  return lists;
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
    if (isCaptionLine(t) || isBannerLine(t)) {
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

/**
 * Spans (UTF-16 offsets into `text`) of the furniture lines: the leading ones and, anywhere,
 * captions, credits and cookie notices. Related-links blocks (`Читайте также`, `… - важные
 * новости`) are found by the quotes stage's lexicon, not here.
 */
export function furnitureSpans(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const { first } = leading(text);
  const top = first ? first.start : text.length;
  for (const l of lines(text)) {
    if (!l.text.trim()) continue;
    if (l.start < top || isCaptionLine(l.text) || isBannerLine(l.text)) out.push({ start: l.start, end: l.end });
  }
  return out;
}
