/**
 * Case forms of Ukrainian person names (first names and surnames), by the declension classes of
 * Ukrainian grammar: masculine hard/soft/sibilant consonant stems (Путін, Лавров, Емманюель), -ський/
 * -цький adjectival surnames (Зеленський), -ій (Андрій), -а/-я (Сибіга, Марія, with the г/к/х -> з/ц/с
 * alternation in the dative/locative), -о after a consonant (Марко, Порошенко), feminine -ова/-ева/-іна
 * (Захарова); feminine consonant-final and vowel-final foreign names (Каллас, Рубіо, Рютте) do not decline.
 * Used at build time only (the runtime reads the forms from the KB).
 */

export type Gender = 'm' | 'f' | undefined;

const SIB = /[жчшщ]$/;
const ALT: Record<string, string> = { г: 'з', к: 'ц', х: 'с' };

/** Oblique case forms (Gen, Dat, Acc, Ins, Loc; several where usage varies) of one name word. */
export function ukWordForms(word: string, gender: Gender, surname = false): string[] {
  const w = word;
  const low = w.toLowerCase();
  const out: string[] = [];
  const add = (stemCut: number, ...ends: string[]) => {
    const stem = w.slice(0, w.length - stemCut);
    for (const e of ends) out.push(stem + e);
  };
  if (gender === 'f') {
    if (/(ова|ева|єва|іна|їна)$/.test(low)) add(1, 'ої', 'ій', 'у', 'ою');
    else if (/ська$|цька$/.test(low)) add(1, 'ої', 'ій', 'у', 'ою');
    else if (/[^аеєиіїоуюя]а$/.test(low)) {
      const c = low[low.length - 2];
      const alt = ALT[c];
      add(1, SIB.test(low.slice(0, -1)) ? 'і' : 'и', 'у', 'ою');
      if (alt) out.push(w.slice(0, w.length - 2) + alt + 'і');
      else add(1, 'і');
    } else if (/ія$/.test(low)) add(1, 'ї', 'ю', 'єю');
    else if (/[аеиіоу]я$/.test(low)) add(1, 'ї', 'ю', 'єю'); // Кая
    else if (/я$/.test(low)) add(1, 'і', 'ю', 'ею');
    return out; // consonant-final or other vowel-final feminine names do not decline
  }
  if (surname && /(ов|ев|єв|ін|їн)$/.test(low)) add(0, 'а', 'у', 'ові', 'им', 'ім'); // Лавровим, Путіним
  else if (/(ський|цький|зький)$/.test(low)) add(2, 'ого', 'ому', 'им', 'ім');
  else if (/ий$/.test(low)) add(2, 'ого', 'ому', 'им', 'ім');
  else if (/ій$/.test(low)) add(1, 'я', 'ю', 'єві', 'єм', 'ї');
  else if (/[^аеєиіїоуюя]о$/.test(low)) add(1, 'а', 'у', 'ові', 'ом');
  else if (/[^аеєиіїоуюя]а$/.test(low)) {
    const c = low[low.length - 2];
    const alt = ALT[c];
    add(1, SIB.test(low.slice(0, -1)) ? 'і' : 'и', 'у', 'ою');
    if (alt) out.push(w.slice(0, w.length - 2) + alt + 'і');
    else add(1, 'і');
  } else if (/я$/.test(low)) add(1, 'і', 'ю', 'ею');
  else if (/ь$/.test(low)) add(1, 'я', 'ю', 'еві', 'ем', 'і');
  else if (/й$/.test(low)) add(1, 'я', 'ю', 'єві', 'єм');
  else if (/[бвгґдзклмнпрстфхц]$/.test(low)) add(0, 'а', 'у', 'ові', 'ом', 'і');
  else if (SIB.test(low)) add(0, 'а', 'у', 'еві', 'ем', 'і');
  return out;
}

/** Case forms of a full name "First Last" (same case in both words) and of the surname alone. */
export function ukNameForms(name: string, gender: Gender): { full: string[]; last: string[] } {
  const words = name.split(' ');
  if (words.length === 1) return { full: [], last: ukWordForms(words[0], gender, true) };
  const first = words[0];
  const last = words[words.length - 1];
  const fF = ukWordForms(first, gender);
  const lF = ukWordForms(last, gender, true);
  const mid = words.slice(1, -1).join(' ');
  const full: string[] = [];
  // every combination (the two words agree in case; a few impossible pairs are harmless: they only
  // ever point at this person)
  for (const a of [first, ...fF]) for (const b of [last, ...lF]) if (a !== first || b !== last) full.push([a, mid, b].filter(Boolean).join(' '));
  return { full: [...new Set(full)], last: lF };
}

/** Oblique case forms of one Russian name word (the common classes; petrovich covers the rest at build time). */
export function ruWordForms(word: string, gender: Gender, surname = false): string[] {
  const w = word;
  const low = w.toLowerCase();
  const out: string[] = [];
  const add = (cut: number, ...ends: string[]) => {
    const stem = w.slice(0, w.length - cut);
    for (const e of ends) out.push(stem + e);
  };
  if (gender === 'f') {
    if (surname && /(ова|ева|ёва|ина|ына)$/.test(low)) add(1, 'ой', 'у');
    else if (/(ская|цкая)$/.test(low)) add(2, 'ой', 'ую');
    else if (/[гкхжчшщ]а$/.test(low)) add(1, 'и', 'е', 'у', 'ой');
    else if (/[^аеёиоуыэюя]а$/.test(low)) add(1, 'ы', 'е', 'у', 'ой');
    else if (/ия$/.test(low)) add(1, 'и', 'ю', 'ей');
    else if (/я$/.test(low)) add(1, 'и', 'е', 'ю', 'ей');
    return out;
  }
  if (surname && /(ов|ев|ёв|ин|ын)$/.test(low)) add(0, 'а', 'у', 'ым', 'е');
  else if (/(ский|цкий)$/.test(low)) add(2, 'ого', 'ому', 'им', 'ом');
  else if (/ий$/.test(low)) add(1, 'я', 'ю', 'ем', 'и');
  else if (/[^аеёиоуыэюя]а$/.test(low)) add(1, /[гкхжчшщ]а$/.test(low) ? 'и' : 'ы', 'е', 'у', 'ой');
  else if (/ь$/.test(low)) add(1, 'я', 'ю', 'ем', 'е');
  else if (/й$/.test(low)) add(1, 'я', 'ю', 'ем', 'е');
  else if (/[жчшщц]$/.test(low)) add(0, 'а', 'у', 'ем', 'е');
  else if (/[бвгдзклмнпрстфх]$/.test(low)) add(0, 'а', 'у', 'ом', 'е');
  return out;
}

/** The base form of an inflected name word among `candidates` whose paradigm produces it, or null. */
export function baseFromParadigm(word: string, lang: string, gender: Gender, candidates: string[], surname: boolean, prefer?: (c: string) => boolean): string | null {
  const gen = lang === 'uk' ? ukWordForms : lang === 'ru' ? ruWordForms : null;
  if (!gen) return null;
  // impossible spellings out: a soft sign or й-ending stem after a vowel (`Андріь`, `Андріий`)
  const ok = candidates.filter((c) => !/[аеєиіїоуюяыэё](ь|ий|ій|ы|и|і|а|я|о|е)$/iu.test(c) || /(ія|ея|ая|оя|уя|ия)$/iu.test(c));
  const hits = ok.filter((c) => gen(c, gender, surname).includes(word));
  if (!hits.length) return null;
  return (prefer && hits.find(prefer)) || hits[0];
}

const CASE_ENDINGS = ['ами', 'ями', 'ові', 'еві', 'єві', 'ого', 'ому', 'ими', 'іми', 'ом', 'ем', 'єм', 'им', 'ім', 'ою', 'ею', 'єю', 'ой', 'ей', 'ах', 'ях', 'ам', 'ям', 'ов', 'ів', 'а', 'я', 'у', 'ю', 'е', 'є', 'і', 'и', 'ы', ''];
const NOM_ENDINGS = ['', 'а', 'я', 'ь', 'й', 'ий', 'ій', 'о', 'е', 'и', 'і', 'ы'];

/** Possible base forms of an inflected name word, longest ending first (validated by the KB). */
export function baseCandidates(word: string): string[] {
  const out: string[] = [];
  const low = word.toLowerCase();
  for (const e of CASE_ENDINGS) {
    if (!low.endsWith(e) || low.length - e.length < 3) continue;
    const stem = word.slice(0, word.length - e.length);
    for (const n of NOM_ENDINGS) {
      const c = stem + n;
      if (c !== word && !out.includes(c)) out.push(c);
    }
  }
  return out;
}

