/**
 * A cache of read responses, keyed by the request (host and URL) and by the store's data version
 * (`Store.dataVersion`: it changes whenever stored data may have changed, from this process or
 * another). A cached answer is served only while the version it was computed at is still current,
 * so it is the same body (and ETag) the route would compute again; nothing is served stale, and
 * there is no time-to-live to tune.
 *
 * Only GET answers with status 200 and a text body are kept (JSON and Atom), at most `maxBytes` in
 * all (least recently used dropped first) and at most `maxEntryBytes` each. Streamed routes
 * (/api/export) and /api/health are not cached. The version is read before the route runs: an
 * answer computed while a write commits is stored under the older version and never served once
 * the version has moved on.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from '../store/types.js';

export interface CacheOptions {
  /** total bytes of cached bodies; default 64 MiB */
  maxBytes?: number;
  /** largest body kept; default 4 MiB */
  maxEntryBytes?: number;
}

interface Entry {
  version: string;
  /** the bytes sent (encoded once, not on every hit) */
  body: Buffer;
  type: string;
  etag: string | undefined;
  bytes: number;
}

/** Paths whose answers are not cached (streamed, or about the process rather than the data). */
const UNCACHED = /^\/api\/(export|health)(\/|\?|$)/;
/** Paths whose GET answers are cached. */
const CACHED = /^\/(api|feeds)\//;

const VERSION = Symbol('parley.cacheVersion');
type Tagged = FastifyRequest & { [VERSION]?: string };

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly maxEntryBytes: number;
  hits = 0;
  misses = 0;

  constructor(
    private readonly store: Store & { dataVersion(): Promise<string> },
    o: CacheOptions = {},
  ) {
    this.maxBytes = o.maxBytes ?? 64 * 1024 * 1024;
    this.maxEntryBytes = o.maxEntryBytes ?? 4 * 1024 * 1024;
  }

  get size(): number {
    return this.entries.size;
  }

  private static key(req: FastifyRequest): string | null {
    if (req.method !== 'GET') return null;
    const url = req.url;
    if (!CACHED.test(url) || UNCACHED.test(url)) return null;
    return `${req.headers.host ?? ''} ${url}`;
  }

  /** onRequest: answers from the cache when the entry's version is current; else notes the version. */
  async onRequest(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const key = ResponseCache.key(req);
    if (key === null || reply.sent) return undefined;
    const version = await this.store.dataVersion();
    const e = this.entries.get(key);
    if (e && e.version === version) {
      this.hits++;
      // most recently used last
      this.entries.delete(key);
      this.entries.set(key, e);
      reply.header('content-type', e.type);
      if (e.etag) reply.header('etag', e.etag);
      return reply.send(e.body);
    }
    this.misses++;
    (req as Tagged)[VERSION] = version;
    return undefined;
  }

  /** onSend (after the ETag is set): keeps a 200 text answer under the version read before the route ran. */
  onSend(req: FastifyRequest, reply: FastifyReply, payload: unknown): void {
    const version = (req as Tagged)[VERSION];
    if (version === undefined || reply.statusCode !== 200 || typeof payload !== 'string') return;
    const key = ResponseCache.key(req);
    if (key === null) return;
    if (payload.length > this.maxEntryBytes) return;
    const body = Buffer.from(payload, 'utf8');
    const bytes = body.length + key.length * 2;
    if (bytes > this.maxEntryBytes) return;
    const type = String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8');
    const etag = reply.getHeader('etag') as string | undefined;
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.bytes;
      this.entries.delete(key);
    }
    this.entries.set(key, { version, body, type, etag, bytes });
    this.bytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
  }
}
