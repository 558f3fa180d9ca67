/**
 * Builds the knowledge base the `entities` stage loads: src/entities/kb/data/kb.json.
 *
 *   npx tsx scripts/build-kb.ts [--shared ../shared]
 *
 * Sources (licences in src/entities/kb/SOURCE.md):
 *  - src/entities/kb/curated.json: current office holders, institutions, bodies, outlets, places;
 *  - countries: Intl.DisplayNames (CLDR) + i18n-iso-countries (ru/uk/en) + scripts/kb/countries.json;
 *  - SlavicNER TRAIN topics only (asia_bibi, brexit, covid-19, ryanair): cross-lingual ids, lemmas
 *    per language, every observed surface form -> lemma;
 *  - NEREL (train+dev): Wikidata-linked person/country/city/organisation mentions -> names, forms;
 *  - case forms of Russian person names generated with petrovich.
 * Also rebuilds the mention lemmatiser (src/entities/link/data/lemma-model.json).
 */
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityType } from '../src/doc/model.js';
import type { KbEntity, KbLang, KbRole } from '../src/entities/kb/api.js';
import { normKey, translitKey } from '../src/entities/kb/keys.js';
import { projectRoot } from '../src/pipeline/resources.js';
import { learn, readSlavicner, TRAIN_TOPICS, type Pair } from './kb/build-lemma-model.js';
import { ukNameForms } from '../src/entities/link/declension.js';
import { learnWordTable } from './kb/build-word-table.js';

const require = createRequire(import.meta.url);
const LANGS: KbLang[] = ['ru', 'uk', 'en'];

const argi = process.argv.indexOf('--shared');
const SHARED = argi > 0 ? process.argv[argi + 1] : join(projectRoot, '../shared');
// `--exclude TOPIC --out DIR`: a leave-one-topic-out build (the eval measures the KB on a train topic
// it was not built from); writes DIR/kb.json and DIR/lemma-model.json instead of the shipped files
const exi = process.argv.indexOf('--exclude');
const EXCLUDE = exi > 0 ? process.argv[exi + 1] : null;
const outi = process.argv.indexOf('--out');
const OUT = outi > 0 ? process.argv[outi + 1] : null;

interface CuratedRow {
  id: string;
  type: EntityType;
  g?: 'm' | 'f';
  ru?: string;
  uk?: string;
  en?: string;
  alias?: Partial<Record<KbLang, string[]>>;
  aff?: string[];
  roles?: ({ of?: string; from?: string; to?: string } & Partial<Record<KbLang, string>>)[];
  wd?: string;
  /** `outlet`: a news outlet or agency */
  kind?: 'outlet';
}

/** Output: entities plus a form index lang -> normKey(form) -> [[id, lemma], ...] */
interface KbFile {
  built: string;
  entities: KbEntity[];
  forms: Record<string, Record<string, [string, string][]>>;
  /** learned uk -> ru word stems for cross-lingual keys (scripts/kb/build-word-table.ts) */
  words?: Record<string, string>;
}

const ents = new Map<string, KbEntity>();
/** ids created from annotated corpora (not curated, not countries) */
const derived = new Set<string>();
/** lang -> normKey(form) -> id -> lemma -> count */
const forms: Record<string, Map<string, Map<string, Map<string, number>>>> = { ru: new Map(), uk: new Map(), en: new Map() };
/** name index for merging: lang|normKey(name) -> ids */
const nameIdx = new Map<string, Set<string>>();

/** weight: corpus forms count once per occurrence; names and generated case forms of curated/known names weigh 100 */
function addForm(lang: string, form: string, id: string, lemma: string, weight = 1): void {
  const k = normKey(form);
  if (!k || !/^[\p{L}\p{N}\s'’ʼ.,«»"“”„&+\-–—()/№]+$/u.test(lemma)) return;
  let m = forms[lang].get(k);
  if (!m) forms[lang].set(k, (m = new Map()));
  let c = m.get(id);
  if (!c) m.set(id, (c = new Map()));
  c.set(lemma, (c.get(lemma) ?? 0) + weight);
}

function indexName(lang: string, name: string, id: string): void {
  const k = `${lang}|${normKey(name)}`;
  let s = nameIdx.get(k);
  if (!s) nameIdx.set(k, (s = new Set()));
  s.add(id);
  addForm(lang, name, id, name, 100);
}

function addAlias(e: KbEntity, lang: KbLang, name: string): void {
  name = name.trim();
  if (!name) return;
  if (!e.names[lang]) {
    e.names[lang] = name;
  } else if (normKey(e.names[lang]!) !== normKey(name)) {
    const a = ((e.aliases ??= {})[lang] ??= []);
    if (!a.some((x) => normKey(x) === normKey(name))) a.push(name);
  }
  indexName(lang, name, e.id);
}

function put(e: KbEntity): KbEntity {
  const had = ents.get(e.id);
  if (had) return had;
  ents.set(e.id, e);
  for (const l of LANGS) if (e.names[l]) indexName(l, e.names[l]!, e.id);
  for (const l of LANGS) for (const a of e.aliases?.[l] ?? []) indexName(l, a, e.id);
  return e;
}

// 1. curated
const curated = JSON.parse(readFileSync(join(projectRoot, 'src/entities/kb/curated.json'), 'utf8')) as { entities: CuratedRow[] };
for (const r of curated.entities) {
  const names: Partial<Record<KbLang, string>> = {};
  for (const l of LANGS) if (r[l]) names[l] = r[l];
  const roles: KbRole[] | undefined = r.roles?.map((x) => {
    const title: Partial<Record<KbLang, string>> = {};
    for (const l of LANGS) if (x[l]) title[l] = x[l];
    return { title, of: x.of, from: x.from, to: x.to };
  });
  put({ id: r.id, type: r.type, names, aliases: r.alias, gender: r.g, roles, affiliations: r.aff, wikidata: r.wd, kind: r.kind, src: 'curated' });
}

// 2. countries
const countries = require('i18n-iso-countries') as {
  registerLocale(l: unknown): void;
  getNames(l: string, o?: { select: 'all' | 'official' }): Record<string, string[] | string>;
};
for (const l of LANGS) countries.registerLocale(require(`i18n-iso-countries/langs/${l}.json`));
const over = JSON.parse(readFileSync(join(projectRoot, 'scripts/kb/countries.json'), 'utf8')).countries as Record<string, { id: string } & Partial<Record<KbLang, string[]>>>;
const all = Object.fromEntries(LANGS.map((l) => [l, countries.getNames(l, { select: 'all' }) as Record<string, string[]>]));
const slug = (s: string) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
for (const code of Object.keys(all.en)) {
  const dn = Object.fromEntries(LANGS.map((l) => [l, new Intl.DisplayNames([l], { type: 'region' }).of(code)]));
  const o = over[code];
  const id = o?.id ?? slug(dn.en ?? code);
  let e = ents.get(id);
  if (!e) {
    const names: Partial<Record<KbLang, string>> = {};
    for (const l of LANGS) names[l] = o?.[l]?.[0] ?? dn[l];
    e = put({ id, type: 'LOC', names, src: 'countries' });
  }
  for (const l of LANGS) {
    for (const n of o?.[l] ?? []) addAlias(e, l, n);
    if (dn[l]) addAlias(e, l, dn[l]!);
    for (const raw of all[l][code] ?? []) {
      // `КНР (Китайская Народная Республика)` -> both parts; `Korea, Republic of` skipped
      if (raw.includes(',')) continue;
      const m = /^(.*?)\s*\((.*)\)$/.exec(raw);
      if (m) {
        // `КНР (Китайская Народная Республика)`: both; `Внешние малые острова (США)`: not the part in brackets
        addAlias(e, l, m[1]);
        if (/^\p{Lu}{2,}$/u.test(m[1])) addAlias(e, l, m[2]);
      } else addAlias(e, l, raw);
    }
  }
}

// 3. SlavicNER train topics
const pairs: Pair[] = readSlavicner(SHARED, TRAIN_TOPICS.filter((t) => t !== EXCLUDE));
// a surface form used for several referents (`МИД` for the Foreign Office and for Russia's MFA) is
// not a name of any one of them: such forms are not indexed
const formXids = new Map<string, Map<string, number>>();
for (const p of pairs) {
  const k = `${p.lang}|${normKey(p.surface)}`;
  let m = formXids.get(k);
  if (!m) formXids.set(k, (m = new Map()));
  m.set(p.id, (m.get(p.id) ?? 0) + 1);
}
const ambiguousForm = (lang: string, surface: string, xid: string): boolean => {
  const m = formXids.get(`${lang}|${normKey(surface)}`);
  if (!m || m.size < 2) return false;
  let tot = 0;
  for (const v of m.values()) tot += v;
  return (m.get(xid) ?? 0) / tot < 0.8;
};
const byXid = new Map<string, Pair[]>();
for (const p of pairs) {
  if (!p.id || p.id === 'null') continue;
  let a = byXid.get(p.id);
  if (!a) byXid.set(p.id, (a = []));
  a.push(p);
}
const typeOk = (kbType: EntityType, t: EntityType) => (kbType === 'PER') === (t === 'PER');
/** The existing entity a name denotes: its canonical name first, then the earliest added (curated, countries). */
function pickTarget(lang: string, name: string, type: EntityType): KbEntity | undefined {
  const ids = [...(nameIdx.get(`${lang}|${normKey(name)}`) ?? [])].map((id) => ents.get(id)!).filter((e) => typeOk(e.type, type));
  if (!ids.length) return undefined;
  return ids.find((e) => normKey(e.names[lang as KbLang] ?? '') === normKey(name)) ?? ids[0];
}
let merged = 0;
let created = 0;
for (const [xid, ps] of byXid) {
  if (ps.length < 2) continue;
  const tcount = new Map<EntityType, number>();
  for (const p of ps) tcount.set(p.type, (tcount.get(p.type) ?? 0) + 1);
  const type = [...tcount].sort((a, b) => b[1] - a[1])[0][0];
  const lemmas: Record<string, Map<string, number>> = { ru: new Map(), uk: new Map() };
  for (const p of ps) lemmas[p.lang].set(p.lemma, (lemmas[p.lang].get(p.lemma) ?? 0) + 1);
  const top = (l: string) => [...lemmas[l]].sort((a, b) => b[1] - a[1] || (/^\p{Lu}/u.test(a[0]) ? -1 : 1))[0]?.[0];
  // an existing entity with one of these names?
  let target: KbEntity | undefined;
  for (const l of ['ru', 'uk'] as const) {
    // the most frequent lemma; for persons also any full name (`Дмитрий Песков` when `Песков` dominates)
    const tries = [top(l), ...(type === 'PER' ? [...lemmas[l].keys()].filter((x) => /\s/.test(x)) : [])];
    for (const lem of tries.filter((x): x is string => !!x)) {
      target = pickTarget(l, lem, type);
      if (target) break;
    }
    if (target) break;
  }
  if (target) merged++;
  else {
    let id = slug(xid.replace(/^(PER|ORG|LOC|GPE|EVT|PRO)-/, ''));
    if (!id || ents.has(id)) id = slug(xid);
    if (ents.has(id)) continue;
    const names: Partial<Record<KbLang, string>> = {};
    for (const l of ['ru', 'uk'] as const) if (top(l)) names[l] = top(l);
    names.en = xid.replace(/^(PER|ORG|LOC|GPE|EVT|PRO)-/, '').replace(/-/g, ' ');
    let gender: 'm' | 'f' | undefined;
    if (type === 'PER' && names.ru) gender = /(ова|ева|ина|ая|ская)$/.test(names.ru) ? 'f' : /(ов|ев|ин|ий|ой)$/.test(names.ru) ? 'm' : undefined;
    target = put({ id, type: type === 'PER' ? 'PER' : type, names, gender, src: 'slavicner' });
    derived.add(id);
    created++;
  }
  for (const l of ['ru', 'uk'] as const) {
    for (const [lem, n] of lemmas[l]) {
      if (n < 2 || !/^\p{Lu}/u.test(lem) || ambiguousForm(l, lem, xid)) continue;
      // the name of another entity (`Гонконг` annotated with China's id) is not an alias
      const other = pickTarget(l, lem, target.type);
      if (other && other.id !== target.id) continue;
      // a person's alias must share the surname of one of the person's names (annotation slips out)
      if (target.type === 'PER') {
        const sur = (x: string) => translitKey(x.split(/[\s.]+/).filter(Boolean).pop() ?? '');
        const known = LANGS.flatMap((x) => [target!.names[x], ...(target!.aliases?.[x] ?? [])]).filter((x): x is string => !!x).map(sur);
        const a = sur(lem);
        if (!known.some((k) => k.length >= 3 && (a.startsWith(k.slice(0, Math.max(3, k.length - 2))) || k.startsWith(a.slice(0, Math.max(3, a.length - 2)))))) continue;
      }
      addAlias(target, l, lem);
    }
  }
  for (const p of ps) if (!ambiguousForm(p.lang, p.surface, xid)) addForm(p.lang, p.surface, target.id, p.lemma);
}
console.log(`SlavicNER: ${byXid.size} cross-lingual ids, ${merged} merged into curated/countries, ${created} new entities`);

// 4. NEREL: Wikidata-linked names (train+dev), persons and places/organisations seen at least twice
const nerelTypes: Record<string, EntityType> = { PERSON: 'PER', COUNTRY: 'LOC', CITY: 'LOC', STATE_OR_PROV: 'LOC', ORGANIZATION: 'ORG' };
const nerel = new Map<string, { label: string; type: EntityType; surfaces: string[] }>();
for (const part of ['train', 'dev']) {
  const dir = join(SHARED, 'data/nerel', part);
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.ann')) continue;
    const spans = new Map<string, { type: string; text: string }>();
    const lines = readFileSync(join(dir, f), 'utf8').split('\n');
    for (const ln of lines) {
      const m = /^(T\d+)\t(\S+) [\d; ]+\t(.*)$/.exec(ln);
      if (m) spans.set(m[1], { type: m[2], text: m[3] });
    }
    for (const ln of lines) {
      const m = /^N\d+\tReference (T\d+) Wikidata:(Q\d+)\t(.*)$/.exec(ln);
      if (!m) continue;
      const sp = spans.get(m[1]);
      const t = sp && nerelTypes[sp.type];
      if (!sp || !t) continue;
      let r = nerel.get(m[2]);
      if (!r) nerel.set(m[2], (r = { label: m[3].trim(), type: t, surfaces: [] }));
      r.surfaces.push(sp.text);
    }
  }
}
let nerelAdded = 0;
let nerelMerged = 0;
for (const [q, r] of nerel) {
  if (r.surfaces.length < 2 || !/^\p{Lu}/u.test(r.label)) continue;
  let target: KbEntity | undefined = pickTarget('ru', r.label, r.type);
  // or the name most of its mentions are written as (`США` for `Соединённые Штаты Америки`)
  if (!target) {
    const c = new Map<string, number>();
    for (const s of r.surfaces) c.set(s, (c.get(s) ?? 0) + 1);
    const top = [...c].sort((a, b) => b[1] - a[1])[0][0];
    target = pickTarget('ru', top, r.type);
  }
  if (target) {
    target.wikidata ??= q;
    nerelMerged++;
  } else {
    const id = `wd-${q.toLowerCase()}`;
    target = put({ id, type: r.type, names: { ru: r.label }, wikidata: q, src: 'nerel' });
    derived.add(id);
    nerelAdded++;
  }
  // surfaces equal to the label, or single words of a person's label, are safe forms
  for (const s of r.surfaces) if (normKey(s) === normKey(r.label)) addForm('ru', s, target.id, r.label);
}
console.log(`NEREL: ${nerel.size} linked entities, ${nerelMerged} merged, ${nerelAdded} added`);

// 5. case forms of Russian person names (petrovich)
const petrovich = require('petrovich') as (p: { gender: string; first?: string; last?: string }, c: string) => { first?: string; last?: string };
const CASES = ['genitive', 'dative', 'accusative', 'instrumental', 'prepositional'];
let pforms = 0;
for (const e of ents.values()) {
  if (e.type !== 'PER' || !e.names.ru) continue;
  const words = e.names.ru.split(' ');
  if (words.length !== 2 || !/^\p{Lu}/u.test(words[0]) || !/^\p{Lu}/u.test(words[1])) continue;
  const gender = e.gender === 'f' ? 'female' : 'male';
  for (const c of CASES) {
    try {
      const r = petrovich({ gender, first: words[0], last: words[1] }, c);
      if (r.first && r.last) {
        addForm('ru', `${r.first} ${r.last}`, e.id, e.names.ru, 100);
        addForm('ru', r.last, e.id, words[1], 100);
        pforms++;
      }
    } catch {
      /* petrovich has no rule: the lemmatiser covers it */
    }
  }
}
console.log(`petrovich: ${pforms} case forms`);

// 6. case forms of Ukrainian person names (declension classes, src/entities/link/declension.ts)
let ukforms = 0;
for (const e of ents.values()) {
  if (e.type !== 'PER') continue;
  for (const name of [e.names.uk, ...(e.aliases?.uk ?? [])]) {
    if (!name || !/^\p{Lu}/u.test(name) || /[^\p{L}'’ʼ\s-]/u.test(name)) continue;
    const words = name.split(' ');
    const { full, last } = ukNameForms(name, e.gender);
    for (const f of full) addForm('uk', f, e.id, name, 100);
    for (const f of last) addForm('uk', f, e.id, words[words.length - 1], 100);
    ukforms += full.length + last.length;
  }
}
console.log(`uk name declension: ${ukforms} case forms`);

// generic heads: a form that begins the names of several other entities (`МИД` of `МИД России`,
// `МИД Украины`...) names a kind of institution, not one of them
const prefixOf = new Map<string, Set<string>>();
for (const [k, ids] of nameIdx) {
  const [lang, name] = [k.slice(0, k.indexOf('|')), k.slice(k.indexOf('|') + 1)];
  const w = name.split(' ');
  for (let i = 1; i < w.length; i++) {
    const pk = `${lang}|${w.slice(0, i).join(' ')}`;
    let s = prefixOf.get(pk);
    if (!s) prefixOf.set(pk, (s = new Set()));
    for (const id of ids) s.add(id);
  }
}
let generic = 0;
for (const l of LANGS) {
  for (const [k, m] of forms[l]) {
    const others = prefixOf.get(`${l}|${k}`);
    if (!others) continue;
    for (const id of [...m.keys()]) {
      const e = ents.get(id)!;
      // a country's own names and aliases (`US` of `US Army`, `US Senate`) stay: a country is no kind of institution
      const canonical =
        (!derived.has(id) && LANGS.some((x) => normKey(e.names[x] ?? '') === k)) ||
        (e.src === 'countries' && LANGS.some((x) => (e.aliases?.[x] ?? []).some((a) => normKey(a) === k)));
      if (!canonical && [...others].filter((o) => o !== id).length >= 2) {
        m.delete(id);
        generic++;
      }
    }
    if (!m.size) forms[l].delete(k);
  }
}
console.log(`generic heads dropped from the form index: ${generic}`);

// news outlets: curated rows say so; any other organisation named like an outlet of the ingest list
// (src/ingest/outlets.json: names and aliases, the list the readers detect publishers with)
const foldOutlet = (s: string) => s.toLowerCase().replace(/ё/g, 'е').replace(/[«»"“”„']/g, '').replace(/\s+/g, ' ').trim();
const outletNames = new Set<string>();
for (const o of (JSON.parse(readFileSync(join(projectRoot, 'src/ingest/outlets.json'), 'utf8')) as { outlets: { name: string; names: Record<string, string>; aliases: string[] }[] }).outlets)
  for (const n of [o.name, ...Object.values(o.names), ...o.aliases]) if (n) outletNames.add(foldOutlet(n));
let outlets = 0;
for (const e of ents.values()) {
  // an organisation by any of its names; a title (PRO: newspapers, but also `Спутник V`) by its canonical name
  const named = (n: string | undefined) => !!n && outletNames.has(foldOutlet(n));
  if (!e.kind && e.type === 'ORG' && LANGS.some((l) => named(e.names[l]) || (e.aliases?.[l] ?? []).some(named))) e.kind = 'outlet';
  if (!e.kind && e.type === 'PRO' && LANGS.some((l) => named(e.names[l]))) e.kind = 'outlet';
  if (e.kind === 'outlet') outlets++;
}
console.log(`outlets: ${outlets}`);

// ru<->uk word table for cross-lingual keys: the ru and uk base forms of one SlavicNER id (train topics
// only), and the ru and uk names and aliases of every KB entity
const namePairs: [string, string][] = [];
for (const ps of byXid.values()) {
  const ru = new Set(ps.filter((p) => p.lang === 'ru').map((p) => p.lemma));
  const uk = new Set(ps.filter((p) => p.lang === 'uk').map((p) => p.lemma));
  for (const r of ru) for (const u of uk) namePairs.push([r, u]);
}
for (const e of ents.values()) {
  const ru = [e.names.ru, ...(e.aliases?.ru ?? [])].filter((x): x is string => !!x);
  const uk = [e.names.uk, ...(e.aliases?.uk ?? [])].filter((x): x is string => !!x);
  for (const r of ru) for (const u of uk) namePairs.push([r, u]);
}
const wt = learnWordTable(namePairs);
console.log(`word table: ${Object.keys(wt.table).length} uk->ru stems from ${wt.names} aligned name pairs`);

// write
const out: KbFile = { built: new Date().toISOString().slice(0, 10), entities: [...ents.values()], forms: {}, words: wt.table };
for (const l of LANGS) {
  const o: Record<string, [string, string][]> = {};
  for (const [k, m] of [...forms[l]].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    // ids by how often the form names them; each with its most frequent lemma
    const rows = [...m].map(([id, c]) => {
      const best = [...c].sort((a, b) => b[1] - a[1])[0];
      let n = 0;
      for (const v of c.values()) n += v;
      return { id, lemma: best[0], n };
    });
    rows.sort((a, b) => b.n - a.n);
    o[k] = rows.map((r) => [r.id, r.lemma]);
  }
  out.forms[l] = o;
}
const dir = OUT ?? join(projectRoot, 'src/entities/kb/data');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'kb.json'), JSON.stringify(out));
console.log(`kb.json: ${out.entities.length} entities; forms ru ${Object.keys(out.forms.ru).length}, uk ${Object.keys(out.forms.uk).length}, en ${Object.keys(out.forms.en).length}`);

const lm = learn(pairs);
const lmDir = OUT ?? join(projectRoot, 'src/entities/link/data');
mkdirSync(lmDir, { recursive: true });
writeFileSync(join(lmDir, 'lemma-model.json'), JSON.stringify(lm));
console.log('lemma-model.json rebuilt');
