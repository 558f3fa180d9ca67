/**
 * The SQLite WAL stays bounded while readers hold reads during writes (issue 13, item 6): readers
 * that overlap without a gap (the API serving while an ingest writes) starve SQLite's passive
 * checkpoints, so without the writer's own checkpoint (SqliteStore walMaxBytes) the WAL grows with
 * every article. A worker thread keeps a read transaction open at every moment (two connections
 * taking turns) while the main thread stores real news articles.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { projectRoot } from '../../src/pipeline/resources.js';
import { SqliteStore } from '../../src/store/sqlite.js';

const require_ = createRequire(import.meta.url).resolve;
const RAW = join(projectRoot, '..', 'shared', 'data', 'slavicner', 'raw');

/** n real news texts (ru, uk), spread over topics */
function texts(n: number): { lang: string; text: string }[] {
  const out: { lang: string; text: string; f: string }[] = [];
  for (const topic of readdirSync(RAW).sort())
    for (const lang of readdirSync(join(RAW, topic)).sort())
      for (const f of readdirSync(join(RAW, topic, lang)).sort()) out.push({ lang, f: join(RAW, topic, lang, f), text: '' });
  const step = Math.max(1, Math.floor(out.length / n));
  return out.filter((_, i) => i % step === 0).slice(0, n).map((x) => ({ lang: x.lang, text: readFileSync(x.f, 'utf8') }));
}

// two connections take turns so that a read transaction is open at every moment
const READER = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const stop = new Int32Array(workerData.flag);
const cons = [new Database(workerData.path, { readonly: true }), new Database(workerData.path, { readonly: true })];
const sleep = (ms) => Atomics.wait(stop, 0, 0, ms);
let i = 0;
cons[0].exec('BEGIN'); cons[0].prepare('SELECT count(*) FROM articles').get();
while (Atomics.load(stop, 0) === 0) {
  sleep(25);
  const next = cons[(i + 1) % 2], cur = cons[i % 2];
  next.exec('BEGIN'); next.prepare('SELECT count(*), max(rowid) FROM articles').get();
  cur.exec('COMMIT');
  i++;
}
cons[i % 2].exec('COMMIT');
for (const c of cons) c.close();
`;

async function run(dir: string, name: string, walMaxBytes: number, docs: { lang: string; text: string }[]): Promise<{ maxWal: number; stored: number }> {
  const path = join(dir, `${name}.db`);
  const store = new SqliteStore(path, { walMaxBytes });
  const flag = new SharedArrayBuffer(4);
  const worker = new Worker(READER, { eval: true, workerData: { path, flag, sqlite: require_('better-sqlite3') } });
  const exited = new Promise((resolve, reject) => {
    worker.on('exit', resolve);
    worker.on('error', reject);
  });
  await new Promise((r) => setTimeout(r, 200));
  let maxWal = 0;
  let stored = 0;
  // three passes with distinct ids: enough writes to show the growth
  for (let pass = 0; pass < 3; pass++)
    for (const [i, d] of docs.entries()) {
      const r = store.putSync({ id: `wal-${pass}-${i}`, lang: d.lang, text: `${d.text}\n(${pass})`, published: '2026-01-02' } as never);
      if (r.status === 'new') stored++;
      maxWal = Math.max(maxWal, statSync(`${path}-wal`).size);
    }
  Atomics.store(new Int32Array(flag), 0, 1);
  Atomics.notify(new Int32Array(flag), 0);
  await exited;
  await store.close();
  return { maxWal, stored };
}

test('the WAL stays bounded while a reader holds reads during writes', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-wal-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const docs = texts(60);
  const limit = 512 * 1024;
  const unbounded = await run(dir, 'unbounded', Infinity, docs);
  const bounded = await run(dir, 'bounded', limit, docs);
  t.diagnostic(`WAL max: ${unbounded.maxWal} bytes without the checkpoint, ${bounded.maxWal} with walMaxBytes ${limit}`);
  assert.equal(bounded.stored, docs.length * 3);
  assert.equal(unbounded.stored, docs.length * 3);
  // the reader does starve SQLite's own checkpoints (else this test shows nothing)
  assert.ok(unbounded.maxWal > 4 * limit, `without the writer's checkpoint the WAL reached only ${unbounded.maxWal}`);
  // at most the limit plus the commit that passed it
  assert.ok(bounded.maxWal < 2 * limit, `WAL reached ${bounded.maxWal} with walMaxBytes ${limit}`);
});
