// Which desks of the property are online: each desk puts a heartbeat in the desks bucket every few
// seconds and says goodbye when it stops; a desk not heard from for DESK_OFFLINE_AFTER_MS is offline
// (the broker's per-key expiry is not used: our nats-server version lacks it). "Heard from" is this
// desk's clock when the beat arrived, so desks whose clocks disagree still agree on who is online.
import type { KV, KvWatchEntry } from '@nats-io/kv';
import { z } from 'zod';
import type { Logger } from '../log/logger.js';
import type { DeskRef } from '../domain/property.js';
import { DESK_HEARTBEAT_MS, DESK_OFFLINE_AFTER_MS } from './names.js';

const heartbeatSchema = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  at: z.number().int().nonnegative(),
  /** The desk rings for calls (it is linked to Amazon). */
  rings: z.boolean().default(true),
});
type Heartbeat = z.infer<typeof heartbeatSchema>;
type Heard = DeskRef & { heardAt: number; rings: boolean };

export class Presence {
  private readonly beats = new Map<string, Heard>();
  /** Desks seen online in this run, so a desk that stopped beating is known to be gone (not just unknown). */
  private readonly seen = new Set<string>();
  private watcher: Awaited<ReturnType<KV['watch']>> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastOnline = '';
  private readonly now: () => number;

  constructor(
    private readonly deps: { desks: KV; me: DeskRef; takesCalls(): boolean; log: Logger; changed(): void; now?: () => number },
  ) {
    this.now = deps.now ?? Date.now;
  }

  async start(): Promise<void> {
    await this.beat();
    this.watcher = await this.deps.desks.watch();
    void this.follow(this.watcher);
    this.timer = setInterval(() => {
      void this.beat();
      this.notifyIfChanged();
    }, DESK_HEARTBEAT_MS);
    this.timer.unref();
  }

  /** Desks online now, this one first. */
  online(): DeskRef[] {
    const cutoff = this.now() - DESK_OFFLINE_AFTER_MS;
    const others = [...this.beats.values()].filter((b) => b.id !== this.deps.me.id && b.heardAt >= cutoff);
    return [this.deps.me, ...others.sort((a, b) => a.name.localeCompare(b.name)).map(({ id, name }) => ({ id, name }))];
  }

  /** Desks online now that ring for calls, this one included when it does. */
  ringingIds(): string[] {
    const cutoff = this.now() - DESK_OFFLINE_AFTER_MS;
    const others = [...this.beats.values()].filter((b) => b.id !== this.deps.me.id && b.heardAt >= cutoff && b.rings);
    return [...(this.deps.takesCalls() ? [this.deps.me.id] : []), ...others.map((b) => b.id)];
  }

  /** A desk seen online that has not beaten its heart for a while (or said goodbye). */
  gone(deskId: string): boolean {
    if (deskId === this.deps.me.id) return false;
    const beat = this.beats.get(deskId);
    if (!beat) return this.seen.has(deskId);
    return beat.heardAt < this.now() - DESK_OFFLINE_AFTER_MS;
  }

  /** Back from an outage: let the other desks know at once rather than at the next beat. */
  beatNow(): void {
    void this.beat();
  }

  /** Says goodbye, so the other desks count this one out at once. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.watcher?.stop();
    await this.deps.desks.delete(this.deps.me.id).catch(() => {});
  }

  private async beat(): Promise<void> {
    const beat: Heartbeat = { ...this.deps.me, at: this.now(), rings: this.deps.takesCalls() };
    await this.deps.desks.put(this.deps.me.id, JSON.stringify(beat)).catch((e: unknown) => this.deps.log.debug('heartbeat not sent', { error: String(e) }));
  }

  private async follow(watcher: NonNullable<typeof this.watcher>): Promise<void> {
    for await (const entry of watcher) this.onEntry(entry);
  }

  private onEntry(entry: KvWatchEntry): void {
    if (entry.operation !== 'PUT') {
      this.beats.delete(entry.key);
    } else {
      const parsed = safeJson(entry.value);
      const beat = heartbeatSchema.safeParse(parsed);
      if (!beat.success || beat.data.id !== entry.key) {
        this.deps.log.warn('a desk heartbeat on the property server is not valid; ignored', { key: entry.key });
        return;
      }
      // Beats already in the bucket when this desk started count from when the broker stored them.
      const heardAt = entry.isUpdate ? this.now() : Math.min(this.now(), entry.created.getTime());
      this.beats.set(entry.key, { id: beat.data.id, name: beat.data.name, heardAt, rings: beat.data.rings });
      this.seen.add(entry.key);
    }
    this.notifyIfChanged();
  }

  private notifyIfChanged(): void {
    const now = this.online().map((d) => `${d.id}:${d.name}`).join(',');
    if (now === this.lastOnline) return;
    this.lastOnline = now;
    this.deps.changed();
  }
}

function safeJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}
