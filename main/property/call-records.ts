// The property's record of each call (one key per call in the calls bucket) and the pure rules of
// the claims desks make on it. Every desk reads records other desks wrote: they are validated like
// any outside input, and a record that does not validate is ignored.
import { z } from 'zod';
import type { Address, CallState, Claim, ClaimResult, EndReason, Phase } from '../calls/types.js';
import type { DeskRef } from '../domain/property.js';
import { PARTICIPANT_ID_TYPES } from '../protocol/messages.js';

const PHASES = ['ringing', 'answering', 'offering', 'calling', 'alerting', 'early', 'active', 'ended'] as const satisfies readonly Phase[];
const END_REASONS = ['completed', 'missed', 'declined', 'dnd', 'no-answer', 'cancelled', 'failed', 'answered-elsewhere'] as const satisfies readonly EndReason[];

const deskSchema = z.strictObject({ id: z.string().min(1).max(64), name: z.string().min(1).max(100) }) satisfies z.ZodType<DeskRef>;
const time = z.number().int().nonnegative();

export const callRecordSchema = z.strictObject({
  v: z.literal(1),
  sessionId: z.string().min(1).max(512),
  direction: z.enum(['incoming', 'outgoing']),
  remote: z.strictObject({ type: z.enum(PARTICIPANT_ID_TYPES), value: z.string().min(1).max(512) }),
  startedAt: time,
  /** open: every desk rings, nobody owns it; owned: `owner` has it; ended: over for the property. */
  state: z.enum(['open', 'owned', 'ended']),
  owner: deskSchema.nullable(),
  /** The owner's phase and hold, so every desk's grid shows the room as it is. */
  phase: z.enum(PHASES).nullable(),
  held: z.boolean(),
  /** Desks that stopped ringing for the open call (declined, or closed). */
  left: z.array(z.string().min(1).max(64)).max(200),
  endedAt: time.nullable(),
  endReason: z.enum(END_REASONS).nullable(),
});

export type CallRecord = z.infer<typeof callRecordSchema>;

export function readCallRecord(bytes: Uint8Array): CallRecord | null {
  try {
    const parsed = callRecordSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The record of a call as this desk knows it (a new incoming call is open; a call it placed is its own). */
export function recordOf(call: CallState, me: DeskRef, now: number): CallRecord {
  const mine = call.ownership === 'mine';
  return {
    v: 1,
    sessionId: call.sessionId,
    direction: call.direction,
    remote: { type: call.remote.type, value: call.remote.value },
    startedAt: call.startedAt,
    state: call.phase === 'ended' ? 'ended' : mine ? 'owned' : 'open',
    owner: mine ? me : null,
    phase: mine ? call.phase : null,
    held: call.held || call.remoteHeld,
    left: [],
    endedAt: call.phase === 'ended' ? (call.endedAt ?? now) : null,
    endReason: call.endReason,
  };
}

/** What a desk does to the record for a claim: write (create when there is none, else compare-and-set) or not, and the outcome. */
export type ClaimStep = { write: CallRecord | null; result: ClaimResult; missed?: boolean };

/**
 * The one rule of every claim, given the record as read (null: none yet). Exactly one desk wins
 * because every write is a create or a compare-and-set of the revision it read.
 * `online`: ids of the property's desks online now (this one included).
 */
export function decideClaim(args: {
  record: CallRecord | null;
  claim: Claim;
  call: CallState;
  me: DeskRef;
  online: readonly string[];
  now: number;
}): ClaimStep {
  const { record, claim, call, me, online, now } = args;
  const lost = (r: CallRecord | null): ClaimStep => ({ write: null, result: { outcome: 'lost', desk: r?.state === 'owned' ? (r.owner?.name ?? null) : null } });
  const base = record ?? { ...recordOf(call, me, now), state: 'open' as const, owner: null, phase: null, endedAt: null, endReason: null };
  switch (claim.what) {
    case 'ring':
      // The first desk to record the call tells Alexa it rings.
      return record ? lost(record) : { write: base, result: { outcome: 'won' } };
    case 'answer':
      if (base.state !== 'open') return lost(base);
      return { write: { ...base, state: 'owned', owner: me, phase: 'answering' }, result: { outcome: 'won' } };
    case 'end': {
      if (base.state !== 'open') return lost(base);
      const ended = (endReason: EndReason, left = base.left): ClaimStep => ({
        write: { ...base, state: 'ended', endedAt: now, endReason, left },
        result: { outcome: 'won' },
        missed: endReason === 'missed',
      });
      if (claim.why !== 'left') return ended('missed');
      const left = base.left.includes(me.id) ? base.left : [...base.left, me.id];
      // The call ends when no desk online still rings for it.
      if (online.every((id) => left.includes(id))) return ended(call.endReason === 'declined' ? 'declined' : 'missed', left);
      return { write: { ...base, left }, result: { outcome: 'lost', desk: null } };
    }
  }
}
