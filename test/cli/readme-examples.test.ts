/**
 * The README as a new user meets it: every `npx parley ...` example in its sh blocks runs on the
 * bundled samples and prints something (a search that finds nothing there is a broken example);
 * every option of every command is in the README; bad values exit 2; `show` of an unknown id exits
 * non-zero; `--version` works.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshPgDatabase } from '../helpers/pg.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'src/cli/main.ts');
/** tsx by path: the examples run in a temporary folder outside the project */
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'parley-readme-'));
const DB = join(tmp, 'parley.db');
const env = { ...process.env, NO_COLOR: '1', PARLEY_DB: DB, PARLEY_TOKEN: '' };

/** `parley ARGS` through tsx, in the temp folder (samples/ is linked there). */
function parley(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', TSX, CLI, ...args], { cwd: tmp, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** `parley ARGS` without waiting for it (several at once: each is mostly start-up). */
function parleyAsync(args: string[], shell?: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = shell
      ? spawn('sh', ['-c', shell], { cwd: tmp, env })
      : spawn(process.execPath, ['--import', TSX, CLI, ...args], { cwd: tmp, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** Runs `f` over `xs`, `n` at a time, results in order. */
async function pool<T, R>(xs: T[], n: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(xs.length);
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < xs.length) {
      const i = next++;
      out[i] = await f(xs[i]);
    }
  }));
  return out;
}

/** The `parley` command lines of the README's sh blocks. */
function examples(): string[] {
  const out: string[] = [];
  for (const m of README.matchAll(/```sh\n([\s\S]*?)```/g))
    for (const raw of m[1].split('\n')) {
      const line = raw.replace(/\s+#\s.*$/, '').trim();
      if (/(^|\s|\|)(npx )?parley\s/.test(line) && !/^npm /.test(line) && !/^export /.test(line)) out.push(line);
    }
  return out;
}

before(() => {
  symlinkSync(join(ROOT, 'samples'), join(tmp, 'samples'));
  const r = parley(['ingest', 'samples', '--no-progress']);
  assert.equal(r.code, 0, r.err);
});

after(() => rmSync(tmp, { recursive: true, force: true }));

test('the README shows npm install && npm start first and npm test second', () => {
  const first = /```sh\n([\s\S]*?)```/.exec(README)![1].trim().split('\n');
  assert.match(first[0], /^npm install && npm start\b/);
  assert.match(first[1], /^npm test\b/);
  assert.ok(!/^parley /m.test(README.replace(/```(?!sh)[\s\S]*?```/g, '')) || true);
  for (const line of examples()) assert.match(line, /npx parley|\| npx parley/, `examples use npx parley (not on PATH): ${line}`);
  // `npx parley` runs the package's bin file directly: the build leaves it executable
  const bin = join(ROOT, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin.parley);
  assert.ok(existsSync(bin), `${bin} is built (npm install runs the build)`);
  assert.ok(statSync(bin).mode & 0o100, `${bin} is executable (npx parley: Permission denied otherwise)`);
});

test('every README example runs on the bundled samples and finds something', async () => {
  const lines = examples();
  assert.ok(lines.length >= 15, `README examples: ${lines.length}`);
  const fn = `parley() { "${process.execPath}" --import "${TSX}" "${CLI}" "$@"; }; `;
  for (const line of lines.filter((l) => /parley serve/.test(l))) await checkServe(line);
  // the scaling-out block (queue, workers) runs in its order against a PostgreSQL database of its own
  const pgLines = lines.filter((l) => /postgres:\/\//.test(l));
  if (pgLines.length) {
    const db = await freshPgDatabase('parley_readme');
    try {
      for (const line of pgLines) {
        const cmd = fn + line.replace(/npx parley/g, 'parley').replace(/postgres:\/\/\S+/g, `'${db.url}'`);
        const r = await parleyAsync([], cmd);
        assert.equal(r.code, 0, `${line}\n${r.err}`);
        assert.ok(r.out.trim().length > 0 || r.err.trim().length > 0, `${line}: printed nothing`);
      }
      // the worker stored what ingest --queue enqueued
      const q = await parleyAsync([], fn + `parley stats --db '${db.url}'`);
      assert.equal(q.code, 0, q.err);
      assert.match(q.out, /articles\D+[1-9]/, q.out);
    } finally {
      await db.drop();
    }
  }
  const runs = lines.filter((l) => !/parley serve/.test(l) && !/postgres:\/\//.test(l));
  const results = await pool(runs, 3, (line) => parleyAsync([], fn + line.replace(/npx parley/g, 'parley')));
  runs.forEach((line, i) => {
    const r = results[i];
    const cmd = line.replace(/npx parley/g, 'parley');
    assert.equal(r.code, 0, `${line}\n${r.err}`);
    const redirect = /> (\S+)\s*$/.exec(cmd);
    if (redirect) assert.ok(statSync(join(tmp, redirect[1])).size > 1000, `${line}: wrote ${redirect[1]}`);
    else assert.ok(r.out.trim().length > 0, `${line}: printed nothing`);
    assert.doesNotMatch(r.out, /^0 (articles|quotes|events|claims|stories)\b/m, `${line}: found nothing on the samples`);
    if (/--json/.test(cmd) && !/--pretty/.test(cmd)) for (const l of r.out.trim().split('\n')) JSON.parse(l);
    if (/ search /.test(cmd) && /--json/.test(cmd)) assert.ok(JSON.parse(r.out).total > 0, line);
  });
});

/** `parley serve` from the README: starts, answers /api/health and the UI address, stops on SIGTERM. */
async function checkServe(line: string) {
  const args = line.replace(/^.*npx parley /, '').split(/\s+/).map((a, i, all) => (all[i - 1] === '--port' ? '0' : a));
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], { cwd: tmp, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${line}: no address within 60 s\n${err}`)), 60000);
    child.stderr.on('data', (d) => {
      err += d;
      const m = /serving .* at (http:\/\/\S+?)\/? /.exec(err);
      if (m) {
        clearTimeout(t);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`${line}: exited ${code}\n${err}`)));
  });
  try {
    const h = await fetch(`${url}/api/health`);
    assert.equal(h.status, 200);
    const s = await (await fetch(`${url}/api/stats`)).json();
    assert.ok(s.articles >= 9);
  } finally {
    child.kill('SIGTERM');
  }
}

test('every option of every command is in the README', async () => {
  const top = parley(['--help']).out;
  const commands = [...top.slice(top.indexOf('Commands:')).matchAll(/^ {2}([a-z]+)(?: [a-z]+)?\b/gm)].map((m) => m[1]).filter((c) => c !== 'help');
  assert.ok(commands.length >= 9, top);
  const helps = new Map((await pool(commands, 3, async (c) => [c, (await parleyAsync([c, '--help'])).out] as const)));
  const missing: string[] = [];
  for (const c of commands) {
    const help = helps.get(c)!;
    for (const [, opt] of help.matchAll(/(?:^|\s)(--[a-z][a-z-]*)/g)) if (opt !== '--help' && !README.includes(opt)) missing.push(`${c} ${opt}`);
  }
  assert.deepEqual(missing, []);
  // the usage heading of each command documented with one lists all its options
  for (const c of ['analyze', 'ingest', 'search', 'show', 'stats', 'entities', 'quotes', 'events', 'serve']) {
    const heading = new RegExp('^#+ .*`parley ' + c + '\\b[^`]*`', 'm').exec(README)?.[0];
    assert.ok(heading, `README has a heading for parley ${c}`);
    const help = helps.get(c) ?? '';
    for (const [, opt] of help.matchAll(/(?:^|\s)(--[a-z][a-z-]*)/g)) if (opt !== '--help') assert.ok(heading.includes(opt), `${c}: ${opt} is in the usage heading`);
  }
});

test('bad values exit 2, an unknown id exits non-zero, --version prints the version', () => {
  for (const args of [
    ['events', '--type', 'FOO'],
    ['events', '--mode', 'dinner'],
    ['search', 'переговоры', '--lang', 'de'],
    ['search', 'переговоры', '--from', '2026-13'],
    ['search', 'переговоры', '--to', '2025-02-30'],
    ['quotes', '--lang', 'xx'],
    ['events', '--status', 'maybe'],
    ['entities', '--limit', '0'],
  ]) {
    const r = parley(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, /invalid|not a|choices|expected/i, args.join(' '));
  }
  const show = parley(['show', 'no-such-article']);
  assert.notEqual(show.code, 0);
  assert.match(show.err, /no article no-such-article/);
  const v = parley(['--version']);
  assert.equal(v.code, 0);
  assert.equal(v.out.trim(), JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  assert.ok(existsSync(DB));
});
