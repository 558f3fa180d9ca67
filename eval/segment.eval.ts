/**
 * Tokenization and sentence-boundary agreement with factRuEval-2016 (../shared/data/factrueval2016/
 * devset: `.tokens` gives every token's offset and length, a blank line between sentences).
 * Conventions differ in places (factRuEval splits `г.` into `г` + `.` and cuts sentences before
 * `: «` and at headings run into text), so 100% is not the target; the figures catch regressions.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/pipeline/resources.js';
import { segmentText } from '../src/text/segment/index.js';

export default function segmentEval(): void {
  const dir = join(projectRoot, '..', 'shared', 'data', 'factrueval2016', 'devset');
  if (!existsSync(dir)) {
    console.log(`  skipped: ${dir} not found`);
    return;
  }
  let gT = 0;
  let pT = 0;
  let mT = 0;
  let gS = 0;
  let pS = 0;
  let mS = 0;
  let docs = 0;
  let ms = 0;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.tokens')).sort()) {
    const base = f.replace(/\.tokens$/, '');
    const txt = join(dir, `${base}.txt`);
    if (!existsSync(txt)) continue;
    const text = readFileSync(txt, 'utf8');
    const gold = new Set<string>();
    const goldS = new Set<number>();
    let first = true;
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (!line.trim()) {
        first = true;
        continue;
      }
      const [, s, len] = line.split(' ');
      const start = Number(s);
      gold.add(`${start}:${start + Number(len)}`);
      if (first) goldS.add(start);
      first = false;
    }
    const t0 = performance.now();
    const { tokens, sentences } = segmentText(text, { lang: 'ru' });
    ms += performance.now() - t0;
    docs++;
    const pred = new Set(tokens.map((t) => `${t.start}:${t.end}`));
    const predS = new Set(sentences.map((s) => s.start));
    gT += gold.size;
    pT += pred.size;
    for (const g of gold) if (pred.has(g)) mT++;
    gS += goldS.size;
    pS += predS.size;
    for (const g of goldS) if (predS.has(g)) mS++;
  }
  const f1 = (m: number, p: number, g: number): string => {
    const P = m / p;
    const R = m / g;
    return `P ${(100 * P).toFixed(2)}  R ${(100 * R).toFixed(2)}  F1 ${((200 * P * R) / (P + R)).toFixed(2)}`;
  };
  console.log(`  factRuEval-2016 devset, ${docs} ru documents (${(ms / docs).toFixed(2)} ms/doc)`);
  console.log(`  tokens (exact spans)   gold ${gT}  ours ${pT}  ${f1(mT, pT, gT)}`);
  console.log(`  sentence starts        gold ${gS}  ours ${pS}  ${f1(mS, pS, gS)}`);
}
