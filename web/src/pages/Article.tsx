/**
 * Article reader: the text with entities, quotes, times and events highlighted. Hovering (or
 * focusing) a highlighted passage shows each fact there: its type, normalised value and the rule
 * that produced it; clicking pins it in the side panel with links to the entity, claim and story.
 * The text is rendered as text nodes only: whatever it holds (markup, scripts) stays inert.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { getJson, itemsOf, safeHref, seg, storyTitle, useApi, type Article, type Claim, type Page, type Story } from '../api';
import { Async, LangTag, StatusBadge, firstLine } from '../components/common';

type Kind = 'entity' | 'quote' | 'time' | 'event' | 'attribution';
const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'entity', label: 'Entities' },
  { kind: 'quote', label: 'Quotes' },
  { kind: 'time', label: 'Times' },
  { kind: 'event', label: 'Events' },
  { kind: 'attribution', label: 'Attributions' },
];

/** The stages that write each layer: named when a fact carries no rule id (the contract makes rules optional). */
const STAGE: Record<Kind, string> = { entity: 'ner + entities stages', quote: 'quotes stage', time: 'time stage', event: 'events stage', attribution: 'quotes stage' };
const noRule = (k: Kind) => `none recorded (made by the ${STAGE[k]})`;

interface Fact {
  key: string;
  kind: Kind;
  start: number;
  end: number;
  /** e.g. `PER`, `direct quote`, `CONSULT · call` */
  type: string;
  /** the normalised value: entity name and id, date value, speaker, status and parties */
  value: string;
  rules: string[];
  /** where the fact leads: the entity's page, the event's claim */
  links: { to: string; text: string }[];
  index?: number;
}

function factsOf(a: Article, claimOf: Map<number, string>): Fact[] {
  const name = new Map(a.entities.map((e) => [e.id, e.name]));
  const who = (id: string | null | undefined) => (id ? (name.get(id) ?? id) : 'unknown');
  const out: Fact[] = [];
  a.entities.forEach((e, ei) =>
    e.mentions.forEach((m, mi) =>
      out.push({
        key: `e${ei}.${mi}`,
        kind: 'entity',
        start: m.start,
        end: m.end,
        type: `entity · ${e.type}${e.kind ? ` · ${e.kind}` : ''}`,
        value: `${e.name}${m.lemma && m.lemma !== e.name ? ` (base form ${m.lemma})` : ''} · id ${e.id}${e.roles?.length ? ` · ${e.roles.join('; ')}` : ''}`,
        rules: e.rules ?? [],
        links: [{ to: `/actors/${seg(e.id)}`, text: `${e.name}: actor page` }],
      }),
    ),
  );
  a.quotes.forEach((q, i) =>
    out.push({
      key: `q${i}`,
      kind: 'quote',
      start: q.start,
      end: q.end,
      type: `${q.kind} quote`,
      value: `speaker ${who(q.speaker)}${q.cue ? ` · cue «${q.cue.text ?? ''}»` : ''}${q.via ? ` · via ${who(q.via)}` : ''}`,
      rules: q.rules ?? [],
      links: q.speaker ? [{ to: `/actors/${seg(q.speaker)}`, text: `${who(q.speaker)}: actor page` }] : [],
      index: i,
    }),
  );
  a.times.forEach((t, i) =>
    out.push({
      key: `t${i}`,
      kind: 'time',
      start: t.start,
      end: t.end,
      type: 'time',
      value: `${t.value}${t.mod ? ` (${t.mod})` : ''}${t.anchor ? ` · anchored to ${t.anchor}` : ''}`,
      rules: t.rules ?? (t.rule ? [t.rule] : []),
      links: [],
    }),
  );
  a.events.forEach((ev, i) => {
    const claim = claimOf.get(i);
    out.push({
      key: `v${i}`,
      kind: 'event',
      start: ev.start,
      end: ev.end,
      type: `event · ${ev.type}${ev.mode ? ` · ${ev.mode}` : ''}${ev.level ? ` · ${ev.level}` : ''}`,
      value: `${ev.status} · ${ev.actors.map(who).join(' – ') || 'no parties'}${ev.when ? ` · ${ev.when.value}` : ''}${ev.place ? ` · in ${who(ev.place)}` : ''}${ev.reportedBy?.length ? ` · reported by ${ev.reportedBy.map(who).join(', ')}` : ''}${
        ev.stances?.length ? ` · ${ev.stances.map((s) => `${s.stance} by ${who(s.by)}`).join(', ')}` : ''
      }`,
      rules: ev.rules ?? [],
      links: [...(claim ? [{ to: `/claims/${seg(claim)}`, text: 'the claim (every report of it)' }] : []), ...ev.actors.map((x) => ({ to: `/actors/${seg(x)}`, text: `${who(x)}: actor page` }))],
      index: i,
    });
  });
  (a.attributions ?? []).forEach((at, i) =>
    out.push({
      key: `a${i}`,
      kind: 'attribution',
      start: at.start,
      end: at.end,
      type: 'attribution',
      value: `credited to ${who(at.source)}`,
      rules: at.rules ?? [],
      links: [{ to: `/actors/${seg(at.source)}`, text: `${who(at.source)}: actor page` }],
    }),
  );
  return out.filter((f) => f.end > f.start && f.start >= 0 && f.end <= a.text.length);
}

interface Segment {
  start: number;
  end: number;
  facts: Fact[];
}

/** Cuts the text at every fact boundary; each piece knows the facts covering it (shortest first). */
function segments(text: string, facts: Fact[]): Segment[] {
  const cuts = new Set<number>([0, text.length]);
  for (const f of facts) cuts.add(f.start).add(f.end);
  const pts = [...cuts].sort((a, b) => a - b);
  const byStart = [...facts].sort((a, b) => a.start - b.start);
  const open: Fact[] = [];
  let j = 0;
  const out: Segment[] = [];
  for (let i = 0; i + 1 < pts.length; i++) {
    const s = pts[i];
    const e = pts[i + 1];
    while (j < byStart.length && byStart[j].start <= s) open.push(byStart[j++]);
    for (let k = open.length - 1; k >= 0; k--) if (open[k].end <= s) open.splice(k, 1);
    out.push({ start: s, end: e, facts: open.filter((f) => f.start <= s && f.end >= e).sort((a, b) => a.end - a.start - (b.end - b.start)) });
  }
  return out;
}

export function ArticlePage() {
  const { id = '' } = useParams();
  const article = useApi<Article>(`/articles/${seg(id)}`);
  return <Async state={article} what="article">{(a) => <Reader article={a} />}</Async>;
}

function Reader({ article: a }: { article: Article }) {
  const [params, setParams] = useSearchParams();
  const hidden = new Set((params.get('hide') ?? '').split(',').filter(Boolean));
  const [claimOf, setClaimOf] = useState(new Map<number, string>());
  const [stories, setStories] = useState<Story[]>([]);
  useEffect(() => {
    const ctl = new AbortController();
    getJson<Page<Claim>>('/claims', { article: a.id, limit: 200 }, ctl.signal).then(
      (r) => {
        const m = new Map<number, string>();
        for (const c of itemsOf(r)) {
          for (const rep of c.reports) if (rep.article === a.id) m.set(rep.event, c.id);
        }
        setClaimOf(m);
      },
      () => undefined,
    );
    getJson<Page<Story>>('/stories', { article: a.id, limit: 1 }, ctl.signal).then(
      (r) => setStories(itemsOf(r).filter((s) => s.articles.includes(a.id))),
      () => undefined,
    );
    return () => ctl.abort();
  }, [a.id]);

  const facts = useMemo(() => factsOf(a, claimOf), [a, claimOf]);
  const shown = useMemo(() => facts.filter((f) => !hidden.has(f.kind)), [facts, params.get('hide')]); // eslint-disable-line react-hooks/exhaustive-deps
  const segs = useMemo(() => segments(a.text, shown), [a.text, shown]);
  const [hover, setHover] = useState<{ seg: number; x: number; y: number } | null>(null);
  const [pinned, setPinned] = useState<Fact[] | null>(null);
  const [focusFact, setFocusFact] = useState<Fact | null>(null);
  const textRef = useRef<HTMLDivElement>(null);

  // ?event=N or ?at=OFFSET: bring that passage into view and mark it
  const target = useMemo(() => {
    const ev = params.get('event');
    if (ev !== null) return facts.find((f) => f.kind === 'event' && f.index === Number(ev)) ?? null;
    const at = params.get('at');
    if (at !== null) return facts.filter((f) => f.start <= Number(at) && f.end > Number(at)).sort((x, y) => y.end - y.start - (x.end - x.start))[0] ?? null;
    return null;
  }, [facts, params]);
  useEffect(() => {
    if (!target) return;
    setFocusFact(target);
    setPinned([target]);
    const el = textRef.current?.querySelector(`[data-start="${segs.find((s) => s.start >= target.start)?.start}"]`);
    el?.scrollIntoView({ block: 'center' });
  }, [target]); // eslint-disable-line react-hooks/exhaustive-deps

  const segAt = (el: EventTarget | null) => {
    const s = (el as HTMLElement | null)?.closest?.('[data-seg]') as HTMLElement | null;
    return s ? { i: Number(s.dataset.seg), el: s } : null;
  };
  const showTip = (el: HTMLElement, i: number) => {
    const r = el.getBoundingClientRect();
    setHover({ seg: i, x: r.left + window.scrollX, y: r.bottom + window.scrollY + 4 });
  };
  const onOver = (e: MouseEvent) => {
    const s = segAt(e.target);
    if (s && segs[s.i].facts.length) showTip(s.el, s.i);
    else setHover(null);
  };
  const onClick = (e: MouseEvent) => {
    const s = segAt(e.target);
    if (s && segs[s.i].facts.length) pin(segs[s.i].facts);
  };
  // the pinned passage is marked in the text (its shortest fact: the one under the pointer)
  const pin = (fs: Fact[]) => {
    setPinned(fs);
    setFocusFact(fs[0]);
  };
  const onKey = (e: KeyboardEvent) => {
    const s = segAt(e.target);
    if (s && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      pin(segs[s.i].facts);
    }
    if (e.key === 'Escape') setHover(null);
  };
  const toggle = (k: Kind) => {
    const next = new Set(hidden);
    if (next.has(k)) next.delete(k);
    else next.add(k);
    const p = new URLSearchParams(params);
    if (next.size) p.set('hide', [...next].join(','));
    else p.delete('hide');
    setParams(p, { replace: true });
  };
  const href = safeHref(a.source.url);
  const tip = hover ? segs[hover.seg] : null;

  return (
    <article className="reader">
      <header>
        <p className="crumbs">
          {stories.length ? stories.map((s) => (
            <span key={s.id}>
              <Link to={`/stories/${seg(s.id)}`}>Story: {storyTitle(s)}</Link> ›{' '}
            </span>
          )) : <Link to="/stories">Stories</Link>}
        </p>
        <h1 lang={a.lang}>{a.title || <span className="untitled" title="The article has no title; its first line is shown">{firstLine(a.text)}</span>}</h1>
        <p className="muted">
          {a.published ?? 'undated'} · {a.source.outlet ?? 'outlet unknown'} · <LangTag lang={a.lang} /> · {a.text.length.toLocaleString('en')} characters ·{' '}
          {href ? (
            <a href={href} rel="noopener noreferrer nofollow" target="_blank">
              source
            </a>
          ) : (
            a.source.url && <span className="url" title="not a web address; not linked">{a.source.url}</span>
          )}
          {a.source.path && <span className="small"> {a.source.path}</span>}
        </p>
        <fieldset className="layers">
          <legend>Highlight</legend>
          {KINDS.map(({ kind, label }) => (
            <label key={kind} className={`swatch-${kind}`}>
              <input type="checkbox" checked={!hidden.has(kind)} onChange={() => toggle(kind)} /> {label} ({facts.filter((f) => f.kind === kind).length})
            </label>
          ))}
        </fieldset>
      </header>
      <div className="reader-body">
        <div className="text" lang={a.lang} ref={textRef} onMouseOver={onOver} onMouseLeave={() => setHover(null)} onClick={onClick} onKeyDown={onKey}>
          {segs.map((s, i) => {
            if (!s.facts.length) return <span key={i}>{a.text.slice(s.start, s.end)}</span>;
            const kinds = new Set(s.facts.map((f) => f.kind));
            const active = focusFact && s.start >= focusFact.start && s.end <= focusFact.end;
            const focusable = kinds.has('entity') || kinds.has('time');
            return (
              <span
                key={i}
                data-seg={i}
                data-start={s.start}
                className={`f ${[...kinds].map((k) => `k-${k}`).join(' ')}${active ? ' active' : ''}`}
                tabIndex={focusable && s.start === Math.min(...s.facts.filter((f) => f.kind === 'entity' || f.kind === 'time').map((f) => f.start)) ? 0 : undefined}
                onFocus={(e) => showTip(e.currentTarget, i)}
                onBlur={() => setHover(null)}
              >
                {a.text.slice(s.start, s.end)}
              </span>
            );
          })}
        </div>
        <aside className="facts-panel" aria-label="Facts">
          <h2>Selected</h2>
          {pinned ? <FactList facts={pinned} text={a.text} story={stories[0]} /> : <p className="muted small">Hover over a highlighted passage to see its facts; click it (or press Enter) to keep them here.</p>}
          <h2>Events ({a.events.length})</h2>
          <ul className="fact-buttons">
            {facts
              .filter((f) => f.kind === 'event')
              .map((f) => (
                <li key={f.key}>
                  <button type="button" className={focusFact?.key === f.key ? 'on' : ''} onClick={() => (setFocusFact(f), setPinned([f]))}>
                    <StatusBadge status={a.events[f.index!].status} /> {f.type.replace('event · ', '')}
                  </button>
                </li>
              ))}
          </ul>
          <h2>Quotes ({a.quotes.length})</h2>
          <ul className="fact-buttons">
            {facts
              .filter((f) => f.kind === 'quote')
              .map((f) => (
                <li key={f.key}>
                  <button type="button" className={focusFact?.key === f.key ? 'on' : ''} onClick={() => (setFocusFact(f), setPinned([f]))}>
                    {f.value.replace(/ · cue.*/, '')}: <span lang={a.lang}>{a.text.slice(f.start, Math.min(f.end, f.start + 60))}…</span>
                  </button>
                </li>
              ))}
          </ul>
        </aside>
      </div>
      {tip && hover && (
        <div className="tooltip" role="tooltip" style={{ left: Math.min(hover.x, window.innerWidth - 420), top: hover.y }}>
          {tip.facts.slice(0, 4).map((f) => (
            <div key={f.key} className={`tip-${f.kind}`}>
              <strong>{f.type}</strong>
              <div>{f.value}</div>
              <div className="muted small">
                rule{f.rules.length > 1 ? 's' : ''}: {f.rules.length ? f.rules.slice(0, 5).join(', ') + (f.rules.length > 5 ? ` +${f.rules.length - 5} more (click)` : '') : noRule(f.kind)}
              </div>
            </div>
          ))}
          {tip.facts.length > 4 && <div className="muted small">+{tip.facts.length - 4} more (click)</div>}
        </div>
      )}
    </article>
  );
}

function FactList({ facts, text, story }: { facts: Fact[]; text: string; story?: Story }) {
  return (
    <ul className="fact-list">
      {facts.map((f) => (
        <li key={f.key} className={`tip-${f.kind}`}>
          <strong>{f.type}</strong>
          <q>{text.slice(f.start, Math.min(f.end, f.start + 160))}{f.end - f.start > 160 ? '…' : ''}</q>
          <div>{f.value}</div>
          <div className="muted small">
            [{f.start}, {f.end}) · rule{f.rules.length > 1 ? 's' : ''}: {f.rules.length ? f.rules.join(', ') : noRule(f.kind)}
          </div>
          {f.links.map((l) => (
            <div key={l.to}>
              <Link to={l.to}>{l.text}</Link>
            </div>
          ))}
          {story && (f.kind === 'event' || f.kind === 'quote') && (
            <div>
              <Link to={`/stories/${seg(story.id)}`}>the story: {storyTitle(story).slice(0, 60)}</Link>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
