/**
 * Pairs quotation marks in one linear pass: «…», „…“, „…”, “…”, ‘…’, and straight "…" whose
 * direction is read from the flanking characters. Nested pairs (`« "…" »`, `"… "подпольно" …"`)
 * come out with their depth; an opener left unclosed at the end of its paragraph is dropped, unless
 * the next paragraph opens with the same mark (the convention for a quote running over several
 * paragraphs), or the closer comes in the very next paragraph. Two apostrophes in a row (`''…''`, the
 * typewriter double quote of some wire and archive feeds; `’’` once apostrophes are unified) are one
 * straight mark.
 */

export interface QPair {
  /** offset of the opening and closing mark */
  open: number;
  close: number;
  /** inner span (marks excluded) */
  start: number;
  end: number;
  /** number of enclosing matched pairs */
  depth: number;
  /** index of the enclosing pair in the result, or -1 */
  parent: number;
}

type Family = 'guil' | 'low' | 'curly' | 'straight' | 'single';

interface Open {
  pos: number;
  /** length of the mark: 2 for `''` */
  w: number;
  fam: Family;
  para: number;
  /** paragraph breaks crossed without a continuation mark */
  crossed: number;
}

const SPACE = /[\s\u00a0]/;
const OPEN_CTX = /[\s\u00a0([{«„“‘—–\-:/]/;
const CLOSE_CTX = /[\s\u00a0)\]}».,;:!?…—–\-/»”’]/;

function isWordChar(c: string): boolean {
  return /[\p{L}\p{N}]/u.test(c);
}

export function pairQuotes(text: string): QPair[] {
  const stack: Open[] = [];
  const raw: Raw[] = [];
  let para = 0;
  let skipContinuation = -1;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let c = text[i];
    if (!MARKS.has(c)) {
      // nothing happens on other characters: jump to the next line break or mark
      MARK_RE.lastIndex = i;
      const m = MARK_RE.exec(text);
      if (!m) break;
      i = m.index;
      c = text[i];
    }
    if (c === '\n') {
      // paragraph break: look at how the next paragraph starts
      let j = i + 1;
      while (j < n && SPACE.test(text[j])) j++;
      const next = j < n ? text[j] : '';
      para++;
      for (let k = stack.length - 1; k >= 0; k--) {
        const o = stack[k];
        const cont = (o.fam === 'guil' && next === '«') || (o.fam === 'straight' && next === '"') || ((o.fam === 'curly' || o.fam === 'low') && (next === '“' || next === '„'));
        if (cont && k === stack.length - 1) {
          o.para = para;
          skipContinuation = j;
        } else {
          o.crossed++;
        }
      }
      // an opener that crossed two breaks without continuation is a stray mark
      for (let k = stack.length - 1; k >= 0; k--) if (stack[k].crossed > 1) stack.splice(k, 1);
      i = j - 1;
      continue;
    }
    if (i === skipContinuation) {
      skipContinuation = -1;
      continue;
    }
    // `''` / `’’`: one straight double mark of two characters
    const dbl = APOS.has(c) && i + 1 < n && APOS.has(text[i + 1]) && !(i + 2 < n && APOS.has(text[i + 2]));
    const w = dbl ? 2 : 1;
    const ch = dbl ? '"' : c;
    const fam = famOf(ch);
    if (!fam) continue;
    const prev = i > 0 ? text[i - 1] : ' ';
    const next = i + w < n ? text[i + w] : ' ';
    let canOpen: boolean;
    let canClose: boolean;
    switch (ch) {
      case '«':
      case '„':
        canOpen = true;
        canClose = false;
        break;
      case '»':
        canOpen = false;
        canClose = true;
        break;
      case '“':
        // closes „…“ (ru/uk/de), opens “…” (en)
        canClose = topFam(stack) === 'low' || (topFam(stack) === 'curly' && !SPACE.test(prev) && !isWordChar(next));
        canOpen = !canClose;
        break;
      case '”':
        canOpen = false;
        canClose = true;
        break;
      case '‘':
        canOpen = OPEN_CTX.test(prev) && !SPACE.test(next);
        canClose = false;
        break;
      case '’':
        // an apostrophe inside a word is not a mark
        canOpen = false;
        canClose = topFam(stack) === 'single' && !SPACE.test(prev) && !isWordChar(next);
        break;
      default: {
        // straight ": direction from the flanks
        const leftOk = OPEN_CTX.test(prev) || i === 0;
        const rightOk = CLOSE_CTX.test(next) || i + w >= n;
        canOpen = leftOk && !SPACE.test(next) && next !== ' ';
        canClose = !SPACE.test(prev) && rightOk && i > 0;
        if (canOpen && canClose) {
          // `"—"` or `" "`-like: decide by the stack
          if (topFam(stack) === 'straight') canOpen = false;
          else canClose = false;
        }
        if (!canOpen && !canClose && isWordChar(prev) && isWordChar(next)) {
          // `слово"слово`: close a straight quote if one is open
          canClose = topFam(stack) === 'straight';
        }
      }
    }
    if (canClose) {
      // sloppy text mixes straight and curly marks (`"more hours”`): they close each other
      const want: Family[] = ch === '»' ? ['guil'] : ch === '"' ? ['straight', 'curly', 'low'] : ch === '’' ? ['single'] : ['low', 'curly', 'straight'];
      let k = stack.length - 1;
      while (k >= 0 && !want.includes(stack[k].fam)) k--;
      if (k >= 0) {
        // a two-character closer: `close` is its last character, the inner span ends before its first
        raw.push({ open: stack[k].pos, close: i + w - 1, start: stack[k].pos + stack[k].w, end: i });
        stack.length = k;
        i += w - 1;
        continue;
      }
      if (!canOpen || ch !== '“') continue;
    }
    if (canOpen) {
      // hostile input (thousands of unclosed marks) must not make closing quadratic
      if (stack.length >= 32) stack.shift();
      stack.push({ pos: i, w, fam, para, crossed: 0 });
      i += w - 1;
    }
  }
  return nest(raw);
}

function famOf(c: string): Family | null {
  switch (c) {
    case '«':
    case '»':
      return 'guil';
    case '„':
      return 'low';
    case '“':
    case '”':
      return 'curly';
    case '"':
      return 'straight';
    case '‘':
    case '’':
      return 'single';
    default:
      return null;
  }
}

function topFam(stack: Open[]): Family | null {
  return stack.length ? stack[stack.length - 1].fam : null;
}

/** a matched pair: the offsets of its first and last mark character, and its inner span */
interface Raw {
  open: number;
  close: number;
  start: number;
  end: number;
}

const APOS = new Set(["'", '’', '‘']);
/** a line break and every character the pass looks at */
const MARKS = new Set(['\n', '«', '»', '„', '“', '”', '"', '‘', '’', "'"]);
const MARK_RE = /[\n«»„“”"‘’']/g;

function nest(raw: Raw[]): QPair[] {
  raw.sort((a, b) => a.open - b.open || b.close - a.close);
  const out: QPair[] = [];
  const open: number[] = [];
  for (const r of raw) {
    while (open.length && out[open[open.length - 1]].close < r.open) open.pop();
    const parent = open.length ? open[open.length - 1] : -1;
    out.push({ open: r.open, close: r.close, start: r.start, end: r.end, depth: open.length, parent });
    open.push(out.length - 1);
  }
  return out;
}
