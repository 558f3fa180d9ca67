/**
 * The web UI (web/dist, built by `npm run build`): hashed assets cached for a year, index.html
 * revalidated every time, and the single-page app's own paths (/stories/…, /search?q=…) answered
 * with index.html. Anything else that is not found is a JSON 404.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { errorBody } from '../errors.js';
import type { App } from '../server.js';

const NOT_UI = /^\/(api|feeds|docs|openapi\.json)(\/|$|\?)/;

export async function webRoutes(app: App, webDir: string | null): Promise<void> {
  const ui = webDir && existsSync(join(webDir, 'index.html')) ? webDir : null;
  if (ui) {
    await app.register((await import('@fastify/static')).default, {
      root: ui,
      wildcard: false,
      index: false,
      cacheControl: false,
      // web/compress.mjs writes .br and .gz beside each asset at build: sent as asked (Accept-Encoding)
      preCompressed: true,
      setHeaders: (res, path) => {
        res.setHeader('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
        res.setHeader('vary', 'accept-encoding');
      },
    });
    const sendIndex = (reply: import('fastify').FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html');
    app.get('/', { schema: { hide: true } }, (_req, reply) => sendIndex(reply));
    app.setNotFoundHandler((req, reply) => {
      const path = req.url.split('?')[0];
      const wantsHtml = /text\/html/.test(String(req.headers.accept ?? ''));
      if ((req.method === 'GET' || req.method === 'HEAD') && wantsHtml && !NOT_UI.test(path) && !/\.\w{1,8}$/.test(path)) return sendIndex(reply);
      return reply.code(404).send(errorBody(404, `no route ${req.method} ${path}`));
    });
  } else {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send('Parley API. The web UI is not built (run `npm run build`); the API is at /api, its documentation at /docs and /openapi.json.\n'),
    );
    app.setNotFoundHandler((req, reply) => reply.code(404).send(errorBody(404, `no route ${req.method} ${req.url.split('?')[0]}`)));
  }
}
