// Applying what main pushes about the calls (CallsDelta) to the calls a window (or the tray) holds.
// Pure and idempotent, so a delta that a fresh snapshot already includes changes nothing.
import type { CallsDelta, CallsSnapshot } from './call.js';

export const NO_CALLS: CallsSnapshot = { seq: 0, calls: [], elsewhere: [], missed: [] };

/**
 * The calls after `delta`: changed calls replaced where they were, new ones added at the end
 * (the list is oldest first), removed ones gone; new missed calls first (newest first), changed
 * ones (e.g. their room was renamed) where they were. What the delta does not name stays the same
 * objects as before.
 */
export function applyCallsDelta(before: CallsSnapshot, delta: CallsDelta): CallsSnapshot {
  const removed = new Set(delta.removed);
  const changed = new Map(delta.calls.map((c) => [c.sessionId, c]));
  const calls = before.calls.filter((c) => !removed.has(c.sessionId)).map((c) => changed.get(c.sessionId) ?? c);
  const known = new Set(calls.map((c) => c.sessionId));
  for (const call of delta.calls) if (!known.has(call.sessionId) && !removed.has(call.sessionId)) calls.push(call);
  const missedGone = new Set(delta.missedRemoved);
  const pushed = new Map(delta.missed.filter((m) => !missedGone.has(m.sessionId)).map((m) => [m.sessionId, m]));
  const kept = before.missed.filter((m) => !missedGone.has(m.sessionId)).map((m) => pushed.get(m.sessionId) ?? m);
  const keptIds = new Set(kept.map((m) => m.sessionId));
  const missed = [...[...pushed.values()].filter((m) => !keptIds.has(m.sessionId)), ...kept];
  // The calls of other desks come whole; a delta the snapshot already holds does not take them back.
  const elsewhere = delta.elsewhere && delta.seq > before.seq ? delta.elsewhere : before.elsewhere;
  return { seq: Math.max(before.seq, delta.seq), calls, elsewhere, missed };
}
