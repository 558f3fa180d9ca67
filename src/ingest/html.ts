/**
 * HTML -> article text. The main content is chosen by @mozilla/readability over a linkedom DOM;
 * its text is then written out by walking the block elements ourselves, so headings, paragraphs,
 * list items and quotes each end with a line break (readability's own `textContent` runs
 * `<h2>Макроном</h2><p>Президент` together). Title, date and URL come from the page's metadata.
 * Only text nodes are ever emitted: scripts, styles, attributes and comments cannot leak.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { normalizeDate } from './dates.js';

/** Elements whose text is never article text. */
const SKIP = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'CANVAS', 'BUTTON',
  'SELECT', 'OPTION', 'TEXTAREA', 'INPUT', 'HEAD', 'TITLE', 'META', 'LINK', 'MATH', 'AUDIO', 'VIDEO',
]);

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
export function blockText(root: DomNode): string {
  const paras: string[] = [];
  let cur = '';
  const flush = (): void => {
    const lines = cur
      .split('\n')
      .map((l) => l.replace(/[ \t\f\r\u00a0]+/g, ' ').trim())
      .filter((l) => l.length > 0);
    if (lines.length) paras.push(lines.join('\n'));
    cur = '';
  };
  const walk = (n: DomNode): void => {
    if (n.nodeType === 3) {
      cur += (n.nodeValue ?? '').replace(/[\s]+/g, ' ');
      return;
    }
    if (n.nodeType !== 1 && n.nodeType !== 9 && n.nodeType !== 11) return; // comments, PIs
    const tag = (n.nodeName || '').toUpperCase();
    if (SKIP.has(tag)) return;
    if (tag === 'BR') {
      cur += '\n';
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    const kids = n.childNodes;
    for (let i = 0; i < kids.length; i++) walk(kids[i]);
    if (block) flush();
    else if (tag === 'TD' || tag === 'TH') cur += ' ';
  };
  walk(root);
  flush();
  return paras.join('\n\n');
}

/** Plain text of an HTML fragment (RSS descriptions, JSON `html` fields). */
export function htmlFragmentToText(html: string): string {
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

type Doc = ReturnType<typeof parseHTML>['document'];

function meta(doc: Doc, ...keys: string[]): string | null {
  for (const k of keys) {
    const el =
      doc.querySelector(`meta[property="${k}"]`) ||
      doc.querySelector(`meta[name="${k}"]`) ||
      doc.querySelector(`meta[itemprop="${k}"]`);
    const v = el?.getAttribute('content');
    if (v && v.trim()) return v.trim();
  }
  return null;
}

/** Every JSON-LD object on the page, flattened through @graph and arrays. */
function jsonLd(doc: Doc): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const add = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(add);
    else if (v && typeof v === 'object') {
      out.push(v as Record<string, unknown>);
      const g = (v as Record<string, unknown>)['@graph'];
      if (g) add(g);
    }
  };
  for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      add(JSON.parse(s.textContent ?? ''));
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

function pageDate(doc: Doc, ld: Record<string, unknown>[]): string | null {
  const candidates: (string | null | undefined)[] = [
    meta(doc, 'article:published_time', 'og:published_time', 'datePublished', 'pubdate', 'publishdate',
      'publish-date', 'date', 'DC.date.issued', 'dc.date', 'DC.date', 'sailthru.date', 'parsely-pub-date'),
    ldValue(ld, 'datePublished'),
    doc.querySelector('time[itemprop="datePublished"]')?.getAttribute('datetime'),
    doc.querySelector('time[pubdate]')?.getAttribute('datetime'),
    doc.querySelector('article time[datetime]')?.getAttribute('datetime'),
    doc.querySelector('time[datetime]')?.getAttribute('datetime'),
    ldValue(ld, 'dateCreated'),
    meta(doc, 'article:modified_time', 'og:updated_time'),
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

/** A paragraph that is only a date and/or time: digits, at most two words (a month, a weekday). */
function isDateLine(p: string): boolean {
  const s = p.trim();
  if (s.length > 40 || !/\d/.test(s)) return false;
  const words = s.match(/\p{L}+/gu) ?? [];
  return words.length <= 3 && /^[\p{L}\d\s.,:/|\-–—]+$/u.test(s) && words.every((w) => w.length >= 2 || /^[грp]$/u.test(w));
}

/**
 * Extract the article from an HTML page. Returns null when the page holds no article text
 * (no running prose once menus and scripts are gone).
 */
export function extractHtml(source: string): HtmlArticle | null {
  // linkedom builds no <body> for a bare fragment: give it the page around it
  const html = /<(html|body)[\s>]/i.test(source) ? source : `<!DOCTYPE html><html><head></head><body>${source}</body></html>`;
  const { document } = parseHTML(html);
  const ld = jsonLd(document);
  const published = pageDate(document, ld);
  const url =
    absoluteUrl(document.querySelector('link[rel="canonical"]')?.getAttribute('href')) ??
    absoluteUrl(meta(document, 'og:url')) ??
    absoluteUrl(ldValue(ld, 'url'));
  const siteName = meta(document, 'og:site_name', 'application-name') ?? null;
  const lang = (document.documentElement?.getAttribute('lang') || meta(document, 'og:locale') || '')
    .slice(0, 2)
    .toLowerCase() || null;
  const metaTitle =
    meta(document, 'og:title', 'twitter:title') ?? ldValue(ld, 'headline') ?? null;
  const h1 = document.querySelector('h1')?.textContent ?? null;
  const docTitle = document.querySelector('title')?.textContent ?? null;

  let text = '';
  let rTitle: string | null = null;
  try {
    // Readability edits the DOM it is given: hand it its own copy.
    const { document: copy } = parseHTML(html);
    const art = new Readability<DomNode>(copy as unknown as Document, {
      serializer: (n) => n as unknown as DomNode,
      charThreshold: 200,
    }).parse();
    if (art?.content) text = blockText(art.content);
    rTitle = art?.title ?? null;
  } catch {
    text = '';
  }
  if (!hasArticleText(text)) {
    // Fallback: paragraphs of the <article>/<main>, else of the body.
    const root = document.querySelector('article') ?? document.querySelector('main') ?? document.body ?? document.documentElement;
    if (root) {
      for (const el of root.querySelectorAll('nav, header, footer, aside, form, script, style, noscript')) el.remove();
      text = blockText(root as unknown as DomNode);
    }
  }
  if (!hasArticleText(text)) return null;
  const title = cleanTitle(metaTitle) ?? cleanTitle(rTitle) ?? cleanTitle(h1) ?? cleanTitle(docTitle);
  // Readability keeps the headline inside the content on some pages: do not repeat it as body.
  if (title && text.startsWith(title + '\n')) text = text.slice(title.length).replace(/^\n+/, '');
  // nor a date line of the page's metadata (`1 июля 2025`, `10.02.2026 13:05`) before or after the text
  const paras = text.split('\n\n');
  while (paras.length > 1 && isDateLine(paras[0])) paras.shift();
  while (paras.length > 1 && isDateLine(paras[paras.length - 1])) paras.pop();
  text = paras.join('\n\n');
  return { title, text, published, url, siteName: siteName?.trim() || null, lang };
}
