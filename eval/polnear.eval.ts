/**
 * English quoting on the PolNeAR dev set (../shared/data/polnear/dev: brat `Source`, `Cue`,
 * `Content` spans of attribution relations). Every text is analysed by the full pipeline; each
 * quote gives a content span (the quote), a cue span and a source span (the speaker's mention).
 * Scored per role as the citron paper reports them, by overlap: a predicted span is correct when
 * it overlaps a gold span of the same role (precision), a gold span is found when some predicted
 * span overlaps it (recall); F1 from the two. A stricter figure (token-overlap F1 of content,
 * i.e. the share of content characters that match) is printed beside it.
 *
 *   npm run eval -- polnear
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPipeline, projectRoot } from '../src/pipeline/index.js';

const DEV = join(projectRoot, '..', 'shared', 'data', 'polnear', 'dev');

type Role = 'Source' | 'Cue' | 'Content';
type Sp = [number, number];

function readAnn(path: string): Record<Role, Sp[]> {
  const out: Record<Role, Sp[]> = { Source: [], Cue: [], Content: [] };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const f = line.split('\t');
    if (f.length < 2 || !f[0].startsWith('T')) continue;
    const [role, ...rest] = f[1].split(' ');
    if (role !== 'Source' && role !== 'Cue' && role !== 'Content') continue;
    for (const part of rest.join(' ').split(';')) {
      const [a, b] = part.trim().split(/\s+/).map(Number);
      if (Number.isFinite(a) && Number.isFinite(b) && b > a) out[role].push([a, b]);
    }
  }
  return out;
}

const ov = (a: Sp, b: Sp) => Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));

export default async function run(): Promise<void> {
  const pipe = await createPipeline();
  const texts = readdirSync(join(DEV, 'text')).filter((f) => f.endsWith('.txt')).sort();
  const anns = readdirSync(join(DEV, 'attributions')).sort();
  const c: Record<Role, { tpP: number; nP: number; tpR: number; nG: number; chOv: number; chP: number; chG: number }> = {
    Source: { tpP: 0, nP: 0, tpR: 0, nG: 0, chOv: 0, chP: 0, chG: 0 },
    Cue: { tpP: 0, nP: 0, tpR: 0, nG: 0, chOv: 0, chP: 0, chG: 0 },
    Content: { tpP: 0, nP: 0, tpR: 0, nG: 0, chOv: 0, chP: 0, chG: 0 },
  };
  let docs = 0;
  let notEn = 0;
  let skipped = 0;
  for (const f of texts) {
    const stem = f.replace(/\.txt$/, '');
    const ann = anns.find((a) => a.startsWith(stem + '_'));
    if (!ann) continue;
    const text = readFileSync(join(DEV, 'text', f), 'utf8');
    const gold = readAnn(join(DEV, 'attributions', ann));
    // the raw text is the reference for offsets: declare the language and keep the body as is
    const doc = pipe.analyze({ source: { path: f }, published: null, title: null, text, lang: 'en' });
    // normalisation is one code unit for one (apostrophes, NFC); a length change would shift offsets
    if (doc.text.length !== text.length) {
      skipped++;
      continue;
    }
    if (doc.lang !== 'en') notEn++;
    docs++;
    const pred: Record<Role, Sp[]> = { Source: [], Cue: [], Content: [] };
    for (const q of doc.layers.quotes ?? []) {
      pred.Content.push([q.start, q.end]);
      if (q.cue) pred.Cue.push([q.cue.start, q.cue.end]);
      const ss = q.speakerSpan;
      if (ss) pred.Source.push([ss.start, ss.end]);
    }
    for (const a of doc.layers.attributions ?? []) {
      pred.Content.push([a.start, a.end]);
      if (a.cue) pred.Cue.push([a.cue.start, a.cue.end]);
    }
    for (const role of ['Source', 'Cue', 'Content'] as Role[]) {
      const P = pred[role];
      const G = gold[role];
      const k = c[role];
      k.nP += P.length;
      k.nG += G.length;
      k.tpP += P.filter((p) => G.some((g) => ov(p, g) > 0)).length;
      k.tpR += G.filter((g) => P.some((p) => ov(p, g) > 0)).length;
      // character overlap (spans within a role do not overlap in PolNeAR)
      for (const g of G) k.chG += g[1] - g[0];
      for (const p of P) {
        k.chP += p[1] - p[0];
        k.chOv += G.reduce((s, g) => s + ov(p, g), 0);
      }
    }
  }
  console.log(`  PolNeAR dev: ${docs} documents${notEn ? ` (${notEn} not identified as English)` : ''}${skipped ? `, ${skipped} skipped (text length changed)` : ''}`);
  for (const role of ['Source', 'Cue', 'Content'] as Role[]) {
    const k = c[role];
    const p = k.nP ? k.tpP / k.nP : 0;
    const r = k.nG ? k.tpR / k.nG : 0;
    const f1 = p + r ? (2 * p * r) / (p + r) : 0;
    const cp = k.chP ? k.chOv / k.chP : 0;
    const cr = k.chG ? k.chOv / k.chG : 0;
    const cf = cp + cr ? (2 * cp * cr) / (cp + cr) : 0;
    console.log(
      `  ${role.padEnd(8)} overlap P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${f1.toFixed(3)}  (pred ${k.nP}, gold ${k.nG});  characters P ${cp.toFixed(3)} R ${cr.toFixed(3)} F1 ${cf.toFixed(3)}`,
    );
  }
}
