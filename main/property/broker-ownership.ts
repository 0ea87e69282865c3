// Call ownership among the property's desks, on the broker's calls bucket: each claim is a create
// or a compare-and-set of the call's record, so exactly one desk wins it. The desk that owns a call
// keeps its record up to date, every desk watches the records to stop ringing for calls another desk
// took and to show the rooms other desks are on a call with, and the desks clean up after a desk that
// went away in the middle of a call.
import type { KV, KvEntry } from '@nats-io/kv';
import type { CallState, Claim, ClaimResult, EndReason } from '../calls/types.js';
import type { Logger } from '../log/logger.js';
import type { DeskRef } from '../domain/property.js';
import { decideClaim, readCallRecord, recordOf, type CallRecord } from './call-records.js';
import { sessionKey } from './names.js';

/** Tries of one claim when other desks write the same record at the same moment. */
const MAX_CAS_TRIES = 20;
/** An open record older than this rings nowhere any more (the longest ring timeout is 10 min). */
const OPEN_RECORD_MAX_AGE_MS = 11 * 60_000;
const SWEEP_MS = 5_000;

export interface BrokerOwnershipDeps {
  calls: KV;
  me: DeskRef;
  /** Ids of the property's desks online now, this one included. */
  online(): readonly string[];
  /** Whether a desk is known to have gone (no heartbeat for a while). */
  gone(deskId: string): boolean;
  log: Logger;
  /** Another desk took or ended a call this desk may be ringing for. */
  news(sessionId: string, news: { answeredBy: string } | { endedAs: EndReason }): void;
  /** A call ended for the property without an answer (once, by the desk that ended it). */
  missed(record: CallRecord): void;
  /** The desk that had this call went away mid-call: tell Alexa it ended (once, by the desk that cleaned up). */
  endAtAlexa(sessionId: string): void;
  /** The records changed (the shared picture). */
  changed(): void;
  now?(): number;
}

export class BrokerOwnership {
  private readonly records = new Map<string, CallRecord>();
  private readonly writes = new Map<string, Promise<unknown>>();
  private watcher: Awaited<ReturnType<KV['watch']>> | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: BrokerOwnershipDeps) {
    this.now = deps.now ?? Date.now;
  }

  async start(): Promise<void> {
    this.watcher = await this.deps.calls.watch();
    void this.follow(this.watcher);
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  stop(): void {
    this.watcher?.stop();
    if (this.sweeper) clearInterval(this.sweeper);
  }

  /** Live calls of the property that another desk has, or that ring while this desk does not ring. */
  elsewhere(): CallRecord[] {
    return [...this.records.values()].filter((r) => r.state !== 'ended' && r.owner?.id !== this.deps.me.id);
  }

  /** The record as last seen, for a call this desk is about to ring for. */
  async lookup(sessionId: string): Promise<CallRecord | null> {
    const entry = await this.deps.calls.get(sessionKey(sessionId));
    return entry && entry.operation === 'PUT' ? readCallRecord(entry.value) : null;
  }

  async claim(call: CallState, claim: Claim): Promise<ClaimResult> {
    const key = sessionKey(call.sessionId);
    for (let attempt = 0; attempt < MAX_CAS_TRIES; attempt++) {
      const entry = await this.deps.calls.get(key);
      const record = entry && entry.operation === 'PUT' ? readCallRecord(entry.value) : null;
      const step = decideClaim({ record, claim, call, me: this.deps.me, online: this.deps.online(), now: this.now() });
      if (!step.write) return step.result;
      try {
        const data = JSON.stringify(step.write);
        // A create fails if any desk wrote first; an update fails if any desk wrote since the read.
        if (entry) await this.deps.calls.update(key, data, entry.revision);
        else await this.deps.calls.create(key, data);
      } catch (e) {
        if (isWrongSequence(e)) continue; // another desk wrote first: read again and decide again
        throw e;
      }
      this.remember(step.write);
      if (step.missed) this.deps.missed(step.write);
      return step.result;
    }
    return { outcome: 'failed', error: 'call.failed.noAgreement' };
  }

  /** A call this desk owns changed: its record follows, one write at a time per call. */
  changed(call: CallState): void {
    if (call.ownership !== 'mine') return;
    const record = recordOf(call, this.deps.me, this.now());
    const previous = this.records.get(call.sessionId);
    if (previous && previous.state === record.state && previous.phase === record.phase && previous.held === record.held) return;
    this.remember(record);
    const key = sessionKey(call.sessionId);
    const write = (this.writes.get(key) ?? Promise.resolve())
      .then(() => this.deps.calls.put(key, JSON.stringify(record)))
      .catch((e: unknown) => this.deps.log.warn('call record not written', { sessionId: call.sessionId, error: String(e) }));
    this.writes.set(key, write);
    void write.then(() => {
      if (this.writes.get(key) === write) this.writes.delete(key);
    });
  }

  /** Pending record writes, e.g. before the desk stops. */
  async flush(): Promise<void> {
    await Promise.all(this.writes.values());
  }

  private async follow(watcher: NonNullable<typeof this.watcher>): Promise<void> {
    for await (const entry of watcher) this.onEntry(entry);
  }

  private onEntry(entry: KvEntry): void {
    if (entry.operation !== 'PUT') return;
    const record = readCallRecord(entry.value);
    if (!record) {
      this.deps.log.warn('a call record on the property server is not valid; ignored', { key: entry.key });
      return;
    }
    this.remember(record);
    if (record.state === 'owned' && record.owner && record.owner.id !== this.deps.me.id) {
      this.deps.news(record.sessionId, { answeredBy: record.owner.name });
    } else if (record.state === 'ended' && record.endReason) {
      this.deps.news(record.sessionId, { endedAs: record.endReason });
    }
  }

  private remember(record: CallRecord): void {
    this.records.set(record.sessionId, record);
    if (record.state === 'ended') setTimeout(() => this.forget(record), 60_000).unref();
    this.deps.changed();
  }

  private forget(record: CallRecord): void {
    if (this.records.get(record.sessionId) === record) this.records.delete(record.sessionId);
  }

  /** Ends calls whose desk went away mid-call, and open records nobody rings for any more. */
  private async sweep(): Promise<void> {
    const now = this.now();
    for (const record of [...this.records.values()]) {
      const orphaned = record.state === 'owned' && record.owner !== null && record.owner.id !== this.deps.me.id && this.deps.gone(record.owner.id);
      const stale = record.state === 'open' && now - record.startedAt > OPEN_RECORD_MAX_AGE_MS;
      if (!orphaned && !stale) continue;
      const endReason: EndReason = orphaned ? 'failed' : 'missed';
      const won = await this.endRecord(record.sessionId, endReason).catch(() => false);
      if (won && orphaned) {
        this.deps.log.warn('the desk that had a call went away: the call is ended', { sessionId: record.sessionId, desk: record.owner?.name });
        this.deps.endAtAlexa(record.sessionId);
      }
    }
  }

  /** Compare-and-set the record to ended; true when this desk did it. */
  private async endRecord(sessionId: string, endReason: EndReason): Promise<boolean> {
    const key = sessionKey(sessionId);
    const entry = await this.deps.calls.get(key);
    const record = entry && entry.operation === 'PUT' ? readCallRecord(entry.value) : null;
    if (!entry || !record || record.state === 'ended') return false;
    const ended: CallRecord = { ...record, state: 'ended', endedAt: this.now(), endReason };
    try {
      await this.deps.calls.update(key, JSON.stringify(ended), entry.revision);
    } catch (e) {
      if (isWrongSequence(e)) return false;
      throw e;
    }
    this.remember(ended);
    return true;
  }
}

function isWrongSequence(e: unknown): boolean {
  return /wrong last sequence/i.test(e instanceof Error ? e.message : String(e));
}
