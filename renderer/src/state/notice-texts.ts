// Every sentence this window puts in a banner of its own, in one place (the console's notices are
// built in main/desk/notices.ts; media problems in ../media). Each is a whole sentence; a failure's
// technical reason goes in `detail`, behind "Details".
import type { CommandName } from '../../../main/ipc/contract.js';

/** Main's reason for refusing these is the call's state machine talking: staff get words of their own. */
const COMMAND_FAILED: Partial<Record<CommandName, string>> = {
  answer: 'The call could not be answered — it may have ended a moment ago',
  decline: 'The call could not be declined — it may have ended a moment ago',
  hangup: 'The call could not be hung up — try again',
  hold: 'The call could not be put on hold — try again in a moment',
  resume: 'The call could not be taken off hold — try again in a moment',
  clearMissed: 'The missed calls could not be cleared — try again',
  setAutoAnswer: 'Auto-answer could not be changed — try again',
  setDnd: 'Do not disturb could not be changed — try again',
  demoCall: 'The simulated call could not start — try again',
  dismissNotice: 'The notice could not be dismissed — try again',
};

/** For these, main's own words are for staff (e.g. "Room 101 is already on a call with the desk"). */
const WORDED_FOR_STAFF = new Set<CommandName>(['callRoom', 'importRooms']);

export function commandFailure(command: CommandName, error: string): { text: string; detail?: string; level?: 'info' } {
  if (WORDED_FOR_STAFF.has(command)) return { text: error };
  // Property mode: another desk answered a moment earlier ("Answered at Front desk 2"): news, not a fault.
  if (command === 'answer' && error.startsWith('Answered at ')) return { text: error, level: 'info' };
  return { text: COMMAND_FAILED[command] ?? 'The console could not do that — try again', detail: error };
}

export const NOTICE_TEXTS = {
  roomFileTooLarge: (fileName: string) => `The room file ${fileName} is too large (over 5 MB)`,
  roomsImported: (count: number, fileName: string) => `Imported ${count} rooms from ${fileName}`,
  /** The webhook's own reason is in plain words (e.g. "port 8321 is in use by another program"). */
  webhookStillDown: (reason: string) => `Tried again: the webhook still did not start — ${reason}`,
  webhookListening: 'The webhook is listening again',
  ringerNotSwitched: 'The ringer could not switch to the chosen speaker — it rings on the default one',
  devicesNotSaved: 'The headset and ringer choice was not saved — try again',
  mediaNotClaimed: "Calls cannot use this window's microphone and speaker — reload the window",
} as const;
