/**
 * One HTTP(S) GET of a feed, as a well-behaved poller does it: conditional (ETag /
 * If-Modified-Since, so an unchanged feed costs a 304), with a timeout over the whole exchange, a
 * cap on the body size (read as a stream and abandoned past the cap), redirects followed by hand
 * (at most `maxRedirects`, and only to http: or https:). Node's own fetch (undici) does the HTTP.
 */

export interface FetchOptions {
  etag?: string | null;
  lastModified?: string | null;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
}

export type FetchResult =
  | { status: 'ok'; url: string; body: Buffer; etag: string | null; lastModified: string | null; contentType: string | null }
  | { status: 'not-modified'; url: string }
  | { status: 'error'; url: string; error: string; /** worth retrying later (network, 5xx, 429) */ transient: boolean };

export const FETCH_DEFAULTS = { timeoutMs: 20_000, maxBytes: 10 * 1024 * 1024, maxRedirects: 5 };

function httpUrl(u: string, base?: string): URL | null {
  try {
    const url = new URL(u, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

export async function fetchFeed(url: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const timeoutMs = opts.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
  const maxBytes = opts.maxBytes ?? FETCH_DEFAULTS.maxBytes;
  const maxRedirects = opts.maxRedirects ?? FETCH_DEFAULTS.maxRedirects;
  let current = httpUrl(url);
  if (!current) return { status: 'error', url, error: 'not an http:// or https:// URL', transient: false };
  const signal = AbortSignal.timeout(timeoutMs);
  for (let hop = 0; ; hop++) {
    const headers: Record<string, string> = {
      'user-agent': opts.userAgent ?? 'parley-watch (+https://github.com/parley)',
      accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
    };
    if (opts.etag) headers['if-none-match'] = opts.etag;
    if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
    let res: Response;
    try {
      res = await fetch(current, { headers, redirect: 'manual', signal });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      const why = err.name === 'TimeoutError' || err.name === 'AbortError' ? `timed out after ${timeoutMs / 1000} s` : err.cause?.code ?? err.cause?.message ?? err.message;
      return { status: 'error', url: current.href, error: why, transient: true };
    }
    if (res.status >= 300 && res.status < 400 && res.status !== 304) {
      await res.body?.cancel().catch(() => {});
      const loc = res.headers.get('location');
      if (!loc) return { status: 'error', url: current.href, error: `HTTP ${res.status} without a Location`, transient: false };
      if (hop >= maxRedirects) return { status: 'error', url: current.href, error: `too many redirects (more than ${maxRedirects})`, transient: false };
      const next = httpUrl(loc, current.href);
      if (!next) return { status: 'error', url: current.href, error: `redirect to a non-http(s) location refused: ${loc.slice(0, 200)}`, transient: false };
      current = next;
      continue;
    }
    if (res.status === 304) {
      await res.body?.cancel().catch(() => {});
      return { status: 'not-modified', url: current.href };
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      return { status: 'error', url: current.href, error: `HTTP ${res.status}`, transient: res.status >= 500 || res.status === 429 || res.status === 408 };
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      await res.body?.cancel().catch(() => {});
      return { status: 'error', url: current.href, error: `response too large (${declared} bytes > ${maxBytes} limit)`, transient: false };
    }
    const parts: Buffer[] = [];
    let size = 0;
    try {
      if (res.body) {
        const reader = res.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          size += value.byteLength;
          if (size > maxBytes) {
            await reader.cancel().catch(() => {});
            return { status: 'error', url: current.href, error: `response too large (more than the ${maxBytes} byte limit)`, transient: false };
          }
          parts.push(Buffer.from(value));
        }
      }
    } catch (e) {
      const err = e as Error;
      const why = err.name === 'TimeoutError' || err.name === 'AbortError' ? `timed out after ${timeoutMs / 1000} s` : err.message;
      return { status: 'error', url: current.href, error: why, transient: true };
    }
    return {
      status: 'ok',
      url: current.href,
      body: Buffer.concat(parts),
      etag: res.headers.get('etag'),
      lastModified: res.headers.get('last-modified'),
      contentType: res.headers.get('content-type'),
    };
  }
}
