/**
 * The knowledge-base gazetteer of the tagger: every known form of the KB entities that do NOT come
 * from the training annotations (the curated people, bodies, outlets and places of
 * `src/entities/kb/curated.json`, and the countries), so the feature means the same on training
 * documents and on new text. Forms are tokenised by the project's tokenizer.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { EntityType, Token } from '../../src/doc/model.js';
import { Gazetteer } from '../../src/entities/ner/gazetteer.js';

interface KbFile {
  entities: { id: string; type: EntityType; names: Record<string, string>; aliases?: Record<string, string[]> }[];
  forms: Record<string, Record<string, [string, string][]>>;
}

export function kbGazetteer(
  root: string,
  tokenize: (s: string) => Token[],
  skip: (norms: string[]) => boolean = () => false,
): { gaz: Gazetteer; entities: number; forms: number; skipped: number } | null {
  const kbPath = join(root, 'src/entities/kb/data/kb.json');
  const curPath = join(root, 'src/entities/kb/curated.json');
  if (!existsSync(kbPath) || !existsSync(curPath)) return null;
  const kb = JSON.parse(readFileSync(kbPath, 'utf8')) as KbFile;
  const cur = JSON.parse(readFileSync(curPath, 'utf8')) as { entities: { id: string }[] };
  const ids = new Set(cur.entities.map((e) => e.id));
  // countries: names from i18n-iso-countries, as the KB build takes them
  const require = createRequire(import.meta.url);
  const countries = require('i18n-iso-countries') as { registerLocale(l: unknown): void; getNames(l: string, o: { select: 'all' }): Record<string, string[]> };
  countries.registerLocale(require('i18n-iso-countries/langs/en.json'));
  const countryNames = new Set(Object.values(countries.getNames('en', { select: 'all' })).flat().map((n) => n.toLowerCase()));
  for (const e of kb.entities) if (e.type === 'LOC' && e.names.en && countryNames.has(e.names.en.toLowerCase())) ids.add(e.id);
  const type = new Map(kb.entities.filter((e) => ids.has(e.id)).map((e) => [e.id, e.type]));
  const gaz = new Gazetteer();
  let forms = 0;
  let skipped = 0;
  const add = (form: string, t: EntityType) => {
    const norms = tokenize(form).map((x) => x.norm);
    if (!norms.length || norms.length > 8) return;
    if (skip(norms)) {
      skipped++;
      return;
    }
    gaz.addPhrase(norms, t);
    forms++;
  };
  for (const e of kb.entities) {
    const t = type.get(e.id);
    if (!t) continue;
    for (const n of Object.values(e.names)) add(n, t);
    for (const list of Object.values(e.aliases ?? {})) for (const n of list) add(n, t);
  }
  for (const lang of Object.keys(kb.forms).sort()) {
    const f = kb.forms[lang];
    for (const form of Object.keys(f).sort()) {
      for (const [id] of f[form]) {
        const t = type.get(id);
        if (t) {
          add(form, t);
          break;
        }
      }
    }
  }
  return { gaz, entities: type.size, forms, skipped };
}

/** Lower-cased known forms (names, aliases, case forms) of the given KB entities in one language. */
export function kbForms(root: string, ids: readonly string[], lang: string): Set<string> {
  const kbPath = join(root, 'src/entities/kb/data/kb.json');
  const out = new Set<string>();
  if (!existsSync(kbPath)) return out;
  const kb = JSON.parse(readFileSync(kbPath, 'utf8')) as KbFile;
  const want = new Set(ids);
  for (const e of kb.entities) {
    if (!want.has(e.id)) continue;
    if (e.names[lang]) out.add(e.names[lang].toLowerCase());
    for (const a of e.aliases?.[lang] ?? []) out.add(a.toLowerCase());
  }
  for (const [form, cands] of Object.entries(kb.forms[lang] ?? {})) if (cands.some(([id]) => want.has(id))) out.add(form.toLowerCase());
  return out;
}
