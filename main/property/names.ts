// Where a property's desks meet on the broker (NATS JetStream): one stream of Alexa's events the
// skill publishes to, a request subject for the account-linking grant, and three key-value buckets
// (calls and who owns them, desks online, missed calls). The skill uses the same names
// (skill/lambda/broker.ts); the README documents them for the broker's permissions.
import { createHash } from 'node:crypto';

/** Letters, digits, "-" and "_": safe inside subjects, stream and bucket names. */
export const PROPERTY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export interface PropertyNames {
  /** JetStream stream holding the skill's envelopes. */
  stream: string;
  /** Subject the skill publishes each request envelope to. */
  events: string;
  /** Request/reply subject of Alexa.Authorization.Grant (a desk holding the signaling client replies). */
  grant: string;
  /** KV bucket: one record per call, who owns it, how it ended. */
  calls: string;
  /** KV bucket: one heartbeat per running desk. */
  desks: string;
  /** KV bucket: calls nobody answered, until called back or cleared. */
  missed: string;
}

export function propertyNames(property: string): PropertyNames {
  if (!PROPERTY_ID_PATTERN.test(property)) throw new Error('property: must be 1-64 letters, digits, "-" or "_"');
  return {
    stream: `FD_${property}`,
    events: `fd.${property}.events`,
    grant: `fd.${property}.grant`,
    calls: `fd_${property}_calls`,
    desks: `fd_${property}_desks`,
    missed: `fd_${property}_missed`,
  };
}

/** A KV key for a call: Alexa's session ids may hold characters keys cannot. */
export function sessionKey(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('base64url');
}

/** How long the stream keeps events: a restarted desk replays this window to find calls still ringing. */
export const EVENTS_MAX_AGE_MS = 15 * 60_000;
/** Call records outlive any call; the desks clean up records whose desk went away. */
export const CALLS_MAX_AGE_MS = 24 * 60 * 60_000;
/** A desk that has not beaten its heart for this long is offline. */
export const DESK_OFFLINE_AFTER_MS = 15_000;
export const DESK_HEARTBEAT_MS = 5_000;
/** Missed calls stay until cleared, at most this long. */
export const MISSED_MAX_AGE_MS = 30 * 24 * 60 * 60_000;
