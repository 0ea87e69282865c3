// A banner for the front desk: what went wrong, in plain words, with the fix one click away.

export type NoticeAction = 'relink' | 'open-settings' | 'retry-webhook';

export interface Notice {
  id: string;
  level: 'error' | 'warning' | 'info';
  /** Plain words for the front desk, e.g. "Alexa rejected the answer (401): the link to Amazon has expired". */
  text: string;
  action?: NoticeAction;
  sessionId?: string;
  at: number;
}
