/**
 * Keys for matching names: `normKey` (case, ё, apostrophes, quotes and dashes folded) for look-ups
 * inside one language, and `translitKey` — a Latin skeleton that is the same for the Russian,
 * Ukrainian and Latin spellings of a name (`Песков` = `Пєсков` = `Peskov` -> `peskov`;
 * `Зеленский` = `Зеленський` = `Zelensky` -> `zelenski`), used for `new:<TYPE>:<key>` ids.
 */

const QUOTE_RE = /["«»“”„‟]/g;
const APOS_RE = /[’ʼ`´‘]/g;

/** Lower case, ё->е, apostrophes unified, quote marks dropped, dashes/space runs unified. */
export function normKey(s: string): string {
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

const CYR: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', є: 'e', э: 'e', ё: 'e', ж: 'zh', з: 'z',
  и: 'i', і: 'i', ї: 'i', ы: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r',
  с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sch', ь: '', ъ: '', ю: 'iu',
  я: 'ia', "'": '',
};

/**
 * Transliteration-folded skeleton: Cyrillic (ru and uk) and Latin spellings map to one Latin string.
 * и/і/ї/ы/й/y -> i, е/є/э -> e, г/ґ/х/h -> g, ь/ъ/' dropped, c/ck/q -> k, w -> v, doubled letters
 * collapsed, `kh`/`ch`... kept as digraphs; diacritics removed; non-letters become single dashes.
 */
export function translitKey(s: string): string {
  let t = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC').toLowerCase().replace(APOS_RE, "'");
  let out = '';
  for (const ch of t) out += CYR[ch] ?? ch;
  t = out
    .replace(/'/g, '')
    .replace(/kh/g, 'h')
    .replace(/ck/g, 'k')
    .replace(/ph/g, 'f')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/[cq]/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/w/g, 'v')
    .replace(/[yj]/g, 'i')
    .replace(/h/g, 'g')
    .replace(/ts/g, 'z')
    .replace(/sch/g, 'sh')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/([a-z])\1+/g, '$1')
    .replace(/^-+|-+$/g, '');
  return t;
}
