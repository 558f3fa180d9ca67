import { nameFromId, type Claim } from '../api';

export type Names = Record<string, string>;

/** "call: Путин – Трамп (2025-02-12)": a claim's kind, parties and date as one line. */
export function claimLabel(c: Pick<Claim, 'type' | 'mode' | 'actors' | 'when'>, names: Names): string {
  const kind = c.type === 'CONSULT' && c.mode ? c.mode : c.type.toLowerCase();
  const who = c.actors.map((a) => names[a] ?? nameFromId(a)).join(' – ') || 'parties unknown';
  return `${kind}: ${who}${c.when ? ` (${c.when.value})` : ''}`;
}
