// Delivers one Alexa request envelope to the console's webhook and reports what happened.
//
// No retries. Alexa allows a skill about 8 s, too little for a back-off that outlasts a proxy or
// tunnel restart, and any failure after the connection opened is ambiguous: the console may already
// have acted on the event (rung the desk, applied an SDP answer). A failed delivery is logged and
// the call fails visibly instead of risking a second delivery. (A connection refused before any
// byte was sent would be safe to repeat, but repeating it within the same few milliseconds would
// almost never succeed, so it is not worth the extra path.)

export interface ForwardTarget {
  consoleUrl: string;
  webhookSecret: string;
  timeoutMs: number;
}

export type ForwardResult =
  /** The console answered 2xx; `body` is its parsed JSON reply (undefined when not JSON). */
  | { outcome: 'delivered'; status: number; body: unknown; ms: number }
  /** The console answered with a non-2xx status. */
  | { outcome: 'rejected'; status: number; bodyText: string; ms: number }
  /** No complete answer within timeoutMs. */
  | { outcome: 'timeout'; ms: number }
  /** No answer at all: DNS, connection refused, TLS failure... `reason` is the error code. */
  | { outcome: 'unreachable'; reason: string; ms: number };

export async function forwardToConsole(envelope: unknown, target: ForwardTarget): Promise<ForwardResult> {
  const started = Date.now();
  const ms = () => Date.now() - started;
  try {
    const reply = await fetch(`${target.consoleUrl}/alexa`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${target.webhookSecret}`,
      },
      body: JSON.stringify(envelope),
      redirect: 'error', // a redirect would resend the secret to wherever it points
      // Covers connecting, sending and reading the whole reply.
      signal: AbortSignal.timeout(target.timeoutMs),
    });
    const text = await reply.text();
    if (!reply.ok) return { outcome: 'rejected', status: reply.status, bodyText: text, ms: ms() };
    return { outcome: 'delivered', status: reply.status, body: parseJson(text), ms: ms() };
  } catch (error) {
    if (isTimeout(error)) return { outcome: 'timeout', ms: ms() };
    return { outcome: 'unreachable', reason: errorReason(error), ms: ms() };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

// fetch reports network failures as TypeError('fetch failed') with the underlying error as `cause`.
// The system error code is preferred: it names the failure (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED)
// without the URL, which may carry a path secret.
function errorReason(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' ? code : cause.message.slice(0, 120);
  }
  return error instanceof Error ? error.message.slice(0, 120) : 'unknown error';
}
