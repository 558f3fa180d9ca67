/**
 * HTML -> article text. The main content is chosen by @mozilla/readability over a linkedom DOM;
 * its text is then written out by walking the block elements ourselves, so headings, paragraphs,
 * list items and quotes each end with a line break (readability's own `textContent` runs
 * `<h2>Макроном</h2><p>Президент` together). Title, date and URL come from the page's metadata.
 * Only text nodes are ever emitted: scripts, styles, attributes and comments cannot leak.
 */
import { createRequire } from 'node:module';
import type { Readability as ReadabilityType } from '@mozilla/readability';
import type { parseHTML as ParseHTML } from 'linkedom';
import { normalizeDate } from './dates.js';
import { isFurnitureLine } from './furniture.js';

// linkedom (~0.2 s to import) and Readability are loaded on the first HTML input, synchronously
// through their CommonJS builds, so runs over plain text or JSON Lines start faster
const requireCjs = createRequire(import.meta.url);
let linkedom: { parseHTML: typeof ParseHTML } | null = null;
function parseHTML(html: string): ReturnType<typeof ParseHTML> {
  linkedom ??= requireCjs('linkedom') as { parseHTML: typeof ParseHTML };
  return linkedom.parseHTML(html);
}
let readabilityCtor: typeof ReadabilityType | null = null;
function readability(): typeof ReadabilityType {
  readabilityCtor ??= (requireCjs('@mozilla/readability') as { Readability: typeof ReadabilityType }).Readability;
  return readabilityCtor;
}

/** Elements whose text is never article text. */
const SKIP = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'CANVAS', 'BUTTON',
  'SELECT', 'OPTION', 'TEXTAREA', 'INPUT', 'HEAD', 'TITLE', 'META', 'LINK', 'MATH', 'AUDIO', 'VIDEO',
]);

/** Page furniture left out when no article container was found by Readability. */
const FURNITURE = new Set(['NAV', 'HEADER', 'FOOTER', 'ASIDE', 'FORM']);

/** Elements that end a paragraph (a line break before and after). */
const BLOCK = new Set([
  'P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'DL', 'DT', 'DD', 'BLOCKQUOTE',
  'PRE', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'MAIN', 'FIGURE', 'FIGCAPTION',
  'TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'TD', 'TH', 'CAPTION', 'HR', 'ADDRESS', 'DETAILS',
  'SUMMARY', 'FORM', 'FIELDSET', 'LEGEND', 'CENTER', 'BODY', 'HTML',
]);

interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue?: string | null;
  childNodes: ArrayLike<DomNode>;
}

/**
 * The text of a DOM subtree with paragraph structure: blocks separated by `\n\n`, `<br>` as `\n`,
 * inline whitespace collapsed.
 */
export function blockText(root: DomNode, skipAlso?: Set<string>): string {
  return walkBlocks(root, skipAlso).text;
}

/** The block text of a subtree, with how many of its letters sit inside links. */
function walkBlocks(root: DomNode, skipAlso?: Set<string>): { text: string; letters: number; linkLetters: number } {
  const paras: string[] = [];
  let cur = '';
  let letters = 0;
  let linkLetters = 0;
  let inLink = 0;
  const flush = (): void => {
    const lines = cur
      .split('\n')
      .map((l) => l.replace(/[ \t\f\r\u00a0]+/g, ' ').trim())
      .filter((l) => l.length > 0);
    if (lines.length) paras.push(lines.join('\n'));
    cur = '';
  };
  // iterative walk: a page nested a hundred thousand levels deep must not overflow the stack
  const END = 0;
  const LINK_END = 1;
  const stack: (DomNode | 0 | 1)[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n === END) {
      flush();
      continue;
    }
    if (n === LINK_END) {
      inLink--;
      continue;
    }
    if (n.nodeType === 3) {
      const t = (n.nodeValue ?? '').replace(/\s+/g, ' ');
      cur += t;
      const l = t.match(/\p{L}/gu)?.length ?? 0;
      letters += l;
      if (inLink) linkLetters += l;
      continue;
    }
    if (n.nodeType !== 1 && n.nodeType !== 9 && n.nodeType !== 11) continue; // comments, PIs
    const tag = (n.nodeName || '').toUpperCase();
    if (SKIP.has(tag) || skipAlso?.has(tag)) continue;
    if (tag === 'BR') {
      cur += '\n';
      continue;
    }
    if (BLOCK.has(tag)) {
      flush();
      stack.push(END);
    }
    if (tag === 'A') {
      inLink++;
      stack.push(LINK_END);
    }
    const kids = n.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  flush();
  return { text: paras.join('\n\n'), letters, linkLetters };
}

/** Most of the letters are link texts: a list of headlines or a menu, not an article. */
function mostlyLinks(w: { letters: number; linkLetters: number }): boolean {
  return w.letters > 0 && w.linkLetters / w.letters > 0.5;
}

/** Plain text of an HTML fragment (RSS descriptions, JSON `html` fields). */
export function htmlFragmentToText(html: string): string {
  const depth = markupDepth(html);
  if (depth > MAX_MARKUP_DEPTH) throw new Error(`markup nested ${depth} levels deep (limit ${MAX_MARKUP_DEPTH})`);
  const { document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
  return blockText(document.body as unknown as DomNode);
}

export interface HtmlArticle {
  title: string | null;
  text: string;
  published: string | null;
  url: string | null;
  siteName: string | null;
  lang: string | null;
}

interface El extends DomNode {
  getAttribute(name: string): string | null;
  textContent: string | null;
}

/** What one walk over the page collects: metadata, candidate roots and the tree's shape. */
interface PageInfo {
  metas: Map<string, string>;
  canonical: string | null;
  ld: string[];
  times: { datetime: string; published: boolean; inArticle: boolean }[];
  h1: string | null;
  title: string | null;
  article: El | null;
  main: El | null;
  depth: number;
  elements: number;
}

/**
 * One iterative walk over the DOM (selectors would walk it once per query, and recursion would
 * overflow on hostile nesting).
 */
function scanPage(root: El | null): PageInfo {
  const info: PageInfo = {
    metas: new Map(), canonical: null, ld: [], times: [], h1: null, title: null, article: null, main: null, depth: 0, elements: 0,
  };
  if (!root) return info;
  const stack: [El, number, boolean][] = [[root, 1, false]];
  while (stack.length) {
    const [n, d, inArticle] = stack.pop()!;
    info.elements++;
    if (d > info.depth) info.depth = d;
    const tag = (n.nodeName || '').toUpperCase();
    let inArt = inArticle;
    switch (tag) {
      case 'META': {
        const key = n.getAttribute('property') ?? n.getAttribute('name') ?? n.getAttribute('itemprop');
        const content = n.getAttribute('content');
        if (key && content && content.trim() && !info.metas.has(key.toLowerCase())) info.metas.set(key.toLowerCase(), content.trim());
        break;
      }
      case 'LINK':
        if (!info.canonical && (n.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical')) info.canonical = n.getAttribute('href');
        break;
      case 'SCRIPT':
        if ((n.getAttribute('type') ?? '').toLowerCase().includes('ld+json')) info.ld.push(n.textContent ?? '');
        continue; // nothing inside a script is markup
      case 'TIME': {
        const dt = n.getAttribute('datetime');
        if (dt) info.times.push({ datetime: dt, published: n.getAttribute('itemprop') === 'datePublished' || n.getAttribute('pubdate') != null, inArticle });
        break;
      }
      case 'H1':
        info.h1 ??= n.textContent;
        break;
      case 'TITLE':
        info.title ??= n.textContent;
        break;
      case 'ARTICLE':
        info.article ??= n;
        inArt = true;
        break;
      case 'MAIN':
        info.main ??= n;
        break;
      default:
    }
    const kids = n.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) if (kids[i].nodeType === 1) stack.push([kids[i] as El, d + 1, inArt]);
  }
  return info;
}

function meta(info: PageInfo, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = info.metas.get(k.toLowerCase());
    if (v) return v;
  }
  return null;
}

/** Every JSON-LD object on the page, flattened through @graph and arrays. */
function jsonLd(info: PageInfo): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const add = (v: unknown, depth: number): void => {
    if (depth > 6) return;
    if (Array.isArray(v)) v.forEach((x) => add(x, depth + 1));
    else if (v && typeof v === 'object') {
      out.push(v as Record<string, unknown>);
      const g = (v as Record<string, unknown>)['@graph'];
      if (g) add(g, depth + 1);
    }
  };
  for (const s of info.ld) {
    try {
      add(JSON.parse(s), 0);
    } catch {
      /* broken JSON-LD is common; ignore it */
    }
  }
  return out;
}

const ARTICLE_TYPES = /Article|Posting|Report|WebPage/i;

function ldValue(items: Record<string, unknown>[], key: string): string | null {
  const typed = items.filter((o) => ARTICLE_TYPES.test(String(o['@type'] ?? '')));
  for (const o of [...typed, ...items]) {
    const v = o[key];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return null;
}

function pageDate(info: PageInfo, ld: Record<string, unknown>[]): string | null {
  const candidates: (string | null | undefined)[] = [
    meta(info, 'article:published_time', 'og:published_time', 'datePublished', 'pubdate', 'publishdate',
      'publish-date', 'date', 'DC.date.issued', 'dc.date', 'DC.date', 'sailthru.date', 'parsely-pub-date'),
    ldValue(ld, 'datePublished'),
    info.times.find((t) => t.published)?.datetime,
    info.times.find((t) => t.inArticle)?.datetime,
    info.times[0]?.datetime,
    ldValue(ld, 'dateCreated'),
    meta(info, 'article:modified_time', 'og:updated_time'),
    ldValue(ld, 'dateModified'),
  ];
  for (const c of candidates) {
    const d = normalizeDate(c);
    if (d) return d;
  }
  return null;
}

function cleanTitle(t: string | null | undefined): string | null {
  if (!t) return null;
  const s = t.replace(/\s+/g, ' ').trim();
  return s || null;
}

function absoluteUrl(u: string | null | undefined): string | null {
  if (!u) return null;
  try {
    const url = new URL(u.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Whether a text is running prose rather than menus and labels: a paragraph of at least eight
 * words, or 300 letters in all.
 */
export function hasArticleText(s: string): boolean {
  if ((s.match(/\p{L}/gu)?.length ?? 0) >= 300) return true;
  return s.split(/\n+/).some((p) => (p.match(/\p{L}[\p{L}\p{M}’'-]*/gu)?.length ?? 0) >= 8);
}

/**
 * Readability over linkedom slows down with size and depth (measured here: 0.4 s for a news page
 * with 9,000 elements; 5 s for 10,000 elements nested 100 deep, or for 22,000 elements whose
 * content is so short that it retries). Past these bounds a page gets the plain block walk.
 */
const READABILITY_BUDGET = 400_000; // elements x depth
const MAX_READABILITY_ELEMENTS = 15_000;
const MAX_READABILITY_DEPTH = 200;

/** A paragraph that is only a date and/or time: digits, at most two words (a month, a weekday). */
function isDateLine(p: string): boolean {
  const s = p.trim();
  if (s.length > 40 || !/\d/.test(s)) return false;
  const words = s.match(/\p{L}+/gu) ?? [];
  return words.length <= 3 && /^[\p{L}\d\s.,:/|\-–—]+$/u.test(s) && words.every((w) => w.length >= 2 || /^[грp]$/u.test(w));
}

/** Elements without an end tag, or whose end tag is optional (they do not nest in practice). */
const NO_NEST = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'thead', 'tbody', 'tfoot', 'colgroup', 'rb', 'rt',
  'rp', 'html', 'head', 'body', '!doctype',
]);

/** How deep the markup nests, estimated from the tags alone (before any parsing). */
export function markupDepth(html: string): number {
  let depth = 0;
  let max = 0;
  const re = /<(\/?)([a-zA-Z][\w:-]*|!doctype)\b[^>]*?(\/?)>/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const tag = m[2].toLowerCase();
    if (NO_NEST.has(tag) || m[3]) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (++depth > max) max = depth;
  }
  return max;
}

/** Deeper than any real page: the DOM library's parser slows down more than linearly past this. */
export const MAX_MARKUP_DEPTH = 1500;

/**
 * Extract the article from an HTML page. Returns null when the page holds no article text
 * (no running prose once menus and scripts are gone).
 */
export function extractHtml(source: string): HtmlArticle | null {
  // linkedom builds no <body> for a bare fragment: give it the page around it
  const html = /<(html|body)[\s>]/i.test(source) ? source : `<!DOCTYPE html><html><head></head><body>${source}</body></html>`;
  const depth = markupDepth(html);
  if (depth > MAX_MARKUP_DEPTH) throw new Error(`markup nested ${depth} levels deep (limit ${MAX_MARKUP_DEPTH})`);
  const { document } = parseHTML(html);
  const info = scanPage(document.documentElement as unknown as El);
  const ld = jsonLd(info);
  const published = pageDate(info, ld);
  const url = absoluteUrl(info.canonical) ?? absoluteUrl(meta(info, 'og:url')) ?? absoluteUrl(ldValue(ld, 'url'));
  const siteName = meta(info, 'og:site_name', 'application-name') ?? null;
  const lang = (document.documentElement?.getAttribute('lang') || meta(info, 'og:locale') || '').slice(0, 2).toLowerCase() || null;
  const metaTitle = meta(info, 'og:title', 'twitter:title') ?? ldValue(ld, 'headline') ?? null;

  let text = '';
  let rTitle: string | null = null;
  // Readability's work grows with element count times depth (over linkedom): a hostile page
  // nested thousands of levels deep would take minutes. Such pages get the plain block walk.
  if (info.depth <= MAX_READABILITY_DEPTH && info.elements <= MAX_READABILITY_ELEMENTS && info.elements * info.depth <= READABILITY_BUDGET) {
    try {
      const art = new (readability())<DomNode>(document as unknown as Document, {
        serializer: (n) => n as unknown as DomNode,
        charThreshold: 200,
      }).parse();
      if (art?.content) {
        const w = walkBlocks(art.content);
        text = mostlyLinks(w) ? '' : w.text;
      }
      rTitle = art?.title ?? null;
    } catch {
      text = '';
    }
  }
  if (!hasArticleText(text)) {
    // Fallback: the blocks of the <article>/<main>, else of the body, without page furniture.
    // Readability edits the DOM it reads: walk a fresh one.
    const fresh = parseHTML(html).document;
    const again = scanPage(fresh.documentElement as unknown as El);
    const root = again.article ?? again.main ?? (fresh.body as unknown as El | null) ?? (fresh.documentElement as unknown as El | null);
    if (root) {
      const w = walkBlocks(root, FURNITURE);
      text = mostlyLinks(w) ? '' : w.text;
    }
  }
  if (!hasArticleText(text)) return null;
  // no title from page furniture: a `<title>` that is a photo caption or a menu word (`… / © Associated
  // Press`, `Поиск`), nor Readability's title cut from it (`…` before ` / © Associated Press`)
  const pageTitle = cleanTitle(info.title);
  const captionPage = !!pageTitle && isFurnitureLine(pageTitle);
  const usable = (t: string | null) => (t && !isFurnitureLine(t) && !(captionPage && pageTitle!.startsWith(t)) ? t : null);
  const title = usable(cleanTitle(metaTitle)) ?? usable(cleanTitle(rTitle)) ?? usable(cleanTitle(info.h1)) ?? usable(pageTitle);
  // Readability keeps the headline inside the content on some pages: do not repeat it as body.
  if (title && text.startsWith(title + '\n')) text = text.slice(title.length).replace(/^\n+/, '');
  // nor a date line of the page's metadata (`1 июля 2025`, `10.02.2026 13:05`) before or after the text
  const paras = text.split('\n\n');
  while (paras.length > 1 && isDateLine(paras[0])) paras.shift();
  while (paras.length > 1 && isDateLine(paras[paras.length - 1])) paras.pop();
  text = paras.join('\n\n');
  return { title, text, published, url, siteName: siteName?.trim() || null, lang };
}
