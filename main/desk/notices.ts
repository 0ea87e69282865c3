// Banners for the front desk: what went wrong, in plain words, with the fix one click away.
import { randomUUID } from 'node:crypto';
import type { Notice } from '../domain/notice.js';

const MAX_NOTICES = 20;

export class Notices {
  private list: Notice[] = [];

  constructor(private readonly changed: (notices: Notice[]) => void, private readonly now: () => number = Date.now) {}

  all(): Notice[] {
    return this.list;
  }

  /** Adds a notice; one with the same text replaces the older copy instead of stacking. */
  add(notice: Omit<Notice, 'id' | 'at'>): Notice {
    const added: Notice = { ...notice, id: randomUUID(), at: this.now() };
    this.list = [added, ...this.list.filter((n) => n.text !== notice.text)].slice(0, MAX_NOTICES);
    this.changed(this.list);
    return added;
  }

  /** Removes every notice the predicate picks (one change for all of them). */
  dismissWhere(pick: (notice: Notice) => boolean): void {
    const kept = this.list.filter((n) => !pick(n));
    if (kept.length === this.list.length) return;
    this.list = kept;
    this.changed(this.list);
  }

  dismiss(id: string): boolean {
    const before = this.list.length;
    this.list = this.list.filter((n) => n.id !== id);
    if (this.list.length === before) return false;
    this.changed(this.list);
    return true;
  }
}

/** A call's connection failed (ICE): what the console does about it, or the usual cause and the fix. */
export function connectionNotice(title: string, retrying: boolean): { level: 'warning' | 'error'; text: string } {
  return retrying
    ? { level: 'warning', text: `The call with ${title} lost its connection: reconnecting…` }
    : { level: 'error', text: `The call with ${title} could not connect: the network blocks media; a TURN server may be needed` };
}

const WHAT: Record<string, string> = {
  InitiateInboundCall: 'the call to the room',
  CallRinging: 'the ringing signal',
  CallRingingAck: 'a ringing acknowledgement',
  CallInProgress: 'the early answer',
  CallInProgressAck: 'an early-answer acknowledgement',
  CallAccepted: 'the answer',
  CallAcceptedAck: 'an answer acknowledgement',
  CallUpdate: 'the call change',
  CallUpdateResponse: 'the reply to a call change',
  CallUpdateAck: 'a call-change acknowledgement',
  CallEnded: 'the hang-up',
};

/** "Alexa rejected the answer (401): the link to Amazon has expired — Relink". */
export function sendFailureNotice(
  messageType: string,
  status: number | null,
  detail: string,
  sessionId: string,
): Omit<Notice, 'id' | 'at'> {
  const what = WHAT[messageType.split('.').pop() ?? ''] ?? 'a message';
  if (status === null) {
    return { level: 'error', text: `Alexa could not be reached to send ${what}: ${detail}`, sessionId };
  }
  if (status === 401 || status === 403) {
    return {
      level: 'error',
      text: `Alexa rejected ${what} (${status}): the link to Amazon has expired or was revoked — relink the console`,
      action: 'relink',
      sessionId,
    };
  }
  return { level: 'error', text: `Alexa rejected ${what} (${status}): ${detail}`, sessionId };
}
