// Which calls newly started ringing (one OS notification each) and whether the desk needs the
// user's attention (taskbar flash / dock bounce). Pure; ./alerts.ts does the Electron side.
import type { Translator } from '../i18n/format.js';
import type { CallsSnapshot, CallView, DeskStatus } from '../ipc/contract.js';
import { isRingingIncoming } from './tray-model.js';

export interface RingingChange {
  /** Incoming calls ringing now that were not ringing in the previous snapshot. */
  started: CallView[];
  /** Session ids ringing now; pass back in with the next snapshot. */
  ringing: ReadonlySet<string>;
}

export function ringingChange(previous: ReadonlySet<string>, snapshot: CallsSnapshot): RingingChange {
  const now = snapshot.calls.filter(isRingingIncoming);
  return { started: now.filter((c) => !previous.has(c.sessionId)), ringing: new Set(now.map((c) => c.sessionId)) };
}

export interface NotificationText {
  title: string;
  body: string;
}

/** In the desk's language; a room the directory does not know is "Unknown room", never its Amazon id. */
export function incomingCallNotification(call: CallView, mode: DeskStatus['mode'] | null, t: Translator): NotificationText {
  const room = call.roomId === null || !call.title.trim() ? t.formatMessage({ id: 'room.unknown' }) : call.title;
  return {
    title: t.formatMessage({ id: 'announce.calling' }, { room }),
    body: t.formatMessage({ id: 'notification.body' }, { video: String(call.video), demo: String(mode === 'demo') }),
  };
}
