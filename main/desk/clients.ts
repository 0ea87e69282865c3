// The windows and bridge connections attached to the desk, and which one of them runs the media
// for calls (the latest to claim it). Events go to all of them; media requests only to that one.
import type { MediaRequest } from '../calls/types.js';
import type { Logger } from '../log/logger.js';
import type { EventSink } from './types.js';

export class Clients {
  private readonly sinks = new Map<string, EventSink>();
  private mediaOwner: string | null = null;

  constructor(private readonly log: Logger) {}

  get count(): number {
    return this.sinks.size;
  }

  /** Attach a client; returns the detach function. */
  connect(clientId: string, sink: EventSink): () => void {
    this.sinks.set(clientId, sink);
    return () => {
      this.sinks.delete(clientId);
      if (this.mediaOwner === clientId) this.mediaOwner = null;
    };
  }

  readonly broadcast: EventSink = (event, payload) => {
    for (const [clientId, sink] of this.sinks) {
      try {
        sink(event, payload);
      } catch (e) {
        this.log.warn('event delivery failed', { clientId, event, error: String(e) });
      }
    }
  };

  runsMedia(clientId: string): boolean {
    return clientId === this.mediaOwner;
  }

  /**
   * `clientId` runs the media from now on. Returns the sink of the window that ran it until now
   * (so it can let go of its peers), or null when nothing changed.
   */
  claimMedia(clientId: string): { previous: EventSink | undefined } | null {
    const previous = this.mediaOwner;
    this.mediaOwner = clientId;
    if (previous === clientId) return null;
    return { previous: previous ? this.sinks.get(previous) : undefined };
  }

  /** To the window that runs media; without one, the manager keeps the request until one claims. */
  sendMedia(request: MediaRequest): void {
    const sink = this.mediaOwner ? this.sinks.get(this.mediaOwner) : undefined;
    if (!sink) {
      if (request.op !== 'close') this.log.warn('no window runs media; request kept until one does', { sessionId: request.sessionId, op: request.op });
      return;
    }
    sink('media', request);
  }
}
