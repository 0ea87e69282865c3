// Banners for the front desk: what went wrong, in plain words, with the fix one click away.
import { randomUUID } from 'node:crypto';
import type { Notice } from '../domain/notice.js';
import { sameText, text, type Text, type TextValue } from '../domain/text.js';
import { inEnglish } from '../i18n/format.js';
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

  /** Every notice shown is also logged, in English, with its detail. */
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
   * Adds a notice; one with the same words, or about the same topic, replaces the older one instead
   * of stacking.
   */
  add(input: NoticeInput, topic?: NoticeTopic): Notice {
    // Values and details may quote what Alexa or LWA said: nothing shaped like a secret reaches the screen.
    const notice = { ...input, message: redacted(input.message), ...(input.detail === undefined ? {} : { detail: redactText(input.detail) }) };
    const added: Notice = { ...notice, id: randomUUID(), at: this.now() };
    const { level, message, detail, sessionId } = notice;
    this.opts.log?.[level === 'info' ? 'info' : 'warn']('notice shown', { level, text: inEnglish(message), detail, sessionId });
    const replaced = (n: Notice) => sameText(n.message, notice.message) || (topic !== undefined && this.topics.get(n.id) === topic);
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

// ---- the notices the console raises, each one whole sentence of the catalogue (locales/) with its
// values, built here and nowhere else.

export type NoticeInput = Omit<Notice, 'id' | 'at'>;

function redacted(message: Text): Text {
  if (!message.values) return message;
  const values: Record<string, TextValue> = {};
  for (const [name, value] of Object.entries(message.values)) {
    values[name] = typeof value === 'string' ? redactText(value) : typeof value === 'object' ? redacted(value) : value;
  }
  return { ...message, values };
}

/** A call's room as staff read it in a sentence: its name, or "Unknown room". */
export function roomWords(call: { roomId: string | null; title: string }): TextValue {
  return call.roomId === null ? text('room.unknown') : call.title;
}

/** A call's connection failed (ICE): what the console does about it, or the usual cause and the fix. */
export function connectionNotice(room: TextValue, retrying: boolean): { level: 'warning' | 'error'; message: Text; detail: string } {
  return retrying
    ? { level: 'warning', message: text('notice.connectionRetrying', { room }), detail: 'The media connection (ICE) failed; reconnecting with new ICE credentials (CALL_UPDATE).' }
    : {
        level: 'error',
        message: text('notice.connectionBlocked', { room }),
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
  call: { sessionId: string; roomId: string | null; title: string },
): { notice: NoticeInput; topic: NoticeTopic } {
  const name = messageType.split('.').pop() ?? messageType;
  const { sessionId } = call;
  const room = roomWords(call);
  if (status === null && /\bEPROXYAUTH\b/.test(detail)) {
    return { topic: 'alexa', notice: { level: 'error', message: text('notice.proxySignIn', { room }), detail, sessionId } };
  }
  if (status === null && /\bEPROXY\b/.test(detail)) {
    return { topic: 'alexa', notice: { level: 'error', message: text('notice.proxyRefused', { room }), detail, sessionId } };
  }
  if (status === null) {
    return { topic: 'alexa', notice: { level: 'error', message: text('notice.alexaUnreachable', { room }), detail, sessionId } };
  }
  if (status === 401 || status === 403) {
    return { topic: 'link', notice: { level: 'error', message: LINK_EXPIRED, detail, action: 'relink', sessionId } };
  }
  if (name === 'InitiateInboundCall' && (status === 400 || status === 404)) {
    return { topic: `call:${sessionId}`, notice: { level: 'error', message: text('notice.echoNotSetUp', { room }), detail, action: 'open-rooms', sessionId } };
  }
  return { topic: `call:${sessionId}`, notice: { level: 'error', message: text('notice.alexaRefused', { room }), detail, sessionId } };
}

export const LINK_EXPIRED = text('notice.linkExpired');

/** Alexa's account-linking grant could not be exchanged for a link. */
export function grantFailedNotice(detail: string): NoticeInput {
  return { level: 'error', message: text('notice.grantFailed'), detail, action: 'relink' };
}

/** No keychain on this computer: what that means for this desk, said once at start. */
export function keychainNotice(whyNot: string | null): NoticeInput {
  return { level: 'info', message: text('notice.noKeychain'), ...(whyNot ? { detail: whyNot } : {}) };
}
