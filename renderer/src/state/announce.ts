// What a screen reader hears as calls change, and what the window title says, in the window's
// language. Pure: the previous and the new calls in, sentences out.
import type { CallView, MessageId } from '../../../main/ipc/contract.js';
import type { Formatter } from '../../../main/i18n/format.js';
import { isRinging } from './calls.js';
import { roomName } from './names.js';

/**
 * One sentence per call that changed in a way staff must hear about, oldest call first. With no
 * previous calls (the window just opened) only the ringing calls are news.
 */
export function callAnnouncements(before: readonly CallView[] | null, after: readonly CallView[], intl: Formatter): string[] {
  const previous = new Map((before ?? []).map((c) => [c.sessionId, c]));
  const sentences: string[] = [];
  for (const call of [...after].sort((a, b) => a.startedAt - b.startedAt)) {
    if (!before && !isRinging(call)) continue;
    const id = announcement(previous.get(call.sessionId), call);
    if (id) sentences.push(intl.formatMessage({ id }, { room: roomName(call, intl) }));
  }
  return sentences;
}

function announcement(before: CallView | undefined, call: CallView): MessageId | null {
  if (isRinging(call)) return before ? null : 'announce.calling';
  if (call.phase === 'ended') {
    if (!before || before.phase === 'ended') return null;
    if (call.endReason === 'missed' && before.phase === 'ringing') return 'announce.missed';
    return before.phase === 'active' ? 'announce.ended' : null;
  }
  if (call.phase !== 'active') return null;
  if (!before || before.phase !== 'active') return call.direction === 'incoming' ? 'announce.answered' : 'announce.roomAnswered';
  if (call.held !== before.held) return call.held ? 'announce.onHold' : 'announce.backWith';
  if (call.remoteHeld !== before.remoteHeld) return call.remoteHeld ? 'announce.roomHeld' : 'announce.roomBack';
  return null;
}

/** "(2) Room 214 is calling · 3 missed — Front Desk": what is waiting, where the taskbar shows it. */
export function windowTitle(calls: readonly CallView[], missedCount: number, deskName: string, intl: Formatter): string {
  const ringing = calls.filter(isRinging).sort((a, b) => a.startedAt - b.startedAt);
  const parts: string[] = [];
  if (ringing.length) parts.push(intl.formatMessage({ id: 'title.ringing' }, { count: ringing.length, room: roomName(ringing[0]!, intl) }));
  if (missedCount) parts.push(intl.formatMessage({ id: 'title.missed' }, { count: missedCount }));
  return parts.length ? `${parts.join(' · ')} — ${deskName}` : deskName;
}
