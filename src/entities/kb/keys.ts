/**
 * Keys for matching names: `normKey` (case, ё, apostrophes, quotes and dashes folded) for look-ups
 * inside one language, and `translitKey` — a Latin skeleton that is the same for the Russian,
 * Ukrainian and Latin spellings of a name (`Песков` = `Пєсков` = `Peskov` -> `peskov`;
 * `Зеленский` = `Зеленський` = `Zelensky` -> `zelenski`), used for `new:<TYPE>:<key>` ids.
 */

const QUOTE_RE = /["«»“”„‟]/g;
const APOS_RE = /[’ʼ`´‘]/g;

const memoN = new Map<string, string>();
const memoT = new Map<string, string>();
function memo(m: Map<string, string>, k: string, f: (s: string) => string): string {
  let v = m.get(k);
  if (v === undefined) {
    if (m.size > 50000) m.clear();
    v = f(k);
    m.set(k, v);
  }
  return v;
}

/** Lower case, ё->е, apostrophes unified, quote marks dropped, dashes/space runs unified. */
export function normKey(s: string): string {
  return memo(memoN, s, normKey0);
}

// letters drawn alike in Cyrillic and Latin: a word typed with both (`COVAХ`, `COVІD-19`, `Евроcоюза`
// with a Latin c) is read in the script of its other letters
const CYR_LAT: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', І: 'I', Ј: 'J', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y', Ѕ: 'S',
  а: 'a', е: 'e', і: 'i', ј: 'j', о: 'o', р: 'p', с: 'c', х: 'x', у: 'y', ѕ: 's',
};
const LAT_CYR: Record<string, string> = {};
for (const [c, l] of Object.entries(CYR_LAT)) if (!(l in LAT_CYR) || c === c.toLowerCase()) LAT_CYR[l] = c;
LAT_CYR.a = 'а';
const MIXED_WORD = /[\p{L}]+/gu;

/** Homoglyphs of a word written in two scripts folded into the script its unambiguous letters use. */
export function unmixScripts(s: string): string {
  if (!/[A-Za-z]/.test(s) || !/[\u0400-\u04FF]/.test(s)) return s;
  return s.replace(MIXED_WORD, (w) => {
    if (!/[A-Za-z]/.test(w) || !/[\u0400-\u04FF]/.test(w)) return w;
    let lat = 0;
    let cyr = 0;
    for (const ch of w) {
      if (/[A-Za-z]/.test(ch)) lat += ch in LAT_CYR ? 0 : 1;
      else if (/[\u0400-\u04FF]/.test(ch)) cyr += ch in CYR_LAT ? 0 : 1;
    }
    if (lat && !cyr) return [...w].map((ch) => CYR_LAT[ch] ?? ch).join('');
    if (cyr && !lat) return [...w].map((ch) => LAT_CYR[ch] ?? ch).join('');
    return w;
  });
}

function normKey0(s: string): string {
  return s
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(APOS_RE, "'")
    .replace(QUOTE_RE, '')
    .replace(/\s*[–—]\s*/g, '-')
    .replace(/\s*-\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

// Cyrillic to a Latin skeleton; digraph sounds become one marker letter so that Latin spellings
// (`ch`, `sh`, `zh`, `kh`, `ts`) and Cyrillic letters meet: private-use marks U+E001..U+E005 for Ч Ш Ж Щ Ц
const CYR: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', є: 'e', э: 'e', ё: 'e', ж: '\uE003', з: 'z',
  и: 'i', і: 'i', ї: 'i', ы: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r',
  с: 's', т: 't', у: 'u', ф: 'f', х: 'g', ц: '\uE005', ч: '\uE001', ш: '\uE002', щ: '\uE004', ь: '', ъ: '', ю: 'iu',
  я: 'ia', "'": '',
};

/**
 * Transliteration-folded skeleton: Cyrillic (ru and uk) and Latin spellings map to one Latin string.
 * и/і/ї/ы/й/y/j -> i, е/є/э -> e, г/ґ/х/h/kh -> g, ь/ъ/' dropped, c/ck/q -> k (s before e/i), w -> v,
 * ch/sh/zh/ts/shch as single sounds, doubled letters collapsed, diacritics removed, other characters
 * become single dashes. `Песков` = `Пєсков` = `Peskov` -> `peskov`; `Зеленский` = `Зеленський` =
 * `Zelensky` -> `zelenski`.
 */
export function translitKey(s: string): string {
  return memo(memoT, s, translitKey0);
}

/** `translitKey` without the memo (for building indexes once). */
export function translitKeyOnce(s: string): string {
  return translitKey0(s);
}

function translitKey0(s: string): string {
  const t0 = unmixScripts(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC').toLowerCase().replace(APOS_RE, "'");
  // Latin digraphs first (before single letters are folded)
  const lat = t0
    .replace(/shch|sch/g, '\uE004')
    .replace(/tsch|tch|ch/g, '\uE001')
    .replace(/sh/g, '\uE002')
    .replace(/zh/g, '\uE003')
    .replace(/ts|tz/g, '\uE005')
    .replace(/kh/g, 'g')
    .replace(/ck/g, 'k')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/[cq]/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/w/g, 'v')
    .replace(/[yj]/g, 'i')
    .replace(/h/g, 'g');
  let out = '';
  for (const ch of lat) out += CYR[ch] ?? ch;
  return out
    .replace(/'/g, '')
    .replace(/[^a-z0-9\uE001-\uE005]+/g, '-')
    .replace(/([a-z\uE001-\uE005])\1+/g, '$1')
    // Latin x as Cyrillic spells it, voiced or not (`Brexit` = `Брекзит` = `Брексит`)
    .replace(/[kg]z/g, 'ks')
    .replace(/\uE001/g, 'ch')
    .replace(/\uE002/g, 'sh')
    .replace(/\uE003/g, 'zh')
    .replace(/\uE004/g, 'shch')
    .replace(/\uE005/g, 'ts')
    .replace(/^-+|-+$/g, '');
}

/**
 * The stem of one word of a transliteration-folded key for matching a name across Russian and
 * Ukrainian: final vowels dropped (the inflection and gender endings that differ between the two,
 * ru `-ая`/`-ое`/`-ые` vs uk `-а`/`-е`/`-і`: `Консервативная` = `Консервативна`), and the genitive plural
 * uk `-ів` = ru `-ов` (`міністрів` = `министров`). Digits and short words stay.
 */
export function stemWord(w: string): string {
  if (/\d/.test(w)) return w;
  let s = w.replace(/[aeiou]+$/, '');
  if (s.length < 3) return w;
  if (s.length >= 6) s = s.replace(/iv$/, 'ov');
  return s;
}

/**
 * Cross-lingual key of a multiword name: each word of `translitKey` stemmed (`stemWord`) and, where a
 * learned ru↔uk word table knows it, replaced by its Russian counterpart (`Північна` -> `Северная`:
 * table `pivnichn` -> `severn`). `Північна Ірландія` = `Северная Ирландия`; `Кабінет міністрів` =
 * `Кабинет министров`.
 */
export function crossKey(s: string, table?: Record<string, string>): string {
  const k = translitKey(s);
  if (!k) return k;
  // (a loop, not split().map().join(): the map's array is of another kind when map runs inlined in
  // optimised code, and the join then deoptimised the callers)
  const ws = k.split('-');
  let out = '';
  for (let i = 0; i < ws.length; i++) {
    const st = stemWord(ws[i]);
    out += (i ? '-' : '') + (table?.[st] ?? st);
  }
  return out;
}
