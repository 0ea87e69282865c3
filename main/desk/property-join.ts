// How this desk joins its property: the property's server and id it is configured with (start flags,
// else settings), the server credential (environment, else keychain), and adding a desk — export a
// desk-join file from a linked desk, import it on the new one. Secrets go to and come from the
// keychain only; the screen gets the sealed file and what kind of credential is saved, never a value.
// Property mode starts with the desk: a change here says that a restart applies it.
import { createHash } from 'node:crypto';
import { writeSecrets, type SignalingLink } from '../auth/signaling-link.js';
import type { Vault } from '../auth/vault.js';
import { text, WordedError, type Text } from '../domain/text.js';
import { inEnglish } from '../i18n/format.js';
import type { BrokerCredentialInput, DeskStatus, PropertyJoinView } from '../ipc/contract.js';
import type { Logger } from '../log/logger.js';
import { checkBrokerCredential } from '../property/broker-credential.js';
import type { BrokerCredential } from '../property/broker.js';
import { openDeskJoin, sealDeskJoin } from '../property/desk-join.js';
import type { DeskConfig } from './desk-config.js';
import type { DeskOptions } from './types.js';

export interface PropertyJoinDeps {
  config: DeskConfig;
  vault: Vault;
  link: SignalingLink;
  options: Pick<DeskOptions, 'broker' | 'brokerCredential'>;
  log: Logger;
  /** This desk's name now (flag, else settings). */
  deskName(): string;
  /** Imported signaling credentials are in the vault: signal through Amazon with them. */
  linked(): Promise<void>;
  /** Something the status shows changed. */
  changed(): void;
}

type BrokerConfig = { url: string; property: string };

export class PropertyJoin {
  /** What the desk started with; property mode does not change while it runs. */
  private startedWith: { broker: BrokerConfig | null; deskName: string; credential: string } | null = null;
  /** A fingerprint of the credential credential() gives now (the secret itself is not kept). */
  private credentialNow = '';

  constructor(private readonly deps: PropertyJoinDeps) {}

  /** The property's server and id: the start flags', else the settings'; null for a desk on its own. */
  configured(): BrokerConfig | null {
    if (this.deps.options.broker) return this.deps.options.broker;
    const { url, property } = this.deps.config.settings.get().broker;
    return url && property ? { url, property } : null;
  }

  /** DESK_BROKER_CREDS / DESK_BROKER_TOKEN, else the keychain's. */
  async credential(): Promise<BrokerCredential> {
    if (this.deps.options.brokerCredential) return this.deps.options.brokerCredential;
    const creds = await this.deps.vault.get('broker.creds');
    if (creds) return { kind: 'creds', text: creds };
    const token = await this.deps.vault.get('broker.token');
    return token ? { kind: 'token', token } : null;
  }

  /** The desk started with what is configured now. */
  async started(): Promise<void> {
    await this.credentialWritten();
    this.startedWith = { broker: this.configured(), deskName: this.deps.deskName(), credential: this.credentialNow };
  }

  /** What a restart would change about the property: join it, leave it, or use new values. */
  restartNeeded(): DeskStatus['propertyRestart'] {
    if (!this.startedWith) return null;
    const then = this.startedWith.broker;
    const now = this.configured();
    if (!then) return now ? 'join' : null;
    if (!now) return 'leave';
    const changed = now.url !== then.url || now.property !== then.property || this.deps.deskName() !== this.startedWith.deskName || this.credentialNow !== this.startedWith.credential;
    return changed ? 'change' : null;
  }

  async view(): Promise<PropertyJoinView> {
    const credential = await this.credential();
    return {
      credential: credential && { kind: credential.kind, from: this.deps.options.brokerCredential ? 'environment' : 'keychain' },
      fromFlags: this.deps.options.broker !== undefined,
    };
  }

  /** Keeps the server credential in the keychain (null removes it). */
  async setCredential(input: BrokerCredentialInput | null): Promise<PropertyJoinView> {
    const credential = input && checkBrokerCredential(input);
    await writeSecrets(this.deps.vault, [
      ['broker.creds', credential?.kind === 'creds' ? credential.text : null],
      ['broker.token', credential?.kind === 'token' ? credential.token : null],
    ]);
    this.deps.log.info(credential ? `property server credential saved (${credential.kind})` : 'property server credential removed');
    await this.credentialWritten();
    this.deps.changed();
    return this.view();
  }

  private async credentialWritten(): Promise<void> {
    this.credentialNow = createHash('sha256').update(JSON.stringify(await this.credential())).digest('base64');
  }

  /**
   * A sealed desk-join file for a new desk: this desk's property, signaling link and region, and
   * `credential` for the property's server (this desk's own when none is given).
   */
  async exportFile(input: { passphrase: string; credential?: BrokerCredentialInput }): Promise<{ fileName: string; text: string }> {
    const broker = this.configured();
    if (!broker) throw refusal(text('deskJoin.noProperty'));
    const signaling = await this.deps.link.held();
    if (!signaling) throw refusal(text('deskJoin.notLinked'));
    const sealed = await sealDeskJoin(
      {
        brokerUrl: broker.url,
        property: broker.property,
        brokerCredential: input.credential ? checkBrokerCredential(input.credential) : await this.credential(),
        signaling,
        region: this.deps.config.region(),
        exportedBy: this.deps.deskName(),
        exportedAt: new Date().toISOString(),
      },
      input.passphrase,
    );
    this.deps.log.info('desk-join file exported', { property: broker.property });
    return { fileName: `${broker.property}.deskjoin`, text: sealed };
  }

  /**
   * Joins the property of a desk-join file: its secrets into the keychain, its server, property and
   * region and `deskName` into the settings. All or nothing: a file that does not open, a setting
   * the policy locks or a keychain failure leaves both as they were.
   */
  async importFile(input: { text: string; passphrase: string; deskName: string }): Promise<{ property: string; exportedBy: string }> {
    const join = await openDeskJoin(input.text, input.passphrase);
    const { settings } = this.deps.config;
    const before = settings.get();
    // Settings first: they are checked as a whole (and against the policy) before anything is written.
    settings.update((s) => ({ ...s, broker: { url: join.brokerUrl, property: join.property }, deskName: input.deskName, region: join.region }));
    const credential = join.brokerCredential;
    try {
      await writeSecrets(this.deps.vault, [
        ['signaling.clientId', join.signaling.clientId],
        ['signaling.clientSecret', join.signaling.clientSecret],
        ['signaling.refreshToken', join.signaling.refreshToken],
        ['broker.creds', credential?.kind === 'creds' ? credential.text : null],
        ['broker.token', credential?.kind === 'token' ? credential.token : null],
      ]);
    } catch (e) {
      settings.update(() => before);
      throw e;
    }
    await this.credentialWritten();
    this.deps.log.info('desk-join file imported', { property: join.property, exportedBy: join.exportedBy });
    this.deps.link.adopted();
    await this.deps.linked();
    return { property: join.property, exportedBy: join.exportedBy };
  }
}

function refusal(words: Text): WordedError {
  return new WordedError(inEnglish(words), words);
}
