// The call manager: one session per sessionId, any number at once. It feeds events into the pure
// state machine (./machine.ts) and carries out the effects it returns: messages to Alexa, media
// requests to the renderer, ring timers. It also decides auto-answer, suppresses duplicates, and
// keeps one live call at a time (./one-live-call.ts): answering or resuming a call holds the other.
import { createHash } from 'node:crypto';
import type { Message } from '../protocol/messages.js';
import type { OutgoingMessage } from '../protocol/outgoing.js';
import type { SendResult } from '../signaling/alexa-client.js';
import { sendFailureWords } from './failure-words.js';
import { startIncoming, startOutgoing, transition } from './machine.js';
import { holdsAside, takesTheLine } from './one-live-call.js';
import type { Address, CallEvent, CallState, Claim, ClaimResult, Effect, EndReason, Intent, MachineConfig, MediaRequest, MediaResult, Transition } from './types.js';

export type AutoAnswer = { policy: 'off' | 'all' | 'idle'; delayMs: number };

export interface CallManagerDeps {
  config(): MachineConfig;
  autoAnswer(): AutoAnswer;
  /** The desk refuses calls while do-not-disturb is on. */
  dnd(): boolean;
  /** The desk's own participant id (callee of incoming calls, caller of outgoing ones). */
  localAddress(): Address;
  send(message: OutgoingMessage, stillMatters: () => boolean): Promise<SendResult>;
  /** Hand a media request to the renderer that runs media. */
  media(request: MediaRequest): void;
  /** A call changed (created, moved, ended). */
  changed(call: CallState): void;
  /** Property mode: ask the property's desks (exactly one desk wins each claim of a call). */
  claim?(call: CallState, claim: Claim): Promise<ClaimResult>;
  /** A call ended; called once per call. */
  ended(call: CallState): void;
  /**
   * Put an ended call on record (the call history); resolves once the record is durable. An event
   * from Alexa that ended a call is acknowledged only after that, so an acknowledged call is never
   * lost; when it fails, the event is refused (503) and Alexa's retry tries the record again.
   */
  record?(call: CallState): Promise<void>;
  /** A message to Alexa failed for good. */
  sendFailed(call: CallState, message: OutgoingMessage, result: Extract<SendResult, { ok: false }>): void;
  newSessionId(): string;
  now?(): number;
}

export type Outcome<T = void> = { ok: true; value: T } | { ok: false; status: 404 | 409 | 503; error: string };

/** How long an ended call is kept to answer late or repeated events idempotently. */
const ENDED_RETENTION_MS = 10 * 60_000;
const MAX_ENDED_KEPT = 2_000;
/** Fingerprints of events already applied, per call (for exact-duplicate suppression). */
const MAX_FINGERPRINTS = 64;

interface Session {
  state: CallState;
  fingerprints: string[];
  ringTimer: NodeJS.Timeout | null;
  autoAnswerTimer: NodeJS.Timeout | null;
  /** The media request the renderer still owes a result for (re-sent when a renderer claims media). */
  pendingMedia: MediaRequest | null;
  /** Messages to Alexa leave strictly in order per call. */
  sendChain: Promise<void>;
  /** The ended call's record being made durable (deps.record); null before the end or after a failure. */
  record: Promise<void> | null;
  /** The call whose line this one was put on hold for: one try per line (a hold that fails is not repeated). */
  heldFor: string | null;
}

const OK: Outcome = { ok: true, value: undefined };

export class CallManager {
  private readonly sessions = new Map<string, Session>();
  private readonly now: () => number;
  private lastPruneAt = 0;
  /** The call the desk talks to (answered, resumed or placed last); the others are held. */
  private line: string | null = null;

  constructor(private readonly deps: CallManagerDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Every known call, live ones and recently ended ones, oldest first. */
  calls(): CallState[] {
    return [...this.sessions.values()].map((s) => s.state);
  }

  liveCalls(): CallState[] {
    return this.calls().filter((c) => c.phase !== 'ended');
  }

  get(sessionId: string): CallState | undefined {
    return this.sessions.get(sessionId)?.state;
  }

  /**
   * An event from Alexa (through the skill webhook). It takes effect at once; the outcome resolves
   * when it may be acknowledged: for a call that has ended, once the call is on record.
   */
  async handleAlexaEvent(message: Message): Promise<Outcome> {
    const fingerprint = fingerprintOf(message);
    const existing = this.sessions.get(message.sessionId);
    if (existing?.fingerprints.includes(fingerprint)) return this.onRecord(existing);

    if (message.type === 'Alexa.Comms.CallSignaling.InitiateOutboundCall') {
      if (existing) return { ok: false, status: 409, error: `sessionId: call ${message.sessionId} already exists` };
      return this.startIncomingCall(message as Message<'InitiateOutboundCall'>, fingerprint);
    }
    if (!existing) return { ok: false, status: 404, error: `sessionId: no call with id ${message.sessionId}` };
    const outcome = this.dispatch(existing, { kind: 'alexa', message, now: this.now() });
    if (!outcome.ok) return outcome;
    remember(existing, fingerprint);
    return this.onRecord(existing);
  }

  /** Staff place a call to a room. */
  startOutgoingCall(remote: Address, video: boolean): Outcome<{ sessionId: string }> {
    const sessionId = this.deps.newSessionId();
    const t = startOutgoing({ sessionId, remote, local: this.deps.localAddress(), video, now: this.now() }, this.deps.config());
    if (!t.ok) return { ok: false, status: 409, error: t.message };
    this.create(t);
    return { ok: true, value: { sessionId } };
  }

  intent(sessionId: string, intent: Intent): Outcome {
    const session = this.sessions.get(sessionId);
    if (!session) return { ok: false, status: 404, error: `No call with id ${sessionId}` };
    return this.dispatch(session, { kind: 'intent', ...intent, now: this.now() });
  }

  mediaResult(result: MediaResult): Outcome {
    const session = this.sessions.get(result.sessionId);
    if (!session) return { ok: false, status: 404, error: `No call with id ${result.sessionId}` };
    const outcome = this.dispatch(session, { kind: 'media', result, now: this.now() });
    if (outcome.ok && session.pendingMedia && 'requestId' in session.pendingMedia && session.pendingMedia.requestId === result.requestId) {
      session.pendingMedia = null;
    }
    return outcome;
  }

  /** Property mode: another desk answered the call or ended it; unknown or finished calls ignore it. */
  fromOtherDesk(sessionId: string, news: { answeredBy: string } | { endedAs: EndReason }): Outcome {
    const session = this.sessions.get(sessionId);
    if (!session) return { ok: false, status: 404, error: `No call with id ${sessionId}` };
    return this.dispatch(session, { kind: 'elsewhere', ...news, now: this.now() });
  }

  /** Media requests still owed by the renderer, for a renderer that just claimed media. */
  pendingMediaRequests(): MediaRequest[] {
    return [...this.sessions.values()].flatMap((s) => (s.pendingMedia && s.state.phase !== 'ended' ? [s.pendingMedia] : []));
  }

  /** End every live call with CallEnded and wait (bounded) until those messages have left. */
  async shutdown(timeoutMs = 5_000): Promise<void> {
    for (const session of this.sessions.values()) {
      if (session.state.phase !== 'ended') this.dispatch(session, { kind: 'shutdown', now: this.now() });
    }
    const chains = [...this.sessions.values()].map((s) => s.sendChain);
    await Promise.race([Promise.all(chains), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
    for (const session of this.sessions.values()) clearTimers(session);
  }

  /** OK once an ended call is on record (a live call has nothing to wait for); a failed record is tried again. */
  private async onRecord(session: Session): Promise<Outcome> {
    if (session.state.phase !== 'ended' || !this.deps.record) return OK;
    session.record ??= this.deps.record(session.state);
    const record = session.record;
    try {
      await record;
      return OK;
    } catch (e) {
      if (session.record === record) session.record = null;
      return { ok: false, status: 503, error: `the call could not be put on record; send the event again (${e instanceof Error ? e.message : String(e)})` };
    }
  }

  private startIncomingCall(message: Message<'InitiateOutboundCall'>, fingerprint: string): Promise<Outcome> {
    const t = startIncoming({ message, local: undefined, now: this.now() }, this.deps.config());
    if (!t.ok) return Promise.resolve({ ok: false, status: 409, error: t.message });
    const session = this.create(t);
    remember(session, fingerprint);
    if (this.deps.dnd()) {
      this.dispatch(session, { kind: 'intent', intent: 'decline', dnd: true, now: this.now() });
    } else {
      this.maybeAutoAnswer(session);
    }
    return this.onRecord(session);
  }

  private maybeAutoAnswer(session: Session): void {
    const { policy, delayMs } = this.deps.autoAnswer();
    const isOnlyCall = () => this.liveCalls().every((c) => c.sessionId === session.state.sessionId);
    const answer = policy === 'all' || (policy === 'idle' && isOnlyCall());
    if (!answer) return;
    const run = () => {
      session.autoAnswerTimer = null;
      if (session.state.phase === 'ringing') this.dispatch(session, { kind: 'intent', intent: 'answer', video: false, now: this.now() });
    };
    if (delayMs > 0) session.autoAnswerTimer = setTimeout(run, delayMs);
    else run();
  }

  private create(t: Extract<Transition, { ok: true }>): Session {
    const session: Session = {
      state: t.state,
      fingerprints: [],
      ringTimer: null,
      autoAnswerTimer: null,
      pendingMedia: null,
      sendChain: Promise.resolve(),
      record: null,
      heldFor: null,
    };
    this.sessions.set(t.state.sessionId, session);
    this.prune();
    this.apply(session, t.effects);
    this.deps.changed(session.state);
    this.keepOneLive(session, null);
    return session;
  }

  /**
   * After a call changed: if it took the line, every other call that is up goes on hold; if it is
   * up beside the call with the line (it just connected, or a renegotiation that kept it from
   * being held just finished), it goes on hold. A hold the machine refuses now is tried again at
   * the call's next change.
   */
  private keepOneLive(session: Session, before: CallState | null): void {
    const call = session.state;
    if (call.phase === 'ended' && this.line === call.sessionId) this.line = null;
    if (!takesTheLine(before, call)) {
      this.holdAside(session);
      return;
    }
    this.line = call.sessionId;
    session.heldFor = null; // it has the line now: the next call to take it may hold it again
    for (const other of this.sessions.values()) this.holdAside(other);
  }

  private holdAside(session: Session): void {
    if (!holdsAside(session.state, this.line) || session.heldFor === this.line) return;
    if (this.dispatch(session, { kind: 'intent', intent: 'hold', now: this.now() }).ok) session.heldFor = this.line;
  }

  private dispatch(session: Session, event: CallEvent): Outcome {
    const before = session.state;
    const t = transition(before, event, this.deps.config());
    if (!t.ok) return { ok: false, status: 409, error: t.message };
    session.state = t.state;
    this.apply(session, t.effects);
    if (t.state !== before) {
      if (t.state.phase === 'ended' && before.phase !== 'ended') {
        clearTimers(session);
        session.pendingMedia = null;
        if (this.deps.record) {
          session.record = this.deps.record(t.state);
          session.record.catch(() => {}); // awaited by the event that ended the call, if any
        }
        this.deps.ended(t.state);
      }
      this.deps.changed(t.state);
      this.keepOneLive(session, before);
    }
    return { ok: true, value: undefined };
  }

  private apply(session: Session, effects: Effect[]): void {
    for (const effect of effects) {
      switch (effect.kind) {
        case 'send':
          this.enqueueSend(session, effect.message, effect.forProperty ?? false);
          break;
        case 'claim':
          this.enqueueClaim(session, effect.claim);
          break;
        case 'media':
          session.pendingMedia = effect.request.op === 'close' ? null : effect.request;
          this.deps.media(effect.request);
          break;
        case 'start-ring-timer':
          if (session.ringTimer) clearTimeout(session.ringTimer);
          session.ringTimer = setTimeout(() => {
            session.ringTimer = null;
            this.dispatch(session, { kind: 'ring-timeout', now: this.now() });
          }, effect.ms);
          break;
        case 'cancel-ring-timer':
          if (session.ringTimer) clearTimeout(session.ringTimer);
          session.ringTimer = null;
          break;
        default:
          assertNever(effect);
      }
    }
  }

  private enqueueSend(session: Session, message: OutgoingMessage, forProperty: boolean): void {
    const isEnd = message.type === 'Alexa.Comms.CallSignaling.CallEnded';
    // A message stops mattering once the call ended, except the CallEnded that ends it and what
    // this desk sends for the property's desks.
    const stillMatters = () => isEnd || forProperty || session.state.phase !== 'ended';
    session.sendChain = session.sendChain.then(async () => {
      if (!stillMatters()) return;
      const result = await this.deps.send(message, stillMatters).catch(
        (e: unknown): SendResult => ({ ok: false, status: null, message: e instanceof Error ? e.message : String(e) }),
      );
      if (result.ok) {
        this.dispatch(session, { kind: 'sent', messageType: message.type, now: this.now() });
        return;
      }
      this.deps.sendFailed(session.state, message, result);
      this.dispatch(session, { kind: 'send-failed', messageType: message.type, detail: sendFailureWords(message.type, result.status), now: this.now() });
    });
  }

  /** Claims queue with the call's messages, so a won claim's message keeps its place in the order. */
  private enqueueClaim(session: Session, claim: Claim): void {
    session.sendChain = session.sendChain.then(async () => {
      const result = this.deps.claim
        ? await this.deps.claim(session.state, claim).catch((): ClaimResult => ({ outcome: 'failed', error: 'call.failed.noAgreement' }))
        : { outcome: 'won' as const }; // one desk alone wins every claim
      this.dispatch(session, { kind: 'claim-result', claim, result, now: this.now() });
    });
  }

  private prune(): void {
    // Ended calls are few next to the events between two prunes: once a second is plenty.
    if (this.now() - this.lastPruneAt < 1_000) return;
    this.lastPruneAt = this.now();
    const cutoff = this.now() - ENDED_RETENTION_MS;
    const ended = [...this.sessions.values()].filter((s) => s.state.phase === 'ended');
    const excess = ended.length - MAX_ENDED_KEPT;
    ended.forEach((s, i) => {
      if (i < excess || (s.state.endedAt ?? 0) < cutoff) this.sessions.delete(s.state.sessionId);
    });
  }
}

function remember(session: Session, fingerprint: string): void {
  session.fingerprints.push(fingerprint);
  if (session.fingerprints.length > MAX_FINGERPRINTS) session.fingerprints.shift();
}

function clearTimers(session: Session): void {
  if (session.ringTimer) clearTimeout(session.ringTimer);
  if (session.autoAnswerTimer) clearTimeout(session.autoAnswerTimer);
  session.ringTimer = session.autoAnswerTimer = null;
}

/** Identical events (same body, whatever the key order) share a fingerprint. */
function fingerprintOf(message: Message): string {
  return createHash('sha256').update(canonicalJson(message)).digest('base64');
}

/** JSON with object keys sorted. Iterative: however deep the input, no recursion. */
function canonicalJson(root: unknown): string {
  const out: string[] = [];
  // Popped in order: a value still to write, or text to emit as is.
  const todo: ({ value: unknown } | string)[] = [{ value: root }];
  while (todo.length > 0) {
    const item = todo.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const { value } = item;
    if (Array.isArray(value)) {
      out.push('[');
      todo.push(']');
      for (let i = value.length - 1; i >= 0; i--) {
        todo.push({ value: value[i] });
        if (i > 0) todo.push(',');
      }
    } else if (value && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
      out.push('{');
      todo.push('}');
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, inner] = entries[i]!;
        todo.push({ value: inner }, `${JSON.stringify(key)}:`);
        if (i > 0) todo.push(',');
      }
    } else {
      out.push(JSON.stringify(value) ?? 'null');
    }
  }
  return out.join('');
}

function assertNever(x: never): never {
  throw new Error(`unhandled effect ${JSON.stringify(x)}`);
}
