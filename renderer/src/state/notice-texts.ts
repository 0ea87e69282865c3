// Every notice this window raises of its own, in one place (the console's notices are built in
// main/desk/notices.ts; media problems in ../media). Each is one sentence of the catalogue
// (locales/), said in the window's language; a failure's technical reason goes in `detail`, behind
// "Details", in English.
import type { CommandName, MessageId, Result, Text } from '../../../main/ipc/contract.js';
import { text } from '../../../main/domain/text.js';

/** Main's reason for refusing these is the call's state machine talking: staff get words of their own. */
const COMMAND_FAILED: Partial<Record<CommandName, MessageId>> = {
  answer: 'failed.answer',
  decline: 'failed.decline',
  hangup: 'failed.hangup',
  hold: 'failed.hold',
  resume: 'failed.resume',
  callRoom: 'failed.callRoom',
  importRooms: 'failed.importRooms',
  clearMissed: 'failed.clearMissed',
  setAutoAnswer: 'failed.setAutoAnswer',
  setDnd: 'failed.setDnd',
  demoCall: 'failed.demoCall',
  dismissNotice: 'failed.dismissNotice',
};

/** Property mode: another desk answered a moment earlier ("Answered at Front desk 2"): news, not a fault. */
const NEWS = new Set<MessageId>(['call.answeredAt', 'call.answeredElsewhere']);

/**
 * A refused command as a notice: main's words for staff when it gave some (e.g. "Room 101 is already
 * on a call with the desk"), else this window's, with main's reason as the detail.
 */
export function commandFailure(command: CommandName, refusal: Extract<Result<unknown>, { ok: false }>): { message: Text; detail?: string; level?: 'info' } {
  const { message, error } = refusal;
  if (message) return NEWS.has(message.id) ? { message, level: 'info' } : { message };
  return { message: text(COMMAND_FAILED[command] ?? 'failed.other'), detail: error };
}

export const NOTICE_TEXTS = {
  roomFileTooLarge: (fileName: string) => text('notice.roomFileTooLarge', { fileName }),
  roomsImported: (count: number, fileName: string) => text('notice.roomsImported', { count, fileName }),
  /** Why the webhook still does not listen, in main's words (e.g. "port 8321 is in use by another program"). */
  webhookStillDown: (reason: Text) => text('notice.webhookStillDown', { reason }),
  webhookListening: text('notice.webhookListening'),
  ringerNotSwitched: text('notice.ringerNotSwitched'),
  devicesNotSaved: text('notice.devicesNotSaved'),
  mediaNotClaimed: text('notice.mediaNotClaimed'),
} as const;
