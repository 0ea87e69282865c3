// Maps the bodies Amazon's sample skill POSTs (alexa-smart-properties/skill-sample-for-webrtc-asp,
// DESIGN.md §3.1) to CallSignaling messages. Liberal about spellings (sessionID/sessionId,
// sdpoffer/sdpOffer/sdp); exact about the result: it is validated with parseNamed, and errors name
// the field as the body spelled it. Nothing else from the body is kept (not the sample's accessToken).
import { NAMESPACE, parseNamed, type Message, type MessageName, type ParseResult } from '../protocol/messages.js';

export const SAMPLE_ROUTES = ['/offer', '/ring', '/answer', '/reoffer', '/reanswer', '/end'] as const;
export type SampleRoute = (typeof SAMPLE_ROUTES)[number];

export function isSampleRoute(path: string): path is SampleRoute {
  return (SAMPLE_ROUTES as readonly string[]).includes(path);
}

// Accepted spellings, the sample's own first (that is the one named when the field is missing).
const SESSION_ID = ['sessionId', 'sessionID'] as const;
const OFFER_SESSION_ID = ['sessionID', 'sessionId'] as const;
const OFFER_SDP = ['sdpoffer', 'sdpOffer', 'sdp'] as const;
const REOFFER_SDP = ['sdp', 'sdpOffer', 'sdpoffer'] as const;
const ANSWER_SDP = ['sdp', 'sdpAnswer', 'sdpanswer'] as const;

type Body = Record<string, unknown>;
type Picked = { name: string; value: unknown };

/** The message a sample route's body stands for, validated. */
export function sampleRouteToMessage(route: SampleRoute, body: unknown): ParseResult<Message> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, error: '(body): must be a JSON object' };
  }
  try {
    return build(route, body as Body);
  } catch (err) {
    if (err instanceof AmbiguousField) return { ok: false, error: err.message };
    throw err;
  }
}

function build(route: SampleRoute, body: Body): ParseResult<Message> {
  const sessionId = pick(body, route === '/offer' ? OFFER_SESSION_ID : SESSION_ID);
  const base = { sessionId: sessionId.value };
  const renames: Record<string, string> = { sessionId: sessionId.name };
  const withSdp = (names: readonly string[], kind: 'OFFER' | 'ANSWER') => {
    const sdp = pick(body, names);
    renames['sdpDetails.value'] = sdp.name;
    renames.sdpDetails = sdp.name;
    return { sdpDetails: { type: kind, value: sdp.value } };
  };
  const renegotiation = () =>
    body.renegotiationType === undefined ? {} : { renegotiationType: body.renegotiationType };

  switch (route) {
    case '/offer':
      return validate('InitiateOutboundCall', { ...base, participants: body.participants, ...withSdp(OFFER_SDP, 'OFFER') }, renames);
    case '/ring': {
      // The sample sends the same route for both; an SDP makes it the early answer.
      const sdp = pick(body, ANSWER_SDP);
      if (sdp.value === undefined || sdp.value === null) return validate('CallRinging', base, renames);
      return validate('CallInProgress', { ...base, ...withSdp(ANSWER_SDP, 'ANSWER') }, renames);
    }
    case '/answer':
      return validate('CallAccepted', { ...base, ...withSdp(ANSWER_SDP, 'ANSWER') }, renames);
    case '/reoffer':
      return validate('CallUpdate', { ...base, ...renegotiation(), ...withSdp(REOFFER_SDP, 'OFFER') }, renames);
    case '/reanswer':
      return validate('CallUpdateResponse', { ...base, ...renegotiation(), ...withSdp(ANSWER_SDP, 'ANSWER') }, renames);
    case '/end':
      return validate('CallEnded', { ...base, ...(body.callResult === undefined ? {} : { callResult: body.callResult }) }, renames);
  }
}

function validate(name: MessageName, fields: Body, renames: Record<string, string>): ParseResult<Message> {
  const result = parseNamed(name, { type: `${NAMESPACE}.${name}`, ...fields });
  if (result.ok) return result;
  return { ok: false, error: renameIssuePaths(result.error, (path) => renameField(path, renames)) };
}

function renameField(path: string, renames: Record<string, string>): string {
  for (const [from, to] of Object.entries(renames)) {
    if (path === from) return to;
    if (path.startsWith(`${from}.`)) return `${to}${path.slice(from.length)}`;
  }
  return path;
}

class AmbiguousField extends Error {}

/** The first spelling present; two spellings with different values are refused rather than guessed. */
function pick(body: Body, names: readonly string[]): Picked {
  const present = names.filter((n) => body[n] !== undefined);
  const [first, ...others] = present;
  if (first === undefined) return { name: names[0]!, value: undefined };
  const clash = others.find((n) => JSON.stringify(body[n]) !== JSON.stringify(body[first]));
  if (clash) throw new AmbiguousField(`${first}: conflicts with ${clash}; send only one of them`);
  return { name: first, value: body[first] };
}

/**
 * Rewrites the field paths of an error from describeIssues ("path: reason; path: reason").
 * "(body)" stands for the whole object and is passed to `rename` as "".
 */
export function renameIssuePaths(error: string, rename: (path: string) => string): string {
  return error
    .split('; ')
    .map((issue) => {
      const colon = issue.indexOf(': ');
      if (colon < 0) return issue;
      const path = issue.slice(0, colon);
      const renamed = rename(path === '(body)' ? '' : path);
      return `${renamed || '(body)'}${issue.slice(colon)}`;
    })
    .join('; ');
}
