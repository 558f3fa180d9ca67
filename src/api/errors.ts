/** One JSON shape for every error the API gives: `{error, message, details}`. */
import type { FastifyError, FastifyInstance } from 'fastify';

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: unknown[] | null = null,
  ) {
    super(message);
  }
}

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
  500: 'internal',
  501: 'not_implemented',
  503: 'unavailable',
};

export function errorBody(status: number, message: string, details: unknown[] | null = null, code?: string) {
  return { error: code ?? CODES[status] ?? (status >= 500 ? 'internal' : 'bad_request'), message, details };
}

/** Installs the error handler: validation errors and Fastify's own (body too large, bad JSON, ...) become 4xx with the shape above. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | ApiError, req, reply) => {
    if (err instanceof ApiError) return reply.code(err.statusCode).send(errorBody(err.statusCode, err.message, err.details, err.code));
    const fe = err as FastifyError;
    if (fe.validation) {
      const where = fe.validationContext ?? 'request';
      const details = fe.validation.map((v) => ({ in: where, path: v.instancePath || '', message: v.message ?? 'invalid', params: v.params }));
      return reply.code(400).send(errorBody(400, `invalid ${where}: ${fe.validation.map(describeIssue).join('; ')}`, details));
    }
    const status = fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 600 ? fe.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err }, 'request failed');
      return reply.code(status).send(errorBody(status, 'internal error (see the server log)'));
    }
    return reply.code(status).send(errorBody(status, fe.message, null, fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type' : undefined));
  });
}

/** One validation issue in words: `lang: must be one of ru, uk, en (got "de")`. */
function describeIssue(v: { instancePath?: string; message?: string; params?: Record<string, unknown> }): string {
  const p = v.params ?? {};
  const name = v.instancePath ? v.instancePath.slice(1).replace(/\//g, '.') : '';
  if (p.additionalProperty) return `unknown parameter ${JSON.stringify(p.additionalProperty)}`;
  if (p.missingProperty) return `${String(p.missingProperty)} is required`;
  if (typeof p.pattern === 'string' && p.pattern.startsWith('^\\d{4}')) return `${name} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)`;
  if (Array.isArray(p.allowedValues)) return `${name} must be one of ${p.allowedValues.join(', ')}`;
  return `${name ? name + ' ' : ''}${v.message ?? 'is invalid'}`;
}
