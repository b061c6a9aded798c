import type { FastifyInstance, FastifyRequest } from 'fastify';
import { REQUEST_HEADER, REQUEST_HEADER_VALUE } from '../../core/request-header.ts';
import { AppError } from '../errors.ts';

// The web client's header: plain forms (urlencoded, multipart, text/plain) and `no-cors` fetches cannot
// carry it, and a script of another origin cannot send it without a CORS preflight the server never grants.
export { REQUEST_HEADER, REQUEST_HEADER_VALUE };

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface CrossSiteOptions {
  /** Origins allowed besides the app's own (`scheme://host[:port]`), e.g. the public address behind a proxy. */
  allowedOrigins: string[];
}

/** `https://Example.org:443/` → `https://example.org`: the form an `Origin` header has. */
export function normalizeOrigin(origin: string): string | null {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** The app's own origin as the client addressed it (X-Forwarded-Proto/Host are honoured only with trustProxy). */
function ownOrigin(request: FastifyRequest): string | null {
  return normalizeOrigin(`${request.protocol}://${request.host}`);
}

const refuse = (reason: string) =>
  new AppError(
    'cross_site_refused',
    `Запрос отклонён: ${reason}. Изменять данные можно только со страниц самой системы; ` +
      `программы, обращающиеся к API, передают заголовок X-Requested-With: ${REQUEST_HEADER_VALUE}.`,
  );

/** Why a request may not change anything, or null when it may. */
export function crossSiteRefusal(request: FastifyRequest, options: CrossSiteOptions): AppError | null {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') {
    return refuse('он отправлен со страницы другого сайта');
  }
  const origin = request.headers.origin;
  if (origin !== undefined) {
    const normalized = normalizeOrigin(origin);
    const allowed =
      normalized !== null &&
      (normalized === ownOrigin(request) || options.allowedOrigins.includes(normalized));
    if (!allowed) return refuse(`он отправлен со страницы другого адреса (${origin.slice(0, 100)})`);
  }
  if (request.headers[REQUEST_HEADER] !== REQUEST_HEADER_VALUE) {
    return refuse(`нет заголовка X-Requested-With: ${REQUEST_HEADER_VALUE}`);
  }
  return null;
}

/**
 * Cross-site request forgery protection for every state-changing request under /api (login and logout
 * included), checked before the session and the body: Sec-Fetch-Site, Origin and the custom header.
 */
export function installCrossSiteProtection(app: FastifyInstance, options: CrossSiteOptions) {
  const allowedOrigins = options.allowedOrigins;
  app.addHook('onRequest', async (request) => {
    if (!STATE_CHANGING.has(request.method)) return;
    if (!request.url.startsWith('/api/')) return;
    const refusal = crossSiteRefusal(request, { allowedOrigins });
    if (refusal) throw refusal;
  });
}
