/**
 * Learns the story link parameters (src/corpus/stories/params.json) on the SlavicNER training
 * topics (asia_bibi, brexit, covid-19, ryanair; ru and uk raw documents with their dates from
 * meta.tsv), mixed together so that a link across topics is an error.
 *
 * Every document is analysed by the pipeline and stored (SqliteStore in memory): its story vector is
 * read back from the store's own table, so the threshold is learned on exactly what the runtime
 * compares; the candidate pairs are those the updater would compare
 * (at least `minShared` shared index keys, inside the window). For each setting of the grid
 * (entity weight x threshold) the stories are the connected groups of linked documents, scored
 * against the topics: B³ F1 over all documents and purity (share of documents whose story's
 * majority topic is their own). Chosen: the setting with the highest B³ F1 among those whose purity
 * on the training topics is ≥ 0.98 (a margin over the 0.95 asked of unseen topics). The dev topic
 * (nord_stream) is not used here; eval/clusters.eval.ts measures on it.
 *
 * Run: npx tsx scripts/learn-story-threshold.ts [--write]
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readInputs } from '../src/ingest/index.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPipeline } from '../src/pipeline/index.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { ArticleVec } from '../src/corpus/stories/features.js';
import { daysBetween, indexKeys, linkParams, linkScore, rawSimilarity, setLinkParams, vocabularyKey, type LinkParams } from '../src/corpus/stories/link.js';
import { dot } from '../src/corpus/stories/features.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const S = join(root, '..', 'shared', 'data', 'slavicner');
export const TRAIN_TOPICS = ['asia_bibi', 'brexit', 'covid-19', 'ryanair'];

export interface Item {
  id: string;
  topic: string;
  lang: string;
  published: string | null;
  vec: ArticleVec;
}

export async function slavicnerItems(topics: string[]): Promise<Item[]> {
  const meta = new Map<string, string>();
  for (const l of readFileSync(join(S, 'meta.tsv'), 'utf8').split('\n').slice(1)) {
    const [p, , , d] = l.split('\t');
    if (p) meta.set(p, d);
  }
  const p = await createPipeline();
  const store = new SqliteStore(':memory:');
  const topicOf = new Map<string, string>();
  for (const topic of topics)
    for (const lang of ['ru', 'uk']) {
      const dir = join(S, 'raw', topic, lang);
      for (const f of readdirSync(dir).sort()) {
        const text = readFileSync(join(dir, f), 'utf8');
        const d = meta.get(`raw/${topic}/${lang}/${f}`);
        const published = d && /^\d{4}-\d\d-\d\d$/.test(d) ? d : null;
        const id = `${topic}/${lang}/${f}`;
        store.putSync(p.analyze({ id, source: { path: f }, published, title: null, text, lang }));
        topicOf.set(id, topic);
      }
    }
  return storedItems(store, topicOf);
}

/**
 * The story vectors exactly as the store's updater computed them (corpus_story_vecs), so the
 * threshold is learned on what the runtime compares.
 */
function storedItems(store: SqliteStore, topicOf: Map<string, string>): Item[] {
  const rows = store.db
    .prepare('SELECT a.id, a.lang, v.published, v.vec FROM corpus_story_vecs v JOIN articles a ON a.rowid = v.article ORDER BY a.rowid')
    .all() as { id: string; lang: string; published: string; vec: string }[];
  return rows
    .filter((r) => topicOf.has(r.id))
    .map((r) => {
      const ents = new Map<string, number>();
      const terms = new Map<string, number>();
      for (const [k, w] of JSON.parse(r.vec) as [string, number][]) (k.startsWith('e:') ? ents : terms).set(k, w);
      return { id: r.id, topic: topicOf.get(r.id)!, lang: r.lang, published: r.published || null, vec: { ents, terms } };
    });
}

/** The real-news set (eval/news: texts are git-ignored, collected per its README), story-labelled. */
export async function newsItems(half?: 'dev' | 'measure'): Promise<Item[]> {
  const dir = join(root, 'eval', 'news');
  if (!existsSync(join(dir, 'texts'))) return [];
  const rows = readFileSync(join(dir, 'index.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { file: string; story: string; half: string });
  const want = rows.filter((r) => !half || r.half === half).filter((r) => existsSync(join(dir, 'texts', r.file)));
  const storyOf = new Map(want.map((r) => [r.file, r.story]));
  const p = await createPipeline();
  const store = new SqliteStore(':memory:');
  const topicOf = new Map<string, string>();
  for await (const it of readInputs(want.map((r) => join(dir, 'texts', r.file)))) {
    if (!it.ok) continue;
    const file = it.input.split('/').pop()!;
    const doc = p.analyze(it.article);
    store.putSync(doc);
    topicOf.set(doc.id, storyOf.get(file)!);
  }
  return storedItems(store, topicOf);
}

/** A candidate pair: raw similarity, days apart, and the parts `linkScore` takes. */
export interface Pair { i: number; j: number; sim: number; days: number | null; ent: number; term: number; va: string | null; vb: string | null }

/** Candidate pairs with their raw similarity and days apart (as the updater would compare them). */
export function candidatePairs(items: Item[], p: LinkParams): Pair[] {
  const byKey = new Map<string, number[]>();
  const keys = items.map((it) => indexKeys(it.vec, p));
  keys.forEach((ks, i) => ks.forEach((k) => (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(i)));
  const out: Pair[] = [];
  for (let i = 0; i < items.length; i++) {
    const shared = new Map<number, number>();
    for (const k of keys[i]) for (const j of byKey.get(k)!) if (j > i) shared.set(j, (shared.get(j) ?? 0) + 1);
    for (const [j, n] of shared) {
      if (n < p.minShared) continue;
      const days = daysBetween(items[i].published, items[j].published);
      if (days !== null && days > p.windowDays) continue;
      const a = items[i].vec;
      const b = items[j].vec;
      out.push({ i, j, sim: rawSimilarity(a, b, p), days, ent: dot(a.ents, b.ents), term: dot(a.terms, b.terms), va: vocabularyKey(a.terms.keys()), vb: vocabularyKey(b.terms.keys()) });
    }
  }
  return out;
}

/** The connected groups of pairs whose `linkScore` (the runtime's: decay and the long link) reaches the threshold. */
export function clusters(n: number, pairs: Pair[], p: LinkParams): number[] {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  for (const e of pairs) if (linkScore(e.ent, e.term, e.va, e.vb, e.days, p) >= p.threshold) parent[find(e.i)] = find(e.j);
  return Array.from({ length: n }, (_, i) => find(i));
}

/** B³ P/R/F1 of a clustering against gold labels, and purity; per gold label too. */
export function score(gold: string[], sys: (number | string)[]): { p: number; r: number; f1: number; purity: number; per: Record<string, { p: number; r: number; f1: number; stories: number; docs: number }> } {
  const gc = new Map<string, number[]>();
  const sc = new Map<number | string, number[]>();
  gold.forEach((g, i) => (gc.get(g) ?? gc.set(g, []).get(g)!).push(i));
  sys.forEach((s, i) => (sc.get(s) ?? sc.set(s, []).get(s)!).push(i));
  let P = 0;
  let R = 0;
  let pure = 0;
  const per: Record<string, { p: number; r: number; f1: number; stories: number; docs: number }> = {};
  for (const [g, members] of gc) {
    let pp = 0;
    let rr = 0;
    const stories = new Set<number | string>();
    for (const i of members) {
      const mine = sc.get(sys[i])!;
      const both = mine.filter((j) => gold[j] === g).length;
      pp += both / mine.length;
      rr += both / members.length;
      stories.add(sys[i]);
    }
    P += pp;
    R += rr;
    const p = pp / members.length;
    const r = rr / members.length;
    per[g] = { p: round(p), r: round(r), f1: round(p + r ? (2 * p * r) / (p + r) : 0), stories: stories.size, docs: members.length };
  }
  for (const members of sc.values()) {
    const counts = new Map<string, number>();
    for (const i of members) counts.set(gold[i], (counts.get(gold[i]) ?? 0) + 1);
    pure += Math.max(...counts.values());
  }
  const p = P / gold.length;
  const r = R / gold.length;
  return { p: round(p), r: round(r), f1: round((2 * p * r) / (p + r)), purity: round(pure / gold.length), per };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

type Result = {
  decayDays: number;
  windowDays: number;
  ew: number;
  crossEw: number;
  undated: number;
  th: number;
  f1: number;
  purity: number;
  stories: number;
  news: number | null;
  newsPurity: number | null;
};

async function main(): Promise<void> {
  const base = linkParams();
  const items = await slavicnerItems(TRAIN_TOPICS);
  const gold = items.map((x) => x.topic);
  const news = await newsItems('dev');
  const newsGold = news.map((x) => x.topic);
  const results: Result[] = [];
  const DECAYS = [[30, 60], [45, 90], [60, 120]];
  const widest = { ...base, windowDays: Math.max(...DECAYS.map((x) => x[1])) };
  for (const ew of [0.3, 0.4, 0.5, 0.6, 0.7])
    for (const crossEw of [ew, ew + 0.2, ew + 0.4].filter((x) => x <= 1.0001).map((x) => Math.round(x * 10) / 10)) {
      const p0 = { ...widest, entityWeight: ew, crossEntityWeight: crossEw };
      const pairs = candidatePairs(items, p0);
      const npairs = candidatePairs(news, p0);
      for (const [decayDays, windowDays] of DECAYS)
        for (const undated of [0.5, 0.6, 0.7, 0.8, 1]) {
          const p = { ...p0, decayDays, windowDays, undatedDecay: undated };
          for (let th = 0.06; th <= 0.7001; th += 0.01) {
            const q = { ...p, threshold: Math.round(th * 100) / 100 };
            const c = clusters(items.length, pairs, q);
            const s = score(gold, c);
            const nc = news.length ? score(newsGold, clusters(news.length, npairs, q)) : null;
            results.push({ decayDays, windowDays, ew, crossEw, undated, th: q.threshold, f1: s.f1, purity: s.purity, stories: new Set(c).size, news: nc ? nc.f1 : null, newsPurity: nc ? nc.purity : null });
          }
        }
    }
  if (process.argv.includes('--all')) for (const r of results) console.log(JSON.stringify(r));
  // a setting is kept when it and the two thresholds below it (-0.02, -0.04) keep SlavicNER purity
  // >= 0.98, and it and the threshold 0.02 below keep the news dev purity >= 0.95: single-link groups
  // collapse across topics at a cliff, and the chosen threshold keeps a margin from it on both sets
  const key = (r: Result, th: number) => `${r.ew}|${r.crossEw}|${r.decayDays}|${r.undated}|${Math.round(th * 100)}`;
  const byKey = new Map(results.map((r) => [key(r, r.th), r]));
  const at = (r: Result, d: number) => byKey.get(key(r, r.th - d));
  // with the real-news dev half at hand (narrower stories: one visit, one series of calls), the
  // objective is the mean of both B³ F1s, and a story of the news set must not mix stories either
  const objective = (r: Result) => (r.news === null ? r.f1 : (r.f1 + r.news) / 2);
  const ok = results
    .filter((r) => [0, 0.02, 0.04].every((d) => (at(r, d)?.purity ?? 0) >= 0.98))
    .filter((r) => [0, 0.02].every((d) => { const x = at(r, d); return !!x && (x.newsPurity === null || x.newsPurity >= 0.95); }))
    // ties (the data do not tell the settings apart): the higher threshold, then the middle cross-vocabulary weight
    .sort((a, b) => objective(b) - objective(a) || b.th - a.th || Math.abs(a.crossEw - a.ew - 0.2) - Math.abs(b.crossEw - b.ew - 0.2));
  for (const r of ok.slice(0, 10)) console.log(JSON.stringify(r));
  const best = ok[0];
  console.log('chosen', best);
  if (process.argv.includes('--write')) {
    const out = {
      ...base,
      entityWeight: best.ew,
      crossEntityWeight: best.crossEw,
      undatedDecay: best.undated,
      threshold: best.th,
      decayDays: best.decayDays,
      windowDays: best.windowDays,
      learned: {
        by: 'scripts/learn-story-threshold.ts',
        on: `SlavicNER training topics ${TRAIN_TOPICS.join(', ')} (ru+uk, ${items.length} documents, mixed; gold = topic) and the dev half of eval/news (${news.length} articles, ru/uk/en; gold = story)`,
        objective:
          'highest mean of the two B³ F1s among settings whose SlavicNER purity is >= 0.98 at the threshold and at 0.02 and 0.04 below it, and whose eval/news dev purity is >= 0.95 at the threshold and 0.02 below it (a margin from the cliff where single-link groups collapse across stories)',
        grid: '(decayDays, windowDays) in (30, 60), (45, 90), (60, 120) x entityWeight 0.3..0.7 step 0.1 x crossEntityWeight (entityWeight + 0, 0.2, 0.4, at most 1) x undatedDecay in 0.5, 0.6, 0.7, 0.8, 1 x threshold 0.06..0.70 step 0.01',
        result: { slavicnerB3F1: best.f1, slavicnerPurity: best.purity, slavicnerStories: best.stories, newsDevB3F1: best.news, newsDevPurity: best.newsPurity },
      },
    };
    writeFileSync(join(root, 'src', 'corpus', 'stories', 'params.json'), JSON.stringify(out, null, 2) + '\n');
    setLinkParams(out);
  }
}

if (process.argv[1] && process.argv[1].endsWith('learn-story-threshold.ts')) await main();
