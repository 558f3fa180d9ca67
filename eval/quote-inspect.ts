/**
 * Every quote the pipeline finds in some texts, with its speaker, how the speaker was found, the rules,
 * and the text around the cue: for reading speaker errors on texts no rule was written from (SlavicNER raw
 * news, PolNeAR). Not a score: a person reads it.
 *
 *   npx tsx eval/quote-inspect.ts FILE_OR_DIR... [--lang ru] [--max N] [--skip N]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createPipeline } from '../src/pipeline/index.js';

const args = process.argv.slice(2);
const opt = (k: string) => {
  const i = args.indexOf(k);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const max = Number(opt('--max') ?? 20);
const skip = Number(opt('--skip') ?? 0);
const files: string[] = [];
for (const a of args) {
  if (statSync(a).isDirectory()) for (const f of readdirSync(a).sort()) files.push(join(a, f));
  else files.push(a);
}
const pipe = await createPipeline();
for (const f of files.slice(skip, skip + max)) {
  const text = readFileSync(f, 'utf8');
  const doc = pipe.analyze({ source: { path: f }, published: null, title: null, text });
  const ents = new Map((doc.layers.entities ?? []).map((e) => [e.id, e]));
  const qs = doc.layers.quotes ?? [];
  if (!qs.length) continue;
  console.log(`\n=== ${f.split('/').slice(-3).join('/')}`);
  for (const q of qs) {
    const sp = q.speaker ? ents.get(q.speaker)?.name ?? q.speaker : '∅';
    const a = Math.min(q.start, q.cue?.start ?? q.start);
    const b = Math.max(q.end, q.cue?.end ?? q.end);
    const ctxA = Math.max(0, a - 120);
    const ctx = (text.slice(ctxA, a) + '[' + text.slice(a, Math.min(b, a + 60)) + (b - a > 60 ? '…' : '') + text.slice(Math.max(a + 60, b - 40), b) + ']' + text.slice(b, b + 60)).replace(/\s+/g, ' ');
    console.log(`- ${q.kind[0]} SP=${sp} by=${q.speakerBy ?? '-'} ${q.rules?.join(',')}\n    ${ctx}`);
  }
}
