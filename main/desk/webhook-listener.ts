// Keeps the skill webhook listening: starts it where the settings say, restarts it on request one
// restart at a time, and while it is down (a busy port is often freed soon) retries by itself and
// keeps a banner up that goes away once it listens again.
import type { Logger } from '../log/logger.js';
import { text, type Text } from '../domain/text.js';
import { startWebhookServer, WebhookListenError, type WebhookHandler, type WebhookServer } from '../signaling/webhook.js';
import type { Notices } from './notices.js';

/** Waits between attempts to start a webhook that did not start; the last one repeats. */
export const WEBHOOK_RETRY_MS = [2_000, 5_000, 10_000, 30_000];

export interface WebhookListenerDeps {
  /** Where to listen and the secret to require, read at each start. */
  config(): Promise<{ host: string; port: number; secret: string | undefined }>;
  handler: WebhookHandler;
  notices: Notices;
  log: Logger;
  /** The listener came up (its URL) or went down (null). */
  changed(url: string | null): void;
}

export class WebhookListener {
  private server: WebhookServer | null = null;
  private _error: Text | null = null;
  private noticeId: string | null = null;
  private retry: { timer: NodeJS.Timeout | null; attempts: number } = { timer: null, attempts: 0 };
  private restarts: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly deps: WebhookListenerDeps) {}

  /** e.g. http://127.0.0.1:8321; null while not listening. */
  get url(): string | null {
    return this.server?.url ?? null;
  }

  /** Why it is not listening, in plain words; null while it listens. */
  get error(): Text | null {
    return this._error;
  }

  /** Closes the listener (if any) and starts it again with the current settings. */
  restart(): Promise<void> {
    this.restarts = this.restarts
      .then(async () => {
        this.cancelRetry();
        await this.server?.close();
        this.server = null;
        if (!this.stopped) await this.start();
      })
      .catch((e: unknown) => this.deps.log.error('webhook restart failed', { error: String(e) }));
    return this.restarts;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelRetry();
    await this.restarts;
    await this.server?.close();
    this.server = null;
  }

  private async start(): Promise<void> {
    try {
      const { host, port, secret } = await this.deps.config();
      this.server = await startWebhookServer({ host, port, secret, handler: this.deps.handler, log: this.deps.log });
      this._error = null;
      this.retry.attempts = 0;
      if (this.noticeId) this.deps.notices.dismiss(this.noticeId);
      this.noticeId = null;
    } catch (e) {
      this.server = null;
      const error = e instanceof Error ? e.message : String(e);
      this._error = e instanceof WebhookListenError ? e.words : text('webhook.didNotStart');
      const detail = e instanceof WebhookListenError ? undefined : error;
      this.noticeId = this.deps.notices.add({ level: 'error', message: this._error, action: 'retry-webhook', ...(detail === undefined ? {} : { detail }) }).id;
      this.deps.log.error('webhook did not start', { error });
      this.scheduleRetry();
    }
    this.deps.changed(this.url);
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retry.timer) return;
    const delay = WEBHOOK_RETRY_MS[Math.min(this.retry.attempts, WEBHOOK_RETRY_MS.length - 1)]!;
    this.retry.attempts += 1;
    this.retry.timer = setTimeout(() => {
      this.retry.timer = null;
      void this.restart();
    }, delay);
    this.retry.timer.unref();
  }

  private cancelRetry(): void {
    if (this.retry.timer) clearTimeout(this.retry.timer);
    this.retry.timer = null;
  }
}
