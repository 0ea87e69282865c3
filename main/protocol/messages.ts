// Alexa.Comms.CallSignaling message schemas (shared/asp-protocol.md §2).
// Liberal in what we accept (unknown extra fields pass through untouched), exact in what we send
// (builders in ./outgoing.ts produce only documented fields).
import { z } from 'zod';

export const NAMESPACE = 'Alexa.Comms.CallSignaling';

export const MESSAGE_NAMES = [
  'InitiateOutboundCall',
  'InitiateInboundCall',
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
export type MessageName = (typeof MESSAGE_NAMES)[number];

export const PARTICIPANT_ID_TYPES = ['COMMUNICATION_PROFILE_ID', 'PHONE_NUMBER', 'RAW_ADDRESS'] as const;
export type ParticipantIdType = (typeof PARTICIPANT_ID_TYPES)[number];

export const RENEGOTIATION_TYPES = ['CALL_HOLD', 'CALL_RESUME', 'CALL_UPDATE'] as const;
export type RenegotiationType = (typeof RENEGOTIATION_TYPES)[number];

/** Codes we send. `UNAUTHORISED` is accepted on input and read as `UNAUTHORIZED`. */
export const CALL_RESULT_CODES = [
  'SUCCESS',
  'INTERNAL_ERROR',
  'UNAUTHORIZED',
  'DEVICE_BUSY',
  'SESSION_TIMEOUT',
] as const;
export type CallResultCode = (typeof CALL_RESULT_CODES)[number];

/**
 * The longest session id and participant id value the console takes. Checked here, at the edge;
 * everything behind it (call history included) relies on these limits instead of its own.
 */
export const MAX_SESSION_ID_LENGTH = 512;
export const MAX_ADDRESS_LENGTH = 512;

const nonEmpty = z.string().min(1, 'must be a non-empty string');

export const participantSchema = z.looseObject({
  id: z.looseObject({
    type: z.enum(PARTICIPANT_ID_TYPES),
    value: nonEmpty.max(MAX_ADDRESS_LENGTH, `must be at most ${MAX_ADDRESS_LENGTH} characters`),
  }),
  isOriginator: z.boolean().optional().default(false),
});
export type Participant = z.infer<typeof participantSchema>;

/** SDP bodies are capped well below the webhook's 256 KiB body limit. */
const sdpText = nonEmpty.max(200_000, 'SDP is too large');

const sdpOf = <T extends 'OFFER' | 'ANSWER'>(kind: T) =>
  z.looseObject({ type: z.literal(kind), value: sdpText });

const callResultSchema = z.looseObject({
  code: z
    .string()
    .transform((c) => (c === 'UNAUTHORISED' ? 'UNAUTHORIZED' : c))
    .pipe(z.enum(CALL_RESULT_CODES)),
  message: z.string().max(2_000).optional(),
});
export type CallResult = z.infer<typeof callResultSchema>;

const participantsSchema = z
  .array(participantSchema)
  .min(1, 'needs at least one participant')
  .max(16, 'too many participants');

const base = <N extends MessageName>(name: N) => ({
  type: z.literal(`${NAMESPACE}.${name}` as `${typeof NAMESPACE}.${N}`),
  sessionId: nonEmpty.max(MAX_SESSION_ID_LENGTH, `must be at most ${MAX_SESSION_ID_LENGTH} characters`),
});

export const messageSchemas = {
  InitiateOutboundCall: z.looseObject({
    ...base('InitiateOutboundCall'),
    participants: participantsSchema,
    sdpDetails: sdpOf('OFFER'),
  }),
  InitiateInboundCall: z.looseObject({
    ...base('InitiateInboundCall'),
    participants: participantsSchema,
    sdpDetails: sdpOf('OFFER'),
    customParams: z.looseObject({ callerName: z.string().max(200).optional() }).optional(),
  }),
  CallRinging: z.looseObject(base('CallRinging')),
  CallRingingAck: z.looseObject(base('CallRingingAck')),
  CallInProgress: z.looseObject({ ...base('CallInProgress'), sdpDetails: sdpOf('ANSWER').optional() }),
  CallInProgressAck: z.looseObject(base('CallInProgressAck')),
  CallAccepted: z.looseObject({ ...base('CallAccepted'), sdpDetails: sdpOf('ANSWER') }),
  CallAcceptedAck: z.looseObject(base('CallAcceptedAck')),
  CallUpdate: z.looseObject({
    ...base('CallUpdate'),
    // Alexa may omit it (open question 8), and Amazon's sample skill drops it: when absent, the
    // call state machine reads it from the offer (./renegotiation.ts).
    renegotiationType: z.enum(RENEGOTIATION_TYPES).optional(),
    sdpDetails: sdpOf('OFFER'),
  }),
  CallUpdateResponse: z.looseObject({
    ...base('CallUpdateResponse'),
    // Answers the desk's own CallUpdate, whose type the desk knows.
    renegotiationType: z.enum(RENEGOTIATION_TYPES).optional(),
    sdpDetails: sdpOf('ANSWER'),
  }),
  CallUpdateAck: z.looseObject(base('CallUpdateAck')),
  CallEnded: z.looseObject({
    ...base('CallEnded'),
    callResult: callResultSchema.optional(),
  }),
} satisfies Record<MessageName, z.ZodType>;

export type Message<N extends MessageName = MessageName> = {
  [K in N]: z.infer<(typeof messageSchemas)[K]> & { type: `${typeof NAMESPACE}.${K}` };
}[N];

/** Short name of a full message type, or undefined when it is not a CallSignaling type. */
export function messageName(type: unknown): MessageName | undefined {
  if (typeof type !== 'string' || !type.startsWith(`${NAMESPACE}.`)) return undefined;
  const name = type.slice(NAMESPACE.length + 1);
  return (MESSAGE_NAMES as readonly string[]).includes(name) ? (name as MessageName) : undefined;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** "field.path: reason; other.path: reason" — what a 400 reply and a log line carry. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`)
    .join('; ');
}

/** Validate any CallSignaling message (either direction) by its `type`. */
export function parseMessage(input: unknown): ParseResult<Message> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, error: '(body): must be a JSON object' };
  }
  const type = (input as { type?: unknown }).type;
  const name = messageName(type);
  if (!name) {
    return {
      ok: false,
      error: `type: ${typeof type === 'string' ? `unknown message type "${type.slice(0, 100)}"` : 'must be a string'}`,
    };
  }
  return parseNamed(name, input);
}

export function parseNamed<N extends MessageName>(name: N, input: unknown): ParseResult<Message<N>> {
  const result = messageSchemas[name].safeParse(input);
  if (!result.success) return { ok: false, error: describeIssues(result.error) };
  return { ok: true, value: result.data as Message<N> };
}

/** The caller (isOriginator) and callee of a participants list; falls back to list order. */
export function callerAndCallee(participants: Participant[]): { caller: Participant; callee?: Participant } {
  const caller = participants.find((p) => p.isOriginator) ?? participants[0]!;
  const callee = participants.find((p) => p !== caller);
  return { caller, callee };
}
