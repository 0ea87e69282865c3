// The skill: forwards every Alexa.Comms.CallSignaling.* event and Alexa.Authorization.Grant to the
// console unchanged, and answers voice requests with a short help text.

import Alexa from 'ask-sdk-core';
import type { ErrorHandler, HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { RequestEnvelope, Response, ResponseEnvelope } from 'ask-sdk-model';
import type { SkillConfig } from './config.js';
import { publishToProperty, requestGrant } from './broker.js';
import { forwardToConsole, type ForwardResult } from './forward.js';
import { grantErrorResponse, grantReplyFrom } from './grant.js';
import { createLogger, excerpt, redact, type Logger } from './log.js';
import { phrasesFor } from './speech.js';

export const CALL_SIGNALING_PREFIX = 'Alexa.Comms.CallSignaling.';
export const GRANT_REQUEST = 'Alexa.Authorization.Grant';
const INITIATE_OUTBOUND_CALL = `${CALL_SIGNALING_PREFIX}InitiateOutboundCall`;

export interface SkillHandler {
  /** Handles one request envelope as Alexa sent it and resolves the response envelope. */
  invoke(requestEnvelope: RequestEnvelope): Promise<ResponseEnvelope>;
}

export interface SkillOptions {
  /** Defaults to JSON lines on the console at config.logLevel. */
  log?: Logger;
}

export function createSkillHandler(config: SkillConfig, options: SkillOptions = {}): SkillHandler {
  const log = options.log ?? createLogger(config.logLevel);
  /** To the console's webhook, or (property mode) to the property's broker. */
  function deliver(envelope: RequestEnvelope): Promise<ForwardResult> {
    const { broker, forwardTimeoutMs: timeoutMs } = config;
    if (broker) return requestType(envelope) === GRANT_REQUEST ? requestGrant(envelope, broker, timeoutMs) : publishToProperty(envelope, broker, timeoutMs);
    return forwardToConsole(envelope, { consoleUrl: config.consoleUrl!, webhookSecret: config.webhookSecret!, timeoutMs });
  }

  async function forward(input: HandlerInput): Promise<ForwardResult> {
    const envelope = input.requestEnvelope;
    const fields = requestFields(envelope);
    if (log.level === 'debug') log.debug('forwarding', { ...fields, envelope: redact(envelope) });
    const result = await deliver(envelope);
    logForward(log, fields, result);
    return result;
  }

  const callSignaling: RequestHandler = {
    canHandle: (input) => requestType(input.requestEnvelope).startsWith(CALL_SIGNALING_PREFIX),
    async handle(input) {
      await forward(input);
      // Alexa learns the call's progress from the console's own signaling requests, so the reply
      // does not depend on the forward's outcome (asp-protocol.md §2.3).
      return callSignalingResponse(input, config);
    },
  };

  const grant: RequestHandler = {
    canHandle: (input) => requestType(input.requestEnvelope) === GRANT_REQUEST,
    async handle(input) {
      const reply = grantReplyFrom(await forward(input), config.forwardTimeoutMs);
      if (reply.ok) return reply.response as Response;
      log.error('grant not accepted', { type: GRANT_REQUEST, reason: reply.reason });
      return grantErrorResponse(reply.reason) as Response;
    },
  };

  const help: RequestHandler = {
    canHandle: (input) =>
      requestType(input.requestEnvelope) === 'LaunchRequest' || ['AMAZON.HelpIntent', 'AMAZON.FallbackIntent', 'FrontDeskInfoIntent'].includes(intentName(input)),
    handle(input) {
      log.info('voice request', requestFields(input.requestEnvelope));
      return input.responseBuilder.speak(phrasesFor(locale(input)).help).withShouldEndSession(true).getResponse();
    },
  };

  const goodbye: RequestHandler = {
    canHandle: (input) => ['AMAZON.StopIntent', 'AMAZON.CancelIntent', 'AMAZON.NavigateHomeIntent'].includes(intentName(input)),
    handle(input) {
      log.info('voice request', requestFields(input.requestEnvelope));
      return input.responseBuilder.speak(phrasesFor(locale(input)).goodbye).withShouldEndSession(true).getResponse();
    },
  };

  const sessionEnded: RequestHandler = {
    canHandle: (input) => requestType(input.requestEnvelope) === 'SessionEndedRequest',
    handle(input) {
      const request = input.requestEnvelope.request as { reason?: unknown; error?: { type?: unknown } };
      log.info('session ended', { ...requestFields(input.requestEnvelope), reason: request.reason, error: request.error?.type });
      return input.responseBuilder.getResponse();
    },
  };

  // Also reached when no handler matches (e.g. System.ExceptionEncountered or a new request type).
  const fallback: ErrorHandler = {
    canHandle: () => true,
    handle(input, error) {
      const type = requestType(input.requestEnvelope);
      log.error('request failed', { ...requestFields(input.requestEnvelope), error: error.message });
      if (type === GRANT_REQUEST) return grantErrorResponse('the skill failed to handle the grant') as Response;
      if (type.startsWith(CALL_SIGNALING_PREFIX)) return callSignalingResponse(input, config);
      if (type === 'LaunchRequest' || type === 'IntentRequest') {
        return input.responseBuilder.speak(phrasesFor(locale(input)).problem).withShouldEndSession(true).getResponse();
      }
      return input.responseBuilder.getResponse();
    },
  };

  const skill = Alexa.SkillBuilders.custom()
    .addRequestHandlers(callSignaling, grant, help, goodbye, sessionEnded)
    .addErrorHandlers(fallback)
    .withCustomUserAgent('frontdesk-skill')
    .create();

  return { invoke: (requestEnvelope) => skill.invoke(requestEnvelope) };
}

function callSignalingResponse(input: HandlerInput, config: SkillConfig): Response {
  const request = input.requestEnvelope.request as { type: string; sessionId?: unknown };
  if (config.outboundCallDirective && request.type === INITIATE_OUTBOUND_CALL) {
    // The earlier "deferred response" form (asp-protocol.md §2.3, open question 2).
    return { directives: [{ type: INITIATE_OUTBOUND_CALL, providerSessionId: request.sessionId }] } as unknown as Response;
  }
  return input.responseBuilder.getResponse();
}

function logForward(log: Logger, fields: Record<string, unknown>, result: ForwardResult): void {
  const common = { ...fields, outcome: result.outcome, ms: result.ms };
  switch (result.outcome) {
    case 'delivered':
      log.info('forwarded', { ...common, status: result.status });
      return;
    case 'rejected':
      log.error('console rejected event', { ...common, status: result.status, body: excerpt(result.bodyText) });
      return;
    case 'timeout':
      log.error('console did not answer in time', common);
      return;
    case 'unreachable':
      log.error('console unreachable', { ...common, reason: result.reason });
      return;
  }
}

/** The fields every log line about a request carries: safe to log at any level. */
function requestFields(envelope: RequestEnvelope): Record<string, unknown> {
  const request = (envelope?.request ?? {}) as { type?: unknown; requestId?: unknown; sessionId?: unknown; intent?: { name?: unknown } };
  const fields: Record<string, unknown> = { type: request.type, requestId: request.requestId };
  // The call's id, not the ASK session (envelope.session.sessionId).
  if (typeof request.sessionId === 'string') fields.sessionId = request.sessionId;
  if (typeof request.intent?.name === 'string') fields.intent = request.intent.name;
  return fields;
}

function requestType(envelope: RequestEnvelope): string {
  const type = (envelope?.request as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' ? type : '';
}

function intentName(input: HandlerInput): string {
  const request = input.requestEnvelope?.request as { type?: unknown; intent?: { name?: unknown } } | undefined;
  return request?.type === 'IntentRequest' && typeof request.intent?.name === 'string' ? request.intent.name : '';
}

function locale(input: HandlerInput): string | undefined {
  const value = (input.requestEnvelope?.request as { locale?: unknown } | undefined)?.locale;
  return typeof value === 'string' ? value : undefined;
}
