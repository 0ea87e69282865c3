// Test helpers: recorded Alexa envelopes, a fake console on loopback, and a log capture.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestEnvelope } from 'ask-sdk-model';
import { loadConfig, type SkillConfig } from '../lambda/config.js';
import { createLogger, type Logger } from '../lambda/log.js';

export const CALL_EVENT_NAMES = [
  'InitiateOutboundCall',
  'CallRinging',
  'CallRingingAck',
  'CallInProgress',
  'CallInProgressAck',
  'CallAccepted',
  'CallAcceptedAck',
  'CallUpdate',
  'CallUpdateResponse',
  'CallUpdateAck',
  'CallEnded',
] as const;

export const SECRET = 'test-webhook-secret-0123456789';

/** Strings planted in the fixtures that must never reach a log line at the default level. */
export const SENSITIVE_MARKERS = ['CONSENT-TOKEN-MARKER', 'API-ACCESS-TOKEN-MARKER', 'GRANT-CODE-MARKER', 'SDP-MARKER', 'a=candidate', SECRET];

export function fixture(name: string): RequestEnvelope {
  const file = new URL(`./fixtures/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as RequestEnvelope;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the fake console does with one request: answer, or never answer. */
export type ConsoleBehaviour = (request: RecordedRequest) => { status: number; body: string; headers?: Record<string, string> } | 'hang';

export interface FakeConsole {
  url: string;
  requests: RecordedRequest[];
  behave(behaviour: ConsoleBehaviour): void;
  close(): Promise<void>;
}

export const replyOk: ConsoleBehaviour = () => ({ status: 200, body: JSON.stringify({ ok: true }) });

export async function startFakeConsole(): Promise<FakeConsole> {
  const requests: RecordedRequest[] = [];
  let behaviour: ConsoleBehaviour = replyOk;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      const answer = behaviour(recorded);
      if (answer === 'hang') return;
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    behave: (next) => {
      behaviour = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on loopback that nothing listens on (bound once, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function configFor(consoleUrl: string, extra: Record<string, string> = {}): SkillConfig {
  return loadConfig({ CONSOLE_URL: consoleUrl, WEBHOOK_SECRET: SECRET, ...extra });
}

export interface CapturedLog {
  log: Logger;
  lines: Array<Record<string, unknown> & { level: string; msg: string }>;
  text(): string;
}

export function captureLog(level: 'info' | 'debug' = 'info'): CapturedLog {
  const raw: string[] = [];
  const log = createLogger(level, (_level, line) => raw.push(line));
  return {
    log,
    get lines() {
      return raw.map((line) => JSON.parse(line) as Record<string, unknown> & { level: string; msg: string });
    },
    text: () => raw.join('\n'),
  };
}

/** The call's id from a CallSignaling envelope (ask-sdk-model has no CallSignaling types). */
export function callSessionId(envelope: RequestEnvelope): string {
  return (envelope.request as unknown as { sessionId: string }).sessionId;
}
