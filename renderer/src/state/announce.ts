// What a screen reader hears as calls change, and what the window title says. Pure: the previous
// and the new calls in, sentences out.
import type { CallView } from '../../../main/ipc/contract.js';
import { isRinging } from './calls.js';
import { roomName } from './names.js';

/**
 * One sentence per call that changed in a way staff must hear about, oldest call first. With no
 * previous calls (the window just opened) only the ringing calls are news.
 */
export function callAnnouncements(before: readonly CallView[] | null, after: readonly CallView[]): string[] {
  const previous = new Map((before ?? []).map((c) => [c.sessionId, c]));
  const sentences: string[] = [];
  for (const call of [...after].sort((a, b) => a.startedAt - b.startedAt)) {
    if (!before && !isRinging(call)) continue;
    const sentence = announcement(previous.get(call.sessionId), call);
    if (sentence) sentences.push(sentence);
  }
  return sentences;
}

function announcement(before: CallView | undefined, call: CallView): string | null {
  const name = roomName(call);
  if (isRinging(call)) return before ? null : `${name} is calling`;
  if (call.phase === 'ended') {
    if (!before || before.phase === 'ended') return null;
    if (call.endReason === 'missed' && before.phase === 'ringing') return `Missed call from ${name}`;
    return before.phase === 'active' ? `Call with ${name} ended` : null;
  }
  if (call.phase !== 'active') return null;
  if (!before || before.phase !== 'active') return call.direction === 'incoming' ? `Answered: ${name}` : `${name} answered`;
  if (call.held !== before.held) return call.held ? `${name} is on hold` : `Back with ${name}`;
  if (call.remoteHeld !== before.remoteHeld) return call.remoteHeld ? `${name} put the call on hold` : `${name} is back`;
  return null;
}

/** "(2) Room 214 is calling · 3 missed — Front Desk": what is waiting, where the taskbar shows it. */
export function windowTitle(calls: readonly CallView[], missedCount: number, deskName = 'Front Desk'): string {
  const ringing = calls.filter(isRinging).sort((a, b) => a.startedAt - b.startedAt);
  const parts: string[] = [];
  if (ringing.length) parts.push(`(${ringing.length}) ${roomName(ringing[0])} is calling`);
  if (missedCount) parts.push(`${missedCount} missed`);
  return parts.length ? `${parts.join(' · ')} — ${deskName}` : deskName;
}
