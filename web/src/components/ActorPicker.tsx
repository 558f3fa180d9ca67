/** A text field that suggests actors by name (GET /api/entities?name=) and keeps the chosen id. */
import { useEffect, useId, useState } from 'react';
import { getJson, itemsOf, type EntitySummary, type Page } from '../api';

export function ActorPicker({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  const listId = useId();
  const [options, setOptions] = useState<EntitySummary[]>([]);
  useEffect(() => {
    const q = value.trim();
    if (q.length < 2 || q.startsWith('new:') || /^Q\d+$/.test(q)) return setOptions([]);
    const ctl = new AbortController();
    const t = setTimeout(() => {
      getJson<Page<EntitySummary>>('/entities', { name: q, limit: 10 }, ctl.signal).then(
        (r) => setOptions(itemsOf(r)),
        () => setOptions([]),
      );
    }, 200);
    return () => {
      clearTimeout(t);
      ctl.abort();
    };
  }, [value]);
  return (
    <label>
      {label}{' '}
      <input list={listId} value={value} placeholder="name or id" onChange={(e) => onChange(e.target.value)} />
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {`${o.name} (${o.type}, ${o.articles} articles)`}
          </option>
        ))}
      </datalist>
    </label>
  );
}
