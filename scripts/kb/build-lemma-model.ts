/**
 * Learns the mention lemmatiser (src/entities/link/data/lemma-model.json) from the surface/lemma
 * pairs of SlavicNER's TRAIN topics (asia_bibi, brexit, covid-19, ryanair; never the dev topic
 * nord_stream). Prints a leave-one-topic-out accuracy so the figure is about unseen topics.
 *
 *   npx tsx scripts/kb/build-lemma-model.ts [--shared ../shared]
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Lemmatizer,
  MAX_SUFFIX,
  contexts,
  frozen,
  ruleOf,
  splitWords,
  type LemmaModel,
  type Rule,
} from '../../src/entities/link/lemmatize.js';
import type { EntityType } from '../../src/doc/model.js';
import { projectRoot } from '../../src/pipeline/resources.js';

export const TRAIN_TOPICS = ['asia_bibi', 'brexit', 'covid-19', 'ryanair'];

export interface Pair {
  topic: string;
  lang: string;
  surface: string;
  lemma: string;
  type: EntityType;
  id: string;
  doc: string;
}

export function readSlavicner(shared: string, topics = TRAIN_TOPICS): Pair[] {
  const out: Pair[] = [];
  for (const topic of topics) {
    for (const lang of ['ru', 'uk']) {
      const dir = join(shared, 'data/slavicner/ner', topic, lang);
      let files: string[] = [];
      try {
        files = readdirSync(dir);
      } catch {
        continue;
      }
      for (const f of files) {
        for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
          const p = line.split('\t');
          if (p.length < 6) continue;
          out.push({ topic, lang, surface: p[2].normalize('NFC'), lemma: p[3].normalize('NFC'), type: p[4] as EntityType, id: p[5].trim(), doc: f });
        }
      }
    }
  }
  return out;
}

function inc<K>(m: Map<K, Map<Rule, number>>, k: K, r: Rule): void {
  let c = m.get(k);
  if (!c) m.set(k, (c = new Map()));
  c.set(r, (c.get(r) ?? 0) + 1);
}

function best(c: Map<Rule, number>): [Rule, number, number] {
  let br = '';
  let bn = -1;
  let tot = 0;
  for (const [r, n] of c) {
    tot += n;
    if (n > bn || (n === bn && r < br)) {
      br = r;
      bn = n;
    }
  }
  return [br, bn, tot];
}

export function learn(pairs: Pair[]): LemmaModel {
  const phrases = new Map<string, Map<string, number>>();
  const words = new Map<string, Map<Rule, number>>();
  const sufs = new Map<string, Map<Rule, number>>();
  for (const p of pairs) {
    const pk = `${p.lang}\u0001${p.surface.toLowerCase()}`;
    inc(phrases, pk, p.lemma);
    const s = splitWords(p.surface);
    const l = splitWords(p.lemma);
    if (s.words.length !== l.words.length) continue;
    const ctxs = contexts(s.words);
    for (let i = 0; i < s.words.length; i++) {
      const sw = s.words[i].replace(/^["«»“”„'’]+|["«»“”„'’]+$/g, '');
      const lw = l.words[i].replace(/^["«»“”„'’]+|["«»“”„'’]+$/g, '');
      if (!sw || frozen(sw)) continue;
      const r = ruleOf(sw, lw);
      const low = sw.toLowerCase();
      for (const t of [p.type, '*']) inc(words, `${p.lang}|${t}|${ctxs[i]}|${low}`, r);
      for (let k = 0; k <= Math.min(MAX_SUFFIX, low.length - 1); k++) inc(sufs, `${p.lang}|${p.type}|${ctxs[i]}|${low.slice(low.length - k)}`, r);
    }
  }
  const model: LemmaModel = { phrases: {}, words: {}, suffixes: {} };
  for (const [k, c] of phrases) {
    const [lang, phrase] = k.split('\u0001');
    const [lemma, n, tot] = best(c);
    // only multiword phrases and unambiguous ones: words cover the rest
    if (n / tot < 0.75 || !/\s/.test(phrase)) continue;
    (model.phrases[lang] ??= {})[phrase] = lemma;
  }
  for (const [k, c] of words) {
    const [r, n, tot] = best(c);
    if (n / tot >= 0.6) model.words[k] = r;
  }
  for (const [k, c] of sufs) {
    let tot = 0;
    for (const n of c.values()) tot += n;
    if (tot < 2) continue;
    const top = [...c].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 4).filter(([, n]) => n / tot >= 0.05);
    model.suffixes[k] = [tot, ...top.flat()];
  }
  return model;
}

function fold(s: string): string {
  return s.replace(/ё/g, 'е').replace(/Ё/g, 'Е').split(/\s+/).join(' ');
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('build-lemma-model.ts')) {
  const i = process.argv.indexOf('--shared');
  const shared = i > 0 ? process.argv[i + 1] : join(projectRoot, '../shared');
  const all = readSlavicner(shared);
  // leave-one-topic-out accuracy (exact, as slavicner_score's norm_acc)
  for (const lang of ['ru', 'uk']) {
    let ok = 0;
    let n = 0;
    for (const held of TRAIN_TOPICS) {
      const lz = new Lemmatizer(learn(all.filter((p) => p.topic !== held)));
      for (const p of all.filter((q) => q.topic === held && q.lang === lang)) {
        n++;
        if (fold(lz.lemma(p.surface, p.lang, p.type)) === fold(p.lemma)) ok++;
      }
    }
    console.log(`leave-one-topic-out lemma accuracy ${lang}: ${(ok / n).toFixed(4)} (${n} mentions)`);
  }
  const model = learn(all);
  const dir = join(projectRoot, 'src/entities/link/data');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'lemma-model.json'), JSON.stringify(model));
  console.log(
    `lemma-model.json: ${Object.values(model.phrases).reduce((a, o) => a + Object.keys(o).length, 0)} phrases, ${Object.keys(model.words).length} words, ${Object.keys(model.suffixes).length} suffix rules`,
  );
}
