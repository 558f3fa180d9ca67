/**
 * The HTTP API (`parley serve`): Fastify with one plugin per resource under /api, Atom feeds under
 * /feeds, the OpenAPI 3 document at /openapi.json and its browsable page at /docs, and the web UI
 * from web/dist. Thin: every route calls the store (through `openStore`) or the same library
 * functions the CLI calls.
 *
 * Safety: read-only unless a token is configured (writes need `Authorization: Bearer TOKEN`),
 * body size limits, a rate limit, security headers with a Content-Security-Policy that forbids
 * inline scripts, CORS off unless origins are given, and one JSON error shape.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { join } from 'node:path';
import { projectRoot } from '../pipeline/resources.js';
import type { Store } from '../store/types.js';
import { ApiError, errorBody, installErrorHandler } from './errors.js';
import { Ingester } from './ingest.js';
import { ErrorBody } from './schemas.js';
import { ResponseCache, type CacheOptions } from './cache.js';

export interface ServerOptions {
  store: Store;
  /** bearer token for writes; null or empty: the server is read-only */
  token?: string | null;
  /** the built web UI (index.html + assets/); default web/dist of the project; null: no UI */
  webDir?: string | null;
  /** requests per minute per client address (false: no limit); default 600 */
  rateLimit?: number | false;
  /** largest POST /api/articles body (bytes); default 10 MiB */
  maxUploadBytes?: number;
  /** largest article inside an upload (bytes); default 10 MiB */
  maxArticleBytes?: number;
  /** allowed CORS origins; default none (CORS off) */
  corsOrigins?: string[];
  /** Fastify's logger (pino): false, true or { level } ; `parley serve` logs warnings and errors to stderr */
  logger?: boolean | { level: string };
  /**
   * Load shedding (@fastify/under-pressure): while the event loop lags or the heap is nearly full,
   * requests are answered at once with 503 and Retry-After instead of queueing behind a slow one.
   * true: the defaults (PRESSURE_DEFAULTS); default off (`parley serve` turns it on)
   */
  pressure?: boolean | Partial<PressureOptions>;
  /** socket, request and keep-alive timeouts (ms); default TIMEOUTS */
  timeouts?: Partial<typeof TIMEOUTS>;
  /**
   * Read answers cached under the store's data version (src/api/cache.ts): served again only while
   * nothing stored has changed. Default on when the store gives a data version; false: off.
   */
  cache?: boolean | CacheOptions;
}

export interface PressureOptions {
  /** mean event-loop delay (ms) over the last sample past which requests are shed */
  maxEventLoopDelay: number;
  /** V8 heap in use (bytes) past which requests are shed */
  maxHeapUsedBytes: number;
  /** how often the delay and heap are sampled (ms) */
  sampleInterval: number;
  /** seconds a shed client is told to wait (Retry-After) */
  retryAfter: number;
}

export const PRESSURE_DEFAULTS: PressureOptions = {
  maxEventLoopDelay: 1000,
  maxHeapUsedBytes: Math.floor(getHeapStatistics().heap_size_limit * 0.85),
  sampleInterval: 250,
  retryAfter: 5,
};

/** samples in a row past maxEventLoopDelay before requests are shed for the loop's delay */
const SUSTAINED = 2;

export const TIMEOUTS = {
  /** a socket idle this long is closed (Node's server.timeout) */
  connectionTimeout: 60_000,
  /** the whole request (headers and body) must arrive within this (slow clients) */
  requestTimeout: 30_000,
  /** an idle keep-alive connection is closed after this */
  keepAliveTimeout: 5_000,
};

export type App = FastifyInstance<any, any, any, any, TypeBoxTypeProvider>;

export const VERSION: string = (() => {
  try {
    return (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
})();

export const CSP_DIRECTIVES: Record<string, string[]> = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export async function buildServer(opts: ServerOptions): Promise<App> {
  const maxUpload = opts.maxUploadBytes ?? 10 * 1024 * 1024;
  const timeouts = { ...TIMEOUTS, ...opts.timeouts };
  const app = Fastify({
    logger: opts.logger ?? false,
    ...timeouts,
    // close() destroys every connection, busy ones too (keep-alive clients would hold it open);
    // requests arriving while it closes get 503
    forceCloseConnections: true,
    bodyLimit: maxUpload,
    // ids may hold spaces and Cyrillic (entity ids); keep them whole
    routerOptions: { maxParamLength: 600, ignoreTrailingSlash: true },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  const routes: RouteInfo[] = [];
  ROUTES.set(app, routes);
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) routes.push({ method: m, url: r.url, hidden: !!(r.schema as { hide?: boolean } | undefined)?.hide });
  });
  app.addSchema(ErrorBody);
  installErrorHandler(app);

  if (opts.pressure) {
    const p = { ...PRESSURE_DEFAULTS, ...(opts.pressure === true ? {} : opts.pressure) };
    const shed = class extends ApiError {
      constructor() {
        super(503, 'unavailable', `server under pressure (event loop delay or memory past its limit); retry in ${p.retryAfter} s`);
      }
    };
    await app.register((await import('@fastify/under-pressure')).default, {
      maxEventLoopDelay: p.maxEventLoopDelay,
      maxHeapUsedBytes: p.maxHeapUsedBytes,
      sampleInterval: p.sampleInterval,
      retryAfter: p.retryAfter,
      // The loop's delay sheds only when it is sustained: past the limit in SUSTAINED samples in a
      // row. One long request (an upload analysed in the handler) delays a single sample; shedding
      // on it answered the same user's next request with 503 (seen in the browser test of Ingest).
      // The heap sheds at once. A shed request gets 503 and Retry-After through the error handler.
      // (a rejected promise goes to next(err), so the error handler answers)
      pressureHandler: (_req, reply, type) => {
        if (type === 'eventLoopDelay' && lagStreak < SUSTAINED) return;
        reply.header('Retry-After', String(p.retryAfter));
        return Promise.reject(new shed());
      },
    });
    let lagStreak = 0;
    const lagTimer = setInterval(() => {
      const lag = (app as unknown as { memoryUsage(): { eventLoopDelay: number } }).memoryUsage().eventLoopDelay;
      lagStreak = lag > p.maxEventLoopDelay ? lagStreak + 1 : 0;
    }, p.sampleInterval);
    lagTimer.unref();
    app.addHook('onClose', async () => clearInterval(lagTimer));
  }
  // a request whose client has gone (it timed out while this one waited behind a slow request)
  // is not run: its answer would be thrown away
  app.addHook('onRequest', async (req, reply) => {
    if (req.raw.destroyed || req.raw.socket?.destroyed) reply.hijack();
  });

  // the security headers are the same on every answer: helmet's, worked out once (see securityHeaders)
  const security = await securityHeaders();
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(security);
    done();
  });
  if (opts.corsOrigins?.length) await app.register((await import('@fastify/cors')).default, { origin: opts.corsOrigins });
  if (opts.rateLimit !== false) {
    await app.register((await import('@fastify/rate-limit')).default, {
      max: opts.rateLimit ?? 600,
      timeWindow: '1 minute',
      errorResponseBuilder: (_req, ctx) => ({
        statusCode: 429,
        ...errorBody(429, `rate limit: at most ${ctx.max} requests per ${ctx.after.replace(/^1 /, '')}; retry in ${Math.ceil(ctx.ttl / 1000)} s`),
      }),
    });
  }
  await app.register((await import('@fastify/etag')).default, { weak: true });
  // after the rate limit, the load shedding and the ETag (whose onSend runs before the cache's)
  const versioned = opts.store as Store & { dataVersion?: () => Promise<string> };
  if (opts.cache !== false && typeof versioned.dataVersion === 'function') {
    const cache = new ResponseCache(versioned as Store & { dataVersion(): Promise<string> }, opts.cache === true ? {} : opts.cache);
    CACHES.set(app, cache);
    app.addHook('onRequest', (req, reply) => cache.onRequest(req, reply));
    app.addHook('onSend', async (req, reply, payload) => {
      cache.onSend(req, reply, payload);
      return payload;
    });
  }

  // bodies: every upload is read as bytes and handed to the ingest readers, which sniff the format
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    [
      'text/plain',
      'text/html',
      'application/xhtml+xml',
      'application/json',
      'application/x-ndjson',
      'application/jsonl',
      'application/jsonlines',
      'application/rss+xml',
      'application/atom+xml',
      'application/xml',
      'text/xml',
      'application/octet-stream',
    ],
    { parseAs: 'buffer', bodyLimit: maxUpload },
    (_req, body, done) => done(null, body),
  );

  await app.register((await import('@fastify/swagger')).default, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Parley API',
        version: VERSION,
        description:
          'Multilingual (ru/uk/en) news as a sourced record of diplomacy. Every fact points at its evidence: `start`/`end` are UTF-16 offsets into the article `text`. Lists page with `limit` and `cursor` (pass the previous page\'s `next`). Errors are `{error, message, details}`.',
        license: { name: 'GPL-3.0-or-later' },
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      tags: [
        { name: 'articles' },
        { name: 'search' },
        { name: 'entities' },
        { name: 'quotes' },
        { name: 'events' },
        { name: 'corpus', description: 'stories, claims, actors, network, framing' },
        { name: 'export' },
        { name: 'feeds' },
        { name: 'meta' },
      ],
    },
    refResolver: { buildLocalReference: (json, _base, _frag, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register((await import('@fastify/swagger-ui')).default, {
    routePrefix: '/docs',
    uiConfig: { validatorUrl: null, deepLinking: true } as Record<string, unknown>,
    staticCSP: false,
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const ctx: RouteContext = {
    store: opts.store,
    token: opts.token?.trim() || null,
    ingester: new Ingester(opts.store, opts.maxArticleBytes ?? 10 * 1024 * 1024),
  };
  const { apiRoutes } = await import('./routes/api.js');
  await app.register(apiRoutes(ctx), { prefix: '/api' });
  const { exportRoutes } = await import('./routes/export.js');
  await app.register(exportRoutes(ctx), { prefix: '/api' });
  const { corpusRoutes } = await import('./routes/corpus.js');
  await app.register(corpusRoutes(ctx), { prefix: '/api' });
  const { feedRoutes } = await import('./routes/feeds.js');
  await app.register(feedRoutes(ctx), { prefix: '/feeds' });
  const { webRoutes } = await import('./routes/web.js');
  await webRoutes(app, opts.webDir === undefined ? join(projectRoot, 'web', 'dist') : opts.webDir);

  app.addHook('onClose', async () => {
    await opts.store.close();
  });
  return app;
}

const HELMET_OPTIONS = { contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES }, crossOriginEmbedderPolicy: false };
let securityMemo: Promise<Record<string, string>> | undefined;

/**
 * The headers @fastify/helmet sets with HELMET_OPTIONS, read once from a throwaway instance.
 * @fastify/helmet builds helmet's middleware anew on every request (parsing the CSP directives
 * each time: about 35 µs of a cached answer's 190 µs); the headers never vary here (no per-route
 * options, no nonces), so every answer gets the same ones set at once.
 */
export function securityHeaders(): Promise<Record<string, string>> {
  securityMemo ??= (async () => {
    const probe = Fastify({ logger: false });
    await probe.register((await import('@fastify/helmet')).default, HELMET_OPTIONS);
    probe.get('/', async () => '');
    const res = await probe.inject({ method: 'GET', url: '/' });
    await probe.close();
    const out: Record<string, string> = {};
    const fastifyOwn = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);
    for (const [k, v] of Object.entries(res.headers)) if (!fastifyOwn.has(k) && typeof v === 'string') out[k] = v;
    if (!out['content-security-policy']) throw new Error('security headers: helmet set no Content-Security-Policy');
    return out;
  })();
  return securityMemo;
}

export interface RouteInfo {
  method: string;
  url: string;
  /** left out of the OpenAPI document (the UI's files, /docs itself) */
  hidden: boolean;
}
const ROUTES = new WeakMap<object, RouteInfo[]>();
const CACHES = new WeakMap<object, ResponseCache>();
/** The server's response cache (undefined when off). */
export function responseCache(app: App): ResponseCache | undefined {
  return CACHES.get(app);
}
/** Every route the server registered (for the test that each is documented and tested). */
export function registeredRoutes(app: App): RouteInfo[] {
  return ROUTES.get(app) ?? [];
}

export interface RouteContext {
  store: Store;
  token: string | null;
  ingester: Ingester;
}
