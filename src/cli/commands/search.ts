/**
 * `parley search`: loads only what a search uses — the search code of the store (not the corpus
 * code nor the migrations, src/store/sqlite-search.ts) and the morphology service, whose analysers
 * load one language at a time as the query's words need them (no pipeline, no NER model).
 */
import { existsSync } from 'node:fs';
import { connectSearchStore, describeLocation, isPostgresUrl, type SearchStore } from '../../store/open.js';
import { loadQueryLemmatizer } from '../../store/lemmatizer.js';
import type { Lemmatizer } from '../../store/types.js';
import { CliError, EXIT } from '../exit.js';
import { bold, dim, isTTY, line, shorten } from '../output.js';

const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export interface SearchOptions {
  db: string;
  lang?: string;
  from?: string;
  to?: string;
  outlet?: string;
  entity?: string;
  limit: number;
  json?: boolean;
  marks?: string;
}

/** The morphology of the analysis pipeline, to lemmatise query words the way articles were. */
async function queryLemmatizer(): Promise<Lemmatizer | undefined> {
  try {
    return await loadQueryLemmatizer();
  } catch {
    process.stderr.write('parley: morphology not available; matching surface forms only\n');
    return undefined;
  }
}

async function openForSearch(location: string, lemmatizer?: Lemmatizer): Promise<SearchStore> {
  const path = location.replace(/^sqlite:/, '');
  if (!isPostgresUrl(location) && path !== ':memory:' && !existsSync(path))
    throw new CliError(`no database at ${location} (run \`parley ingest FILES --db ${location}\` first)`);
  try {
    return await connectSearchStore(location, { lemmatizer });
  } catch (e) {
    throw new CliError(`cannot open database ${describeLocation(location)}: ${(e as Error).message}`);
  }
}

/** --from / --to: YYYY, YYYY-MM or YYYY-MM-DD (the other read commands check theirs here too) */
export function checkDates(o: { from?: string; to?: string }): void {
  for (const k of ['from', 'to'] as const) {
    const v = o[k];
    if (v !== undefined && !DATE_RE.test(v)) throw new CliError(`--${k} ${v}: not a date (use YYYY, YYYY-MM or YYYY-MM-DD)`, EXIT.USAGE);
  }
}

export async function searchCommand(words: string[], o: SearchOptions): Promise<number> {
  checkDates(o);
  const text = words.join(' ');
  const store = await openForSearch(o.db, await queryLemmatizer());
  try {
    const mark: [string, string] =
      o.marks === 'ansi' || (!o.marks && !o.json && isTTY(process.stdout))
        ? ['\x1b[1m', '\x1b[22m']
        : o.marks === 'guillemets'
          ? ['«', '»']
          : ['[[', ']]'];
    const r = await store.search({ text, lang: o.lang, from: o.from, to: o.to, outlet: o.outlet, entity: o.entity, limit: o.limit, mark });
    if (o.json) {
      await line(JSON.stringify(r));
      return EXIT.OK;
    }
    const expanded = r.terms.map((t) => `${t.word}→${t.lemmas.join('|')}`).join(' ');
    await line(dim(`${r.total} article${r.total === 1 ? '' : 's'} match ${JSON.stringify(text)} (${expanded})${r.total > r.hits.length ? `, showing ${r.hits.length}` : ''}`));
    let i = 0;
    for (const h of r.hits) {
      i++;
      await line(`\n${i}. ${bold(shorten(h.title ?? h.lead, 100))}`);
      await line(dim(`   ${[h.lang, h.published ?? 'no date', h.outlet].filter(Boolean).join(' · ')} · ${h.id}${h.path || h.url ? ` · ${h.url ?? h.path}` : ''}`));
      await line(`   ${h.snippet}`);
    }
    return EXIT.OK;
  } finally {
    await store.close();
  }
}
