// The reply to Alexa.Authorization.Grant. The console exchanges the grant code and builds the
// AcceptGrant.Response; the skill returns it as the response body, or an ErrorResponse when the
// console could not be used (Alexa.Authorization interface, payloadVersion 3).

import { randomUUID } from 'node:crypto';
import type { ForwardResult } from './forward.js';

export interface AuthorizationEvent {
  event: {
    header: { namespace: 'Alexa.Authorization'; name: string; messageId: string; payloadVersion: string };
    payload: Record<string, unknown>;
  };
}

export type GrantReply = { ok: true; response: AuthorizationEvent } | { ok: false; reason: string };

/** Decides what the skill answers to a Grant from how the forward to the console went. */
export function grantReplyFrom(result: ForwardResult, timeoutMs: number): GrantReply {
  switch (result.outcome) {
    case 'delivered': {
      const problem = consoleReplyProblem(result.body);
      return problem ? { ok: false, reason: `the console gave an invalid reply: ${problem}` } : { ok: true, response: (result.body as { response: AuthorizationEvent }).response };
    }
    case 'rejected':
      return { ok: false, reason: `the console refused the grant (HTTP ${result.status})` };
    case 'timeout':
      return { ok: false, reason: `the console did not answer within ${timeoutMs} ms` };
    case 'unreachable':
      return { ok: false, reason: `the console could not be reached (${result.reason})` };
  }
}

export function grantErrorResponse(message: string): AuthorizationEvent {
  return {
    event: {
      header: { namespace: 'Alexa.Authorization', name: 'ErrorResponse', messageId: randomUUID(), payloadVersion: '3' },
      payload: { type: 'ACCEPT_GRANT_FAILED', message },
    },
  };
}

// The console answers {ok:true, response:{event:{header:{namespace:'Alexa.Authorization', name:...}, payload}}}.
// Its own ErrorResponse is passed through too: it knows best why the exchange failed.
const ACCEPTED_NAMES = ['AcceptGrant.Response', 'ErrorResponse'];

/** Names the first field of the console's reply that is not as expected, or undefined when it is valid. */
function consoleReplyProblem(body: unknown): string | undefined {
  if (!isObject(body)) return 'body must be a JSON object';
  if (body.ok !== true) return 'ok must be true';
  const response = body.response;
  if (!isObject(response)) return 'response must be an object';
  const event = response.event;
  if (!isObject(event)) return 'response.event must be an object';
  const header = event.header;
  if (!isObject(header)) return 'response.event.header must be an object';
  if (header.namespace !== 'Alexa.Authorization') return 'response.event.header.namespace must be "Alexa.Authorization"';
  if (typeof header.name !== 'string' || !ACCEPTED_NAMES.includes(header.name)) {
    return `response.event.header.name must be one of ${ACCEPTED_NAMES.join(', ')}`;
  }
  if (typeof header.messageId !== 'string' || header.messageId === '') return 'response.event.header.messageId must be a non-empty string';
  if (typeof header.payloadVersion !== 'string') return 'response.event.header.payloadVersion must be a string';
  if (!isObject(event.payload)) return 'response.event.payload must be an object';
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
