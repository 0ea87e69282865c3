// Banners for the front desk: what went wrong, in plain words, with the fix one click away.
import { randomUUID } from 'node:crypto';
import type { Notice } from '../domain/notice.js';
import { redactText, type Logger } from '../log/logger.js';

const MAX_NOTICES = 20;

/**
 * What a notice is about, so that it goes once the trouble is over: a later message that reaches
 * Alexa clears "could not be reached", a link that works again clears "relink".
 */
export type NoticeTopic = 'alexa' | 'link' | `call:${string}`;

export class Notices {
  private list: Notice[] = [];
  private readonly topics = new Map<string, NoticeTopic>();

  private readonly now: () => number;

  /** Every notice shown is also logged, with its detail. */
  constructor(
    private readonly changed: (notices: Notice[]) => void,
    private readonly opts: { log?: Logger; now?: () => number } = {},
  ) {
    this.now = opts.now ?? Date.now;
  }

  all(): Notice[] {
    return this.list;
  }

  /**
   * Adds a notice; one with the same text, or about the same topic, replaces the older one instead
   * of stacking.
   */
  add(input: Omit<Notice, 'id' | 'at'>, topic?: NoticeTopic): Notice {
    // Texts and details quote what Alexa or LWA said: nothing shaped like a secret reaches the screen.
    const notice = { ...input, text: redactText(input.text), ...(input.detail === undefined ? {} : { detail: redactText(input.detail) }) };
    const added: Notice = { ...notice, id: randomUUID(), at: this.now() };
    const { level, text, detail, sessionId } = notice;
    this.opts.log?.[level === 'info' ? 'info' : 'warn']('notice shown', { level, text, detail, sessionId });
    const replaced = (n: Notice) => n.text === notice.text || (topic !== undefined && this.topics.get(n.id) === topic);
    this.setList([added, ...this.list.filter((n) => !replaced(n))].slice(0, MAX_NOTICES));
    if (topic) this.topics.set(added.id, topic);
    return added;
  }

  /** The trouble is over: its notices go. */
  clear(...topics: NoticeTopic[]): void {
    this.dismissWhere((n) => topics.includes(this.topics.get(n.id) as NoticeTopic));
  }

  /** Removes every notice the predicate picks (one change for all of them). */
  dismissWhere(pick: (notice: Notice) => boolean): void {
    const kept = this.list.filter((n) => !pick(n));
    if (kept.length !== this.list.length) this.setList(kept);
  }

  dismiss(id: string): boolean {
    const before = this.list.length;
    this.dismissWhere((n) => n.id === id);
    return this.list.length !== before;
  }

  private setList(list: Notice[]): void {
    this.list = list;
    for (const id of this.topics.keys()) if (!list.some((n) => n.id === id)) this.topics.delete(id);
    this.changed(this.list);
  }
}

// ---- the texts: each notice is one whole sentence with its parameters, built here and nowhere
// else, so the words can be reviewed (and translated) in one place.

type NoticeInput = Omit<Notice, 'id' | 'at'>;

/** A call's connection failed (ICE): what the console does about it, or the usual cause and the fix. */
export function connectionNotice(title: string, retrying: boolean): { level: 'warning' | 'error'; text: string; detail: string } {
  return retrying
    ? { level: 'warning', text: `The call with ${title} lost its connection: reconnecting…`, detail: 'The media connection (ICE) failed; reconnecting with new ICE credentials (CALL_UPDATE).' }
    : {
        level: 'error',
        text: `The call with ${title} could not connect: the network blocks media; a TURN server may be needed`,
        detail: 'The media connection (ICE) failed again after reconnecting with new ICE credentials.',
      };
}

/**
 * A message to Alexa failed for good (after the client's retries). Staff read what it means for the
 * call and what to do; the client's account of it (message type, HTTP status, Alexa's words) is the
 * detail.
 */
export function sendFailureNotice(
  messageType: string,
  status: number | null,
  detail: string,
  call: { sessionId: string; title: string },
): { notice: NoticeInput; topic: NoticeTopic } {
  const name = messageType.split('.').pop() ?? messageType;
  const { sessionId, title } = call;
  if (status === null && /\bEPROXYAUTH\b/.test(detail)) {
    const text = `The network's proxy wants the console to sign in, which it cannot do, so the call with ${title} may not go through — ask IT to let this computer reach api.amazonalexa.com and api.amazon.com without signing in`;
    return { topic: 'alexa', notice: { level: 'error', text, detail, sessionId } };
  }
  if (status === null && /\bEPROXY\b/.test(detail)) {
    const text = `The network's proxy refused the connection to Alexa, so the call with ${title} may not go through — ask IT to allow api.amazonalexa.com and api.amazon.com`;
    return { topic: 'alexa', notice: { level: 'error', text, detail, sessionId } };
  }
  if (status === null) {
    const text = `Alexa could not be reached, so the call with ${title} may not go through — check this computer's internet connection`;
    return { topic: 'alexa', notice: { level: 'error', text, detail, sessionId } };
  }
  if (status === 401 || status === 403) {
    return { topic: 'link', notice: { level: 'error', text: LINK_EXPIRED_TEXT, detail, action: 'relink', sessionId } };
  }
  if (name === 'InitiateInboundCall' && (status === 400 || status === 404)) {
    const text = `${title} could not be called: that Echo is not set up for calling — check the room's address in the directory`;
    return { topic: `call:${sessionId}`, notice: { level: 'error', text, detail, action: 'open-rooms', sessionId } };
  }
  const text = `Alexa did not accept the call with ${title}, and it may have dropped — call the room back if it did`;
  return { topic: `call:${sessionId}`, notice: { level: 'error', text, detail, sessionId } };
}

export const LINK_EXPIRED_TEXT = 'The link to Amazon has expired or was withdrawn: calls cannot go through — relink the console';

/** Alexa's account-linking grant could not be exchanged for a link. */
export function grantFailedNotice(detail: string): NoticeInput {
  return {
    level: 'error',
    text: 'The console could not link to Amazon when the skill was enabled — enable the skill again, or link the console in Settings',
    detail,
    action: 'relink',
  };
}

/** No keychain on this computer: what that means for this desk, said once at start. */
export function keychainNotice(whyNot: string | null): NoticeInput {
  return {
    level: 'info',
    text: 'This computer has no keychain: after each restart, the console must be linked to Amazon again',
    ...(whyNot ? { detail: whyNot } : {}),
  };
}
