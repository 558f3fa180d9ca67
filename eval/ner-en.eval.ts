/**
 * English name recognition (src/entities/ner/en) measured on PolNeAR (../shared/data/polnear,
 * train and dev printed separately; the rules were looked at against dev texts, train was not read: US political news with attribution annotations). PolNeAR has no NER layer, but its
 * `Source` spans (who said or thinks something) are often bare proper names: `Hillary Clinton`,
 * `Trump`, `the FBI`. Gold here = every Source span that is a proper name: all its words
 * capitalised (name particles `de`, `von`, `bin` allowed, a leading `The`/`the` dropped), not a
 * pronoun, not only titles, demonyms, weekdays or months (`President`, `Russians`, `I`).
 * Printed:
 *   recall exact    share of those spans that the recogniser returns as a mention with the same
 *                   boundaries (the span itself, or the span without a leading title/`The`)
 *   recall overlap  share that some mention overlaps
 *   PER/ORG share   of the exactly found ones, the share typed PER or ORG (a Source is a person or a
 *                   body; LOC is right only by metonymy, `Moscow said`) — a type sanity figure
 *   mentions/1k tok mentions per thousand tokens (for scale)
 *
 *   npm run eval -- ner-en
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Mention } from '../src/doc/model.js';
import { EnLexicon } from '../src/entities/ner/en/lexicon.js';
import { createPipeline, projectRoot } from '../src/pipeline/index.js';

const ROOT = join(projectRoot, '..', 'shared', 'data', 'polnear');
const NAME_WORD = /^\p{Lu}[\p{L}\p{M}.'’-]*$/u;
const PRONOUNS = new Set(['i', 'we', 'he', 'she', 'they', 'it', 'you', 'who', 'one', 'this', 'that', 'these', 'those', 'some', 'many', 'others', 'both', 'all']);

function sources(path: string): [number, number][] {
  const out: [number, number][] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const f = line.split('\t');
    if (f.length < 3 || !f[0].startsWith('T') || !f[1].startsWith('Source ')) continue;
    const parts = f[1].slice(7).split(';');
    if (parts.length !== 1) continue;
    const [a, b] = parts[0].trim().split(/\s+/).map(Number);
    if (Number.isFinite(a) && Number.isFinite(b) && b > a) out.push([a, b]);
  }
  return out;
}

/** The proper-name part of a Source span, or null when it is no bare name. */
function nameSpan(text: string, a: number, b: number, lex: EnLexicon): [number, number] | null {
  let s = text.slice(a, b);
  const m = /^(the|The)\s+/.exec(s);
  if (m) {
    a += m[0].length;
    s = s.slice(m[0].length);
  }
  // a possessive or a trailing period is not part of the name
  const pm = /(’s|'s|[.,])$/.exec(s);
  if (pm && !/^\p{Lu}\.$/u.test(s.slice(-2))) {
    b -= pm[0].length;
    s = s.slice(0, -pm[0].length);
  }
  const words = s.split(/\s+/).filter(Boolean);
  if (!words.length || words.length > 6) return null;
  let named = 0;
  for (const w of words) {
    const low = w.toLowerCase();
    if (lex.particles.has(low) || low === 'of' || low === 'for' || low === 'and') continue;
    if (!NAME_WORD.test(w)) return null;
    if (PRONOUNS.has(low)) return null;
    if (!(lex.titleHeads.has(low) || lex.titleModifiers.has(low) || lex.demonyms.has(low) || lex.time.has(low) || lex.honorifics.has(low) || lex.notNames.has(low))) named++;
  }
  return named ? [a, b] : null;
}

export default async function run(): Promise<void> {
  const lex = EnLexicon.load();
  const pipe = await createPipeline({ upTo: 'ner' });
  const pct = (x: number, n: number) => (n ? ((100 * x) / n).toFixed(1) : '-');
  for (const part of ['dev', 'train']) {
    let gold = 0;
    let exact = 0;
    let overlap = 0;
    let perOrg = 0;
    let mentions = 0;
    let tokens = 0;
    let docs = 0;
    const types: Record<string, number> = {};
    const dir = join(ROOT, part);
    const anns = readdirSync(join(dir, 'attributions')).filter((f) => f.endsWith('.ann'));
    // several annotators may have annotated one text: take the first annotation of each text
    const seen = new Set<string>();
    for (const f of anns.sort()) {
      const base = f.replace(/_[0-9a-f]{4}\.ann$/, '');
      if (seen.has(base)) continue;
      seen.add(base);
      let text: string;
      try {
        text = readFileSync(join(dir, 'text', `${base}.txt`), 'utf8');
      } catch {
        continue;
      }
      const doc = pipe.analyze({ source: {}, published: null, title: null, text, lang: 'en' });
      if (doc.text !== text) continue; // offsets would not match (normalised input)
      docs++;
      const ms: Mention[] = doc.layers.mentions ?? [];
      mentions += ms.length;
      tokens += doc.layers.tokens?.length ?? 0;
      for (const m of ms) types[m.type] = (types[m.type] ?? 0) + 1;
      for (const [a0, b0] of sources(join(dir, 'attributions', f))) {
        const sp = nameSpan(text, a0, b0, lex);
        if (!sp) continue;
        gold++;
        const [a, b] = sp;
        // the exact span, or the span minus a leading title (`President Obama` -> `Obama`)
        const hit = ms.find((m) => m.end === b && (m.start === a || (/^[\p{Lu}][\p{L}.]*(\s+[\p{Lu}][\p{L}.]*)*\s+$/u.test(text.slice(a, m.start)) && lex.titleHeads.has(text.slice(a, m.start).trim().split(/\s+/).pop()!.toLowerCase()))));
        if (hit) {
          exact++;
          if (hit.type === 'PER' || hit.type === 'ORG') perOrg++;
        }
        if (ms.some((m) => m.start < b && m.end > a)) overlap++;
      }
    }
    console.log(`  PolNeAR ${part}: ${docs} texts, ${gold} Source spans that are proper names`);
    console.log(`    recall exact   ${pct(exact, gold)}%  (${exact}/${gold})`);
    console.log(`    recall overlap ${pct(overlap, gold)}%  (${overlap}/${gold})`);
    console.log(`    PER/ORG share of the found ones ${pct(perOrg, exact)}%`);
    console.log(`    mentions ${mentions} (${((1000 * mentions) / Math.max(1, tokens)).toFixed(1)} per 1k tokens): ${Object.entries(types).map(([t, n]) => `${t} ${n}`).join(', ')}`);
  }
}
