/**
 * Site boilerplate inside an article's text: lines (paragraphs) holding a cue of
 * data/boilerplate.json (copyright notices, reprint rules, subscription calls, "read also" links).
 * The story vectors and the near-duplicate shingles leave those lines out: they make unrelated
 * articles of one outlet look alike (an uk outlet's footer chained a Ryanair story to Brexit and
 * Nord Stream ones in SlavicNER) and say nothing about the report.
 */
import { readJsonResource } from '../../pipeline/resources.js';

let cues: string[] | null = null;

function cueList(): string[] {
  if (!cues) cues = readJsonResource<{ cues: string[] }>('src/corpus/stories/data/boilerplate.json').cues.map((c) => c.toLowerCase());
  return cues;
}

// the last text's spans: the near-duplicate and the story updaters ask for the same article's in turn
let lastText: string | null = null;
let lastSpans: [number, number][] = [];

/** [start, end) spans of the boilerplate lines of a text (UTF-16 offsets), in order (callers must not modify them). */
export function boilerplateSpans(text: string): [number, number][] {
  if (text === lastText) return lastSpans;
  const spans = scanSpans(text);
  lastText = text;
  lastSpans = spans;
  return spans;
}

/**
 * Web addresses inside the text (`https://…`, `www.…`, and the target of a Markdown link or image
 * `[caption](target)`, whose caption stays): a scraped page keeps its image and link addresses, and
 * their pieces (`thumbor`, `amazonaws`, `webp`, hashes) weighed as rare content terms in the story
 * vectors and made two pages of one site look alike.
 */
const URL_RE = /\]\((?:[^\s()]|\([^\s()]*\))*\)|\b(?:https?:\/\/|www\.)[^\s<>"«»)\]]+/giu;

function scanSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  const cs = cueList();
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end > start) {
      const line = text.slice(start, end).toLowerCase();
      if (cs.some((c) => line.includes(c))) out.push([start, end]);
    }
    start = end + 1;
  }
  if (!text.includes('://') && !text.includes('www.') && !text.includes('](')) return out;
  const urls: [number, number][] = [];
  for (const m of text.matchAll(URL_RE)) urls.push([m.index!, m.index! + m[0].length]);
  if (!urls.length) return out;
  // one sorted list of disjoint spans (inSpans walks it in order)
  const all = [...out, ...urls].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of all) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** Whether an offset falls inside one of the spans (spans sorted, as boilerplateSpans gives them). */
export function inSpans(spans: [number, number][], offset: number): boolean {
  for (const [s, e] of spans) {
    if (offset < s) return false;
    if (offset < e) return true;
  }
  return false;
}

/** The text with its boilerplate lines blanked out (same length: offsets keep their meaning). */
export function withoutBoilerplate(text: string, spans: [number, number][] = boilerplateSpans(text)): string {
  if (!spans.length) return text;
  let out = '';
  let at = 0;
  for (const [s, e] of spans) {
    out += text.slice(at, s) + ' '.repeat(e - s);
    at = e;
  }
  return out + text.slice(at);
}
