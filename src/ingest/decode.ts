/**
 * Bytes -> text for untrusted input: BOMs, UTF-8, and the single-byte Cyrillic encodings that
 * Russian and Ukrainian files still come in (Windows-1251, KOI8-R/KOI8-U), told apart by what the
 * decoded letters look like; binary data is recognised and refused.
 */
import { createRequire } from 'node:module';

// chardet and iconv-lite are loaded on first use: UTF-8 input (most of it) never needs them, and
// a command reading UTF-8 files does not pay their loading at start-up
const require = createRequire(import.meta.url);
let iconvLib: typeof import('iconv-lite') | null = null;
let chardetLib: typeof import('chardet') | null = null;
const iconv = (): typeof import('iconv-lite') => (iconvLib ??= require('iconv-lite') as typeof import('iconv-lite'));
const chardet = (): typeof import('chardet') => (chardetLib ??= require('chardet') as typeof import('chardet'));

export type Decoded =
  | { ok: true; text: string; encoding: string; /** e.g. invalid bytes replaced */ warning?: string }
  | { ok: false; error: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false });

/**
 * UTF-16 without a byte-order mark: text has a narrow set of high bytes (0x00 for Latin, 0x04 for
 * Cyrillic, 0x20 for typography) in every other position, while the other half varies. Returns the
 * byte order, or null.
 */
export function sniffUtf16(buf: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(buf.length, 65536) & ~1;
  if (n < 16) return null;
  const even = new Map<number, number>();
  const odd = new Map<number, number>();
  for (let i = 0; i < n; i += 2) {
    even.set(buf[i], (even.get(buf[i]) ?? 0) + 1);
    odd.set(buf[i + 1], (odd.get(buf[i + 1]) ?? 0) + 1);
  }
  const narrow = (m: Map<number, number>) => {
    let top = 0;
    for (const [b, c] of m) if (b === 0x00 || b === 0x04 || b === 0x20 || b === 0x05) top += c;
    return top / (n / 2);
  };
  const le = narrow(odd);
  const be = narrow(even);
  // the high half is almost all 0x00/0x04/0x20, and NULs are there (ASCII spaces, digits, Latin)
  if (le >= 0.95 && (odd.get(0) ?? 0) > 0 && even.size > 8 && be < 0.5) return 'utf-16le';
  if (be >= 0.95 && (even.get(0) ?? 0) > 0 && odd.size > 8 && le < 0.5) return 'utf-16be';
  return null;
}

function decodeUtf16(buf: Uint8Array, enc: 'utf-16le' | 'utf-16be', how: string): Decoded {
  const text = iconv().decode(Buffer.from(buf.subarray(0, buf.length & ~1)), enc);
  if (/[\u0000-\u0008\u000E-\u001F]/.test(text.slice(0, 65536))) return { ok: false, error: 'binary data' };
  const odd = buf.length % 2 ? '; a trailing odd byte dropped' : '';
  return { ok: true, text, encoding: enc, warning: how || odd ? `decoded as ${enc.toUpperCase()}${how}${odd}` : undefined };
}

/** Control bytes that never occur in text (everything below 0x20 but \t \n \v \f \r, and ESC). */
function isControlByte(b: number): boolean {
  return b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b;
}

/**
 * Why this buffer is not text, or null when it may be: NUL bytes, or more than 1% control bytes
 * in its first 64 KiB.
 */
export function binaryReason(buf: Uint8Array): string | null {
  const n = Math.min(buf.length, 65536);
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return 'binary data (NUL bytes)';
    if (isControlByte(b)) ctrl++;
  }
  if (n > 0 && ctrl / n > 0.01) return `binary data (${((100 * ctrl) / n).toFixed(1)}% control bytes)`;
  return null;
}

/** Letter frequencies of running Russian/Ukrainian text (lower case, per mille, rounded). */
const CYR_FREQ: Record<string, number> = {
  о: 110, е: 85, а: 80, и: 70, н: 67, т: 63, с: 55, р: 47, в: 45, л: 44, к: 35, м: 32, д: 30,
  п: 28, у: 26, я: 20, ы: 19, ь: 17, г: 17, з: 16, б: 16, ч: 14, й: 12, х: 10, ж: 9, ш: 7,
  ю: 6, ц: 5, щ: 4, э: 3, ф: 3, ъ: 1, ё: 1, і: 50, ї: 6, є: 4, ґ: 1,
};

export interface CyrillicScore {
  /** share of the non-ASCII characters that are Cyrillic letters (or cp1251 typography) */
  share: number;
  /** share of Cyrillic-bearing words cased as words are (`лавров`, `Лавров`, `ЛАВРОВ`, not
   * `лАВРОВ`) and not mixing Latin and Cyrillic letters (`Cafй`) */
  casing: number;
  /** mean log probability of the Cyrillic letters under ru/uk letter frequencies */
  logp: number;
}

/**
 * How a decoding of the high (>= 0x80) bytes reads as Cyrillic prose. A wrong choice between
 * cp1251 and KOI8 swaps letter case (`лАВРОВ`) and favours rare letters; a Latin text read as
 * cp1251 mixes scripts inside words.
 */
export function cyrillicScore(text: string): CyrillicScore {
  let high = 0;
  let letters = 0;
  let logSum = 0;
  let nLog = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) continue;
    high++;
    if (c >= 0x400 && c <= 0x4ff) {
      letters++;
      logSum += Math.log(Math.max(CYR_FREQ[ch.toLowerCase()] ?? 0, 0.5) / 1000);
      nLog++;
    } else if ('«»—–„“”’‘…№°·•\u00a0'.includes(ch)) letters++; // typography that cp1251 texts carry
  }
  let words = 0;
  let good = 0;
  for (const w of text.match(/[\p{L}]{2,}/gu) ?? []) {
    if (!/[\u0400-\u04ff]/.test(w)) continue;
    words++;
    if (/[A-Za-z\u00c0-\u024f]/.test(w)) continue; // mixed scripts
    if (/^\p{Lu}?\p{Ll}+$/u.test(w) || /^\p{Lu}+$/u.test(w) || /^\p{Lu}+\p{Ll}{1,2}$/u.test(w)) good++;
  }
  return {
    share: high ? letters / high : 0,
    casing: words ? good / words : 0,
    logp: nLog ? logSum / nLog : -99,
  };
}

/** One number to rank decodings by (higher is better). */
function rank(s: CyrillicScore): number {
  return 3 * s.share + 2 * s.casing + s.logp;
}

function plausible(s: CyrillicScore): boolean {
  return s.share >= 0.7 && s.casing >= 0.6 && s.logp >= -4.3;
}

function decodeSingleByte(buf: Uint8Array): Decoded {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const candidates: { encoding: string; text: string; score: number; ok: boolean }[] = [];
  for (const enc of ['windows-1251', 'koi8-r', 'koi8-u']) {
    const text = iconv().decode(b, enc);
    const sc = cyrillicScore(text);
    candidates.push({ encoding: enc, text, score: rank(sc), ok: plausible(sc) });
  }
  // KOI8-U differs from KOI8-R only by Ukrainian letters in place of box-drawing characters:
  // prefer KOI8-R when both read the same.
  const [cp, koiR, koiU] = candidates;
  if (koiU.text === koiR.text || koiU.score <= koiR.score) koiU.ok = false;
  const best = [cp, koiR, koiU].filter((c) => c.ok).sort((a, b2) => b2.score - a.score)[0];
  if (best) return { ok: true, text: best.text, encoding: best.encoding };

  // Not Cyrillic: accept what chardet names with confidence, if iconv can decode it.
  const guesses = chardet().analyse(buf).filter((m) => m.confidence >= 50);
  for (const g of guesses) {
    const name = g.name.toLowerCase();
    if (name === 'utf-8' || name.startsWith('utf-16') || name.startsWith('utf-32')) continue;
    if (!iconv().encodingExists(name)) continue;
    const text = iconv().decode(b, name);
    // Latin single-byte text: letters among the high characters, no C1 controls.
    let high = 0;
    let good = 0;
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      if (c < 0x80) continue;
      high++;
      if (/\p{L}|[«»—–„“”’‘…°·•€£§©®\u00a0]/u.test(ch)) good++;
    }
    if (high && good / high >= 0.9) return { ok: true, text, encoding: name };
  }
  return { ok: false, error: 'unknown or undecodable text encoding (not UTF-8, Windows-1251 or KOI8)' };
}

/**
 * Decode a file's bytes. `declared` is an encoding the container names (HTML meta charset, XML
 * declaration); it is used when the bytes are not valid UTF-8 and iconv knows it.
 */
export function decodeBytes(buf: Uint8Array, declared?: string | null): Decoded {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    try {
      return { ok: true, text: utf8.decode(buf.subarray(3)), encoding: 'utf-8-bom' };
    } catch {
      return { ok: false, error: 'invalid UTF-8 after a UTF-8 byte-order mark' };
    }
  }
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    const enc = buf[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const d = decodeUtf16(buf.subarray(2), enc, '');
    return d;
  }
  const u16 = sniffUtf16(buf);
  if (u16) return decodeUtf16(buf, u16, ' (no byte-order mark)');
  const bin = binaryReason(buf);
  if (bin) return { ok: false, error: bin };
  try {
    return { ok: true, text: utf8.decode(buf), encoding: 'utf-8' };
  } catch {
    /* not UTF-8 */
  }
  // UTF-8 with a few broken sequences (a truncated last character, a damaged byte): replaced
  // with U+FFFD and said so, rather than the whole article refused
  const lenient = utf8Lenient.decode(buf);
  let bad = 0;
  for (let i = lenient.indexOf('\uFFFD'); i >= 0; i = lenient.indexOf('\uFFFD', i + 1)) bad++;
  let valid = 0;
  for (const b of buf) if (b >= 0x80) valid++;
  // mostly well-formed multi-byte UTF-8: at most 1% of the non-ASCII bytes broken (or 3 sequences)
  if (valid > 0 && (bad <= 3 || bad / valid <= 0.01) && utf8Share(buf) >= 0.9) {
    return { ok: true, text: lenient, encoding: 'utf-8', warning: `${bad} invalid UTF-8 sequence${bad === 1 ? '' : 's'} replaced with U+FFFD` };
  }
  const mixed = decodeMixed(buf);
  if (mixed) return mixed;
  if (declared) {
    const d = declared.trim().toLowerCase();
    if (d !== 'utf-8' && d !== 'utf8' && iconv().encodingExists(d)) {
      const text = iconv().decode(Buffer.from(buf), d);
      return { ok: true, text, encoding: d };
    }
  }
  return decodeSingleByte(buf);
}

/**
 * A file of UTF-8 with parts in a single-byte Cyrillic encoding (concatenated files, a cp1251
 * paragraph pasted into UTF-8): the well-formed UTF-8 sequences are read as UTF-8, the runs of
 * other bytes in the single-byte encoding they read best in. Null when it is not such a mix.
 */
function decodeMixed(buf: Uint8Array): Decoded | null {
  const runs: [number, number, boolean][] = []; // [start, end, isUtf8]
  let goodBytes = 0;
  let badBytes = 0;
  let runStart = 0;
  let runUtf8 = true;
  for (let i = 0; i < buf.length; ) {
    const b = buf[i];
    let len = 1;
    let utf8Ok = true;
    if (b >= 0x80) {
      const n = b >= 0xf0 && b < 0xf8 ? 4 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
      let ok = n > 0 && i + n <= buf.length;
      for (let k = 1; ok && k < n; k++) if ((buf[i + k] & 0xc0) !== 0x80) ok = false;
      if (ok) {
        len = n;
        goodBytes += n;
      } else {
        utf8Ok = false;
        badBytes++;
      }
    } else utf8Ok = runUtf8; // ASCII belongs to the run it is in
    if (utf8Ok !== runUtf8) {
      if (i > runStart) runs.push([runStart, i, runUtf8]);
      runStart = i;
      runUtf8 = utf8Ok;
    }
    i += len;
  }
  runs.push([runStart, buf.length, runUtf8]);
  if (goodBytes < 200 || badBytes < 50 || goodBytes / (goodBytes + badBytes) < 0.2) return null;
  const other = Buffer.concat(runs.filter((r) => !r[2]).map((r) => Buffer.from(buf.subarray(r[0], r[1]))));
  const single = decodeSingleByte(other);
  if (!single.ok || single.encoding.startsWith('utf')) return null;
  const text = runs
    .map(([s, e, u]) => (u ? Buffer.from(buf.subarray(s, e)).toString('utf8') : iconv().decode(Buffer.from(buf.subarray(s, e)), single.encoding)))
    .join('');
  return { ok: true, text, encoding: `utf-8+${single.encoding}`, warning: `mixed encodings: UTF-8 and ${single.encoding} (${badBytes} bytes)` };
}

/** Share of the non-ASCII bytes that sit in well-formed UTF-8 sequences. */
function utf8Share(buf: Uint8Array): number {
  let high = 0;
  let good = 0;
  for (let i = 0; i < buf.length; ) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xf0 && b < 0xf8 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
    let ok = len > 0 && i + len <= buf.length;
    for (let k = 1; ok && k < len; k++) if ((buf[i + k] & 0xc0) !== 0x80) ok = false;
    if (ok) {
      high += len;
      good += len;
      i += len;
    } else {
      high++;
      i++;
    }
  }
  return high ? good / high : 1;
}

/** The charset an HTML or XML head declares (`<meta charset>`, `<?xml encoding>`), if any. */
export function declaredCharset(head: Uint8Array): string | null {
  const s = Buffer.from(head.subarray(0, 4096)).toString('latin1');
  const m =
    /<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(s) ||
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(s);
  return m ? m[1] : null;
}
