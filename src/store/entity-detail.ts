/**
 * An entity's names, type and roles as the entities list gives them, from its latest rows (newest
 * first), for both stores (sqlite-entity-detail.ts, postgres-entity-detail.ts remember them).
 */

export interface EntityDetail {
  type: string;
  /** the most frequent name; undefined when the entity has no row */
  name: string | undefined;
  names: Record<string, string>;
  roles: string[];
}

export const copyDetail = (d: EntityDetail): EntityDetail => ({ type: d.type, name: d.name, names: { ...d.names }, roles: [...d.roles] });

/**
 * names, type and roles of an entity's rows (newest first), each with `type`, `name`, `names` (KB
 * names, JSON or null) and `roles` (JSON or null) as stored; `langOf` gives a row's article language
 */
export function entityDetailOf<R extends Record<string, any>>(rows: R[], langOf: (r: R) => string): EntityDetail {
  const types = new Map<string, number>();
  const byLang = new Map<string, Map<string, number>>();
  const all = new Map<string, number>();
  const roles = new Map<string, number>();
  const given: Record<string, string> = {};
  // the KB names of an entity are the same string on most of its rows: parsed once each
  const parsed = new Map<string, Record<string, string>>();
  for (const d of rows) {
    const lang = langOf(d);
    bump(types, d.type);
    bump(all, d.name);
    bump(byLang.get(lang) ?? byLang.set(lang, new Map()).get(lang)!, d.name);
    if (d.names) {
      let p = parsed.get(d.names);
      if (!p) parsed.set(d.names, (p = JSON.parse(d.names) as Record<string, string>));
      Object.assign(given, p);
    }
    if (d.roles) for (const role of JSON.parse(d.roles) as string[]) bump(roles, role);
  }
  const names: Record<string, string> = { ...given };
  for (const [lang, m] of byLang) if (!names[lang]) names[lang] = top(m)!;
  return {
    type: top(types) ?? '',
    name: top(all),
    names,
    roles: [...roles.entries()].sort((x, y) => y[1] - x[1]).map(([k]) => k),
  };
}

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}
function top(m: Map<string, number>): string | undefined {
  let best: string | undefined;
  let n = -1;
  for (const [k, v] of m) if (v > n) [best, n] = [k, v];
  return best;
}
