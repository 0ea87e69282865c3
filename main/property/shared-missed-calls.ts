// The property's missed calls, shared by its desks in the missed bucket: a call nobody answered is
// listed at every desk, and calling the room back (or clearing it) at any desk clears it everywhere.
import type { KV, KvWatchEntry } from '@nats-io/kv';
import { z } from 'zod';
import type { MissedCall } from '../domain/call.js';
import type { Logger } from '../log/logger.js';
import { PARTICIPANT_ID_TYPES } from '../protocol/messages.js';
import { missedList, missedView, type MissedCalls, type MissedEntry } from '../desk/missed-calls.js';
import type { RoomLookup } from '../desk/views.js';
import { sessionKey } from './names.js';

const entrySchema = z.strictObject({
  sessionId: z.string().min(1).max(512),
  remote: z.strictObject({ type: z.enum(PARTICIPANT_ID_TYPES), value: z.string().min(1).max(512) }),
  at: z.number().int().nonnegative(),
  reason: z.enum(['missed', 'declined', 'failed', 'completed', 'no-answer', 'cancelled', 'answered-elsewhere']),
}) satisfies z.ZodType<MissedEntry>;

export class SharedMissedCalls implements MissedCalls {
  private readonly entries = new Map<string, MissedEntry>();
  private watcher: Awaited<ReturnType<KV['watch']>> | null = null;

  constructor(private readonly deps: { missed: KV; roomFor: RoomLookup; log: Logger; changed(): void }) {}

  async start(): Promise<void> {
    this.watcher = await this.deps.missed.watch();
    void this.follow(this.watcher);
  }

  stop(): void {
    this.watcher?.stop();
  }

  list(): MissedCall[] {
    return missedList(this.entries.values(), this.deps.roomFor);
  }

  add(entry: MissedEntry): void {
    this.set(sessionKey(entry.sessionId), entry);
    this.deps.missed.put(sessionKey(entry.sessionId), JSON.stringify(entry)).catch((e: unknown) =>
      this.deps.log.warn('missed call not shared with the other desks', { sessionId: entry.sessionId, error: String(e) }),
    );
  }

  clear(roomId?: string | null): void {
    for (const [key, entry] of [...this.entries]) {
      if (roomId && missedView(entry, this.deps.roomFor).roomId !== roomId) continue;
      this.entries.delete(key);
      this.deps.missed.delete(key).catch((e: unknown) => this.deps.log.warn('missed call not cleared at the other desks', { error: String(e) }));
    }
    this.deps.changed();
  }

  private async follow(watcher: NonNullable<typeof this.watcher>): Promise<void> {
    for await (const entry of watcher) this.onEntry(entry);
  }

  private onEntry(entry: KvWatchEntry): void {
    if (entry.operation !== 'PUT') {
      if (this.entries.delete(entry.key)) this.deps.changed();
      return;
    }
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(entry.string());
    } catch {
      // reported below
    }
    const missed = entrySchema.safeParse(parsed);
    if (!missed.success) {
      this.deps.log.warn('a missed call on the property server is not valid; ignored', { key: entry.key });
      return;
    }
    this.set(entry.key, missed.data);
  }

  private set(key: string, entry: MissedEntry): void {
    this.entries.set(key, entry);
    this.deps.changed();
  }
}
