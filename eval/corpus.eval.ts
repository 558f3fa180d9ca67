/**
 * The corpus level (`npm run eval -- corpus`).
 *
 * 1. Seeds: the five seed articles analysed and stored in a fresh database, its stories and claims
 *    scored by ../shared/eval/corpus_score.py against gold/claims.json, then the issue's own checks
 *    (the Bonne visit: one claim, two reports crediting Reuters, the Kremlin's and the Élysée's
 *    no-comment stances; the Kremlin-Élysée technical contacts with the Kremlin's confirmation of
 *    10 February; the Lavrov-Rubio call of 21 October, the cancelled Lavrov-Rubio meeting and the
 *    cancelled Budapest summit as three claims). The checks name seed entities: this is a measure,
 *    not a rule (nothing in src/ knows them). The same claims again from the seeds stored in reverse
 *    order: how much arrival order changes the groups.
 * 2. SlavicNER raw documents (all topics, ru and uk, with meta.tsv dates): the corpus cost per
 *    article (each updater timed over a rebuild, against the analysis time per article), claims and
 *    actors counts, the biggest claims and the multi-id actors to eyeball.
 * 3. eval/news (before 2): each half's stories and claims scored; the stories stored both as
 *    analysed JSON without tokens and as Docs (the `parley ingest` path) must be the same groups.
 *    `NEWS_HALF=dev` scores the dev half only; `CORPUS_EVAL_SEEDS_ONLY=1` skips SlavicNER.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { toArticleJson } from '../src/contract/article.js';
import { getActor, getClaim, listClaims, listActors, type ClaimJson } from '../src/corpus/index.js';
import { getStory, listStories, type StoryJson } from '../src/corpus/stories/index.js';
import type { Doc } from '../src/doc/model.js';
import { readInputs } from '../src/ingest/index.js';
import { createPipeline, projectRoot } from '../src/pipeline/index.js';
import { CORPUS_UPDATERS } from '../src/store/corpus-updaters.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { ArticleJson } from '../src/store/types.js';

const SHARED = join(projectRoot, '..', 'shared');

type Pipe = Awaited<ReturnType<typeof createPipeline>>;

async function analyseSeeds(pipe: Pipe): Promise<ArticleJson[]> {
  const dir = join(SHARED, 'seeds');
  const out: ArticleJson[] = [];
  for await (const item of readInputs(readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => join(dir, f)))) {
    if (!item.ok) throw new Error(`${item.input}: ${item.error}`);
    out.push(toArticleJson(pipe.analyze(item.article)) as ArticleJson);
  }
  return out;
}

async function store(articles: (ArticleJson | Doc)[]): Promise<{ s: SqliteStore; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-corpus-'));
  const s = new SqliteStore(join(dir, 'corpus.db'));
  for (const a of articles) await s.putArticle(a);
  return { s, dir };
}

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const yes = (b: boolean) => (b ? 'yes' : 'NO');

async function seeds(pipe: Pipe): Promise<void> {
  const arts = await analyseSeeds(pipe);
  const { s, dir } = await store(arts);
  const claims = await all(listClaims(s));
  const stories = await listStories(s);
  const w = (name: string, xs: unknown[]) => {
    const p = join(dir, name);
    writeFileSync(p, xs.map((x) => JSON.stringify(x)).join('\n') + '\n');
    return p;
  };
  const args = ['--articles', w('articles.jsonl', arts), '--stories', w('stories.jsonl', stories), '--claims', w('claims.jsonl', claims), '--gold', join(SHARED, 'eval', 'gold'), '--json'];
  const r = spawnSync('python3', [join(SHARED, 'eval', 'corpus_score.py'), ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`corpus_score.py failed: ${r.stderr}`);
  const rep = JSON.parse(r.stdout);
  console.log(`  seeds: ${arts.length} articles, ${stories.length} stories, ${claims.length} claims (${claims.reduce((n, c) => n + c.reports.length, 0)} reports)`);
  console.log(`  stories B3 ${JSON.stringify(rep.stories.b3)}`);
  console.log(`  claims  B3 ${JSON.stringify(rep.claims.b3)}  pairwise F1 ${rep.claims.pairwise.f1}  spurious reports ${rep.claims.reports_spurious}`);
  console.log(`  status  ${JSON.stringify(rep.status)}`);
  console.log(`  stances ${JSON.stringify(rep.stances)}`);
  for (const d of rep.detail) console.log(`    ${d.claim}: gold ${JSON.stringify(d.gold)} system ${JSON.stringify(d.system)} last ${d.last} history ${d.history}`);

  // the issue's checks
  const has = (c: ClaimJson, id: string) => c.actors.includes(id);
  const bonne = claims.filter((c) => has(c, 'bonne'));
  const visit = bonne.find((c) => c.reports.length >= 2);
  console.log('  checks:');
  console.log(`    Bonne visit one claim: ${yes(bonne.length === 1)} (${bonne.map((c) => `${c.id} ${c.reports.length} reports`).join('; ')})`);
  if (visit) {
    console.log(`    two reports, each crediting Reuters: ${yes(visit.reports.length === 2 && visit.reports.every((r) => r.reportedBy.includes('reuters')))}`);
    for (const by of ['kremlin', 'elysee'])
      console.log(`    ${by} no_comment stance: ${yes(visit.stances.some((x) => x.by === by && x.stance === 'no_comment'))}`);
  }
  const tech = claims.find((c) => c.mode === 'channel' && (c.level === 'technical' || c.level === 'working') && c.reports.length >= 2);
  console.log(
    `    technical contacts hold the Kremlin's confirmation of 2026-02-10: ${yes(!!tech?.stances.some((x) => x.by === 'kremlin' && x.stance === 'confirm' && x.date === '2026-02-10'))} (${tech?.id}, ${tech?.reports.length} reports)`,
  );
  const lr = claims.filter((c) => has(c, 'lavrov') && has(c, 'rubio'));
  const call = lr.find((c) => c.mode === 'call' && c.when?.value === '2025-10-21');
  const meeting = lr.find((c) => c.mode === 'meeting' && c.reports.some((r) => r.status === 'cancelled'));
  const budapest = claims.find((c) => c.mode === 'summit' && c.status === 'cancelled' && has(c, 'putin') && has(c, 'trump'));
  const three = new Set([call?.id, meeting?.id, budapest?.id].filter(Boolean));
  console.log(`    Lavrov-Rubio call of 21 Oct, cancelled meeting, cancelled Budapest summit: three claims ${yes(three.size === 3)} (${[call?.id, meeting?.id, budapest?.id].join(', ')})`);
  await s.close();

  // arrival order
  const rev = await store([...arts].reverse());
  const claimsRev = await all(listClaims(rev.s));
  const groups = (cs: ClaimJson[]) => new Set(cs.map((c) => `${c.id}=${c.reports.map((r) => `${r.article}:${r.event}`).sort().join(',')}`));
  const a = groups(claims);
  const b = groups(claimsRev);
  const same = a.size === b.size && [...a].every((x) => b.has(x));
  console.log(`  seeds stored in reverse order: same claim ids and groups ${yes(same)}`);
  await rev.s.close();
}

/**
 * Does the corpus update cost grow with the corpus? The SlavicNER articles are stored `copies`
 * times, each copy with new article ids and every date moved 60 days later than the previous
 * copy's (so copies of one story meet their neighbours in the look-up window, as a running news
 * flow does). Every corpus updater (dedup, stories, claims, actors) is timed (CPU and wall) per
 * block of 1,000 stored articles and set against `analyseMs`, the analysis time per article.
 * The copies' texts are the same as the originals', so every copy is a near-duplicate of the
 * earlier copies of its text: the dedup figure is a worst case (a reprint of every article every
 * 60 days). Then the read side at that size: `parley claims` (the latest 100), one claim, one
 * story (the biggest), one actor.
 */
export async function scale(arts: ArticleJson[], copies: number, analyseMs: number): Promise<void> {
  const shift = (d: unknown, days: number): unknown => {
    if (typeof d !== 'string') return d;
    const m = /^(\d{4}-\d{2}-\d{2})(.*)$/.exec(d);
    if (!m) return d;
    const t = new Date(Date.parse(m[1] + 'T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);
    return t + m[2];
  };
  const saved = CORPUS_UPDATERS.splice(0, CORPUS_UPDATERS.length);
  // CPU time per updater (the machine is shared: wall time is mostly other processes' load)
  const spent = new Map<string, number>();
  let wallSpent = 0;
  CORPUS_UPDATERS.push(
    ...saved.map((u) => ({
      ...u,
      update: (db: Parameters<typeof u.update>[0], a: Parameters<typeof u.update>[1]) => {
        const c = process.cpuUsage();
        const t = performance.now();
        u.update(db, a);
        wallSpent += performance.now() - t;
        const d = process.cpuUsage(c);
        spent.set(u.name, (spent.get(u.name) ?? 0) + (d.user + d.system) / 1000);
      },
    })),
  );
  try {
    const dir = mkdtempSync(join(tmpdir(), 'parley-corpus-scale-'));
    const s = new SqliteStore(join(dir, 'scale.db'));
    let n = 0;
    let last = new Map<string, number>();
    let lastWall = 0;
    const blocks: string[] = [];
    for (let k = 0; k < copies; k++) {
      for (const a of arts) {
        const days = k * 60;
        const events = ((a.events as { when?: { value: string } | null }[]) ?? []).map((e) => (e.when ? { ...e, when: { ...e.when, value: shift(e.when.value, days) as string } } : e));
        await s.putArticle({ ...a, id: `${a.id}-${k}`, published: shift(a.published, days), events } as ArticleJson);
        n++;
        if (n % 1000 === 0 || (k === copies - 1 && a === arts[arts.length - 1])) {
          const size = n % 1000 || 1000;
          const per = [...spent].map(([name, v]) => `${name} ${((v - (last.get(name) ?? 0)) / size).toFixed(2)}`).join(' ');
          const cpu = ([...spent.values()].reduce((x, y) => x + y, 0) - [...last.values()].reduce((x, y) => x + y, 0)) / size;
          const wall = (wallSpent - lastWall) / size;
          blocks.push(`    at ${n}: ${per}; all ${cpu.toFixed(2)} ms CPU = ${((cpu / analyseMs) * 100).toFixed(1)}% of analysis (wall ${wall.toFixed(2)} ms, load ${loadavg()[0].toFixed(1)})`);
          last = new Map(spent);
          lastWall = wallSpent;
        }
      }
    }
    const c = await s.corpus.counts();
    console.log(`  scale: ${n} articles, ${c.claims} claims, ${c.actors} actors; corpus updaters CPU ms/article per block of 1,000 stored (analysis ${analyseMs.toFixed(1)} ms CPU/article):`);
    for (const b of blocks) console.log(b);
    // the read side at this size (median of 5 after one warm-up)
    const time = async (f: () => Promise<unknown>): Promise<string> => {
      await f();
      const xs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await f();
        xs.push(performance.now() - t);
      }
      return xs.sort((x, y) => x - y)[2].toFixed(1);
    };
    const latest = await all(listClaims(s, { limit: 100 }));
    const stories = await listStories(s, { limit: 1000 });
    const big = stories.reduce((x, y) => (y.articles.length > x.articles.length ? y : x), stories[0]);
    const top = (await all(s.corpus.actorIds(1)))[0];
    console.log(
      `  read at ${n} articles (median of 5): claims (latest 100) ${await time(() => all(listClaims(s, { limit: 100 })))} ms; claims of the top actor (latest 100) ${await time(() => all(listClaims(s, { actor: top, limit: 100 })))} ms; ` +
        `one claim ${await time(() => getClaim(s, latest[0].id))} ms; stories (latest 50) ${await time(() => listStories(s, { limit: 50 }))} ms; ` +
        `the biggest story (${big.articles.length} articles) ${await time(() => getStory(s, big.id))} ms; one actor (${top}) ${await time(() => getActor(s, top))} ms (db ${join(dir, 'scale.db')})`,
    );
    await s.close();
  } finally {
    CORPUS_UPDATERS.splice(0, CORPUS_UPDATERS.length, ...saved);
  }
}

async function slavicner(pipe: Pipe): Promise<void> {
  const S = join(SHARED, 'data', 'slavicner');
  const meta = new Map<string, { date: string | null; url: string | null }>();
  for (const l of readFileSync(join(S, 'meta.tsv'), 'utf8').split('\n').slice(1)) {
    const [p, , , d, url] = l.split('\t');
    if (p) meta.set(p, { date: d && /^\d{4}-\d\d-\d\d$/.test(d) ? d : null, url: url || null });
  }
  const arts: ArticleJson[] = [];
  let analyseMs = 0;
  for (const topic of readdirSync(join(S, 'raw')).sort())
    for (const lang of ['ru', 'uk']) {
      let files: string[];
      try {
        files = readdirSync(join(S, 'raw', topic, lang)).sort();
      } catch {
        continue;
      }
      for (const f of files) {
        const text = readFileSync(join(S, 'raw', topic, lang, f), 'utf8');
        const m = meta.get(`raw/${topic}/${lang}/${f}`);
        const c0 = process.cpuUsage();
        const doc = pipe.analyze({ source: { path: `${topic}/${lang}/${f}`, url: m?.url ?? undefined }, published: m?.date ?? null, title: null, text, lang });
        const dc = process.cpuUsage(c0);
        analyseMs += (dc.user + dc.system) / 1000; // CPU: the machine is shared
        arts.push(toArticleJson(doc) as ArticleJson);
      }
    }
  const t0 = performance.now();
  const { s } = await store(arts);
  const putMs = performance.now() - t0;
  // each updater timed over a rebuild (the same work as the incremental path, in the same order)
  const spent = new Map<string, number>();
  const original = CORPUS_UPDATERS.map((u) => u.update);
  CORPUS_UPDATERS.forEach((u, i) => {
    u.update = (db, a) => {
      const c0 = process.cpuUsage();
      original[i](db, a);
      const dc = process.cpuUsage(c0);
      spent.set(u.name, (spent.get(u.name) ?? 0) + (dc.user + dc.system) / 1000);
    };
  });
  const rb = s.rebuildCorpus();
  CORPUS_UPDATERS.forEach((u, i) => (u.update = original[i]));
  const n = arts.length;
  const per = (ms: number) => (ms / n).toFixed(2);
  console.log(`  SlavicNER raw: ${n} articles (${arts.filter((a) => a.published).length} dated), ${arts.reduce((k, a) => k + ((a.events as unknown[]) ?? []).length, 0)} events`);
  console.log(`  per article: analysis ${per(analyseMs)} ms CPU (first pass: includes loading), store incl. corpus ${per(putMs)} ms wall; corpus alone (rebuild ${rb.ms} ms wall): ${per(rb.ms)} ms`);
  const allCorpus = [...spent.values()].reduce((x, y) => x + y, 0);
  console.log(`  per updater CPU ms/article: ${[...spent.entries()].map(([k, v]) => `${k} ${per(v)}`).join(', ')}; all ${per(allCorpus)} = ${((allCorpus / analyseMs) * 100).toFixed(1)}% of analysis (load ${loadavg()[0].toFixed(1)})`);
  const claims = await all(listClaims(s));
  const sizes = new Map<number, number>();
  for (const c of claims) sizes.set(c.reports.length, (sizes.get(c.reports.length) ?? 0) + 1);
  console.log(`  claims ${claims.length} (${rb.claims} rebuilt), reports per claim: ${[...sizes.entries()].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}:${v}`).join(' ')}`);
  const names = await s.corpus.names([...new Set(claims.flatMap((c) => c.actors))]);
  for (const c of [...claims].sort((a, b) => b.reports.length - a.reports.length).slice(0, 8)) {
    const arts2 = new Set(c.reports.map((r) => r.article)).size;
    console.log(`    ${c.id} ${c.type} ${c.mode ?? ''} ${c.status} ${c.when?.value ?? ''} ${c.reports.length} reports/${arts2} articles ${c.from}..${c.to}: ${c.actors.map((a) => names.get(a)?.name ?? a).join(', ')}`);
  }
  // arrival order: the same articles stored in reverse
  const rev = await store([...arts].reverse());
  const revClaims = await all(listClaims(rev.s));
  const key = (cs: ClaimJson[]) => {
    const m = new Map<string, string>();
    for (const c of cs) {
      const members = c.reports.map((r) => `${r.article}:${r.event}`).sort().join(',');
      for (const r of c.reports) m.set(`${r.article}:${r.event}`, members);
    }
    return m;
  };
  const ka = key(claims);
  const kb = key(revClaims);
  let differ = 0;
  for (const [r, g] of ka) if (kb.get(r) !== g) differ++;
  console.log(`  reverse arrival order: ${revClaims.length} claims; reports whose claim differs: ${differ} of ${ka.size}`);
  await rev.s.close();
  const multi: string[] = [];
  for await (const a of listActors(s, { limit: 400 })) if (a.aliases.length > 1) multi.push(`${a.names.ru ?? a.names.uk ?? a.names.en ?? a.id} [${a.aliases.join(' ')}]`);
  console.log(`  actors ${rb.actors}; with several entity ids (among the 400 most mentioned): ${multi.length}`);
  for (const m of multi.slice(0, 12)) console.log(`    ${m}`);
  await s.close();
  const copies = Number(process.env.CORPUS_EVAL_SCALE ?? 0);
  if (copies > 0) await scale(arts, copies, analyseMs / n);
}

/**
 * The real-news set (eval/news/, see its README): each half analysed and stored on its own, its
 * stories scored against the gold's story labels and, when eval/news/gold-claims.json exists,
 * its claims too. Only aggregate figures are printed (the measure half is not for reading).
 */
async function news(pipe: Pipe): Promise<void> {
  const N = join(projectRoot, 'eval', 'news');
  let index: { file: string; half: string }[];
  try {
    index = readFileSync(join(N, 'index.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  } catch {
    console.log('  news: no eval/news/index.jsonl');
    return;
  }
  const claimsGold = join(N, 'gold-claims.json');
  const hasClaimsGold = existsSync(claimsGold);
  const halves = process.env.NEWS_HALF ? [process.env.NEWS_HALF] : ['dev', 'measure'];
  for (const half of halves) {
    const files = index.filter((x) => x.half === half && existsSync(join(N, 'texts', x.file)) && existsSync(join(N, 'gold', x.file.replace(/\.txt$/, '.json'))));
    if (!files.length) continue;
    const arts: ArticleJson[] = [];
    const docs: Doc[] = [];
    for await (const item of readInputs(files.map((x) => join(N, 'texts', x.file)))) {
      if (!item.ok) continue;
      const d = pipe.analyze(item.article);
      docs.push(d);
      arts.push(toArticleJson(d) as ArticleJson);
    }
    // the stories again with the articles stored as `parley ingest` stores them (Docs with their
    // tokens): an article must join the same story however it arrives
    const viaDocs = await store(docs);
    const storyGroups = (xs: StoryJson[]) => xs.map((x) => [...x.articles].sort().join(',')).sort().join('|');
    const docStories = await listStories(viaDocs.s);
    await viaDocs.s.close();
    const { s, dir } = await store(arts);
    const gold = join(dir, 'gold');
    mkdirSync(gold);
    for (const x of files) copyFileSync(join(N, 'gold', x.file.replace(/\.txt$/, '.json')), join(gold, x.file.replace(/\.txt$/, '.json')));
    const w = (name: string, xs: unknown[]) => {
      const p = join(dir, name);
      writeFileSync(p, xs.map((x) => JSON.stringify(x)).join('\n') + '\n');
      return p;
    };
    const jsonStories = await listStories(s);
    const args = ['--articles', w('articles.jsonl', arts), '--stories', w('stories.jsonl', jsonStories), '--claims', w('claims.jsonl', await all(listClaims(s))), '--gold', gold, '--json'];
    if (hasClaimsGold) args.push('--claims-gold', claimsGold);
    else writeFileSync(join(dir, 'gold-claims.json'), '{"claims": []}');
    const r = spawnSync('python3', [join(SHARED, 'eval', 'corpus_score.py'), ...args, ...(hasClaimsGold ? [] : ['--claims-gold', join(dir, 'gold-claims.json')])], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`corpus_score.py failed: ${r.stderr}`);
    const rep = JSON.parse(r.stdout);
    console.log(`  news ${half}: ${arts.length} articles; stories B3 F1 ${rep.stories.b3.f1} (P ${rep.stories.b3.p} R ${rep.stories.b3.r}, ${rep.stories.system_stories} system / ${rep.stories.gold_stories} gold)` +
      (hasClaimsGold ? `; claims B3 F1 ${rep.claims.b3.f1} (P ${rep.claims.b3.p} R ${rep.claims.b3.r}); status last ${rep.status.last}; stances ${rep.stances.recall}` : '; claims: no eval/news/gold-claims.json yet'));
    console.log(`  news ${half}: stories stored as Docs with tokens (parley ingest) the same as stored as JSON: ${yes(storyGroups(docStories) === storyGroups(jsonStories))}`);
    await s.close();
  }
}

export default async function run(): Promise<void> {
  const pipe = await createPipeline();
  await seeds(pipe);
  await news(pipe);
  if (process.env.CORPUS_EVAL_SEEDS_ONLY) return;
  await slavicner(pipe);
}
