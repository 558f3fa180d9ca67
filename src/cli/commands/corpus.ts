/**
 * The corpus commands: claims, claim, actors, actor, network, framing, export, corpus rebuild.
 * Thin: each calls the library functions of src/corpus/ (the HTTP API calls the same ones).
 */
import {
  CorpusError,
  contactNetwork,
  exportCorpus,
  framing,
  getActor,
  getClaim,
  listActors,
  listClaims,
  networkDot,
  networkGraphml,
  rebuildCorpus,
  requireArticles,
  type ClaimJson,
  type ClaimQuery,
} from '../../corpus/index.js';
import { getStory, listStories, staleCorpusWarning, StoryError, type StoryFilter } from '../../corpus/stories/index.js';
import type { Store } from '../../store/types.js';
import { CliError, EXIT } from '../exit.js';
import { bold, dim, line, shorten, table, write } from '../output.js';
import { openForRead } from './db.js';

/** Runs a command body with the store open; CorpusError -> exit 2 (usage) or 3 (not found, empty). */
async function withStore(db: string, fn: (s: Store) => Promise<number>, checkFingerprint = true): Promise<number> {
  const store = await openForRead(db);
  try {
    // stories and claims computed with other parameters than this version's: say so, name the fix
    const stale = checkFingerprint ? await staleCorpusWarning(store) : null;
    if (stale) process.stderr.write(stale + '\n');
    return await fn(store);
  } catch (e) {
    if (e instanceof CorpusError || e instanceof StoryError) throw new CliError(e.message, e.kind === 'usage' ? EXIT.USAGE : EXIT.FATAL);
    if (e instanceof RangeError) throw new CliError(e.message, EXIT.USAGE);
    throw e;
  } finally {
    await store.close();
  }
}

async function nameMap(store: Store, ids: string[]): Promise<(id: string) => string> {
  const m = (await store.corpus?.names([...new Set(ids)])) ?? new Map<string, { name: string }>();
  return (id) => m.get(id)?.name ?? id;
}

export interface ClaimsOptions extends ClaimQuery {
  db: string;
  json?: boolean;
}

export async function claimsCommand(o: ClaimsOptions): Promise<number> {
  return withStore(o.db, async (store) => {
    // a table shows the latest 100 unless --limit says otherwise; --json streams them all
    const limit = o.limit ?? (o.json ? undefined : 100);
    const q: ClaimQuery = { actor: o.actor, status: o.status, mode: o.mode, type: o.type, story: o.story, from: o.from, to: o.to, limit };
    let n = 0;
    if (o.json) {
      for await (const c of listClaims(store, q)) {
        await line(JSON.stringify(c));
        n++;
      }
    } else {
      const rows: (string | number | null)[][] = [];
      const all: ClaimJson[] = [];
      for await (const c of listClaims(store, q)) all.push(c);
      const name = await nameMap(store, all.flatMap((c) => c.actors));
      for (const c of all) {
        rows.push([c.id, c.when?.value ?? c.firstReported.published ?? '', c.type, c.mode ?? '', c.status, c.reports.length, shorten(c.actors.map(name).join(', '), 60)]);
      }
      n = all.length;
      if (rows.length) await line(table(rows, ['claim', 'date', 'type', 'mode', 'status', 'reports', 'parties']));
      if (limit !== undefined && all.length === limit && o.limit === undefined) process.stderr.write(`(the latest ${limit} claims; --limit N for more, --json for all)\n`);
    }
    if (!n) {
      await requireArticles(store);
      process.stderr.write('no claim matches\n');
    }
    return EXIT.OK;
  });
}

export async function claimCommand(id: string, o: { db: string; json?: boolean }): Promise<number> {
  return withStore(o.db, async (store) => {
    const c = await getClaim(store, id);
    if (o.json) {
      await line(JSON.stringify(c));
      return EXIT.OK;
    }
    const ids = [...c.actors, ...(c.place ? [c.place] : []), ...c.reports.flatMap((r) => r.reportedBy), ...c.stances.map((s) => s.by)];
    const name = await nameMap(store, ids);
    await line(`${bold(c.id)}  ${c.type}${c.mode ? ' ' + c.mode : ''}${c.level ? ' (' + c.level + ')' : ''}  status ${bold(c.status)}${c.when ? '  when ' + c.when.value : ''}`);
    await line(`parties: ${c.actors.map((a) => `${name(a)} ${dim('(' + a + ')')}`).join(', ')}${c.place ? `  place: ${name(c.place)}` : ''}`);
    if (c.story) await line(`story: ${c.story}`);
    await line(`first reported: ${c.firstReported.published ?? '(undated)'} ${c.firstReported.outlet ?? '(unknown outlet)'} ${dim(c.firstReported.article)}`);
    if (c.relayedBy.length) await line(`relayed by: ${c.relayedBy.join(', ')}`);
    if (c.independent !== undefined && c.independent < new Set(c.reports.map((r) => r.article)).size)
      await line(`independent reports: ${c.independent} of ${new Set(c.reports.map((r) => r.article)).size} articles (the others reprint one of them)`);
    await line(`history: ${c.history.map((h) => `${h.date ?? '?'} ${h.status}`).join(' -> ')}`);
    await line('');
    for (const r of c.reports) {
      const by = r.reportedBy.length ? `  reported by ${r.reportedBy.map(name).join(', ')}` : '';
      await line(`${r.published ?? '(undated)'}  ${r.outlet ?? '(unknown outlet)'}  [${r.lang}]  ${bold(r.status)}${by}${r.copyOf ? dim('  reprint of ' + r.copyOf) : ''}  ${dim(r.article + '#' + r.event)}`);
      await line(`    «${shorten(r.evidence.text, 220)}» ${dim(`[${r.evidence.start}-${r.evidence.end}]`)}`);
      for (const s of c.stances.filter((x) => x.article === r.article))
        await line(`    stance: ${name(s.by)} ${bold(s.stance)} «${shorten(s.evidence.text, 160)}» ${dim(`[${s.evidence.start}-${s.evidence.end}]`)}`);
    }
    return EXIT.OK;
  });
}

export async function actorCommand(idOrName: string, o: { db: string; json?: boolean }): Promise<number> {
  return withStore(o.db, async (store) => {
    const a = await getActor(store, idOrName);
    if (o.json) {
      await line(JSON.stringify(a));
      return EXIT.OK;
    }
    const name = await nameMap(store, [...a.contacts.map((c) => c.actor), ...(a.cooccurs ?? []).map((c) => c.actor)]);
    await line(`${bold(a.names.ru ?? a.names.en ?? a.names.uk ?? a.id)}  ${a.type}  ${dim(a.id)}`);
    await line(`names: ${Object.entries(a.names).map(([l, n]) => `${l}: ${n}`).join(', ')}`);
    if (a.aliases.length > 1) await line(`entity ids: ${a.aliases.join(', ')}`);
    await line(`articles: ${a.articles}  quotes: ${a.quotes}`);
    if (a.roles.length) {
      await line('roles:');
      for (const r of a.roles.slice(-20)) await line(`  ${r.published ?? '(undated)'}  ${r.title} ${dim('[' + r.lang + '] ' + r.article)}`);
    }
    if (a.contacts.length) {
      await line('contacts:');
      await line(table(a.contacts.slice(0, 30).map((c) => ['  ' + name(c.actor), c.claims, c.last ?? '']), ['  actor', 'claims', 'last']));
    }
    if (a.cooccurs?.length) await line(`in the same articles: ${a.cooccurs.map((c) => `${name(c.actor)} (${c.articles})`).join(', ')}`);
    return EXIT.OK;
  });
}

export async function actorsCommand(o: { db: string; json?: boolean; limit?: number }): Promise<number> {
  return withStore(o.db, async (store) => {
    await requireArticles(store);
    const limit = o.limit ?? (o.json ? undefined : 50);
    if (o.json) {
      for await (const a of listActors(store, { limit })) await line(JSON.stringify(a));
      return EXIT.OK;
    }
    const rows: (string | number)[][] = [];
    for await (const a of listActors(store, { limit })) {
      rows.push([a.id, a.type, shorten(a.names.ru ?? a.names.uk ?? a.names.en ?? '', 40), a.articles, a.quotes, a.contacts.length, a.aliases.length]);
    }
    await line(table(rows, ['actor', 'type', 'name', 'articles', 'quotes', 'contacts', 'ids']));
    return EXIT.OK;
  });
}

export async function networkCommand(o: { db: string; format?: string; from?: string; to?: string; status?: string; mode?: string; actor?: string; story?: string }): Promise<number> {
  return withStore(o.db, async (store) => {
    await requireArticles(store);
    const n = await contactNetwork(store, { from: o.from, to: o.to, status: o.status, mode: o.mode, actor: o.actor, story: o.story });
    const format = o.format ?? 'json';
    if (format === 'json') await line(JSON.stringify(n));
    else if (format === 'graphml') for (const s of networkGraphml(n)) await write(process.stdout, s);
    else if (format === 'dot') for (const s of networkDot(n)) await write(process.stdout, s);
    else throw new CliError(`--format ${format}: expected json, graphml or dot`, EXIT.USAGE);
    return EXIT.OK;
  });
}

export async function framingCommand(story: string, o: { db: string; json?: boolean }): Promise<number> {
  return withStore(o.db, async (store) => {
    const f = await framing(store, story);
    if (o.json) {
      await line(JSON.stringify(f));
      return EXIT.OK;
    }
    await line(`story ${bold(f.story)}: ${f.articles} articles, outlets: ${f.outlets.join(', ')}`);
    for (const a of f.actors) {
      await line('');
      await line(bold(a.name) + ' ' + dim(a.actor));
      for (const c of a.outlets) {
        if (!c.labels.length && !c.quotes.length) continue;
        await line(`  ${c.outlet} (${c.articles}): ${c.labels.map((l) => l.label + (l.articles.length > 1 ? ` ×${l.articles.length}` : '')).join('; ') || dim('no label')}`);
        for (const q of c.quotes.slice(0, 5)) await line(`      ${q.kind === 'direct' ? '«' : ''}${shorten(q.text, 140)}${q.kind === 'direct' ? '»' : ''}`);
        if (c.quotes.length > 5) await line(dim(`      ... ${c.quotes.length - 5} more quotes`));
      }
    }
    return EXIT.OK;
  });
}

export async function exportCommand(o: ClaimQuery & { db: string; format: string }): Promise<number> {
  return withStore(o.db, async (store) => {
    for await (const chunk of exportCorpus(store, o.format, { actor: o.actor, status: o.status, mode: o.mode, story: o.story, from: o.from, to: o.to })) await write(process.stdout, chunk);
    return EXIT.OK;
  });
}

export async function rebuildCommand(o: { db: string; json?: boolean }): Promise<number> {
  return withStore(o.db, async (store) => {
    const r = await rebuildCorpus(store);
    if (o.json) await line(JSON.stringify(r));
    else process.stderr.write(`rebuilt the corpus from ${r.articles} articles: ${r.claims} claims, ${r.actors} actors (${(r.ms / 1000).toFixed(1)} s)\n`);
    return EXIT.OK;
    }, false);
}

export async function storiesCommand(o: StoryFilter & { db: string; json?: boolean }): Promise<number> {
  return withStore(o.db, async (store) => {
    const stories = await listStories(store, { entity: o.entity, lang: o.lang, from: o.from, to: o.to, minArticles: o.minArticles, limit: o.limit });
    if (o.json) {
      for (const st of stories) await line(JSON.stringify(st));
      return EXIT.OK;
    }
    const rows = stories.map((st) => [
      st.id,
      `${st.from ?? '?'}..${st.to ?? '?'}`,
      st.articles.length,
      st.claims.length,
      st.langs.join(' '),
      shorten(st.outlets.join(', '), 30),
      shorten(st.title.ru ?? st.title.uk ?? st.title.en ?? '', 60),
    ]);
    if (rows.length) await line(table(rows, ['story', 'dates', 'articles', 'claims', 'langs', 'outlets', 'title']));
    else process.stderr.write('no story matches\n');
    return EXIT.OK;
  });
}

export async function storyCommand(id: string, o: { db: string; json?: boolean }): Promise<number> {
  return withStore(o.db, async (store) => {
    const st = await getStory(store, id);
    if (o.json) {
      await line(JSON.stringify(st));
      return EXIT.OK;
    }
    await line(`${bold(st.id)}  ${st.from ?? '?'}..${st.to ?? '?'}  ${st.articles.length} articles  ${st.langs.join(' ')}${st.aliasOf ? dim('  (asked as ' + st.aliasOf + ')') : ''}`);
    for (const [l, t] of Object.entries(st.title)) await line(`  [${l}] ${t}`);
    await line(`outlets: ${st.outlets.join(', ')}`);
    const ents = await nameMap(store, st.entities);
    await line(`entities: ${st.entities.slice(0, 12).map(ents).join(', ')}`);
    await line('');
    await line(bold('articles'));
    const rows: string[][] = [];
    for (const aid of st.articles) {
      const a = await store.getArticle(aid);
      const src = (a?.source ?? {}) as { outlet?: string };
      rows.push([aid, String(a?.published ?? ''), String(a?.lang ?? ''), src.outlet ?? '', shorten(String(a?.title ?? a?.text ?? ''), 70)]);
    }
    await line(table(rows));
    if (st.claims.length) {
      await line('');
      await line(bold('claims'));
      const claims: ClaimJson[] = [];
      for (const cid of st.claims) {
        const c = await store.corpus?.claim(cid);
        if (c) claims.push(c);
      }
      const name = await nameMap(store, claims.flatMap((c) => c.actors));
      await line(table(claims.map((c) => [c.id, c.when?.value ?? c.firstReported.published ?? '', `${c.type}${c.mode ? ' ' + c.mode : ''}`, c.status, String(c.reports.length), shorten(c.actors.map(name).join(', '), 60)])));
    }
    if (st.history.length > 1) {
      await line('');
      await line(`history: ${st.history.map((h) => `${h.date ?? '?'} ${h.kind}${h.other ? ' ' + h.other : ''}`).join('; ')}`);
    }
    return EXIT.OK;
  });
}
