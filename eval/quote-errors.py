#!/usr/bin/env python3
"""Quote and speaker errors of the DEV half of eval/news/, one line each, for reading by a developer.

usage: NEWS_HALF=dev NEWS_OUT=/tmp/dev.jsonl npx tsx eval/news.eval.ts
       python3 eval/quote-errors.py /tmp/dev.jsonl [--all]

Matching is score.py's (a gold quote and a system quote overlap by half of each; the speaker is right
when the system speaker's mentions overlap a mention of a gold speaker). Lists, per dev article:
  MISS   a required gold quote no system quote matches
  SPK    a matched quote with the wrong speaker (gold speaker -> system speaker, the rules, the cue)
  FP     a system quote no gold quote matches (optional gold quotes are not false positives)
  ok     (with --all) a matched quote with the right speaker
Only articles of the dev half are read: the index's `half` decides, and measuring-half articles are
skipped even when the output holds them.
"""
import json, os, sys
from collections import Counter

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
sys.path.insert(0, os.path.join(ROOT, '..', 'shared', 'eval'))
import score  # noqa: E402

def main():
    out_path = sys.argv[1]
    show_all = '--all' in sys.argv
    index = [json.loads(l) for l in open(os.path.join(ROOT, 'eval', 'news', 'index.jsonl')) if l.strip()]
    dev = {r['file'] for r in index if r['half'] == 'dev'}
    counts = Counter()
    for line in open(out_path):
        a = json.loads(line)
        f = os.path.basename(a['source']['path'])
        if f not in dev:
            continue
        gold = json.load(open(os.path.join(ROOT, 'eval', 'news', 'gold', f.replace('.txt', '.json'))))
        text = a['text']
        ents = {e['id']: e for e in a.get('entities', [])}
        gm = score.gold_mentions(text, gold)
        sys2gold, _ = score.entity_alignment(gm, score.system_mentions(a))
        sq = [(q, (q['start'], q['end'])) for q in a.get('quotes', [])]
        used = set()
        lines = []
        for q in gold['quotes']:
            span = score.quote_span(text, q)
            hit = None
            if span:
                for j, (s, ss) in enumerate(sq):
                    if j in used:
                        continue
                    ov = score.overlap(span, ss)
                    if ov >= 0.5 * (span[1] - span[0]) and ov >= 0.5 * (ss[1] - ss[0]):
                        hit = j
                        break
            gtext = (q.get('text') or q.get('from', '') + ' … ' + q.get('to', ''))[:90].replace('\n', ' ')
            if hit is None:
                if not q.get('optional'):
                    counts['miss'] += 1
                    lines.append(f'  MISS [{q.get("kind")}] gold={q["speaker"]} «{gtext}»')
                continue
            used.add(hit)
            if q.get('optional'):
                continue
            s = sq[hit][0]
            sp = s.get('speaker')
            ok = (sp is None) if q['speaker'] is None else bool(sys2gold.get(sp, set()) & set(score.listify(q['speaker'])))
            name = ents[sp]['name'] if sp in ents else sp
            cue = (s.get('cue') or {}).get('text')
            if ok:
                counts['ok'] += 1
                if show_all:
                    lines.append(f'  ok   gold={q["speaker"]} sys={name} «{gtext[:50]}»')
            else:
                counts['spk'] += 1
                lines.append(f'  SPK  gold={q["speaker"]} sys={name!r} ({sp}) cue={cue!r} rules={s.get("rules")} «{gtext}»')
        for j, (s, ss) in enumerate(sq):
            if j in used:
                continue
            counts['fp'] += 1
            sp = s.get('speaker')
            name = ents[sp]['name'] if sp in ents else sp
            lines.append(f'  FP   sys={name!r} rules={s.get("rules")} «{s["text"][:90]}»'.replace('\n', ' '))
        if lines:
            print(f)
            print('\n'.join(lines))
    print(dict(counts))

if __name__ == '__main__':
    main()
