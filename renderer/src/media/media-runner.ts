// Executes main's media requests (one MediaSession per call) and replies with mediaResult.
// Requests for one session run one after another; sessions are independent.
import { text } from '../../../main/domain/text.js';
import type { DeskApi, MediaRequest, MediaResult, Text } from '../../../main/ipc/contract.js';
import { PlainMediaError } from './local-media.js';
import type { MediaSession, MediaSettings, SessionHooks } from './peer-session.js';
import type { MediaStats } from './negotiation.js';

export const ICE_FAILED = text('media.iceFailed');

export interface RunnerNotice {
  level: 'error' | 'warning';
  message: Text;
  detail?: string;
  sessionId: string;
  action?: 'open-settings';
}

export interface MediaRunnerDeps {
  desk: Pick<DeskApi, 'invoke' | 'on'>;
  /** The current STUN/TURN servers and gathering cap (from main's status). */
  settings(): MediaSettings;
  openSession(sessionId: string, settings: MediaSettings, hooks: SessionHooks): MediaSession;
  notify(notice: RunnerNotice): void;
  /** The window reaches the console now. Without it, a connection failing is no news of the network's. */
  connected(): boolean;
}

/** What tests (and benchmarks) read from the page: `window.__deskMedia`. */
export interface DeskMediaProbe {
  stats(sessionId: string): Promise<MediaStats>;
  sessions(): string[];
  /** The call's peer connection state, null when this window has no media for it. */
  connection(sessionId: string): RTCPeerConnectionState | null;
}

export class MediaRunner {
  private readonly sessions = new Map<string, MediaSession>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  constructor(private readonly deps: MediaRunnerDeps) {}

  /** Listen for media requests; returns the stop function. Call before claimMedia. */
  start(): () => void {
    return this.deps.desk.on('media', (request) => this.handle(request));
  }

  get(sessionId: string): MediaSession | undefined {
    return this.sessions.get(sessionId);
  }

  /** For useSyncExternalStore: changes whenever any session's tracks/mute/state change. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getVersion = (): number => this.version;

  probe(): DeskMediaProbe {
    return {
      stats: (sessionId) => {
        const session = this.sessions.get(sessionId);
        return session ? session.stats() : Promise.reject(new Error(`no media session ${sessionId}`));
      },
      sessions: () => [...this.sessions.keys()],
      connection: (sessionId) => this.sessions.get(sessionId)?.connectionState ?? null,
    };
  }

  /** Returns when the request is done and its result sent (tests await it). */
  handle(request: MediaRequest): Promise<void> {
    const previous = this.queues.get(request.sessionId) ?? Promise.resolve();
    const next = previous
      .then(() => this.run(request))
      .catch((error) => console.error(`media: request ${request.op} for ${request.sessionId} failed`, error));
    this.queues.set(request.sessionId, next);
    void next.then(() => {
      if (this.queues.get(request.sessionId) === next) this.queues.delete(request.sessionId);
    });
    return next;
  }

  private async run(request: MediaRequest): Promise<void> {
    if (request.op === 'close') {
      this.sessions.get(request.sessionId)?.close();
      this.sessions.delete(request.sessionId);
      this.changed();
      return;
    }
    let result: MediaResult;
    try {
      const sdp = await this.execute(request);
      result = sdp === undefined ? { sessionId: request.sessionId, requestId: request.requestId, ok: true } : { sessionId: request.sessionId, requestId: request.requestId, ok: true, sdp };
    } catch (error) {
      const plain = error instanceof PlainMediaError;
      if (plain) this.deps.notify({ level: 'error', message: text(error.words), sessionId: request.sessionId, ...(error.reason ? { detail: error.reason } : {}) });
      // Main shows a failure staff can read on the call (by its words' message id); any other only in the log.
      result = {
        sessionId: request.sessionId,
        requestId: request.requestId,
        ok: false,
        error: plain ? error.words : `The call's media could not be set up (${error instanceof Error ? error.message : String(error)})`,
      };
    }
    const reply = await this.deps.desk.invoke('mediaResult', result);
    if (!reply.ok) console.warn(`media: main refused the result of request ${request.requestId}: ${reply.error}`);
  }

  private async execute(request: Exclude<MediaRequest, { op: 'close' }>): Promise<string | undefined> {
    switch (request.op) {
      case 'answer':
        return this.sessionFor(request.sessionId).acceptOffer(request.offer, request.video);
      case 'offer':
        return this.sessionFor(request.sessionId).createOffer(request.video, request.hold, request.iceRestart === true);
      case 'apply-answer': {
        const session = this.sessions.get(request.sessionId);
        if (!session) throw new Error('there is no media for this call to apply the answer to');
        await session.applyAnswer(request.answer, request.provisional);
        return undefined;
      }
    }
  }

  private sessionFor(sessionId: string): MediaSession {
    let session = this.sessions.get(sessionId);
    if (!session) {
      session = this.deps.openSession(sessionId, this.deps.settings(), {
        onChange: () => this.changed(),
        onWarning: (words) => this.deps.notify({ level: 'warning', message: text(words), sessionId }),
        onIceFailed: () => void this.reportConnection(sessionId, 'failed'),
        onIceRestored: () => void this.reportConnection(sessionId, 'restored'),
      });
      this.sessions.set(sessionId, session);
      this.changed();
    }
    return session;
  }

  /**
   * Main logs it, shows it (the notice outlives this window) and reconnects a failed call once;
   * the window shows a failure itself only when main cannot take the report. While the console is
   * away, calls drop for that reason (it ended them, or nobody answers Alexa): the network and TURN
   * are not to blame, and the console's own banner says what happened.
   */
  private async reportConnection(sessionId: string, state: 'failed' | 'restored'): Promise<void> {
    const reply = await this.deps.desk.invoke('mediaConnection', { sessionId, state }).catch((error: unknown) => ({ ok: false as const, error: String(error) }));
    if (!reply.ok && state === 'failed' && this.deps.connected()) this.deps.notify({ level: 'error', message: ICE_FAILED, sessionId, action: 'open-settings' });
  }

  /** After reconnecting to a console: the peers of calls it does not know (any more) are closed. */
  retain(liveSessions: ReadonlySet<string>): void {
    for (const [sessionId, session] of this.sessions) {
      if (liveSessions.has(sessionId)) continue;
      session.close();
      this.sessions.delete(sessionId);
      this.changed();
    }
  }

  private changed(): void {
    this.version++;
    for (const listener of [...this.listeners]) listener();
  }
}

