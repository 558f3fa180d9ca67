// The shared job queue on a real PostgreSQL server, driven through the real CLI in separate
// processes: `parley ingest --queue` enqueues the seeds and samples, `parley worker` processes
// take them; a worker killed with SIGKILL in the middle of a job leaves that job to another
// worker; every article is stored once and as a single-process ingest stores it; a malformed job
// fails with its error, is listed by `parley queue` and can be retried.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { INGEST_QUEUE, QUEUE_SCHEMA, openQueue } from '../../src/queue/index.js';
import { PostgresStore } from '../../src/store/postgres.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { freshPgDatabase } from '../helpers/pg.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'src', 'cli', 'main.ts');
const INPUTS = [join(ROOT, '..', 'shared', 'seeds'), join(ROOT, 'samples')];

function parley(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 240_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function worker(db: string, extra: string[] = []): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CLI, 'worker', '--db', db, '--quiet', '--json', ...extra], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

function exited(p: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> {
  let out = '';
  let err = '';
  p.stdout?.on('data', (d) => (out += d));
  p.stderr?.on('data', (d) => (err += d));
  return new Promise((resolve) => p.on('exit', (code, signal) => resolve({ code, signal, out, err })));
}

async function jobStates(url: string): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const rows = (await c.query(`SELECT state::text, count(*)::int AS n FROM ${QUEUE_SCHEMA}.job WHERE name = $1 GROUP BY state`, [INGEST_QUEUE])).rows;
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  } finally {
    await c.end();
  }
}

async function sql(url: string, q: string, values: unknown[] = []): Promise<any[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(q, values)).rows;
  } finally {
    await c.end();
  }
}

test('two workers store every queued article once, as a single-process ingest stores it; a killed worker’s job is retried by another', async () => {
  const db = await freshPgDatabase('parley_q');
  const dir = mkdtempSync(join(tmpdir(), 'parley-queue-'));
  try {
    const q = parley(['ingest', '--queue', '--job-timeout', '3', '--db', db.url, '--json', ...INPUTS]);
    assert.equal(q.code, 0, q.err);
    const queued = JSON.parse(q.out).queued as number;
    assert.ok(queued >= 10, `queued ${queued}`);
    // enqueue the same inputs again: the second copies must not be stored twice
    assert.equal(parley(['ingest', '--queue', '--job-timeout', '3', '--db', db.url, ...INPUTS]).code, 0);
    const st = parley(['queue', '--db', db.url, '--json']);
    assert.equal(JSON.parse(st.out).pending, 2 * queued);

    // worker A (short job timeout) is killed while it holds a job
    const a = worker(db.url);
    const aDone = exited(a);
    let killedJob: string | null = null;
    for (let i = 0; i < 2400 && !killedJob; i++) {
      await new Promise((r) => setTimeout(r, 25));
      const rows = await sql(db.url, `SELECT id::text, state::text FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND state IN ('active', 'completed')`, [INGEST_QUEUE]);
      const active = rows.filter((r) => r.state === 'active');
      if (rows.some((r) => r.state === 'completed') && active.length) {
        a.kill('SIGKILL');
        killedJob = active[0].id;
      }
    }
    assert.ok(killedJob, 'worker A never held a job');
    const ra = await aDone;
    assert.equal(ra.signal, 'SIGKILL');
    const left = await jobStates(db.url);
    assert.ok((left.active ?? 0) >= 1, `the killed worker's job stays active until it expires: ${JSON.stringify(left)}`);

    // workers B and C, at once, finish the queue (the abandoned job included, once it expires)
    const b = exited(worker(db.url, ['--idle-exit', '3']));
    const c = exited(worker(db.url, ['--idle-exit', '3']));
    const [rb, rc] = await Promise.all([b, c]);
    assert.equal(rb.code, 0, rb.err);
    assert.equal(rc.code, 0, rc.err);
    const sb = JSON.parse(rb.out.trim().split('\n').pop()!);
    const sc = JSON.parse(rc.out.trim().split('\n').pop()!);
    assert.ok(sb.jobs > 0 && sc.jobs > 0, `both workers took jobs: ${rb.out} ${rc.out}`);
    assert.equal(sb.failed + sc.failed, 0, rb.err + rc.err);

    const states = await jobStates(db.url);
    assert.equal(states.completed, 2 * queued, JSON.stringify(states));
    const killed = (await sql(db.url, `SELECT state::text, retry_count FROM ${QUEUE_SCHEMA}.job WHERE id = $1`, [killedJob]))[0];
    assert.equal(killed.state, 'completed');
    assert.ok(killed.retry_count >= 1, 'the killed job was retried');

    // stored once each, and exactly what a single-process ingest stores
    const ids = await sql(db.url, 'SELECT id, count(*)::int AS n FROM articles GROUP BY id');
    assert.equal(ids.length, queued);
    assert.ok(ids.every((r) => r.n === 1));
    const file = join(dir, 'one.db');
    const one = parley(['ingest', '--db', file, ...INPUTS]);
    assert.equal(one.code, 0, one.err);
    const lite = new SqliteStore(file);
    const pgs = await new PostgresStore(db.url).open();
    try {
      for (const { id } of ids) assert.deepEqual(await pgs.getArticle(id), await lite.getArticle(id), id);
      assert.deepEqual(await pgs.stats(), await lite.stats());
    } finally {
      await lite.close();
      await pgs.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  }
});

test('a malformed job fails with its error, parley queue lists it, --retry puts it back', async () => {
  const db = await freshPgDatabase('parley_q');
  try {
    const boss = await openQueue(db.url);
    try {
      await boss.send(INGEST_QUEUE, { input: 'foreign-client' }, { retryLimit: 0 });
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    const w = exited(worker(db.url, ['--idle-exit', '1']));
    const r = await w;
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /malformed/);
    const s = parley(['queue', '--db', db.url, '--json']);
    assert.equal(s.code, 0, s.err);
    const state = JSON.parse(s.out);
    assert.equal(state.counts.failed, 1);
    assert.equal(state.failed[0].input, 'foreign-client');
    assert.match(state.failed[0].error, /malformed \(no raw article/);
    const text = parley(['queue', '--db', db.url]);
    assert.match(text.out, /1 failed/);
    assert.match(text.out, /malformed/);

    assert.equal(parley(['queue', '--db', db.url, '--retry', 'not-a-job']).code, 2);
    const retried = parley(['queue', '--db', db.url, '--retry', '--json']);
    assert.equal(retried.code, 0, retried.err);
    assert.equal(JSON.parse(retried.out).retried, 1);
    const after = JSON.parse(parley(['queue', '--db', db.url, '--json']).out);
    assert.equal(after.counts.failed, 0);
    assert.equal(after.pending, 1);

    // a SQLite --db is a usage error for the queue commands
    assert.equal(parley(['queue', '--db', 'x.db']).code, 2);
    assert.equal(parley(['worker', '--db', 'x.db']).code, 2);
  } finally {
    await db.drop();
  }
});
