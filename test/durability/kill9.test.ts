/**
 * Durability of `parley ingest` (issue 13): a real CLI process killed with SIGKILL at random
 * moments, 20 times in a row, into the same database; after every kill the database is
 * consistent (SQLite integrity_check, foreign keys, every article has its search rows, nothing
 * stored before is lost, no duplicates), and a last run completes the set. Then the same on
 * PostgreSQL (the server from test/helpers/pg.ts). Two ingests into one new SQLite file at once
 * both succeed (they wait for each other), with every article stored once.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { contentId } from '../../src/doc/create.js';
import { normalizeBody } from '../../src/doc/normalize.js';
import { readInputs } from '../../src/ingest/index.js';
import { projectRoot } from '../../src/pipeline/resources.js';
import { freshPgDatabase } from '../helpers/pg.js';

const RAW = join(projectRoot, '..', 'shared', 'data', 'slavicner', 'raw');
const CLI = [process.execPath, '--import', 'tsx', join(projectRoot, 'src', 'cli', 'main.ts')];

/** n real news files (ru and uk) copied into a fresh directory. */
function corpus(t: { after(fn: () => void): void }, n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-kill9-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const files: string[] = [];
  for (const topic of readdirSync(RAW).sort())
    for (const lang of readdirSync(join(RAW, topic)).sort())
      for (const f of readdirSync(join(RAW, topic, lang)).sort()) files.push(join(RAW, topic, lang, f));
  // spread over topics and languages
  const step = Math.max(1, Math.floor(files.length / n));
  const chosen = files.filter((_, i) => i % step === 0).slice(0, n);
  chosen.forEach((f, i) => copyFileSync(f, join(dir, `${String(i).padStart(4, '0')}.txt`)));
  return dir;
}

async function distinctIds(dir: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for await (const it of readInputs([dir])) if (it.ok) ids.add(it.article.id ?? contentId(normalizeBody(it.article.text)));
  return ids;
}

/** A seeded PRNG (mulberry32): the kill moments are random but reproducible from the seed printed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One `parley ingest` run; with `kill`, SIGKILL once the database holds more articles than
 * `kill.stored` (the process is storing) plus a random delay, so kills land among the writes.
 */
function ingest(
  dir: string,
  db: string,
  kill?: { stored: number; count: () => Promise<number>; delayMs: number },
): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(CLI[0], [...CLI.slice(1), 'ingest', dir, '--db', db, '--no-progress', '--json'], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    let done = false;
    if (kill) {
      const started = Date.now();
      void (async () => {
        while (!done) {
          await new Promise((r) => setTimeout(r, 40));
          let n = 0;
          try {
            n = await kill.count();
          } catch {
            n = 0; // no schema yet
          }
          if (n > kill.stored || Date.now() - started > 60_000) break;
        }
        await new Promise((r) => setTimeout(r, kill.delayMs));
        if (!done) child.kill('SIGKILL');
      })();
    }
    child.on('close', (code, signal) => {
      done = true;
      resolve({ code, signal, out });
    });
  });
}

interface Check {
  articles: string[];
}

function checkSqlite(path: string): Check {
  const db = new Database(path);
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    assert.deepEqual(db.pragma('foreign_key_check'), [], 'no row points at a missing article');
    const n = db.prepare('SELECT count(*) AS n FROM articles').pluck().get() as number;
    // (the search data is in the article's row from schema step 11)
    assert.equal(db.prepare('SELECT count(*) FROM articles WHERE s_offsets IS NOT NULL AND s_terms IS NOT NULL').pluck().get(), n, 'search data for every article');
    assert.equal(db.prepare('SELECT count(*) FROM article_fts').pluck().get(), n, 'one index row per article');
    assert.equal(
      db.prepare('SELECT count(*) FROM article_fts WHERE rowid NOT IN (SELECT rowid FROM articles)').pluck().get(),
      0,
      'no index row without its article',
    );
    assert.equal(db.prepare('SELECT count(*) FROM (SELECT content_hash FROM articles GROUP BY content_hash HAVING count(*) > 1)').pluck().get(), 0, 'no text stored twice');
    return { articles: db.prepare('SELECT id FROM articles ORDER BY id').pluck().all() as string[] };
  } finally {
    db.close();
  }
}

async function checkPg(url: string): Promise<Check> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const one = async (sql: string) => Number((await c.query(sql)).rows[0].n);
    const n = await one('SELECT count(*) AS n FROM articles');
    assert.equal(await one('SELECT count(*) AS n FROM search_terms'), n, 'search data for every article');
    assert.equal(await one('SELECT count(*) AS n FROM search_terms WHERE article NOT IN (SELECT rowid FROM articles)'), 0);
    assert.equal(await one('SELECT count(*) AS n FROM (SELECT id FROM articles GROUP BY id HAVING count(*) > 1) d'), 0);
    return { articles: (await c.query('SELECT id FROM articles ORDER BY id')).rows.map((r) => r.id as string) };
  } finally {
    await c.end();
  }
}

async function killLoop(
  label: string,
  dir: string,
  db: string,
  check: () => Promise<Check> | Check,
  count: () => Promise<number>,
  seed: number,
): Promise<void> {
  const rand = rng(seed);
  const expected = await distinctIds(dir);
  let before: string[] = [];
  let killedMidRun = 0;
  for (let round = 1; round <= 20; round++) {
    // killed 0-600 ms after it has stored its first article of this run
    const at = Math.floor(rand() * 600);
    const r = await ingest(dir, db, { stored: before.length, count, delayMs: at });
    if (r.signal === 'SIGKILL') killedMidRun++;
    else assert.ok(r.code === 0 || r.code === 1, `${label} round ${round}: exit ${r.code}: ${r.out}`);
    let now: Check;
    try {
      now = await check();
    } catch (e) {
      if (/no such table|does not exist/.test(String(e)) && before.length === 0) continue; // killed before the schema was made
      throw new Error(`${label}, seed ${seed}, round ${round} (killed at ${at} ms): ${(e as Error).message}`);
    }
    for (const id of before) assert.ok(now.articles.includes(id), `${label} round ${round}: ${id} stored before is lost`);
    for (const id of now.articles) assert.ok(expected.has(id), `${label}: unexpected article ${id}`);
    before = now.articles;
  }
  assert.ok(killedMidRun >= 10, `${label}: most rounds were killed mid-run (${killedMidRun})`);
  const last = await ingest(dir, db);
  assert.equal(last.code, 0, last.out);
  const summary = JSON.parse(last.out.trim().split('\n').pop()!);
  assert.equal(summary.new + summary.duplicates, expected.size, 'the re-run reads every article');
  const final = await check();
  assert.deepEqual(final.articles, [...expected].sort(), `${label}: the re-run completes the set`);
  process.stderr.write(`# ${label}: 20 kills (${killedMidRun} mid-run, seed ${seed}), ${before.length} articles stored before the last run, ${summary.new} by it\n`);
}

test('kill -9 at random moments, 20 times in a row, into SQLite: consistent every time, complete after a re-run', async (t) => {
  const dir = corpus(t, 100);
  const db = join(dir, 'kill.db');
  const seed = Number(process.env.PARLEY_KILL_SEED ?? Date.now() % 100000);
  const count = async () => {
    const d = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return d.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    } finally {
      d.close();
    }
  };
  await killLoop('SQLite', dir, db, () => checkSqlite(db), count, seed);
});

test('kill -9 at random moments, 20 times in a row, into PostgreSQL', async (t) => {
  const dir = corpus(t, 100);
  const pgdb = await freshPgDatabase('parley_kill');
  t.after(() => pgdb.drop());
  const seed = Number(process.env.PARLEY_KILL_SEED ?? Date.now() % 100000);
  const count = async () => {
    const c = new pg.Client({ connectionString: pgdb.url });
    await c.connect();
    try {
      return Number((await c.query('SELECT count(*) AS n FROM articles')).rows[0].n);
    } finally {
      await c.end();
    }
  };
  await killLoop('PostgreSQL', dir, pgdb.url, () => checkPg(pgdb.url), count, seed);
});

test('two ingests into one SQLite file that does not exist yet: both succeed, every article once', async (t) => {
  const dir = corpus(t, 40);
  const db = join(dir, 'new.db');
  // the same inputs twice at once: they race on creating the schema and on every article
  const [a, b] = await Promise.all([ingest(dir, db), ingest(dir, db)]);
  assert.equal(a.code, 0, a.out);
  assert.equal(b.code, 0, b.out);
  assert.doesNotMatch(a.out + b.out, /database is locked|already exists/);
  const sa = JSON.parse(a.out.trim().split('\n').pop()!);
  const sb = JSON.parse(b.out.trim().split('\n').pop()!);
  const expected = await distinctIds(dir);
  assert.equal(sa.new + sb.new, expected.size, 'each article stored by one of them');
  assert.deepEqual(checkSqlite(db).articles, [...expected].sort());
});
