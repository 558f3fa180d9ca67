/**
 * Claim: every report of one happening in publication order (date, outlet, language, status,
 * stance, who it credits), each with its evidence sentence highlighted in context; reprints folded
 * under the report they copy.
 */
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { flatNames, seg, useApi, useApiMany, type Article, type Claim, type ClaimReport } from '../api';
import { ActorLink, ActorList, Async, InContext, LangTag, StanceBadge, StatusBadge, When, firstLine, knownName } from '../components/common';
import { claimLabel, type Names } from './claimText';

export function ClaimPage() {
  const { id = '' } = useParams();
  const claim = useApi<Claim>(`/claims/${seg(id)}`);
  return <Async state={claim} what="claim">{(c) => <ClaimView claim={c} />}</Async>;
}

interface Row {
  report: ClaimReport;
  article: Article | undefined;
  reprints: Row[];
  /** other reports of this claim from the same passage of the same article (two events in one sentence) */
  also: ClaimReport[];
}

/**
 * Folds the reports: a report from the passage another report already shows joins it (`also`); a
 * reprint (the API's `copyOf`, else an earlier report from another article whose evidence reads the
 * same) goes under the report it copies: the one with the same evidence, else the first of that article.
 */
export function foldReprints(reports: ClaimReport[], arts: Map<string, Article>): Row[] {
  const spanOf = (r: ClaimReport) => {
    const ev = r.evidence ?? arts.get(r.article)?.events[r.event];
    return ev ? { start: ev.start, end: ev.end } : null;
  };
  const evidenceKey = (r: ClaimReport) => {
    const a = arts.get(r.article);
    const sp = spanOf(r);
    const t = r.evidence?.text ?? (a && sp ? a.text.slice(sp.start, sp.end) : null);
    return t ? t.replace(/\s+/g, ' ').trim().toLowerCase() : null;
  };
  const top: Row[] = [];
  const byArticle = new Map<string, Row[]>();
  const byEvidence = new Map<string, Row>();
  const byPassage = new Map<string, Row>();
  for (const report of reports) {
    const sp = spanOf(report);
    const passage = sp ? `${report.article}:${sp.start}:${sp.end}` : null;
    const same = passage ? byPassage.get(passage) : undefined;
    if (same) {
      same.also.push(report);
      continue;
    }
    const row: Row = { report, article: arts.get(report.article), reprints: [], also: [] };
    if (passage) byPassage.set(passage, row);
    const key = evidenceKey(report);
    const marked = report.copyOf ? byArticle.get(report.copyOf) : undefined;
    const original =
      (marked && ((key && marked.find((m) => evidenceKey(m.report) === key)) || marked[0])) || (key && key.length > 40 ? byEvidence.get(key) : undefined);
    if (original && original.report.article !== report.article) original.reprints.push(row);
    else {
      top.push(row);
      if (key && !byEvidence.has(key)) byEvidence.set(key, row);
    }
    byArticle.set(report.article, [...(byArticle.get(report.article) ?? []), row]);
  }
  return top;
}

function ClaimView({ claim }: { claim: Claim }) {
  const ids = [...new Set(claim.reports.map((r) => r.article))];
  const loaded = useApiMany<Article>(ids.map((a) => `/articles/${seg(a)}`));
  const arts = useMemo(() => {
    const m = new Map<string, Article>();
    for (const a of ids) {
      const x = loaded.data.get(`/articles/${seg(a)}`);
      if (x) m.set(a, x);
    }
    return m;
  }, [loaded.data]); // eslint-disable-line react-hooks/exhaustive-deps
  const names = useMemo(() => {
    const n: Names = flatNames(claim.names);
    for (const a of arts.values())
      for (const e of a.entities) {
        n[e.id] ??= e.names?.en || e.name;
        knownName(e.id, n[e.id], e.type);
      }
    return n;
  }, [arts, claim.names]);
  const rows = useMemo(() => foldReprints(claim.reports, arts), [claim.reports, arts]);
  const reprintCount = rows.reduce((a, r) => a + r.reprints.length, 0);
  const repeated = rows.reduce((a, r) => a + r.also.length + r.reprints.reduce((b, x) => b + x.also.length, 0), 0);

  return (
    <article className="claim">
      <p className="crumbs">
        <Link to="/stories">Stories</Link> › {claim.story ? <Link to={`/stories/${seg(claim.story)}`}>its story</Link> : 'no story'} ›
      </p>
      <h1>{claimLabel(claim, names)}</h1>
      <dl className="facts">
        <div>
          <dt>Type</dt>
          <dd>
            {claim.type}
            {claim.mode ? ` · ${claim.mode}` : ''}
            {claim.level ? ` · ${claim.level} level` : ''}
          </dd>
        </div>
        <div>
          <dt>Parties</dt>
          <dd>
            {claim.actors.map((a, i) => (
              <span key={a}>
                {i > 0 && ', '}
                <ActorLink id={a} name={names[a]} />
              </span>
            ))}
          </dd>
        </div>
        {claim.place && (
          <div>
            <dt>Place</dt>
            <dd>
              <ActorLink id={claim.place} name={names[claim.place]} />
            </dd>
          </div>
        )}
        <div>
          <dt>When</dt>
          <dd>
            <When value={claim.when} />
          </dd>
        </div>
        <div>
          <dt>Status now</dt>
          <dd>
            <StatusBadge status={claim.status} />
          </dd>
        </div>
        <div>
          <dt>Status history</dt>
          <dd className="history">
            {claim.history.map((h, i) => (
              <span key={i} className="nowrap">
                {i > 0 && <span aria-label="then"> → </span>}
                <StatusBadge status={h.status} /> <span className="muted small">{h.date}</span>
              </span>
            ))}
          </dd>
        </div>
        <div>
          <dt>First reported</dt>
          <dd>
            {claim.firstReported?.published ?? '?'} by {claim.firstReported?.outlet ?? 'an unknown outlet'}
          </dd>
        </div>
      </dl>

      <h2>
        Reports ({claim.reports.length}
        {reprintCount ? `, ${reprintCount} reprint${reprintCount === 1 ? '' : 's'} folded` : ''}
        {repeated ? `, ${repeated} from a passage shown once` : ''})
      </h2>
      {loaded.loading && <p className="muted">Loading the articles…</p>}
      <ol className="reports">
        {rows.map((row) => (
          <li key={`${row.report.article}:${row.report.event}`}>
            <Report row={row} claim={claim} names={names} />
            {row.reprints.length > 0 && (
              <details className="reprints">
                <summary>
                  {row.reprints.length} reprint{row.reprints.length > 1 ? 's' : ''} of this report:{' '}
                  {[...new Set(row.reprints.map((r) => `${r.report.outlet ?? 'outlet unknown'} ${r.report.published ?? ''}`.trim()))].join(', ')}
                </summary>
                <ol>
                  {row.reprints.map((r) => (
                    <li key={`${r.report.article}:${r.report.event}`}>
                      <Report row={r} claim={claim} names={names} />
                    </li>
                  ))}
                </ol>
              </details>
            )}
          </li>
        ))}
      </ol>
    </article>
  );
}

function Report({ row, claim, names }: { row: Row; claim: Claim; names: Names }) {
  const { report: r, article: a } = row;
  const ev = r.evidence ?? a?.events[r.event];
  const stances = claim.stances.filter((s) => s.article === r.article);
  const lang = a?.lang ?? r.lang;
  return (
    <div className="report" data-events={1 + row.also.length}>
      <div className="report-head">
        <span className="nowrap">{r.published ?? 'undated'}</span> <strong>{r.outlet ?? 'outlet unknown'}</strong> <LangTag lang={lang} /> <StatusBadge status={r.status} />
        {stances.map((s, i) => (
          <span key={i}>
            {' '}
            <StanceBadge stance={s.stance} /> by <ActorLink id={s.by} name={names[s.by]} />
          </span>
        ))}
        {r.reportedBy.length > 0 && (
          <span>
            {' '}
            · credits <ActorList ids={r.reportedBy} lang={lang} />
          </span>
        )}
        {' · '}
        <Link to={`/articles/${seg(r.article)}?event=${r.event}`} lang={lang}>
          {a ? a.title || firstLine(a.text, 70) : 'article'}
        </Link>
        {row.also.length > 0 && (
          <span className="muted small">
            {' '}
            · {row.also.length + 1} events of this claim in this passage{row.also.some((x) => x.status !== r.status) ? ` (also ${[...new Set(row.also.map((x) => x.status))].join(', ')})` : ''}
          </span>
        )}
      </div>
      {a && ev ? (
        <div lang={lang}>
          <InContext text={a.text} start={ev.start} end={ev.end} sentences={a.sentences} width={160} />
          {stances
            .filter((s) => s.evidence && (s.evidence.start < ev.start || s.evidence.end > ev.end))
            .map((s, i) => (
              <div key={i} className="stance-evidence">
                <span className="muted small">{s.stance.replace('_', ' ')} evidence:</span>
                <InContext text={a.text} start={s.evidence.start} end={s.evidence.end} sentences={a.sentences} width={80} />
              </div>
            ))}
        </div>
      ) : r.evidence?.text ? (
        <blockquote className="context" lang={lang}>
          <mark className="evidence">{r.evidence.text}</mark>
        </blockquote>
      ) : (
        <p className="muted small">evidence loading…</p>
      )}
    </div>
  );
}
