// How Alexa's events reach the console: wrapped in a custom-skill request envelope
// (asp-protocol.md §2.2) and POSTed to `${webhookUrl}/alexa`, or re-posted the way Amazon's sample
// skill does (`/offer`, `/ring`, `/answer`, `/reoffer`, `/reanswer`, `/end`; acks not forwarded).
import { randomUUID } from 'node:crypto';
import { postJson, type PostResult } from './http-util.js';

export type ForwardStyle = 'sample-routes' | 'envelope';

/** One Alexa → skill event: the `request` part without the envelope's bookkeeping fields. */
export type AlexaEvent = { type: string; sessionId?: string } & Record<string, unknown>;

export interface SkillEnvelope {
  version: '1.0';
  context: {
    System: {
      application: { applicationId: string };
      user: { userId: string; permissions: { consentToken: string } };
      unit: { unitId: string; persistentUnitId: string };
      device: { deviceId: string; supportedInterfaces: Record<string, never> };
      apiEndpoint: string;
      apiAccessToken: string;
    };
  };
  request: AlexaEvent & { requestId: string; timestamp: string; locale: string };
}

/** Who the event is about: the skill and the room's unit and device. */
export interface EnvelopeContext {
  skillId: string;
  apiEndpoint: string;
  unitId: string;
  persistentUnitId: string;
  deviceId: string;
  userId: string;
  /** A user-scoped token as Alexa puts in `permissions.consentToken` (not the console's LWA token). */
  consentToken: string;
}

export function buildEnvelope(event: AlexaEvent, ctx: EnvelopeContext): SkillEnvelope {
  return {
    version: '1.0',
    context: {
      System: {
        application: { applicationId: ctx.skillId },
        user: { userId: ctx.userId, permissions: { consentToken: ctx.consentToken } },
        unit: { unitId: ctx.unitId, persistentUnitId: ctx.persistentUnitId },
        device: { deviceId: ctx.deviceId, supportedInterfaces: {} },
        apiEndpoint: ctx.apiEndpoint,
        apiAccessToken: ctx.consentToken,
      },
    },
    request: {
      ...event,
      requestId: `amzn1.echo-api.request.${randomUUID()}`,
      timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      locale: 'en-US',
    },
  };
}

const sdpOf = (r: AlexaEvent) => (r.sdpDetails as { value?: unknown } | undefined)?.value;

/** What Amazon's sample skill POSTs for an event, or null when it does not forward it. */
export function sampleRoute(envelope: SkillEnvelope): { path: string; body: Record<string, unknown> } | null {
  const r = envelope.request;
  const name = r.type.replace(/^Alexa\.Comms\.CallSignaling\./, '');
  switch (name) {
    case 'InitiateOutboundCall':
      return {
        path: '/offer',
        body: {
          sdpoffer: sdpOf(r),
          sessionID: r.sessionId,
          accessToken: envelope.context.System.user.permissions.consentToken,
          participants: r.participants,
        },
      };
    case 'CallRinging':
      return { path: '/ring', body: { sessionId: r.sessionId } };
    case 'CallInProgress':
      return { path: '/ring', body: { sdp: sdpOf(r), sessionId: r.sessionId } };
    case 'CallAccepted':
      return { path: '/answer', body: { sdp: sdpOf(r), sessionId: r.sessionId } };
    case 'CallUpdate':
      return { path: '/reoffer', body: { sdp: sdpOf(r), sessionId: r.sessionId } };
    case 'CallUpdateResponse':
      return { path: '/reanswer', body: { sdp: sdpOf(r), sessionId: r.sessionId } };
    case 'CallEnded':
      return { path: '/end', body: { sessionId: r.sessionId } };
    default:
      return null; // the acks and anything else stay in the skill
  }
}

export interface DeliveryResult {
  /** HTTP status; 0 when nothing answered. */
  status: number;
  body: unknown;
  error?: string;
}

/** One event handed to the console, as recorded by the simulator. */
export interface Delivery {
  type: string;
  sessionId?: string;
  /** False when the forward style drops the event (the sample skill keeps acks to itself). */
  forwarded: boolean;
  /** Webhook path it went to (`/alexa`, `/offer`, ...); absent with a custom transport. */
  path?: string;
  /** HTTP status of the console's reply; 0 when nothing answered or not forwarded. */
  status: number;
  body?: unknown;
  error?: string;
}

/** The console took the event (2xx), or it was not meant to reach the console. */
export const deliveredOk = (d: Delivery) => !d.forwarded || (d.status >= 200 && d.status < 300);

/** Replaces the HTTP transport, e.g. to run events through the skill's handler. */
export type DeliverFn = (envelope: SkillEnvelope) => Promise<DeliveryResult>;

export interface WebhookTarget {
  webhookUrl: string;
  webhookSecret?: string;
  /** 'header': `Authorization: Bearer <secret>`; 'path': `${webhookUrl}/<secret>/...` as the sample skill's baseUrl would. */
  secretIn: 'header' | 'path';
  forward: ForwardStyle;
}

/**
 * Posts an envelope to the console's webhook. Resolves null when the forward style does not
 * forward this event (the sample skill keeps acks to itself).
 */
export async function postToWebhook(
  target: WebhookTarget,
  envelope: SkillEnvelope,
): Promise<(PostResult & { path: string }) | null> {
  const route = target.forward === 'envelope' ? { path: '/alexa', body: envelope } : sampleRoute(envelope);
  if (!route) return null;
  const base = target.webhookUrl.replace(/\/+$/, '');
  const secret = target.webhookSecret;
  const prefix = secret && target.secretIn === 'path' ? `/${encodeURIComponent(secret)}` : '';
  const headers: Record<string, string> = secret && target.secretIn === 'header' ? { Authorization: `Bearer ${secret}` } : {};
  const result = await postJson(`${base}${prefix}${route.path}`, route.body, headers);
  return { ...result, path: route.path };
}
