// A banner for the front desk: what went wrong, in plain words, with the fix one click away.

// The words travel as a message id and its values, so each window says them in its own language
// and the log in English. The technical side (message types, HTTP status, Alexa's own words) stays
// out of them: it goes to the log and behind the banner's "Details", in English.
import type { Text } from './text.js';

/** The fix, one click away: relink, the settings, the room directory, or trying the webhook again. */
export type NoticeAction = 'relink' | 'open-settings' | 'open-rooms' | 'retry-webhook';

export interface Notice {
  id: string;
  level: 'error' | 'warning' | 'info';
  /** Plain words for the front desk: what happened and what to do, e.g. "The link to Amazon has expired: calls cannot go through — relink the console". */
  message: Text;
  /** What exactly happened, for whoever fixes it: e.g. "CallAccepted refused by Alexa (HTTP 401): Unauthorized". */
  detail?: string;
  action?: NoticeAction;
  sessionId?: string;
  at: number;
}
