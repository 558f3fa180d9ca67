/**
 * Stories (cross-lingual clustering of articles) and near-duplicates, measured through the store's
 * real update path (SqliteStore, in memory):
 *
 * 1. SlavicNER: every ru and uk raw document of the five topics (dates from meta.tsv), ingested
 *    together in file order. Topics are the gold: a story must never mix topics (purity), a topic may
 *    hold several stories (B³ per topic). The link threshold was learned on the four training topics
 *    (asia_bibi, brexit, covid-19, ryanair; scripts/learn-story-threshold.ts); nord_stream is the dev
 *    topic, never used to fit: its figures are the honest ones. Also: the same documents ingested
 *    in reverse order, and a rebuild, must give the same groups and ids.
 * 2. Seeds: ../shared/seeds ingested, stories (and the claims corpus-core builds) scored by
 *    ../shared/eval/corpus_score.py against ../shared/eval/gold/claims.json.
 * 3. Near-duplicates found among the SlavicNER documents (reprints across outlets).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Doc } from '../src/doc/model.js';
import { readInputs } from '../src/ingest/index.js';
import { createPipeline, projectRoot } from '../src/pipeline/index.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { score } from '../scripts/learn-story-threshold.js';

const SHARED = join(projectRoot, '..', 'shared');
const S = join(SHARED, 'data', 'slavicner');
const TOPICS = ['asia_bibi', 'brexit', 'covid-19', 'ryanair', 'nord_stream'];
const DEV = new Set(['nord_stream']);

function groupsOf(store: SqliteStore): Map<string, string> {
  const rows = store.db
    // the public story id (corpus_story_articles.story is the internal key since schema step 9,
    // which differs with the order of arrival)
    .prepare('SELECT a.id, s.id AS story FROM corpus_story_articles sa JOIN articles a ON a.rowid = sa.article JOIN corpus_stories s ON s.key = sa.story')
    .all() as { id: string; story: string }[];
  return new Map(rows.map((r) => [r.id, r.story]));
}

function same(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

export default async function run(): Promise<void> {
  const pipe = await createPipeline();

  // ---- 1. SlavicNER topics
  const meta = new Map<string, string>();
  for (const l of readFileSync(join(S, 'meta.tsv'), 'utf8').split('\n').slice(1)) {
    const [p, , , d] = l.split('\t');
    if (p) meta.set(p, d);
  }
  const docs: Doc[] = [];
  const topicOf = new Map<string, string>();
  for (const topic of TOPICS)
    for (const lang of ['ru', 'uk']) {
      const dir = join(S, 'raw', topic, lang);
      for (const f of readdirSync(dir).sort()) {
        const rel = `raw/${topic}/${lang}/${f}`;
        const d = meta.get(rel);
        const id = `${topic}/${lang}/${f.replace(/\.txt$/, '')}`;
        docs.push(pipe.analyze({ id, source: { path: rel }, published: d && /^\d{4}-\d\d-\d\d$/.test(d) ? d : null, title: null, text: readFileSync(join(S, rel), 'utf8'), lang }));
        topicOf.set(id, topic);
      }
    }
  const store = new SqliteStore(':memory:');
  const t0 = performance.now();
  for (const d of docs) store.putSync(d);
  const putMs = (performance.now() - t0) / docs.length;
  const groups = groupsOf(store);
  const ids = [...groups.keys()];
  const s = score(
    ids.map((i) => topicOf.get(i)!),
    ids.map((i) => groups.get(i)!),
  );
  console.log(`  SlavicNER ru+uk, ${ids.length} documents of ${TOPICS.length} topics mixed: ${new Set(groups.values()).size} stories`);
  console.log(`  purity ${s.purity.toFixed(3)}  B3 P ${s.p.toFixed(3)} R ${s.r.toFixed(3)} F1 ${s.f1.toFixed(3)} (gold = topic)`);
  for (const t of TOPICS) {
    const x = s.per[t];
    console.log(`    ${(t + (DEV.has(t) ? ' (dev)' : ' (train)')).padEnd(22)} docs ${String(x.docs).padStart(3)}  stories ${String(x.stories).padStart(3)}  B3 P ${x.p.toFixed(3)} R ${x.r.toFixed(3)} F1 ${x.f1.toFixed(3)}`);
  }
  // stories mixing topics
  const byStory = new Map<string, Map<string, number>>();
  for (const [id, st] of groups) {
    const m = byStory.get(st) ?? byStory.set(st, new Map()).get(st)!;
    m.set(topicOf.get(id)!, (m.get(topicOf.get(id)!) ?? 0) + 1);
  }
  const mixed = [...byStory].filter(([, m]) => m.size > 1);
  console.log(`  stories mixing topics: ${mixed.length}${mixed.length ? ' ' + mixed.map(([st, m]) => `${st} ${JSON.stringify(Object.fromEntries(m))}`).join('; ') : ''}`);
  const langsMixed = [...new Set(groups.values())].filter((st) => {
    const langs = new Set([...groups].filter(([, x]) => x === st).map(([id]) => id.split('/')[1]));
    return langs.size > 1;
  }).length;
  console.log(`  stories holding both ru and uk articles: ${langsMixed}`);
  console.log(`  store write incl. corpus updaters: ${putMs.toFixed(2)} ms/article (in memory; see npm run bench for the corpus share)`);

  // order independence and rebuild
  const rev = new SqliteStore(':memory:');
  for (const d of [...docs].reverse()) rev.putSync(d);
  const revSame = same(groups, groupsOf(rev));
  await store.corpus.rebuild();
  const rebSame = same(groups, groupsOf(store));
  console.log(`  reverse-order ingest: ${revSame ? 'same groups and ids' : 'DIFFERENT groups'}; rebuild: ${rebSame ? 'same groups and ids' : 'DIFFERENT groups'}`);

  // ---- 3. near-duplicates
  const dups = store.db
    .prepare('SELECT a.id, o.id AS original FROM corpus_dedup d JOIN articles a ON a.rowid = d.article JOIN articles o ON o.rowid = d.copy_of ORDER BY a.id')
    .all() as { id: string; original: string }[];
  const crossTopic = dups.filter((d) => topicOf.get(d.id) !== topicOf.get(d.original)).length;
  const splitStory = dups.filter((d) => groups.get(d.id) !== groups.get(d.original)).length;
  console.log(`  near-duplicates: ${dups.length} reprints of ${new Set(dups.map((d) => d.original)).size} originals; across topics ${crossTopic}; reprint outside its original's story ${splitStory}`);
  await rev.close();
  await store.close();

  // ---- 4. the real-news set (eval/news; texts git-ignored: collected per its README), by half
  const NEWS = join(projectRoot, 'eval', 'news');
  if (existsSync(join(NEWS, 'texts'))) {
    const rows = readFileSync(join(NEWS, 'index.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { file: string; story: string; half: string; lang: string });
    const have = rows.filter((r) => existsSync(join(NEWS, 'texts', r.file)));
    const news = new SqliteStore(':memory:');
    const idOf = new Map<string, string>();
    for await (const it of readInputs(have.map((r) => join(NEWS, 'texts', r.file)))) {
      if (!it.ok) continue;
      const d = pipe.analyze(it.article);
      news.putSync(d);
      idOf.set(it.input.split('/').pop()!, d.id);
    }
    const g = groupsOf(news);
    for (const half of ['dev', 'measure']) {
      const hs = have.filter((r) => r.half === half && idOf.has(r.file));
      const sc = score(
        hs.map((r) => r.story),
        hs.map((r) => g.get(idOf.get(r.file)!) ?? r.file),
      );
      const cross = new Set(hs.map((r) => g.get(idOf.get(r.file)!))).size;
      console.log(`  eval/news ${half.padEnd(7)} ${hs.length} articles, ${new Set(hs.map((r) => r.story)).size} gold stories, ${cross} system stories: B3 P ${sc.p.toFixed(3)} R ${sc.r.toFixed(3)} F1 ${sc.f1.toFixed(3)}, purity ${sc.purity.toFixed(3)}${half === 'dev' ? ' (used with SlavicNER train to choose the threshold)' : ''}`);
    }
    await news.close();
  } else console.log('  eval/news: texts not collected (see eval/news/README.md): skipped');

  // ---- 2. seeds through corpus_score.py
  const seeds = new SqliteStore(':memory:');
  for await (const item of readInputs([join(SHARED, 'seeds')])) {
    if (!item.ok) throw new Error(`${item.input}: ${item.error}`);
    seeds.putSync(pipe.analyze(item.article));
  }
  const dir = mkdtempSync(join(tmpdir(), 'parley-clusters-'));
  const arts: string[] = [];
  for (const r of seeds.db.prepare('SELECT id FROM articles ORDER BY rowid').all() as { id: string }[]) arts.push(JSON.stringify(await seeds.getArticle(r.id)));
  writeFileSync(join(dir, 'articles.jsonl'), arts.join('\n') + '\n');
  writeFileSync(join(dir, 'stories.jsonl'), (await seeds.stories.list({ limit: 1000 })).map((x) => JSON.stringify(x)).join('\n') + '\n');
  const claims: string[] = [];
  for await (const c of seeds.corpus.claims({ limit: 100000 })) claims.push(JSON.stringify(c));
  writeFileSync(join(dir, 'claims.jsonl'), claims.join('\n') + '\n');
  await seeds.close();
  const r = spawnSync(
    'python3',
    [join(SHARED, 'eval', 'corpus_score.py'), '--articles', join(dir, 'articles.jsonl'), '--stories', join(dir, 'stories.jsonl'), '--claims', join(dir, 'claims.jsonl'), '--gold', join(SHARED, 'eval', 'gold'), '--json'],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`corpus_score.py failed: ${r.stderr}`);
  const rep = JSON.parse(r.stdout) as { stories: { b3: { p: number; r: number; f1: number }; system_stories: number; gold_stories: number }; claims: { b3: { f1: number } } };
  const b = rep.stories.b3;
  console.log(`  seeds (corpus_score.py): stories B3 P ${b.p.toFixed(3)} R ${b.r.toFixed(3)} F1 ${b.f1.toFixed(3)} (${rep.stories.system_stories} stories, gold ${rep.stories.gold_stories}); claims B3 F1 ${rep.claims.b3.f1.toFixed(3)} (corpus-core)`);
}
