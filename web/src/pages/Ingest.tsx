/**
 * Ingest: drop files or paste text; each file is sent to POST /api/articles (with the token) and
 * shows its own progress and result: new, duplicates, and rejected items with their reasons.
 */
import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { Link } from 'react-router';
import { seg, tokenStore, useApi, type Health } from '../api';

interface Rejected {
  input?: string;
  line?: number | null;
  error: string;
}
interface IngestResult {
  read: number;
  new: number;
  duplicates: number;
  rejected: Rejected[];
  items: { id: string; status: string; title?: string | null }[];
}
interface Job {
  n: number;
  name: string;
  size: number;
  state: 'queued' | 'uploading' | 'analysing' | 'done' | 'failed';
  sent: number;
  result?: IngestResult;
  error?: string;
  details?: Rejected[];
}

const TYPES: [RegExp, string][] = [
  [/\.(jsonl|ndjson)$/i, 'application/x-ndjson'],
  [/\.json$/i, 'application/json'],
  [/\.html?$/i, 'text/html'],
  [/\.(rss)$/i, 'application/rss+xml'],
  [/\.atom$/i, 'application/atom+xml'],
  [/\.xml$/i, 'application/xml'],
];
const contentType = (name: string, given: string) => TYPES.find(([re]) => re.test(name))?.[1] ?? (given && given !== 'application/octet-stream' ? given : 'text/plain');

function send(body: Blob, name: string, token: string, onProgress: (sent: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/articles?name=${encodeURIComponent(name)}`);
    xhr.setRequestHeader('Content-Type', contentType(name, body.type));
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        parsed = { message: xhr.responseText.slice(0, 300) };
      }
      resolve({ status: xhr.status, body: parsed });
    };
    xhr.onerror = () => reject(new Error('network error: the server did not answer'));
    xhr.send(body);
  });
}

let counter = 0;

export function IngestPage() {
  const health = useApi<Health>('/health');
  const [token, setToken] = useState(tokenStore.get());
  const [jobs, setJobs] = useState<Job[]>([]);
  const [paste, setPaste] = useState('');
  const [pasteName, setPasteName] = useState('pasted.txt');
  const [over, setOver] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const queue = useRef(Promise.resolve());

  const update = (n: number, patch: Partial<Job>) => setJobs((js) => js.map((j) => (j.n === n ? { ...j, ...patch } : j)));
  const enqueue = (items: { name: string; blob: Blob }[]) => {
    const added = items.map(({ name, blob }) => ({ job: { n: ++counter, name, size: blob.size, state: 'queued' as const, sent: 0 }, blob }));
    setJobs((js) => [...added.map((a) => a.job), ...js]);
    for (const { job, blob } of added) {
      // one upload at a time: the server analyses each body before it answers
      queue.current = queue.current.then(async () => {
        update(job.n, { state: 'uploading' });
        try {
          const r = await send(blob, job.name, token, (sent) => update(job.n, { sent, state: sent >= blob.size ? 'analysing' : 'uploading' }));
          const b = r.body as Partial<IngestResult> & { message?: string; error?: string; details?: unknown };
          if (r.status >= 200 && r.status < 300) update(job.n, { state: 'done', sent: blob.size, result: b as IngestResult });
          else if (Array.isArray(b.rejected) && typeof b.read === 'number')
            // every item refused (422): the body is the per-item report
            update(job.n, { state: 'failed', sent: blob.size, result: b as IngestResult, error: `${r.status}: nothing stored, every item was rejected` });
          else
            update(job.n, {
              state: 'failed',
              error: `${r.status}${b.error ? ` ${b.error}` : ''}: ${b.message ?? 'refused'}`,
              details: Array.isArray(b.rejected) ? b.rejected : Array.isArray(b.details) ? (b.details as Rejected[]) : undefined,
            });
        } catch (e) {
          update(job.n, { state: 'failed', error: (e as Error).message });
        }
      });
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    enqueue([...e.dataTransfer.files].map((f) => ({ name: f.name, blob: f })));
  };
  const onPaste = (e: FormEvent) => {
    e.preventDefault();
    if (!paste.trim()) return;
    enqueue([{ name: pasteName || 'pasted.txt', blob: new Blob([paste], { type: 'text/plain' }) }]);
    setPaste('');
  };
  const saveToken = (t: string) => {
    setToken(t);
    tokenStore.set(t);
  };
  const readOnly = health.data && health.data.writable === false;

  return (
    <section className="ingest">
      <h1>Ingest</h1>
      {readOnly && (
        <p className="error" role="alert">
          This server is read-only: start it with a token (PARLEY_TOKEN or --token-file) to add articles.
        </p>
      )}
      <label className="token">
        Token{' '}
        <input type="password" autoComplete="off" value={token} onChange={(e) => saveToken(e.target.value)} placeholder="the server's PARLEY_TOKEN" />
        <span className="muted small"> kept for this tab only</span>
      </label>
      <div
        className={`dropzone${over ? ' over' : ''}`}
        onDragOver={(e) => (e.preventDefault(), setOver(true))}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>Drop files here: plain text, JSON Lines, HTML pages, RSS or Atom feeds.</p>
        <button type="button" onClick={() => fileInput.current?.click()}>
          Choose files…
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          aria-label="Files to ingest"
          onChange={(e) => {
            enqueue([...(e.target.files ?? [])].map((f) => ({ name: f.name, blob: f })));
            e.target.value = '';
          }}
        />
      </div>
      <form onSubmit={onPaste} className="paste">
        <label>
          Or paste an article (a first line <code>date YYYY-MM-DD</code> sets its date)
          <textarea rows={8} value={paste} onChange={(e) => setPaste(e.target.value)} />
        </label>
        <label>
          Name <input value={pasteName} onChange={(e) => setPasteName(e.target.value)} />
        </label>
        <button type="submit" disabled={!paste.trim()}>
          Ingest text
        </button>
      </form>
      {jobs.length > 0 && (
        <>
          <h2>Progress</h2>
          <ul className="jobs" aria-live="polite">
            {jobs.map((j) => (
              <JobRow key={j.n} job={j} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function JobRow({ job: j }: { job: Job }) {
  const pct = j.size ? Math.round((100 * j.sent) / j.size) : 100;
  const r = j.result;
  return (
    <li className={`job job-${j.state}${j.state === 'done' && (r?.rejected.length ?? 0) > 0 ? ' job-partial' : ''}`}>
      <div>
        <strong>{j.name}</strong> <span className="muted small">{(j.size / 1024).toFixed(1)} kB</span> <span className="state">{j.state === 'done' && (r?.rejected.length ?? 0) > 0 ? 'done, some items rejected' : j.state}</span>
      </div>
      <progress max={100} value={j.state === 'done' ? 100 : j.state === 'queued' ? 0 : pct} aria-label={`${j.name} upload`} />
      {r && (
        <div>
          read {r.read} · <strong>{r.new} new</strong> · {r.duplicates} duplicate{r.duplicates === 1 ? '' : 's'} · {r.rejected.length} rejected
          {r.items.length > 0 && (
            <ul className="small">
              {r.items.slice(0, 20).map((it) => (
                <li key={it.id}>
                  {it.status}: <Link to={`/articles/${seg(it.id)}`}>{it.title || it.id}</Link>
                </li>
              ))}
              {r.items.length > 20 && <li className="muted">… {r.items.length - 20} more</li>}
            </ul>
          )}
        </div>
      )}
      {j.error && <p className="error">{j.error}</p>}
      {((r?.rejected.length ?? 0) > 0 || (j.details?.length ?? 0) > 0) && (
        <ul className="rejected">
          {[...(r?.rejected ?? []), ...(j.details ?? [])].map((x, i) => (
            <li key={i}>
              <RejectedItem x={x} name={j.name} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** "rejected mixed.jsonl, line 2: invalid JSON (…)": the reader's message names the input; it is not repeated. */
function RejectedItem({ x, name }: { x: Rejected; name: string }) {
  const input = x.input ?? name;
  let msg = x.error ?? (x as { message?: string }).message ?? JSON.stringify(x);
  for (const prefix of [`${input}:${x.line ?? ''}: `, `${input}: `]) if (msg.startsWith(prefix)) msg = msg.slice(prefix.length);
  return (
    <>
      <strong>rejected</strong> {input}
      {x.line ? `, line ${x.line}` : ''}: {msg}
    </>
  );
}
