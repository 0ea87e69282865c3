// Which Alexa the desk signals to: Amazon's with the linked credentials, the built-in simulator in
// demo mode (with its simulated rooms), or nobody while unlinked. Moves between them when the link
// changes, and sends each message through the current one.
import { createTokenProvider, type TokenProvider } from '../auth/lwa.js';
import type { SignalingLink } from '../auth/signaling-link.js';
import type { Logger } from '../log/logger.js';
import type { OutgoingMessage } from '../protocol/outgoing.js';
import type { RoomsService } from '../rooms/rooms-service.js';
import { createAlexaClient, type AlexaClient, type SendOptions, type SendResult } from '../signaling/alexa-client.js';
import type { DeskConfig } from './desk-config.js';
import { text, type Text } from '../domain/text.js';
import { LINK_EXPIRED, type Notices } from './notices.js';

type Demo = Awaited<ReturnType<typeof import('../sim/demo.js').startDemo>>;

export interface SignalingModeDeps {
  config: DeskConfig;
  link: SignalingLink;
  rooms: RoomsService;
  notices: Notices;
  log: Logger;
  /** Where the demo's simulated skill delivers Alexa's events, and the secret it sends. */
  webhook(): { url: string | null; secret: string | undefined };
  /** The mode changed. */
  changed(): void;
}

export class SignalingMode {
  mode: 'demo' | 'linked' | 'unlinked' = 'unlinked';
  private tokens!: TokenProvider;
  private alexa!: AlexaClient;
  private demo: Demo | null = null;

  constructor(private readonly deps: SignalingModeDeps) {}

  /** Demo mode when asked for or when nothing is linked; else Amazon with the linked credentials. */
  /**
   * `demo`: when asked for or when nothing is linked, the built-in simulator; without it (a desk of
   * a property: its calls are real) an unlinked desk stays unlinked and says so.
   */
  async start(demo: 'when-unlinked' | 'never' | 'always'): Promise<void> {
    const { linked } = await this.deps.link.status();
    if (demo === 'always' || (demo === 'when-unlinked' && !linked)) await this.startDemo();
    else if (linked) this.useLinked();
    else this.becomeUnlinked(text('notice.propertyDeskNotLinked'));
  }

  send(message: OutgoingMessage, options: SendOptions): Promise<SendResult> {
    return this.alexa.send(message, options);
  }

  /** After sleep or a network change: get a fresh token now rather than at the next call. */
  async recheck(): Promise<void> {
    this.tokens.invalidate();
    await this.tokens.getAccessToken().catch((e: unknown) => this.deps.log.warn('token refresh failed', { error: String(e) }));
  }

  /** The signaling credential became valid: leave demo mode and signal through Amazon. */
  async linked(): Promise<void> {
    await this.stopDemo();
    this.useLinked();
    this.deps.notices.clear('link');
    this.deps.notices.add({ level: 'info', message: text('notice.linked') });
    this.deps.changed();
  }

  async unlinked(): Promise<void> {
    this.becomeUnlinked(text('notice.notLinked'));
  }

  /** Amazon refused the linked credential (expired or revoked): the status says so, not "linked". */
  revoked(): void {
    if (this.mode !== 'linked') return;
    this.becomeUnlinked(LINK_EXPIRED);
  }

  /** Demo mode only: a simulated room calls the desk. */
  async demoCall(roomId: string | undefined, video: boolean): Promise<string | null> {
    return this.demo ? this.demo.callDesk(roomId, video) : null;
  }

  /** The webhook moved or took another secret: the demo's simulated skill follows it. */
  webhookMoved(url: string | null): void {
    this.demo?.setWebhook(url, this.deps.webhook().secret);
  }

  stop(): Promise<void> {
    this.deps.link.stop();
    return this.stopDemo();
  }

  private async startDemo(): Promise<void> {
    let simulator: typeof import('../sim/demo.js');
    try {
      simulator = await import('../sim/demo.js');
    } catch (e) {
      // The simulated rooms run on @roamhq/wrtc, a native module with no build for some
      // platforms (Windows on Arm): the console still works, linked to Amazon.
      const error = e instanceof Error ? e.message : String(e);
      this.deps.log.warn('demo mode is not available: the simulator did not load', { error });
      return this.becomeUnlinked(text('notice.demoUnavailable'), { detail: `The demo simulator did not load: ${error}` });
    }
    const { startDemo, DEMO_CREDENTIALS } = simulator;
    const webhook = this.deps.webhook();
    this.demo = await startDemo({ webhookUrl: webhook.url, webhookSecret: webhook.secret, contactId: this.deps.config.contactId() });
    // The simulator's rooms call from their addresses: show them while the directory is empty.
    this.deps.rooms.useDemoRooms(this.demo.rooms);
    this.use(createTokenProvider({ tokenUrl: this.demo.tokenUrl, credentials: async () => DEMO_CREDENTIALS }), this.demo.apiBase);
    this.mode = 'demo';
    this.deps.log.info('demo mode: calls come from simulated rooms');
  }

  private async stopDemo(): Promise<void> {
    if (!this.demo) return;
    await this.demo.close();
    this.demo = null;
    this.deps.rooms.useDemoRooms(null);
  }

  private useLinked(): void {
    const tokens = this.deps.link.tokens(this.deps.config.tokenUrl());
    // A token ready before the first call, and refreshed before it expires: no call waits for LWA.
    tokens.keepFresh();
    this.use(tokens, this.deps.config.apiBase());
    this.mode = 'linked';
  }

  private becomeUnlinked(message: Text, more: { detail?: string } = {}): void {
    this.deps.link.stop();
    this.mode = 'unlinked';
    this.use(createTokenProvider({ tokenUrl: this.deps.config.tokenUrl(), credentials: async () => null }), this.deps.config.apiBase());
    this.deps.notices.add({ level: 'warning', message, action: 'relink', ...more }, 'link');
    this.deps.changed();
  }

  private use(tokens: TokenProvider, apiBase: string): void {
    this.tokens = tokens;
    this.alexa = createAlexaClient({ apiBase, tokens, log: this.deps.log });
  }
}
