#!/usr/bin/env node
// `npm start`: build when the build is missing or older than the sources, ingest samples/ into
// .parley/demo.db when that holds no article, then serve the web UI and the API (`parley serve`)
// and print the address. Uploads from the UI's Ingest page need the token written to
// .parley/token (created on first start, readable by this user only).
//
// PORT (default 8080; the next free one up to +20 if taken), HOST (default 127.0.0.1),
// PARLEY_DB (default .parley/demo.db).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'dist/src/cli/main.js');
const dir = join(root, '.parley');
const db = process.env.PARLEY_DB || join(dir, 'demo.db');
const tokenFile = join(dir, 'token');
const host = process.env.HOST || '127.0.0.1';
const say = (s) => process.stderr.write(`start: ${s}\n`);

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = 0;
  for (const n of readdirSync(path)) if (n !== 'node_modules' && n !== 'dist') t = Math.max(t, newest(join(path, n)));
  return t;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  return r.status ?? 1;
}

// 1. build (npm install already did, through `prepare`; rebuild only when sources changed)
const built = Math.min(existsSync(cli) ? statSync(cli).mtimeMs : 0, existsSync(join(root, 'web/dist/index.html')) ? statSync(join(root, 'web/dist/index.html')).mtimeMs : 0);
const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'web/src')), newest(join(root, 'package.json')));
if (!built || sources > built) {
  say(built ? 'sources changed since the last build: npm run build' : 'no build yet: npm run build');
  if (run('npm', ['run', 'build']) !== 0) {
    if (!built) {
      say('the build failed');
      process.exit(3);
    }
    say('the build failed (see above): serving the previous build');
  }
}

// 2. the demo database: ingest samples/ when it holds no article
mkdirSync(dir, { recursive: true });
const stats = spawnSync(process.execPath, [cli, 'stats', '--db', db, '--json'], { cwd: root, encoding: 'utf8' });
const articles = stats.status === 0 ? JSON.parse(stats.stdout).articles : 0;
if (!articles) {
  say(`ingesting samples/ into ${db}`);
  const code = run(process.execPath, [cli, 'ingest', join(root, 'samples'), '--db', db, '--no-progress']);
  if (code !== 0 && code !== 1) {
    say(`ingest failed (exit ${code})`);
    process.exit(code);
  }
} else say(`${db} holds ${articles} articles`);

// 3. a token for uploads from the UI
if (!existsSync(tokenFile)) writeFileSync(tokenFile, randomBytes(24).toString('base64url') + '\n', { mode: 0o600 });

// 4. serve on the first free port from PORT
const free = (port) =>
  new Promise((resolve) => {
    const s = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => s.close(() => resolve(true)))
      .listen(port, host);
  });
let port = Number(process.env.PORT || 8080);
for (let i = 0; i < 20 && !(await free(port)); i++) port++;
say(`uploads (the Ingest page) need the token in ${tokenFile}`);
const child = spawn(process.execPath, [cli, 'serve', '--db', db, '--host', host, '--port', String(port), '--token-file', tokenFile], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
