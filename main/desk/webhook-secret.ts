// The webhook secret the skill must send (DESIGN §3.1): the launch's (DESK_WEBHOOK_SECRET, or
// --webhook-secret), else the keychain's. Staff create one in Settings (its value is returned once,
// to copy into the skill), replace it or remove it; it is kept nowhere but the keychain. Without a
// secret the webhook listens on this computer only.
import { randomBytes } from 'node:crypto';
import type { Vault } from '../auth/vault.js';
import { inEnglish } from '../i18n/format.js';
import { text, WordedError, type Text } from '../domain/text.js';
import type { WebhookSecretSource } from '../ipc/contract.js';
import { isLoopbackHost } from '../signaling/regions.js';

const fromLaunch = () =>
  new WordedError('The webhook secret is set where the console is started (DESK_WEBHOOK_SECRET or --webhook-secret): change it there', text('webhookSecret.fromLaunch'));

export class WebhookSecret {
  private known: string | undefined;

  /** `launch`: the secret the console was started with, which the keychain's cannot replace. */
  constructor(
    private readonly launch: string | undefined,
    private readonly vault: Vault,
  ) {
    this.known = launch;
  }

  /** The secret to require, read at each start of the webhook. */
  async current(): Promise<string | undefined> {
    this.known = this.launch ?? (await this.vault.get('webhook.secret')) ?? undefined;
    return this.known;
  }

  /** The secret as last read, without asking the keychain. */
  get value(): string | undefined {
    return this.known;
  }

  get source(): WebhookSecretSource {
    if (this.launch) return 'launch';
    return this.known ? 'keychain' : 'none';
  }

  /** A new random secret in the keychain, replacing the old one; the caller shows it once. */
  async create(): Promise<string> {
    if (this.launch) throw fromLaunch();
    const secret = randomBytes(32).toString('base64url');
    await this.vault.set('webhook.secret', secret);
    this.known = secret;
    return secret;
  }

  /** Removes the secret; refused while the webhook listens beyond this computer (`host`). */
  async remove(host: string): Promise<void> {
    if (this.launch) throw fromLaunch();
    if (!isLoopbackHost(host)) {
      const words = text('webhookSecret.neededBeyond', { host });
      throw new WordedError(inEnglish(words), words);
    }
    await this.vault.delete('webhook.secret');
    this.known = undefined;
  }

  /** Why the webhook may not listen on `host`, or null: beyond this computer it needs a secret. */
  refusal(host: string): Text | null {
    if (isLoopbackHost(host) || this.known) return null;
    return text('webhookSecret.neededToListen', { host });
  }
}
