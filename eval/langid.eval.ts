/**
 * Language-id accuracy on every ru and uk document of ../shared/data/slavicner/raw (the language
 * is the folder name), and on the English PolNeAR dev texts, through the real `lang` stage. Also reports the same on each document's
 * first line (the headline) and on its first 60 characters, as a check on short texts.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createDoc } from '../src/doc/create.js';
import { Context } from '../src/pipeline/context.js';
import { projectRoot } from '../src/pipeline/resources.js';
import { createLangStage } from '../src/text/lang/index.js';

interface Item {
  lang: string;
  file: string;
  text: string;
}

function readCorpus(root: string): Item[] {
  const out: Item[] = [];
  for (const topic of readdirSync(root).sort()) {
    const tdir = join(root, topic);
    for (const lang of readdirSync(tdir).sort()) {
      if (lang !== 'ru' && lang !== 'uk') continue;
      const ldir = join(tdir, lang);
      for (const f of readdirSync(ldir).sort()) {
        if (f.endsWith('.txt')) out.push({ lang, file: `${topic}/${lang}/${f}`, text: readFileSync(join(ldir, f), 'utf8') });
      }
    }
  }
  return out;
}

export default async function langidEval(): Promise<void> {
  const root = join(projectRoot, '..', 'shared', 'data', 'slavicner', 'raw');
  if (!existsSync(root)) {
    console.log(`  skipped: ${root} not found`);
    return;
  }
  const items = readCorpus(root);
  // English check: PolNeAR dev texts (all English)
  const en = join(projectRoot, '..', 'shared', 'data', 'polnear', 'dev', 'text');
  if (existsSync(en)) {
    for (const f of readdirSync(en).sort()) {
      if (f.endsWith('.txt')) items.push({ lang: 'en', file: `polnear/dev/${f}`, text: readFileSync(join(en, f), 'utf8') });
    }
  }
  const stage = createLangStage();
  const ctx = new Context();
  const t0 = performance.now();
  await stage.load?.(ctx);
  const loadMs = performance.now() - t0;
  const variants: [string, (t: string) => string][] = [
    ['full text', (t) => t],
    ['headline (first line)', (t) => t.trim().split('\n')[0]],
    ['first 60 chars', (t) => t.trim().slice(0, 60)],
  ];
  console.log(`  ${items.length} documents; model load ${loadMs.toFixed(0)} ms`);
  for (const [name, cut] of variants) {
    const per = new Map<string, { n: number; ok: number }>();
    const wrong: string[] = [];
    let byLetters = 0;
    const t1 = performance.now();
    for (const it of items) {
      const doc = createDoc({ source: { path: it.file }, published: null, title: null, text: cut(it.text) });
      stage.run(doc, ctx);
      const meta = doc.meta.lang as { by: string; scores: Record<string, number> };
      if (meta.by === 'letters') byLetters++;
      const p = per.get(it.lang) ?? { n: 0, ok: 0 };
      p.n++;
      if (doc.lang === it.lang) p.ok++;
      else wrong.push(`${it.file} -> ${doc.lang} ${JSON.stringify(meta.scores)} ${JSON.stringify(doc.text.slice(0, 70))}`);
      per.set(it.lang, p);
    }
    const ms = (performance.now() - t1) / items.length;
    const all = [...per.values()].reduce((a, b) => ({ n: a.n + b.n, ok: a.ok + b.ok }), { n: 0, ok: 0 });
    const parts = [...per.entries()].map(([l, p]) => `${l} ${((100 * p.ok) / p.n).toFixed(2)}% (${p.ok}/${p.n})`);
    console.log(
      `  ${name.padEnd(22)} all ${((100 * all.ok) / all.n).toFixed(2)}% (${all.ok}/${all.n})  ${parts.join('  ')}  ` +
        `[${byLetters} by letters alone, ${ms.toFixed(3)} ms/doc]`,
    );
    const show = name === 'full text' ? wrong : wrong.slice(0, 10);
    for (const w of show) console.log(`    misclassified: ${w}`);
    if (show.length < wrong.length) console.log(`    ... and ${wrong.length - show.length} more`);
  }
}
