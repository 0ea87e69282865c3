// Which calls newly started ringing (one OS notification each) and whether the desk needs the
// user's attention (taskbar flash / dock bounce). Pure; ./alerts.ts does the Electron side.
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

export function incomingCallNotification(call: CallView, mode: DeskStatus['mode'] | null): NotificationText {
  const who = call.title.trim() || 'Unknown room';
  const what = call.video ? 'Video call' : 'Call';
  const demo = mode === 'demo' ? ' (demo — a simulated room)' : '';
  return { title: `${who} is calling`, body: `${what} to the front desk${demo}. Click to open the console.` };
}
