// What the renderer sees of a call: the machine's state minus SDP, plus the room it belongs to.
import type { CallState } from '../calls/types.js';
import type { CallView, HistoryEntry } from '../domain/call.js';
import type { Room } from '../domain/room.js';
import { text, type Text } from '../domain/text.js';
import { isMessageId } from '../i18n/catalogues.js';
import type { MissedEntry } from './missed-calls.js';

export type RoomLookup = (addressValue: string) => Room | undefined;

/**
 * A caller the directory does not know, in English (the log, the history file): windows and the
 * shell say "Unknown room" in their language for a call without a room (roomId null).
 */
export const UNKNOWN_ROOM = 'Unknown room';

export function toCallView(call: CallState, roomFor: RoomLookup): CallView {
  const room = roomFor(call.remote.value);
  return {
    sessionId: call.sessionId,
    direction: call.direction,
    phase: call.phase,
    roomId: room?.id ?? null,
    title: room?.name ?? UNKNOWN_ROOM,
    remote: { ...call.remote },
    video: call.video,
    held: call.held,
    heldAt: call.heldAt,
    remoteHeld: call.remoteHeld,
    negotiating: call.negotiation !== null,
    connecting: call.phase === 'active' && call.acceptPending,
    startedAt: call.startedAt,
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    endReason: call.endReason,
    error: callError(call.error),
    desk: call.otherDesk,
  };
}

/**
 * A call's failure in words for staff: the words' message id when the console worded it (a message
 * to Alexa that failed, a microphone that is missing), else the media layer's technical account,
 * which only the log shows.
 */
function callError(error: string | null): Text | null {
  if (error === null) return null;
  return isMessageId(error) ? text(error) : text('call.failed.media');
}

/** The call's line in the history: an unknown caller is kept by its address (the display says "Unknown room"). */
export function toHistoryEntry(call: CallState, roomFor: RoomLookup): HistoryEntry {
  const view = toCallView(call, roomFor);
  return {
    sessionId: view.sessionId,
    direction: view.direction,
    roomId: view.roomId,
    title: view.roomId === null ? call.remote.value : view.title,
    startedAt: view.startedAt,
    answeredAt: view.answeredAt,
    endedAt: view.endedAt ?? view.startedAt,
    endReason: view.endReason ?? 'failed',
  };
}

/**
 * An incoming call nobody took: not answered in time, the room hung up while it rang, or it came
 * while the desk was on do not disturb. A call the desk declined is not missed: staff chose.
 */
export function isMissed(call: CallState): boolean {
  return call.direction === 'incoming' && (call.endReason === 'missed' || call.endReason === 'dnd');
}

export function toMissedEntry(call: CallState): MissedEntry {
  return { sessionId: call.sessionId, remote: { ...call.remote }, at: call.endedAt ?? call.startedAt, reason: call.endReason ?? 'missed' };
}
