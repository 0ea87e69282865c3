// Property mode for one desk: the broker connection and, once it is up, the services that make the
// desk one of the property's desks — events from the property's stream, call ownership by claims,
// presence, the shared missed calls. The desk composes this in place of the webhook and its own
// missed list; everything else (the call manager, signaling to Alexa) is the same in both modes.
import type { CallState, Claim, ClaimResult, EndReason } from '../calls/types.js';
import type { CallView } from '../domain/call.js';
import type { DeskRef, PropertyStatus } from '../domain/property.js';
import { text } from '../domain/text.js';
import type { Notices } from '../desk/notices.js';
import { LocalMissedCalls, type MissedCalls } from '../desk/missed-calls.js';
import { UNKNOWN_ROOM, type RoomLookup } from '../desk/views.js';
import type { Logger } from '../log/logger.js';
import type { Message } from '../protocol/messages.js';
import type { EventOutcome, GrantOutcome } from '../signaling/webhook.js';
import { Broker, CONNECTION_CLOSED, type BrokerCredential, type BrokerState } from './broker.js';
import { BrokerIngress } from './broker-ingress.js';
import { BrokerOwnership } from './broker-ownership.js';
import type { CallRecord } from './call-records.js';
import { propertyNames, type PropertyNames } from './names.js';
import { Presence } from './presence.js';
import { SharedMissedCalls } from './shared-missed-calls.js';

/** How long a claim waits for the property server to come back. */
const CLAIM_WAIT_MS = 15_000;
const ANSWER_CLAIM_WAIT_MS = 4_000;

export interface PropertyConfig {
  url: string;
  property: string;
  credential: BrokerCredential;
}

export interface PropertyModeDeps {
  config: PropertyConfig;
  me: DeskRef;
  notices: Notices;
  log: Logger;
  roomFor: RoomLookup;
  onEvent(message: Message): Promise<EventOutcome>;
  onGrant(grant: { code: string; request: unknown }): Promise<GrantOutcome>;
  /** The ring timeout now: an offer older than this is not ringing any more. */
  ringTimeoutMs(): number;
  /** Whether this desk can take calls now (it is linked to Amazon); one that cannot does not ring. */
  takesCalls(): boolean;
  /** Another desk took or ended a call. */
  news(sessionId: string, news: { answeredBy: string } | { endedAs: EndReason }): void;
  /** The desk that had this call went away: end it at Alexa. */
  endAtAlexa(sessionId: string): void;
  /** Status (connection, desks online) or the shared picture changed. */
  changed(): void;
}

interface Running {
  ownership: BrokerOwnership;
  presence: Presence;
  missed: SharedMissedCalls;
  ingress: BrokerIngress;
}

export class PropertyMode {
  readonly names: PropertyNames;
  private readonly broker: Broker;
  private running: Running | null = null;
  private starting: Promise<void> | null = null;
  private noticeId: string | null = null;
  private stopped = false;
  /** The list shown until the property's missed calls are loaded: empty. */
  private readonly noMissed: LocalMissedCalls;

  constructor(private readonly deps: PropertyModeDeps) {
    this.names = propertyNames(deps.config.property);
    this.noMissed = new LocalMissedCalls(deps.roomFor, deps.changed);
    this.broker = new Broker({
      url: deps.config.url,
      credential: deps.config.credential,
      name: `desk ${deps.me.name}`,
      log: deps.log,
      changed: (state, error) => this.onBrokerState(state, error),
    });
  }

  get url(): string {
    return this.deps.config.url;
  }

  /** Connects in the background: the desk starts (and says the server is unreachable) without waiting. */
  start(): void {
    this.starting = this.run().catch((e: unknown) => {
      const error = e instanceof Error ? e.message : String(e);
      if (this.stopped) return;
      this.deps.log.error('property mode could not start', { error });
      this.deps.notices.add({ level: 'error', message: text('notice.propertyJoinFailed'), detail: `This desk could not join the property: ${error}`, action: 'open-settings' });
    });
  }

  status(): PropertyStatus {
    return {
      broker: this.deps.config.url,
      property: this.deps.config.property,
      state: this.broker.state,
      desks: this.running?.presence.online() ?? [this.deps.me],
    };
  }

  get missed(): MissedCalls {
    return this.running?.missed ?? this.noMissed;
  }

  /**
   * A claim waits out a short outage of the property server: the one CallRinging or CallEnded must
   * not be lost to a broker restart, and staff answering during one wait a moment, not forever.
   */
  async claim(call: CallState, claim: Claim): Promise<ClaimResult> {
    const deadline = Date.now() + (claim.what === 'answer' ? ANSWER_CLAIM_WAIT_MS : CLAIM_WAIT_MS);
    for (;;) {
      if (this.running && this.broker.state === 'connected') {
        try {
          return await this.running.ownership.claim(call, claim);
        } catch (e) {
          this.deps.log.warn('claim not made; trying again', { sessionId: call.sessionId, claim: claim.what, error: String(e) });
        }
      }
      if (this.stopped || Date.now() >= deadline) return { outcome: 'failed', error: 'call.failed.propertyUnreachable' };
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  callChanged(call: CallState): void {
    this.running?.ownership.changed(call);
  }

  /** Calls of the property this desk does not have: for the room tiles. */
  elsewhere(): CallView[] {
    return (this.running?.ownership.elsewhere() ?? []).map((r) => elsewhereView(r, this.deps.roomFor));
  }

  /** Whether a desk that holds the signaling client answers the property's grant requests. */
  answerGrants(on: boolean): void {
    void this.starting?.then(() => this.running?.ingress.answerGrants(on));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const running = this.running;
    if (running) {
      await running.ingress.stop();
      await running.ownership.flush();
      running.ownership.stop();
      running.missed.stop();
      await running.presence.stop();
    }
    await this.broker.close();
  }

  private async run(): Promise<void> {
    const buckets = await this.broker.openProperty(this.names);
    if (this.stopped) return;
    const { deps } = this;
    const presence = new Presence({ desks: buckets.desks, me: deps.me, takesCalls: deps.takesCalls, log: deps.log, changed: deps.changed });
    const missed = new SharedMissedCalls({ missed: buckets.missed, roomFor: deps.roomFor, log: deps.log, changed: deps.changed });
    const ownership = new BrokerOwnership({
      calls: buckets.calls,
      me: deps.me,
      // "The last desk to leave a call" counts the desks that ring for calls.
      online: () => presence.ringingIds(),
      gone: (id) => presence.gone(id),
      log: deps.log,
      news: deps.news,
      missed: (record) => missed.add({ sessionId: record.sessionId, remote: record.remote, at: record.endedAt ?? record.startedAt, reason: 'missed' }),
      endAtAlexa: deps.endAtAlexa,
      changed: deps.changed,
    });
    const ingress = new BrokerIngress({
      broker: this.broker,
      names: this.names,
      onEvent: deps.onEvent,
      onGrant: deps.onGrant,
      callIsOver: (message, publishedAt) => this.callIsOver(ownership, message.sessionId, publishedAt),
      log: deps.log,
    });
    await presence.start();
    await missed.start();
    await ownership.start();
    this.running = { ownership, presence, missed, ingress };
    await ingress.start();
    deps.log.info('this desk joined the property', { property: deps.config.property, desk: deps.me.name });
    deps.changed();
  }

  /**
   * Whether an offer from the stream should not ring here: this desk cannot take calls, or (a
   * replay) the call is too old, taken or ended.
   */
  private async callIsOver(ownership: BrokerOwnership, sessionId: string, publishedAt: number): Promise<boolean> {
    if (!this.deps.takesCalls()) return true;
    if (Date.now() - publishedAt > this.deps.ringTimeoutMs()) return true;
    const record = await ownership.lookup(sessionId);
    return record !== null && record.state !== 'open';
  }

  private onBrokerState(state: BrokerState, error: string | null): void {
    if (state === 'unreachable' && error === CONNECTION_CLOSED && !this.stopped) {
      // For good: no more retrying; the fix is the desk's settings or credential.
      if (this.noticeId) this.deps.notices.dismiss(this.noticeId);
      this.noticeId = this.deps.notices.add({ level: 'error', message: text('notice.propertyClosed'), action: 'open-settings' }).id;
    } else if (state === 'unreachable' && !this.noticeId && !this.stopped) {
      this.noticeId = this.deps.notices.add({ level: 'error', message: text('notice.propertyUnreachable') }).id;
    } else if (state === 'connected') {
      this.running?.presence.beatNow();
      if (this.noticeId) this.deps.notices.dismiss(this.noticeId);
      this.noticeId = null;
    }
    this.deps.changed();
  }
}

function elsewhereView(record: CallRecord, roomFor: RoomLookup): CallView {
  const room = roomFor(record.remote.value);
  return {
    sessionId: record.sessionId,
    direction: record.direction,
    phase: record.state === 'open' ? 'ringing' : (record.phase ?? 'active'),
    roomId: room?.id ?? null,
    title: room?.name ?? UNKNOWN_ROOM,
    remote: record.remote,
    video: false,
    held: record.held,
    heldAt: null,
    remoteHeld: false,
    negotiating: false,
    connecting: false,
    startedAt: record.startedAt,
    answeredAt: null,
    endedAt: null,
    endReason: null,
    error: null,
    desk: record.owner?.name ?? null,
  };
}
