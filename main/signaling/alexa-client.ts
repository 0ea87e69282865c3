// Signaling egress: POST each message to Alexa (DESIGN.md §3.2) with the LWA bearer token.
// A 401 refreshes the token and retries once; 429/5xx/network errors, and a token LWA could not
// hand out, retry with back-off for as long as the message still matters (a CallRinging for a call
// that has ended is never resent) and its pace allows: each message has a time per attempt and an
// overall deadline that fit the call (the room waits on call setup for seconds, not minutes).
import { LwaError, type TokenProvider } from '../auth/lwa.js';
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

/** How long one message may take: each attempt, and all of them with the waits between. */
export interface Pace {
  attemptMs: number;
  deadlineMs: number;
  retryDelaysMs: readonly number[];
}

/**
 * Call setup and renegotiation: the room's Echo waits, so these reach Alexa within seconds or the
 * call ends cleanly (the state machine sends CallEnded, the desk is told why) rather than showing a
 * call that Alexa never heard of. Ending a call may take longer, as it frees the room: it rides
 * out a short Alexa or LWA outage.
 */
export const PACES = {
  setup: { attemptMs: 3_000, deadlineMs: 10_000, retryDelaysMs: [250, 1_000, 3_000] },
  ending: { attemptMs: 5_000, deadlineMs: 30_000, retryDelaysMs: [250, 1_000, 3_000, 5_000, 10_000] },
} as const satisfies Record<string, Pace>;

export function paceOf(message: OutgoingMessage): Pace {
  return message.type === `${NAMESPACE}.CallEnded` ? PACES.ending : PACES.setup;
}

export const SIGNALING_PATH = '/v1/communications/signaling';
/** Enough of an error body to find its `message`; the rest is dropped. */
const MAX_ERROR_BODY = 16 * 1024;
const LWA_LATE = "Amazon's login service did not answer in time";

/** One try; `failure` says what went wrong in words fit for a notice and the log. */
type Attempt =
  | { kind: 'ok'; status: number }
  | { kind: 'unauthorized' | 'retryable' | 'failed'; status: number | null; failure: string };

export function createAlexaClient(opts: {
  apiBase: string | (() => string);
  tokens: TokenProvider;
  /** Override every message's pace (tests); by default each message has its own (paceOf). */
  retryDelaysMs?: number[];
  timeoutMs?: number;
  deadlineMs?: number;
  log?: Logger;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}): AlexaClient {
  const delays = opts.retryDelaysMs;
  if (delays !== undefined && (!Array.isArray(delays) || delays.some((d) => typeof d !== 'number' || !Number.isFinite(d) || d < 0))) {
    throw new Error('retryDelaysMs: must be a list of non-negative numbers of milliseconds');
  }
  const log = opts.log ?? nullLogger;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = opts.now ?? Date.now;
  const paceFor = (message: OutgoingMessage): Pace => {
    const pace = paceOf(message);
    return {
      attemptMs: opts.timeoutMs ?? pace.attemptMs,
      deadlineMs: opts.deadlineMs ?? pace.deadlineMs,
      retryDelaysMs: delays ?? pace.retryDelaysMs,
    };
  };
  const endpoint = () =>
    `${(typeof opts.apiBase === 'function' ? opts.apiBase() : opts.apiBase).replace(/\/+$/, '')}${SIGNALING_PATH}`;

  /** Get a token and POST, both within `budgetMs`. */
  async function attempt(message: OutgoingMessage, name: string, budgetMs: number): Promise<Attempt> {
    const startedAt = now();
    let token: string;
    try {
      token = await within(opts.tokens.getAccessToken(), budgetMs, () => new LwaError('unreachable', 0, LWA_LATE));
    } catch (err) {
      const failure = `Could not send ${name}: ${err instanceof Error ? err.message : String(err)}`;
      // LWA down or slow: the same bounded retry as Alexa's own errors. A dead link is not retried.
      return { kind: err instanceof LwaError && err.transient ? 'retryable' : 'failed', status: null, failure };
    }
    let reply: PostReply;
    try {
      reply = await postJson(
        endpoint(),
        { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        JSON.stringify(message),
        { timeoutMs: Math.max(1, budgetMs - (now() - startedAt)), maxBody: MAX_ERROR_BODY },
      );
    } catch (err) {
      return { kind: 'retryable', status: null, failure: describe(name, null, err instanceof Error ? err.message : 'network error') };
    }
    const status = reply.status;
    if (status >= 200 && status < 300) return { kind: 'ok', status };
    const failure = describe(name, status, errorMessage(reply.text, token));
    if (status === 401) return { kind: 'unauthorized', status, failure };
    if (status === 429 || status >= 500) return { kind: 'retryable', status, failure };
    return { kind: 'failed', status, failure };
  }

  async function send(message: OutgoingMessage, sendOpts: SendOptions = {}): Promise<SendResult> {
    const name = message.type.startsWith(`${NAMESPACE}.`) ? message.type.slice(NAMESPACE.length + 1) : message.type;
    const stillMatters = sendOpts.stillMatters ?? (() => true);
    const about = { type: name, sessionId: message.sessionId };
    const pace = paceFor(message);
    const deadline = now() + pace.deadlineMs;
    let refreshedAfter401 = false;
    let retries = 0;

    const fail = (status: number | null, text: string): SendResult => {
      log.warn(`Alexa signaling failed: ${text}`, about);
      return { ok: false, status, message: text };
    };

    log.debug(`sending ${name} to Alexa`, { message });
    for (;;) {
      const result = await attempt(message, name, Math.max(1, Math.min(pace.attemptMs, deadline - now())));
      if (result.kind === 'ok') {
        log.info(`sent ${name} to Alexa`, { ...about, status: result.status });
        return { ok: true, status: result.status };
      }
      const { failure } = result;

      if (result.kind === 'unauthorized' && !refreshedAfter401) {
        refreshedAfter401 = true;
        opts.tokens.invalidate();
        if (!stillMatters()) return fail(result.status, `${failure} (not resent: no longer needed)`);
        log.info(`Alexa answered 401 to ${name}; refreshing the token and retrying once`, about);
        continue;
      }
      if (result.kind !== 'retryable') return fail(result.status, failure);

      const delay = pace.retryDelaysMs[retries];
      // Out of retries, or the next try would start past the deadline.
      if (delay === undefined || now() + delay >= deadline) {
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

/** `work`, or `late()` as the error once `ms` have passed. */
function within<T>(work: Promise<T>, ms: number, late: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(late()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
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
