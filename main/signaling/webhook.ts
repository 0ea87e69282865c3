// Skill webhook (DESIGN.md §3.1): the property's skill forwards Alexa's events here over HTTP.
// This file is only the HTTP edge: route, secret, content type, size, JSON and schema are checked in
// that order, and the handler (the call manager) is called only with a valid message; duplicate and
// state checks are the handler's. /health answers without the secret and reveals nothing but "up".
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text, type Text } from '../domain/text.js';
import { inEnglish } from '../i18n/format.js';
import { nullLogger, type Logger } from '../log/logger.js';
import { parseJsonBounded } from '../protocol/json.js';
import { messageName, type Message, type ParseResult } from '../protocol/messages.js';
import { isLoopbackHost } from './regions.js';
import { isSampleRoute, sampleRouteToMessage } from './sample-routes.js';
import { readSkillRequest } from './skill-request.js';

export type EventOutcome = { ok: true } | { ok: false; status: 404 | 409 | 503; error: string };
export type GrantOutcome = { ok: true; response: unknown } | { ok: false; status: number; error: string };

export interface WebhookHandler {
  onEvent(message: Message): Promise<EventOutcome>;
  /** Alexa.Authorization.Grant: exchange the code; `response` is what the skill returns to Alexa. */
  onGrant?(grant: { code: string; request: unknown }): Promise<GrantOutcome>;
}

export interface WebhookServer {
  /** e.g. http://127.0.0.1:8321 */
  url: string;
  port: number;
  close(): Promise<void>;
}

export const MAX_BODY_BYTES = 256 * 1024;
const GRANT_NEEDS_SECRET =
  'Alexa.Authorization.Grant is accepted only with the webhook secret: set a webhook secret in the console and give it to the skill';
const ROUTE_METHODS: Record<string, 'GET' | 'POST'> = {
  '/health': 'GET',
  '/alexa': 'POST',
  '/offer': 'POST',
  '/ring': 'POST',
  '/answer': 'POST',
  '/reoffer': 'POST',
  '/reanswer': 'POST',
  '/end': 'POST',
};

class Reply {
  constructor(
    readonly status: number,
    readonly body: object,
    readonly headers: Record<string, string> = {},
  ) {}
}
const error = (status: number, text: string, headers?: Record<string, string>) =>
  new Reply(status, { error: text }, headers);

export async function startWebhookServer(opts: {
  host: string;
  port: number;
  secret?: string;
  handler: WebhookHandler;
  log?: Logger;
}): Promise<WebhookServer> {
  const { host, port, handler } = opts;
  const log = opts.log ?? nullLogger;
  if (typeof host !== 'string' || host.trim() === '') throw new Error('webhook host: must be a non-empty host name or address');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('webhook port: must be a whole number from 0 to 65535');
  if (opts.secret !== undefined && (typeof opts.secret !== 'string' || !/^[^\s/?#]+$/.test(opts.secret))) {
    throw new Error('webhook secret: must be a non-empty string without spaces, "/", "?" or "#"');
  }
  if (opts.secret === undefined && !isLoopbackHost(host)) {
    throw new Error(
      `webhook host: without a webhook secret the webhook only listens on this computer (127.0.0.1); set a secret to listen on ${host}`,
    );
  }
  if (opts.secret !== undefined && opts.secret.length < 16) {
    log.warn('The webhook secret is short; use at least 16 random characters');
  }
  const secret = opts.secret === undefined ? null : sha256(opts.secret);
  const matchesSecret = (candidate: string) => secret !== null && timingSafeEqual(sha256(candidate), secret);

  async function respond(req: IncomingMessage): Promise<Reply> {
    const { route, pathSecret } = resolvePath(req.url ?? '/', secret !== null, matchesSecret);
    if (!route) return error(404, 'unknown route');
    const method = ROUTE_METHODS[route]!;
    if (req.method !== method) return error(405, `${route} takes ${method} only`, { Allow: method });
    const unauthorized = () => error(401, 'missing or wrong webhook secret', { 'WWW-Authenticate': 'Bearer' });
    // Plain /health needs no secret (it says only "up"); a wrong secret in its path is still refused.
    if (route === '/health') return pathSecret === 'mismatch' ? unauthorized() : new Reply(200, { ok: true });

    if (secret !== null && pathSecret !== 'match' && !matchesSecret(bearer(req.headers.authorization))) {
      return unauthorized();
    }
    if (!isJsonContentType(req.headers['content-type'])) return error(415, 'Content-Type must be application/json');

    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === 'too-large') return error(413, `body is larger than ${MAX_BODY_BYTES / 1024} KiB`, { Connection: 'close' });
    const parsed = parseJsonBounded(body);
    if (!parsed.ok) return error(400, parsed.error);
    const json = parsed.value;

    if (route === '/alexa') {
      const request = readSkillRequest(json);
      // Linking hands the console's calls to whoever sent the code: only the skill that holds the
      // secret may do that (a tunnel to a loopback webhook would otherwise let anyone in).
      if ((request.kind === 'grant' || (request.kind === 'invalid' && request.grant)) && secret === null) return error(403, GRANT_NEEDS_SECRET);
      if (request.kind === 'invalid') return error(400, request.error);
      if (request.kind === 'grant') return grant(request);
      return event({ ok: true, value: request.message });
    }
    if (isSampleRoute(route)) return event(sampleRouteToMessage(route, json));
    return error(404, 'unknown route');
  }

  async function event(parsed: ParseResult<Message>): Promise<Reply> {
    if (!parsed.ok) return error(400, parsed.error);
    const message = parsed.value;
    const name = messageName(message.type);
    log.debug(`webhook received ${name}`, { message });
    const outcome = await handler.onEvent(message);
    if (outcome.ok) return new Reply(200, { ok: true });
    return error(errorStatus(outcome.status), outcome.error);
  }

  async function grant({ code, request }: { code: string; request: Record<string, unknown> }): Promise<Reply> {
    if (!handler.onGrant) return error(501, 'this console does not take Alexa.Authorization.Grant requests');
    const outcome = await handler.onGrant({ code, request });
    if (outcome.ok) return new Reply(200, { ok: true, response: outcome.response });
    return error(errorStatus(outcome.status), outcome.error);
  }

  const server = createServer((req, res) => {
    respond(req)
      .catch((err: unknown) => {
        log.error('webhook request failed', { error: err });
        return error(500, 'internal error while handling the event');
      })
      .then((reply) => {
        // Only the resolved route is logged: the raw path may carry the secret.
        log.info(`webhook ${req.method} ${routeForLog(req.url, secret !== null, matchesSecret)} -> ${reply.status}`);
        send(res, reply);
      });
  });
  // Bound slow or stalled clients; skill forwards are small and quick.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => reject(listenError(err, host, port));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  server.on('error', (err) => log.error('webhook server error', { error: err }));

  const actualPort = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  log.info(`webhook listening on ${url}${secret ? ' (secret required)' : ''}`);

  return {
    url,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...reply.headers,
  });
  res.end(text);
}

function errorStatus(status: unknown): number {
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599 ? status : 500;
}

type PathSecret = 'none' | 'match' | 'mismatch';

/**
 * The route of a request path, and whether the path carried the secret as its first segment
 * ("/<secret>/offer", so the unmodified sample skill can put the secret in its baseUrl).
 */
function resolvePath(
  rawUrl: string,
  hasSecret: boolean,
  matchesSecret: (s: string) => boolean,
): { route: string | null; pathSecret: PathSecret } {
  let path = rawUrl.split('?')[0]!;
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  if (ROUTE_METHODS[path]) return { route: path, pathSecret: 'none' };
  const prefixed = /^\/([^/]+)(\/[^/]+)$/.exec(path);
  if (!hasSecret || !prefixed || !ROUTE_METHODS[prefixed[2]!]) return { route: null, pathSecret: 'none' };
  return { route: prefixed[2]!, pathSecret: matchesSecret(decodeSegment(prefixed[1]!)) ? 'match' : 'mismatch' };
}

function routeForLog(rawUrl: string | undefined, hasSecret: boolean, matchesSecret: (s: string) => boolean): string {
  const { route, pathSecret } = resolvePath(rawUrl ?? '/', hasSecret, matchesSecret);
  if (!route) return '(unknown route)';
  return pathSecret === 'none' ? route : `/<secret>${route}`;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function bearer(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1]! : '';
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function isJsonContentType(header: string | undefined): boolean {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

/** The body as text, or 'too-large' as soon as it passes `limit` (the rest is not buffered). */
function readBody(req: IncomingMessage, limit: number): Promise<string | 'too-large'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve('too-large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        chunks.length = 0;
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Why the webhook could not listen: in English for the log, and as words for staff. */
export class WebhookListenError extends Error {
  constructor(
    readonly words: Text,
    cause?: string,
  ) {
    super(cause ? `${inEnglish(words)} (${cause})` : inEnglish(words));
  }
}

function listenError(err: NodeJS.ErrnoException, host: string, port: number): WebhookListenError {
  switch (err.code) {
    case 'EADDRINUSE':
      return new WebhookListenError(text('webhook.portInUse', { port: String(port) }));
    case 'EACCES':
      return new WebhookListenError(text('webhook.portNeedsAdmin', { port: String(port) }));
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new WebhookListenError(text('webhook.hostNotHere', { host }));
    default:
      return new WebhookListenError(text('webhook.cannotListen', { host, port: String(port) }), err.code ?? err.message);
  }
}
