// Signaling egress: POST each message to Alexa (DESIGN.md §3.2) with the LWA bearer token.
// A 401 refreshes the token and retries once; 429/5xx/network errors retry with back-off for as long
// as the message still matters (a CallRinging for a call that has ended is never resent).
import type { TokenProvider } from '../auth/lwa.js';
import { nullLogger, redactText, type Logger } from '../log/logger.js';
import { NAMESPACE } from '../protocol/messages.js';
import type { OutgoingMessage } from '../protocol/outgoing.js';
import { postJson, type PostReply } from './http-post.js';

export type SendResult = { ok: true; status: number } | { ok: false; status: number | null; message: string };

export interface SendOptions {
  /** Asked before every resend; false stops retrying at once. */
  stillMatters?: () => boolean;
}

export interface AlexaClient {
  send(message: OutgoingMessage, opts?: SendOptions): Promise<SendResult>;
}

export const SIGNALING_PATH = '/v1/communications/signaling';
const DEFAULT_RETRY_DELAYS_MS = [250, 1000, 3000];
const DEFAULT_TIMEOUT_MS = 10_000;
/** Enough of an error body to find its `message`; the rest is dropped. */
const MAX_ERROR_BODY = 16 * 1024;

type Attempt =
  | { kind: 'ok'; status: number }
  | { kind: 'unauthorized'; status: 401; detail: string }
  | { kind: 'retryable'; status: number | null; detail: string }
  | { kind: 'failed'; status: number; detail: string };

export function createAlexaClient(opts: {
  apiBase: string | (() => string);
  tokens: TokenProvider;
  retryDelaysMs?: number[];
  log?: Logger;
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
}): AlexaClient {
  const delays = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  if (!Array.isArray(delays) || delays.some((d) => typeof d !== 'number' || !Number.isFinite(d) || d < 0)) {
    throw new Error('retryDelaysMs: must be a list of non-negative numbers of milliseconds');
  }
  const log = opts.log ?? nullLogger;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const endpoint = () =>
    `${(typeof opts.apiBase === 'function' ? opts.apiBase() : opts.apiBase).replace(/\/+$/, '')}${SIGNALING_PATH}`;

  async function attempt(message: OutgoingMessage, token: string): Promise<Attempt> {
    let reply: PostReply;
    try {
      reply = await postJson(
        endpoint(),
        { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        JSON.stringify(message),
        { timeoutMs, maxBody: MAX_ERROR_BODY },
      );
    } catch (err) {
      return { kind: 'retryable', status: null, detail: err instanceof Error ? err.message : 'network error' };
    }
    const status = reply.status;
    if (status >= 200 && status < 300) return { kind: 'ok', status };
    const detail = errorMessage(reply.text, token);
    if (status === 401) return { kind: 'unauthorized', status, detail };
    if (status === 429 || status >= 500) return { kind: 'retryable', status, detail };
    return { kind: 'failed', status, detail };
  }

  async function send(message: OutgoingMessage, sendOpts: SendOptions = {}): Promise<SendResult> {
    const name = message.type.startsWith(`${NAMESPACE}.`) ? message.type.slice(NAMESPACE.length + 1) : message.type;
    const stillMatters = sendOpts.stillMatters ?? (() => true);
    const about = { type: name, sessionId: message.sessionId };
    let refreshedAfter401 = false;
    let retries = 0;

    const fail = (status: number | null, text: string): SendResult => {
      log.warn(`Alexa signaling failed: ${text}`, about);
      return { ok: false, status, message: text };
    };

    log.debug(`sending ${name} to Alexa`, { message });
    for (;;) {
      let token: string;
      try {
        token = await opts.tokens.getAccessToken();
      } catch (err) {
        return fail(null, `Could not send ${name}: ${err instanceof Error ? err.message : String(err)}`);
      }

      const result = await attempt(message, token);
      if (result.kind === 'ok') {
        log.info(`sent ${name} to Alexa`, { ...about, status: result.status });
        return { ok: true, status: result.status };
      }
      const failure = describe(name, result.status, result.detail);

      if (result.kind === 'unauthorized' && !refreshedAfter401) {
        refreshedAfter401 = true;
        opts.tokens.invalidate();
        if (!stillMatters()) return fail(result.status, `${failure} (not resent: no longer needed)`);
        log.info(`Alexa answered 401 to ${name}; refreshing the token and retrying once`, about);
        continue;
      }
      if (result.kind !== 'retryable') return fail(result.status, failure);

      const delay = delays[retries];
      if (delay === undefined) {
        return fail(result.status, retries ? `${failure} (gave up after ${retries + 1} attempts)` : failure);
      }
      if (!stillMatters()) return fail(result.status, `${failure} (not resent: no longer needed)`);
      log.warn(`${failure}; retrying in ${delay} ms`, about);
      await sleep(delay);
      retries += 1;
      // The call may have ended while we waited.
      if (!stillMatters()) return fail(result.status, `${failure} (not resent: no longer needed)`);
    }
  }

  return { send };
}

function describe(name: string, status: number | null, detail: string): string {
  if (status === null) return `Could not reach Alexa to send ${name}: ${detail}`;
  return `Alexa rejected ${name} (${status})${detail ? `: ${detail}` : ''}`;
}

/**
 * Alexa's error bodies carry at least a `message` (asp-protocol.md §2.4). It is shown and logged,
 * so the token the request carried and anything shaped like a secret are masked first.
 */
function errorMessage(text: string, token: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown; Message?: unknown };
    const message = body?.message ?? body?.Message;
    if (typeof message === 'string') return oneLine(redactText(message, [token]));
  } catch {
    // not JSON: fall through
  }
  // A short plain-text body is still worth showing; an HTML error page is not.
  return text.trimStart().startsWith('<') ? '' : oneLine(redactText(text, [token]));
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
