/** Output helpers shared by the commands: stdout with back-pressure, colours only on a TTY. */
import type { Writable } from 'node:stream';

export const isTTY = (s: NodeJS.WriteStream): boolean => Boolean(s.isTTY) && !process.env.NO_COLOR;

export const bold = (s: string): string => (isTTY(process.stdout) ? `\x1b[1m${s}\x1b[22m` : s);
export const dim = (s: string): string => (isTTY(process.stdout) ? `\x1b[2m${s}\x1b[22m` : s);

/** Writes a chunk and waits for 'drain' when the stream's buffer is full. */
export async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
}

export function line(s = ''): Promise<void> {
  return write(process.stdout, s + '\n');
}

/** A plain text table: columns padded to their widest cell (by code points). */
export function table(rows: (string | number | null | undefined)[][], head?: string[]): string {
  const all = (head ? [head, ...rows] : rows).map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))));
  const widths: number[] = [];
  for (const r of all) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - [...c].length)))
      .join('  ')
      .trimEnd();
  const out = all.map(fmt);
  if (head) out.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return out.join('\n');
}

export function shorten(s: string | null | undefined, n: number): string {
  if (!s) return '';
  const t = s.replace(/\s+/g, ' ').trim();
  const cps = [...t];
  return cps.length > n ? cps.slice(0, n - 1).join('') + '…' : t;
}
