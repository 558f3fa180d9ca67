/**
 * `npm run train:ner`: trains the mention tagger (averaged structured perceptron, Viterbi) on the
 * SlavicNER train topics (ru + uk) and, as chosen, factRuEval-2016, NEREL, NER-UK and the BSNLP 2017
 * topics (ec, trump) mapped onto
 * PER/ORG/LOC/EVT/PRO, and writes `src/entities/ner/model/ner.bin.gz`.
 *
 * Options: --sources slavicner,nerel,... --media-pro ru,uk --epochs N --runs N --scheme BIO|BILOU --min-count N --min-weight Q --seed N
 *          --dev (score the dev topic `nord_stream` after each epoch; for choosing epochs only)
 *          --no-write --data DIR (default ../shared/data)
 * Reproducible: inputs are read in sorted order, shuffling uses a fixed seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Gazetteer, TYPES } from '../src/entities/ner/gazetteer.js';
import { FEATURE_VERSION, type FeatureConfig, setFeatureConfig } from '../src/entities/ner/features.js';
import { labelSpans, makeLabels, NerModel, type Scheme, spansToLabels, transitionMask } from '../src/entities/ner/model.js';
import { sentenceFeatureStrings, sentenceRanges } from '../src/entities/ner/tagger.js';
import type { EntityType } from '../src/doc/model.js';
import { defaultStages, Pipeline, projectRoot } from '../src/pipeline/index.js';
import { lowercaseCopies, mediaToPro, metonymyToOrg, readBSNLP2017, readFactRuEval, readNERUK, readNEREL, readSlavicNER, type TrainDoc } from './ner/data.js';
import { kbForms, kbGazetteer } from './ner/kb.js';
import { simpleTokenize } from '../src/entities/ner/tokenize.js';
import { mulberry32, Perceptron, type Seq } from './ner/perceptron.js';
import { prepare, type PreparedDoc } from './ner/prepare.js';

const args = process.argv.slice(2);
function opt(name: string, def: string): string {
  const i = args.indexOf('--' + name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : def;
}
const flag = (name: string) => args.includes('--' + name);

const DATA = resolve(opt('data', join(projectRoot, '..', 'shared', 'data')));
const SOURCES = opt('sources', 'slavicner,nerel,factrueval,ner-uk,bsnlp2017').split(',').filter(Boolean);
const EPOCHS = +opt('epochs', '4');
const SCHEME = opt('scheme', 'BIO') as Scheme;
const MIN_COUNT = +opt('min-count', '2');
/** features whose int16 weights are all below this are dropped (547 ~ 1/60 of the largest: half the features, same dev F1) */
const MIN_WEIGHT = +opt('min-weight', '547');
const SEED = +opt('seed', '13');
/** perceptrons trained on different shuffles whose weights are averaged into the model */
const RUNS = +opt('runs', '1');
const DEV = flag('dev');
const UPTO = opt('upto', 'morph');
const HOLDOUT = opt('holdout', '');
const USE_KB = !flag('no-kb');
const AUGMENT = !flag('no-augment');
/** languages whose other corpora have a publication named with its kind (`газета X`) retyped PRO */
const MEDIA_PRO = new Set(opt('media-pro', '').split(',').filter(Boolean));
const FEATS: Partial<FeatureConfig> = JSON.parse(opt('features', '{}')) as Partial<FeatureConfig>;
setFeatureConfig(FEATS);
const DUMP = opt('dump', '');
const OUT = resolve(opt('out', join(projectRoot, 'src/entities/ner/model/ner.bin.gz')));
/** KB ids of institutions named by their seat (SlavicNER: ORG) */
const METONYMY_ORGS = ['kremlin', 'white-house', 'elysee', 'downing-street', 'bankova', 'pentagon'];
const TRAIN_TOPICS = ['asia_bibi', 'brexit', 'covid-19', 'ryanair'];
const DEV_TOPIC = 'nord_stream';

const t0 = Date.now();
const log = (...a: unknown[]) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

async function loadPipeline(): Promise<Pipeline | null> {
  try {
    // the stages before this one (up to `morph`), whatever of them is registered yet
    const all = await defaultStages(UPTO);
    const cut = all.findIndex((s) => s.name === 'ner');
    const p = await new Pipeline(cut >= 0 ? all.slice(0, cut) : all).load();
    const names = p.stages.map((s) => s.name);
    log('pipeline stages for training text:', names.join(' -> ') || '(none: built-in tokenizer)');
    return names.length ? p : null;
  } catch (e) {
    log('pipeline unavailable, using the built-in tokenizer:', (e as Error).message);
    return null;
  }
}

function readSources(): TrainDoc[] {
  const docs: TrainDoc[] = [];
  for (const s of SOURCES) {
    if (s === 'slavicner') docs.push(...readSlavicNER(join(DATA, 'slavicner'), TRAIN_TOPICS.filter((t) => t !== HOLDOUT)));
    else if (s === 'nerel') docs.push(...readNEREL(join(DATA, 'nerel')));
    else if (s === 'ner-uk') docs.push(...readNERUK(join(DATA, 'ner-uk')));
    else if (s === 'ner-uk-all') docs.push(...readNERUK(join(DATA, 'ner-uk'), true));
    else if (s === 'factrueval') docs.push(...readFactRuEval(join(DATA, 'factrueval2016')));
    else if (s === 'bsnlp2017') docs.push(...readBSNLP2017(join(DATA, 'bsnlp2017')));
    else throw new Error(`unknown source '${s}'`);
  }
  return docs;
}

/** phrase -> type counts, per hold-out unit (topic or corpus) */
type PhraseCounts = Map<string, Map<string, number>>;

function phraseCounts(docs: PreparedDoc[]): Map<string, PhraseCounts> {
  const by = new Map<string, PhraseCounts>();
  for (const d of docs) {
    let pc = by.get(d.doc.topic);
    if (!pc) by.set(d.doc.topic, (pc = new Map()));
    for (const sp of d.spans) {
      const key = d.tokens
        .slice(sp.s, sp.e)
        .map((t) => t.norm)
        .join(' ');
      let m = pc.get(key);
      if (!m) pc.set(key, (m = new Map()));
      m.set(sp.type, (m.get(sp.type) ?? 0) + 1);
    }
  }
  return by;
}

function buildGazetteer(units: Map<string, PhraseCounts>, exclude: string | null): Gazetteer {
  const total = new Map<string, Map<string, number>>();
  for (const [u, pc] of units) {
    if (u === exclude) continue;
    for (const [k, m] of pc) {
      let t = total.get(k);
      if (!t) total.set(k, (t = new Map()));
      for (const [ty, c] of m) t.set(ty, (t.get(ty) ?? 0) + c);
    }
  }
  const g = new Gazetteer();
  for (const k of [...total.keys()].sort()) {
    const m = total.get(k)!;
    let best = '';
    let bc = 0;
    for (const ty of TYPES) {
      const c = m.get(ty) ?? 0;
      if (c > bc) {
        bc = c;
        best = ty;
      }
    }
    if (best) g.addPhrase(k.split(' '), best as EntityType);
  }
  return g;
}

// ---- feature interning ----
const featIndex = new Map<string, number>();
const featCount: number[] = [];
function intern(strs: string[], grow: boolean): number[] {
  const out: number[] = [];
  for (const s of strs) {
    let j = featIndex.get(s);
    if (j === undefined) {
      if (!grow) continue;
      j = featCount.length;
      featIndex.set(s, j);
      featCount.push(0);
    }
    if (grow) featCount[j]++;
    out.push(j);
  }
  return out;
}

let KB: Gazetteer | null = null;
const LOWER: [string, string][] = [];
const METONYMY: string[] = [];

function toSeqs(d: PreparedDoc, gaz: Gazetteer, labels: string[], grow: boolean): Seq[] {
  const out: Seq[] = [];
  const goldAll = spansToLabels(SCHEME, labels, d.tokens.length, d.spans);
  for (const [lo, hi] of sentenceRanges(d.tokens)) {
    const fs = sentenceFeatureStrings(d.tokens, lo, hi, d.doc.lang, gaz, KB);
    const offs = new Int32Array(hi - lo + 1);
    const all: number[] = [];
    fs.forEach((f, i) => {
      for (const j of intern(f, grow)) all.push(j);
      offs[i + 1] = all.length;
    });
    out.push({ feats: Int32Array.from(all), offs, gold: goldAll.slice(lo, hi), lang: d.doc.lang });
  }
  return out;
}

const dumpLines: string[] = [];
function ctx(t: string, s: number, e: number): string {
  return (t.slice(Math.max(0, s - 40), s) + '[[' + t.slice(s, e) + ']]' + t.slice(e, e + 40)).replace(/\s+/g, ' ');
}

interface Score {
  tp: number;
  rtp: number;
  sys: number;
  gold: number;
}
function f1(tp: number, sys: number, gold: number): number {
  const p = sys ? tp / sys : 0;
  const r = gold ? tp / gold : 0;
  return p + r ? (2 * p * r) / (p + r) : 0;
}

function scoreDev(model: Perceptron, W: Float32Array, T: Float32Array, dev: { d: PreparedDoc; seqs: Seq[] }[], labels: string[]): string {
  const by = new Map<string, Score>();
  for (const { d, seqs } of dev) {
    const key = (d.doc.topic === DEV_TOPIC ? '' : d.doc.topic + ':') + d.doc.lang;
    const sc = by.get(key) ?? { tp: 0, rtp: 0, sys: 0, gold: 0 };
    by.set(key, sc);
    const pred: { start: number; end: number; type: string }[] = [];
    let base = 0;
    for (const s of seqs) {
      const seq = model.predict(s, W, T);
      for (const sp of labelSpans(labels, seq, s.gold.length)) {
        pred.push({ start: d.tokens[base + sp.s].start, end: d.tokens[base + sp.e - 1].end, type: sp.type });
      }
      base += s.gold.length;
    }
    if (DUMP) {
      const gs = new Set(d.doc.mentions.map((m) => `${m.start}:${m.end}:${m.type}`));
      const ps = new Set(pred.map((m) => `${m.start}:${m.end}:${m.type}`));
      for (const m of d.doc.mentions) if (!ps.has(`${m.start}:${m.end}:${m.type}`)) dumpLines.push(`${d.doc.lang}\tMISS\t${m.type}\t${d.text.slice(m.start, m.end)}\t${ctx(d.text, m.start, m.end)}`);
      for (const m of pred) if (!gs.has(`${m.start}:${m.end}:${m.type}`)) dumpLines.push(`${d.doc.lang}\tFP\t${m.type}\t${d.text.slice(m.start, m.end)}\t${ctx(d.text, m.start, m.end)}`);
    }
    sc.sys += pred.length;
    sc.gold += d.doc.mentions.length;
    const used = new Set<number>();
    for (const g of d.doc.mentions) {
      let best = -1;
      for (let j = 0; j < pred.length; j++) {
        const p = pred[j];
        if (used.has(j) || p.type !== g.type || p.end <= g.start || p.start >= g.end) continue;
        if (best < 0 || (p.start === g.start && p.end === g.end)) best = j;
      }
      if (best < 0) continue;
      used.add(best);
      sc.rtp++;
      if (pred[best].start === g.start && pred[best].end === g.end) sc.tp++;
    }
  }
  return [...by.entries()]
    .sort()
    .map(([l, s]) => `${l} relaxed ${f1(s.rtp, s.sys, s.gold).toFixed(3)} strict ${f1(s.tp, s.sys, s.gold).toFixed(3)}`)
    .join(' | ');
}

async function main(): Promise<void> {
  const pipe = await loadPipeline();
  const labels = makeLabels(SCHEME, TYPES);
  const raw = readSources();
  log(`read ${raw.length} training documents from ${SOURCES.join(', ')}`);
  if (AUGMENT) {
    const extra = lowercaseCopies(raw, kbForms(projectRoot, ['russia', 'putin'], 'uk'));
    raw.push(...extra);
    log(`+ ${extra.length} Ukrainian documents with Russia/Putin lower-cased`);
  }
  const orgForms = new Set([...kbForms(projectRoot, METONYMY_ORGS, 'ru'), ...kbForms(projectRoot, METONYMY_ORGS, 'uk')]);
  for (const f of [...orgForms].sort()) {
    const norms = (pipe ? pipe.analyze({ source: {}, published: null, title: null, text: f, lang: 'ru' }).layers.tokens : undefined) ?? simpleTokenize(f);
    METONYMY.push(norms.map((t) => t.norm).join(' '));
  }
  log(`${metonymyToOrg(raw, orgForms)} LOC mentions of other corpora retyped ORG (institutions by metonymy)`);
  log(`${mediaToPro(raw, MEDIA_PRO)} ORG mentions of other corpora retyped PRO (publications named with their kind: ${[...MEDIA_PRO].join(',') || 'none'})`);
  const docs = raw.map((d) => prepare(pipe, d));
  if (USE_KB) {
    // single words that the training text mostly uses as ordinary words (`и`, `us`, `мир`) are
    // left out of the KB gazetteer whatever the KB says
    const inside = new Map<string, number>();
    const total = new Map<string, number>();
    for (const d of docs) {
      const inM = new Uint8Array(d.tokens.length);
      for (const sp of d.spans) for (let i = sp.s; i < sp.e; i++) inM[i] = 1;
      d.tokens.forEach((t, i) => {
        total.set(t.norm, (total.get(t.norm) ?? 0) + 1);
        if (inM[i]) inside.set(t.norm, (inside.get(t.norm) ?? 0) + 1);
      });
    }
    const common = (n: string) => n.length < 2 || ((total.get(n) ?? 0) >= 10 && (inside.get(n) ?? 0) < 0.1 * (total.get(n) ?? 0));
    const tok = (s: string) => (pipe ? pipe.analyze({ source: {}, published: null, title: null, text: s, lang: 'ru' }).layers.tokens : undefined) ?? simpleTokenize(s);
    const k = kbGazetteer(projectRoot, tok, (norms) => norms.length === 1 && common(norms[0]));
    if (k) {
      KB = k.gaz;
      // names (KB and training mentions) whose words never occur outside a mention in the
      // training text, in any case: read as names wherever they occur, even in lower case
      // (Cyrillic only: the deliberate lower case is a Russian/Ukrainian practice; a word must be
      // seen capitalised inside mentions at least 5 times for its absence in lower case to mean anything)
      const lowerOutside = new Set<string>();
      const capInside = new Map<string, number>();
      for (const d of docs) {
        const inM = new Uint8Array(d.tokens.length);
        for (const sp of d.spans) for (let i = sp.s; i < sp.e; i++) inM[i] = 1;
        d.tokens.forEach((t, i) => {
          if (!inM[i]) lowerOutside.add(t.norm);
          if (inM[i] && t.text !== t.text.toLowerCase()) capInside.set(t.norm, (capInside.get(t.norm) ?? 0) + 1);
        });
      }
      const fullNames = buildGazetteer(phraseCounts(docs), null);
      const cands = new Map<string, string>([...fullNames.phrase, ...KB.phrase]);
      for (const [phrase, type] of cands) {
        const ws = phrase.split(' ');
        if (ws.some((w) => !/^[\p{Script=Cyrillic}][\p{Script=Cyrillic}’-]+$/u.test(w) || lowerOutside.has(w) || (capInside.get(w) ?? 0) < 3)) continue;
        LOWER.push([phrase, type]);
      }
      LOWER.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      log(`${LOWER.length} KB names that are always names`);
      log(`knowledge-base gazetteer: ${k.entities} entities, ${k.forms} forms (${k.skipped} common single words left out)`);
    } else log('no knowledge base found: training without the KB gazetteer');
  }
  const ntok = docs.reduce((a, d) => a + d.tokens.length, 0);
  const nm = docs.reduce((a, d) => a + d.spans.length, 0);
  const mis = docs.reduce((a, d) => a + d.misaligned, 0);
  log(`${ntok} tokens, ${nm} mentions, ${mis} not on token boundaries`);
  const units = phraseCounts(docs);
  const gazFor = new Map<string, Gazetteer>();
  for (const u of units.keys()) gazFor.set(u, buildGazetteer(units, u));
  const fullGaz = buildGazetteer(units, null);
  const seqs: Seq[] = [];
  for (const d of docs) for (const s of toSeqs(d, gazFor.get(d.doc.topic)!, labels, true)) seqs.push(s);
  log(`${featCount.length} distinct features`);
  // prune rare features: remap ids
  const remap = new Int32Array(featCount.length).fill(-1);
  const names: string[] = [];
  const byId = [...featIndex.entries()].sort((a, b) => a[1] - b[1]).map((e) => e[0]);
  for (let j = 0; j < featCount.length; j++) {
    if (featCount[j] >= MIN_COUNT) {
      remap[j] = names.length;
      names.push(byId[j]);
    }
  }
  for (const s of seqs) {
    const nf: number[] = [];
    const no = new Int32Array(s.offs.length);
    for (let i = 0; i + 1 < s.offs.length; i++) {
      for (let k = s.offs[i]; k < s.offs[i + 1]; k++) if (remap[s.feats[k]] >= 0) nf.push(remap[s.feats[k]]);
      no[i + 1] = nf.length;
    }
    s.feats = Int32Array.from(nf);
    s.offs = no;
  }
  featIndex.clear();
  names.forEach((n, i) => featIndex.set(n, i));
  log(`${names.length} features kept (count >= ${MIN_COUNT}), ${seqs.length} sentences`);

  let dev: { d: PreparedDoc; seqs: Seq[] }[] = [];
  if (DEV) {
    dev = readSlavicNER(join(DATA, 'slavicner'), HOLDOUT ? [DEV_TOPIC, HOLDOUT] : [DEV_TOPIC])
      .map((d) => prepare(pipe, d))
      .map((d) => ({ d, seqs: toSeqs(d, fullGaz, labels, false) }));
    log(`dev: ${dev.length} documents of ${DEV_TOPIC}`);
  }
  const { allowed, endOk } = transitionMask(labels, SCHEME);
  // RUNS perceptrons trained on different shuffles (seeds SEED, SEED+1, ...), their averaged
  // weights averaged again: one model of the same size, less dependent on one ordering of the data
  let P = new Perceptron(names.length, labels.length, allowed, endOk);
  let W: Float32Array = new Float32Array(0);
  let T: Float32Array = new Float32Array(0);
  for (let run = 0; run < RUNS; run++) {
    if (run > 0) P = new Perceptron(names.length, labels.length, allowed, endOk);
    const rnd = mulberry32(SEED + run);
    const order = seqs.map((_, i) => i);
    for (let ep = 1; ep <= EPOCHS; ep++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      const err = P.epoch(seqs, order);
      let msg = `${RUNS > 1 ? `run ${run + 1} ` : ''}epoch ${ep}: ${err} token errors`;
      if (DEV) {
        const a = P.averaged();
        msg += ' | dev ' + scoreDev(P, a.W, a.T, dev, labels);
      }
      log(msg);
    }
    const a = P.averaged();
    if (run === 0) {
      W = a.W;
      T = a.T;
    } else {
      for (let i = 0; i < W.length; i++) W[i] += a.W[i];
      for (let i = 0; i < T.length; i++) T[i] += a.T[i];
    }
  }
  if (RUNS > 1) {
    for (let i = 0; i < W.length; i++) W[i] /= RUNS;
    for (let i = 0; i < T.length; i++) T[i] /= RUNS;
    if (DEV) log(`mean of ${RUNS} runs | dev ${scoreDev(P, W, T, dev, labels)}`);
  }
  if (DUMP) {
    dumpLines.length = 0;
    scoreDev(P, W, T, dev, labels);
    writeFileSync(DUMP, dumpLines.join('\n') + '\n');
  }
  if (!flag('no-write')) {
    const buf = NerModel.encode(
      {
        format: 'parley-ner@1',
        featureVersion: FEATURE_VERSION,
        features: FEATS,
        scheme: SCHEME,
        labels,
        trans: Array.from(T, (x) => Math.round(x * 1000) / 1000),
        gazetteer: fullGaz.toData(),
        kb: KB ? KB.toData() : undefined,
        lowercase: LOWER,
        metonymy: METONYMY,
        meta: {
          sources: SOURCES,
          slavicnerTopics: TRAIN_TOPICS,
          epochs: EPOCHS,
          minCount: MIN_COUNT,
          minWeight: MIN_WEIGHT,
          seed: SEED,
          runs: RUNS,
          kb: !!KB,
          augment: AUGMENT,
          mediaPro: [...MEDIA_PRO],
          documents: docs.length,
          tokens: ntok,
          mentions: nm,
          tokenizer: pipe ? pipe.stages.map((s) => s.name).join('+') : 'built-in',
        },
      },
      names,
      W,
      MIN_WEIGHT,
    );
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, buf);
    log(`wrote ${OUT} (${(buf.length / 1024 / 1024).toFixed(2)} MB)`);
  }
}

await main();
