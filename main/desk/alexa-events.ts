// Where Alexa's events arrive, whichever way they came (the skill webhook, or the property's
// broker): call events go to the call manager, the account-linking grant to the link.
import { LwaError } from '../auth/lwa.js';
import type { CallManager } from '../calls/manager.js';
import type { Logger } from '../log/logger.js';
import type { Message } from '../protocol/messages.js';
import type { EventOutcome, GrantOutcome, WebhookHandler } from '../signaling/webhook.js';
import { acceptGrantResponse } from './grant.js';
import { grantFailedNotice, type Notices } from './notices.js';
import type { SetupService } from './setup-service.js';

export class AlexaEvents implements WebhookHandler {
  /** When the last event arrived (any kind), for the status bar. */
  lastEventAt: number | null = null;

  constructor(
    private readonly deps: {
      manager: CallManager;
      setup: SetupService;
      notices: Notices;
      log: Logger;
      /** The first event after a quiet second: the status shows the link is alive. */
      active(): void;
    },
  ) {}

  async onEvent(message: Message): Promise<EventOutcome> {
    this.noteEvent();
    return this.deps.manager.handleAlexaEvent(message);
  }

  /** Alexa.Authorization.Grant forwarded by the skill: exchange the code, keep the refresh token, go live. */
  async onGrant({ code }: { code: string }): Promise<GrantOutcome> {
    this.noteEvent();
    try {
      await this.deps.setup.acceptGrant(code);
      return { ok: true, response: acceptGrantResponse() };
    } catch (e) {
      const error = `Linking with Amazon failed: ${e instanceof Error ? e.message : String(e)}`;
      this.deps.notices.add(grantFailedNotice(error));
      return { ok: false, status: grantFailureStatus(e), error };
    }
  }

  private noteEvent(): void {
    const now = Date.now();
    const quiet = this.lastEventAt === null || now - this.lastEventAt > 1_000;
    this.lastEventAt = now;
    if (quiet) this.deps.active();
  }
}

/** 400 for a code that is not one, 409 while the console cannot link yet, 502 only when LWA failed. */
function grantFailureStatus(e: unknown): number {
  if (!(e instanceof LwaError)) return 500;
  if (e.code === 'invalid_input') return 400;
  if (e.code === 'not_linked') return 409;
  return 502;
}
