// Property mode: the skill publishes each request envelope, unchanged, to the property's stream on
// its NATS server (every desk of the property reads it) and answers Alexa once the stream has
// stored it. The account-linking grant is a request that one desk holding the signaling client
// answers. One connection is kept across warm invocations of the Lambda.
//
// Subjects (the console's main/property/names.ts uses the same): fd.<property>.events (a JetStream
// stream the desks create), fd.<property>.grant (request/reply).
//
// No retries, for the webhook's reasons (forward.ts): a publish that timed out may have been stored.
// JetStream keeps one copy of an envelope published twice within two minutes (the message id is
// Alexa's requestId), so Alexa re-sending an event does not ring the desks twice.

import { credsAuthenticator, wsconnect, type ConnectionOptions, type NatsConnection } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { BrokerTarget } from './config.js';
import type { ForwardResult } from './forward.js';

let cached: { key: string; connection: Promise<NatsConnection> } | null = null;

export function brokerSubjects(property: string): { events: string; grant: string } {
  return { events: `fd.${property}.events`, grant: `fd.${property}.grant` };
}

/** Publishes the envelope and waits for the stream's ack (delivered) within timeoutMs. */
export async function publishToProperty(envelope: unknown, target: BrokerTarget, timeoutMs: number): Promise<ForwardResult> {
  return attempt(target, timeoutMs, 'the property has no event stream: start one of its desks once', { retry: true }, async (nc, remainingMs) => {
    const request = (envelope as { request?: { requestId?: unknown } } | null)?.request;
    const msgID = typeof request?.requestId === 'string' && request.requestId ? request.requestId : undefined;
    const ack = await jetstream(nc, { timeout: remainingMs }).publish(brokerSubjects(target.property).events, JSON.stringify(envelope), {
      ...(msgID && { msgID }),
      timeout: remainingMs,
    });
    return { outcome: 'delivered', status: 200, body: { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate } };
  });
}

/** Asks one desk to exchange the grant; its reply has the webhook's shape ({ok, response} or {error, status}). */
export async function requestGrant(envelope: unknown, target: BrokerTarget, timeoutMs: number): Promise<ForwardResult> {
  // Never repeated: a grant code can be exchanged only once.
  return attempt(target, timeoutMs, 'no desk of the property that holds the signaling client is online', { retry: false }, async (nc, remainingMs) => {
    const reply = await nc.request(brokerSubjects(target.property).grant, JSON.stringify(envelope), { timeout: remainingMs });
    const text = reply.string();
    const body = parseJson(text) as { ok?: unknown; status?: unknown } | undefined;
    if (body?.ok === true) return { outcome: 'delivered', status: 200, body };
    return { outcome: 'rejected', status: typeof body?.status === 'number' ? body.status : 502, bodyText: text };
  });
}

/** Closes the kept connection (tests; a Lambda just freezes). */
export async function closeBrokerConnection(): Promise<void> {
  const current = cached;
  cached = null;
  if (current) await (await current.connection.catch(() => null))?.close();
}

type Step = (nc: NatsConnection, remainingMs: number) => Promise<Omit<Extract<ForwardResult, { outcome: 'delivered' }>, 'ms'> | Omit<Extract<ForwardResult, { outcome: 'rejected' }>, 'ms'>>;

/** A publish on the kept connection gets this long before a fresh connection is tried (within the timeout). */
const FIRST_TRY_MS = 1_500;

/**
 * One try, or (`retry`) a short try on the kept connection and, if it timed out or the connection
 * failed, one more on a fresh connection: the kept one may have died while the broker restarted or
 * the Lambda slept. Safe for publishes: the stream keeps one copy per message id.
 */
async function attempt(target: BrokerTarget, timeoutMs: number, nobody: string, opts: { retry: boolean }, step: Step): Promise<ForwardResult> {
  const started = Date.now();
  const ms = () => Date.now() - started;
  const first = await once(target, opts.retry ? Math.min(FIRST_TRY_MS, Math.floor(timeoutMs / 2)) : timeoutMs, nobody, step, ms);
  const worthAnotherTry = first.outcome === 'timeout' || (first.outcome === 'unreachable' && first.reason !== nobody);
  if (!opts.retry || !worthAnotherTry) return first;
  await closeBrokerConnection();
  return once(target, Math.max(1, timeoutMs - ms()), nobody, step, ms);
}

/** One try within `timeoutMs`; `ms` counts from the start of the whole attempt (for the log). */
async function once(target: BrokerTarget, timeoutMs: number, nobody: string, step: Step, ms: () => number): Promise<ForwardResult> {
  const began = Date.now();
  let nc: NatsConnection;
  try {
    nc = await connection(target, timeoutMs);
  } catch (error) {
    cached = null;
    return isTimeout(error) ? { outcome: 'timeout', ms: ms() } : { outcome: 'unreachable', reason: reasonOf(error), ms: ms() };
  }
  const remainingMs = Math.max(1, timeoutMs - (Date.now() - began));
  try {
    return { ...(await step(nc, remainingMs)), ms: ms() };
  } catch (error) {
    if (isNoResponders(error)) return { outcome: 'unreachable', reason: nobody, ms: ms() };
    if (isTimeout(error)) return { outcome: 'timeout', ms: ms() };
    if (isPermission(error)) return { outcome: 'rejected', status: 403, bodyText: reasonOf(error), ms: ms() };
    return { outcome: 'unreachable', reason: reasonOf(error), ms: ms() };
  }
}

function connection(target: BrokerTarget, timeoutMs: number): Promise<NatsConnection> {
  const key = `${target.url} ${target.property} ${target.credential?.kind ?? 'none'}`;
  if (cached?.key === key) {
    const kept = cached.connection;
    return kept.then((nc) => (nc.isClosed() ? reconnect(key, target, timeoutMs) : nc));
  }
  return reconnect(key, target, timeoutMs);
}

function reconnect(key: string, target: BrokerTarget, timeoutMs: number): Promise<NatsConnection> {
  const options: ConnectionOptions = {
    servers: target.url,
    name: `frontdesk-skill ${target.property}`,
    timeout: Math.min(timeoutMs, 3_000),
    maxReconnectAttempts: 3,
    reconnectTimeWait: 200,
    ...(target.credential?.kind === 'token' && { token: target.credential.token }),
    // The parser wants a newline after the seed's closing line, which the trimmed variable has lost.
    ...(target.credential?.kind === 'creds' && { authenticator: credsAuthenticator(new TextEncoder().encode(`${target.credential.text.trim()}\n`)) }),
  };
  const scheme = new URL(target.url).protocol;
  const connecting = scheme === 'ws:' || scheme === 'wss:' ? wsconnect(options) : connect(options);
  cached = { key, connection: connecting };
  return connecting;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isNoResponders(error: unknown): boolean {
  // A publish with no stream for its subject is answered by nobody; the client names it "jetstream is not enabled".
  return error instanceof Error && (error.name === 'NoRespondersError' || /no responders|jetstream is not enabled/i.test(error.message));
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || /timeout/i.test(error.message));
}

function isPermission(error: unknown): boolean {
  return error instanceof Error && /permission/i.test(error.message);
}

function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code) return code;
  return error instanceof Error ? error.message.slice(0, 120) : 'unknown error';
}
