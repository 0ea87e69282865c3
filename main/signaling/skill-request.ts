// What the skill forwards, however it arrives (POST /alexa on the webhook, or a message on the
// property's broker): the skill request envelope as Alexa sent it, or its bare `request`. It is a
// CallSignaling event or the account-linking grant; anything else is refused with the field path.
import { z } from 'zod';
import { describeIssues, parseMessage, type Message } from '../protocol/messages.js';
import { renameIssuePaths } from './sample-routes.js';

export const GRANT_TYPE = 'Alexa.Authorization.Grant';

export type SkillRequest =
  | { kind: 'event'; message: Message }
  | { kind: 'grant'; code: string; request: Record<string, unknown> }
  /** `grant`: it claims to be the grant (checks that guard grants apply before its fields are read). */
  | { kind: 'invalid'; error: string; grant?: true };

export function readSkillRequest(json: unknown): SkillRequest {
  const found = findRequest(json);
  if (!found.ok) return { kind: 'invalid', error: found.error };
  const { value, prefix } = found;
  if (value.type === GRANT_TYPE) {
    const parsed = grantSchema.safeParse(value);
    if (!parsed.success) return { kind: 'invalid', error: renameIssuePaths(describeIssues(parsed.error), underPrefix(prefix)), grant: true };
    return { kind: 'grant', code: parsed.data.body.grant.code, request: value };
  }
  const parsed = parseMessage(withoutAccessToken(value));
  if (!parsed.ok) return { kind: 'invalid', error: prefix ? renameIssuePaths(parsed.error, underPrefix(prefix)) : parsed.error };
  return { kind: 'event', message: parsed.value };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function findRequest(json: unknown): { ok: true; value: Record<string, unknown>; prefix: string } | { ok: false; error: string } {
  if (!isObject(json)) return { ok: false, error: '(body): must be a JSON object' };
  if (json.request !== undefined) {
    if (!isObject(json.request)) return { ok: false, error: 'request: must be an object' };
    return { ok: true, value: json.request, prefix: 'request.' };
  }
  if (typeof json.type === 'string') return { ok: true, value: json, prefix: '' };
  return { ok: false, error: 'request: missing (send the skill request envelope, or the bare request with its type)' };
}

const grantSchema = z.looseObject({
  body: z.looseObject({
    grant: z.looseObject({
      code: z
        .string()
        .min(1, 'must be a non-empty string')
        .max(4096, 'is too long')
        // What Login with Amazon's codes are made of: printable ASCII, no spaces.
        .regex(/^[\x21-\x7e]+$/, 'must be printable characters without spaces'),
    }),
  }),
});

/** A token the skill may have added must not travel further or be kept. */
function withoutAccessToken(request: Record<string, unknown>): Record<string, unknown> {
  const { accessToken: _dropped, ...rest } = request;
  return rest;
}

/** "request." + path; the whole object ("") becomes "request". */
const underPrefix = (prefix: string) => (path: string) => (path ? prefix + path : prefix.replace(/\.$/, ''));
