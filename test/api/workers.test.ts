/**
 * `parley serve --workers N` (the real CLI, over real HTTP on 127.0.0.1): N processes answer on the
 * one port, a worker that dies is replaced, and SIGTERM stops them all with exit code 0. The store
 * holds real sample articles analysed by the pipeline.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectStore } from '../../src/store/index.js';
import { createPipeline } from '../../src/pipeline/index.js';
import { readInputs } from '../../src/ingest/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'parley-workers-'));
const db = join(tmp, 'w.db');
const ids: string[] = [];

before(async () => {
  const pipeline = await createPipeline();
  const store = await connectStore(db);
  for await (const r of readInputs(['ru-2025-02-18-riyadh-talks.txt', 'uk-2025-03-11-jeddah-talks.txt'].map((f) => join(ROOT, 'samples', f)))) {
    if (!r.ok) continue;
    const d = pipeline.analyze(r.article);
    await store.putArticle(d);
    ids.push(d.id);
  }
  await store.close();
  assert.equal(ids.length, 2);
});

after(() => rmSync(tmp, { recursive: true, force: true }));

/** pids of the direct children of a process (from /proc) */
function children(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const f = readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ');
      if (Number(f[1]) === pid) out.push(Number(d));
    } catch {
      // gone
    }
  }
  return out;
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 60_000, detail?: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${detail ? `: ${detail()}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('serve --workers 2: both answer, a dead worker is replaced, SIGTERM stops all with 0', { timeout: 180_000 }, async () => {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'serve', '--db', db, '--port', '0', '--workers', '2', '--no-ui'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PARLEY_TOKEN: '' },
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  try {
    await until('the address', () => /serving .* at http:\/\/\S+\/ .*2 workers/.test(err), 120_000);
    // printed once, by the primary
    assert.equal(err.match(/serving /g)!.length, 1, err);
    const url = /at (http:\/\/\S+?)\/ /.exec(err)![1].replace('localhost', '127.0.0.1');
    const pid = child.pid!;
    // tsx may add a helper process: the workers are the children that answer; at least 2
    await until('two workers', () => children(pid).length >= 2);
    const before = children(pid);
    for (let i = 0; i < 20; i++) {
      const r = await fetch(`${url}/api/articles?limit=${1 + (i % 5)}`, { headers: { connection: 'close' } });
      assert.equal(r.status, 200);
      const body = (await r.json()) as { items: { id: string }[] };
      assert.ok(body.items.every((a) => ids.includes(a.id)));
    }
    // kill one worker: another is started and the port keeps answering
    // the last outcome of a probe, for the failure message
    let last = '';
    const answers = async () => {
      try {
        const r = await fetch(`${url}/api/stats`, { headers: { connection: 'close' }, signal: AbortSignal.timeout(10_000) });
        last = `HTTP ${r.status}`;
        return r.status === 200;
      } catch (e) {
        last = `${(e as Error).message} ${((e as Error).cause as Error | undefined)?.message ?? ''}`;
        return false;
      }
    };
    const victim = before.find((p) => /serve/.test(readFileSync(`/proc/${p}/cmdline`, 'utf8')))!;
    assert.ok(victim, 'a worker process');
    process.kill(victim, 'SIGKILL');
    await until('a replacement worker', () => {
      const now = children(pid);
      return !now.includes(victim) && now.length >= before.length;
    });
    await until('answers again', answers, 60_000, () => `${last}; server said: ${err}`);
    // every worker killed at once: the replacements listen on the same port (with --port 0 too)
    const all = children(pid);
    for (const p of all) process.kill(p, 'SIGKILL');
    await until('replacements for all', () => {
      const now = children(pid);
      return now.length >= all.length && !now.some((p) => all.includes(p));
    }, 60_000, () => `killed ${all}, children now ${children(pid)}; server said: ${err}`);
    await until('answers at the same address after every worker died', answers, 60_000, () => `${last}; server said: ${err}`);
    const stats = (await (await fetch(`${url}/api/stats`, { headers: { connection: 'close' } })).json()) as { articles: number };
    assert.equal(stats.articles, 2);
    assert.match(err, /exited .*; starting another/);
    const t0 = Date.now();
    child.kill('SIGTERM');
    assert.equal(await exited, 0, err);
    assert.ok(Date.now() - t0 < 10_000, `stopped in ${Date.now() - t0} ms`);
    await until('no worker left', () => children(pid).length === 0, 10_000);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
