/**
 * `tsx scripts/ner/prune-model.ts --min Q [--in FILE] [--out FILE]`: drops from a trained NER model
 * the features whose int16 weights are all below Q in absolute value (weights of the rest, the
 * header and the gazetteers unchanged), to make the feature table smaller. Prints how many were
 * dropped. Measure `npm run eval -- ner` before keeping a pruned model.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { projectRoot } from '../../src/pipeline/resources.js';

const args = process.argv.slice(2);
const opt = (name: string, def: string) => {
  const i = args.indexOf('--' + name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : def;
};
const IN = resolve(opt('in', resolve(projectRoot, 'src/entities/ner/model/ner.bin.gz')));
const OUT = resolve(opt('out', IN));
const MIN = +opt('min', '0');

const raw = gunzipSync(readFileSync(IN));
const hlen = raw.readUInt32LE(0);
const header = JSON.parse(raw.subarray(4, 4 + hlen).toString('utf8')) as { labels: string[] };
const L = header.labels.length;
const flen = raw.readUInt32LE(4 + hlen);
const names = raw.subarray(8 + hlen, 8 + hlen + flen).toString('utf8').split('\n');
const off = 8 + hlen + flen;
if (raw.length !== off + names.length * L * 2) throw new Error(`${IN}: ${names.length} names but ${(raw.length - off) / (2 * L)} weight rows`);
const keep: number[] = [];
for (let j = 0; j < names.length; j++) {
  let mx = 0;
  for (let l = 0; l < L; l++) mx = Math.max(mx, Math.abs(raw.readInt16LE(off + 2 * (j * L + l))));
  if (mx >= MIN) keep.push(j);
}
const f = Buffer.from(keep.map((j) => names[j]).join('\n'), 'utf8');
const w = Buffer.alloc(keep.length * L * 2);
keep.forEach((j, k) => raw.copy(w, k * L * 2, off + j * L * 2, off + (j + 1) * L * 2));
const flenBuf = Buffer.alloc(4);
flenBuf.writeUInt32LE(f.length, 0);
const out = gzipSync(Buffer.concat([raw.subarray(0, 4 + hlen), flenBuf, f, w]), { level: 9 });
writeFileSync(OUT, out);
console.log(`kept ${keep.length} of ${names.length} features (max |int16 weight| >= ${MIN}); ${(out.length / 1024 / 1024).toFixed(2)} MB -> ${OUT}`);
