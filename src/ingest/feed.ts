/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds -> one article per item, parsed with fast-xml-parser.
 * HTML in descriptions and content is turned into plain text with paragraph breaks; entity
 * declarations in a DOCTYPE are dropped before parsing (no entity expansion attacks).
 */
import { createRequire } from 'node:module';
import type { X2jOptions, XMLParser as XMLParserType } from 'fast-xml-parser';
import { normalizeDate } from './dates.js';
import { htmlFragmentToText } from './html.js';

export interface FeedItem {
  /** 1-based position of the item in the feed */
  index: number;
  title: string | null;
  url: string | null;
  id: string | null;
  published: string | null;
  text: string;
  lang: string | null;
}

/** Items read from one feed at most (a real feed carries tens or hundreds): the rest are refused. */
export const MAX_FEED_ITEMS = 5000;

export interface Feed {
  kind: 'rss' | 'atom';
  title: string | null;
  url: string | null;
  lang: string | null;
  items: FeedItem[];
  /** items the feed had beyond MAX_FEED_ITEMS (not read) */
  dropped?: number;
}

// fast-xml-parser is loaded on the first feed (synchronously, through its CommonJS build): a run that
// reads no feed does not pay its import time
const requireCjs = createRequire(import.meta.url);
let parserInstance: XMLParserType | null = null;
function feedParser(): XMLParserType {
  if (parserInstance) return parserInstance;
  const { XMLParser } = requireCjs('fast-xml-parser') as { XMLParser: typeof XMLParserType };
  parserInstance = new XMLParser(PARSER_OPTIONS);
  return parserInstance;
}

const PARSER_OPTIONS: X2jOptions = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  cdataPropName: false,
  processEntities: true,
  htmlEntities: true,
  trimValues: true,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name: string) => name === 'item' || name === 'entry' || name === 'link',
};

function arr<T>(v: T | T[] | undefined | null): T[] {
  return v == null ? [] : Array.isArray(v) ? v : [v];
}

/** The text of a parsed node: a string, or `#text` of an element with attributes. */
function str(v: unknown): string | null {
  if (v == null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return str(v[0]);
  if (typeof v === 'object') {
    const t = (v as Record<string, unknown>)['#text'];
    if (t != null) return str(t);
  }
  return null;
}

/** Text of a field that may hold HTML (escaped or CDATA), as plain text with paragraph breaks. */
function richText(v: unknown, type?: string | null): string {
  const s = str(v);
  if (!s) return '';
  if (type === 'text') return s.trim();
  return /<[a-zA-Z!/]/.test(s) || /&[a-zA-Z#]\w*;/.test(s) ? htmlFragmentToText(s) : s.trim();
}

function plainTitle(v: unknown): string | null {
  const s = str(v);
  if (!s) return null;
  const t = (/<[a-zA-Z!/]/.test(s) ? htmlFragmentToText(s) : s).replace(/\s+/g, ' ').trim();
  return t || null;
}

function atomLink(links: unknown): string | null {
  const ls = arr(links as Record<string, unknown>[]);
  const pick =
    ls.find((l) => typeof l === 'object' && (l['@_rel'] === 'alternate' || l['@_rel'] == null) && l['@_href']) ??
    ls.find((l) => typeof l === 'object' && l['@_href']);
  if (pick && typeof pick === 'object') return String(pick['@_href']);
  const s = ls.map(str).find((x) => x && /^https?:/i.test(x));
  return s ?? null;
}

function rssLink(links: unknown): string | null {
  for (const l of arr(links as unknown[])) {
    const s = str(l);
    if (s && /^https?:\/\//i.test(s.trim())) return s.trim();
    if (l && typeof l === 'object' && (l as Record<string, unknown>)['@_href']) {
      return String((l as Record<string, unknown>)['@_href']);
    }
  }
  return null;
}

/** Whether a text looks like a feed (RSS, RDF or Atom root element). */
export function looksLikeFeed(head: string): boolean {
  const h = head.slice(0, 4000).replace(/<!--[\s\S]*?-->/g, '');
  return /<(rss|rdf:RDF)[\s>]/i.test(h) || /<feed[\s>][^]*?xmlns\s*=\s*["']http:\/\/www\.w3\.org\/2005\/Atom/i.test(h) || /^\s*(<\?xml[^>]*>\s*)?<feed[\s>]/i.test(h);
}

/** Parse a feed; throws with a clear message when it is not well-formed or not a feed. */
export function parseFeed(xml: string): Feed {
  const safe = xml.replace(/<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/i, '');
  let doc: Record<string, any>;
  try {
    doc = feedParser().parse(safe, true) as Record<string, any>;
  } catch (e) {
    throw new Error(`malformed XML feed: ${(e as Error).message.split('\n')[0]}`);
  }
  if (doc.rss || doc['rdf:RDF']) {
    const root = doc.rss ?? doc['rdf:RDF'];
    const channel = Array.isArray(root.channel) ? root.channel[0] : root.channel ?? {};
    const all = arr(channel?.item ?? root.item) as Record<string, any>[];
    const items = all.slice(0, MAX_FEED_ITEMS);
    const lang = str(channel?.language ?? channel?.['dc:language']);
    return {
      kind: 'rss',
      dropped: all.length - items.length,
      title: plainTitle(channel?.title),
      url: rssLink(channel?.link),
      lang,
      items: items.map((it, i) => {
        const content = richText(it['content:encoded']);
        const desc = richText(it.description ?? it['media:description']);
        const guid = str(it.guid);
        const link = rssLink(it.link) ?? (guid && /^https?:\/\//i.test(guid) ? guid : null) ?? str(it['@_rdf:about']);
        return {
          index: i + 1,
          title: plainTitle(it.title),
          url: link,
          id: guid?.trim() || null,
          published: normalizeDate(str(it.pubDate) ?? str(it['dc:date']) ?? str(it.published) ?? str(it.updated)),
          text: content.length >= desc.length ? content : desc,
          lang: str(it['dc:language']) ?? lang,
        };
      }),
    };
  }
  if (doc.feed) {
    const feed = Array.isArray(doc.feed) ? doc.feed[0] : doc.feed;
    const lang = str(feed?.['@_xml:lang']);
    const allEntries = arr(feed?.entry) as Record<string, any>[];
    const entries = allEntries.slice(0, MAX_FEED_ITEMS);
    return {
      kind: 'atom',
      dropped: allEntries.length - entries.length,
      title: plainTitle(feed?.title),
      url: atomLink(feed?.link),
      lang,
      items: entries.map((e, i) => {
        const content = richText(e.content, e.content?.['@_type']);
        const summary = richText(e.summary, e.summary?.['@_type']);
        return {
          index: i + 1,
          title: plainTitle(e.title),
          url: atomLink(e.link),
          id: str(e.id)?.trim() || null,
          published: normalizeDate(str(e.published) ?? str(e.updated) ?? str(e['dc:date'])),
          text: content.length >= summary.length ? content : summary,
          lang: str(e['@_xml:lang']) ?? lang,
        };
      }),
    };
  }
  throw new Error('not an RSS or Atom feed (no <rss>, <rdf:RDF> or <feed> root)');
}
