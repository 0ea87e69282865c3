// Linking the two Amazon credentials and the ASP setup API calls, behind the contract commands.
// The signaling credential makes calls possible; the setup credential only runs the setup APIs.
import { setupReturnUrl, setupStatus, setupTokens, signOutOfSetup, startSetupSignIn, type SetupSignIn } from '../auth/setup-signin.js';
import type { SignalingLink } from '../auth/signaling-link.js';
import type { Vault } from '../auth/vault.js';
import { text, WordedError, type Text } from '../domain/text.js';
import type { LinkStatus, SetupStepId, SetupView } from '../ipc/contract.js';
import type { Logger } from '../log/logger.js';
import { createAspClient, type AspClient } from '../setup/asp-client.js';
import { checklistWithProgress } from '../setup/checklist.js';
import type { SettingsStore } from '../store/settings.js';

export interface SetupServiceDeps {
  vault: Vault;
  link: SignalingLink;
  settings: SettingsStore;
  log: Logger;
  tokenUrl(): string;
  apiBase(): string;
  authorizeUrl?: string;
  /** Overrides the sign-in return port setting (0 = any free port: tests). */
  signInPort?: number;
  /** Electron: shell.openExternal. Headless: the URL is printed and shown in the UI. */
  openExternal(url: string): void | Promise<void>;
  /** The signaling credential became valid (grant or manual link). */
  linked(): Promise<void>;
  unlinked(): Promise<void>;
  notice(level: 'info' | 'error', message: Text, more?: { detail: string }): void;
}

export class SetupService {
  private signIn: SetupSignIn | null = null;

  constructor(private readonly deps: SetupServiceDeps) {}

  async linkStatus(): Promise<LinkStatus> {
    return {
      signaling: await this.deps.link.status(),
      setup: {
        ...(await setupStatus(this.deps.vault)),
        signInPending: this.signIn !== null,
        returnUrl: this.signIn?.redirectUri ?? setupReturnUrl(this.signInPort()),
      },
    };
  }

  saveSignalingClient(input: { clientId: string; clientSecret: string }) {
    return this.deps.link.saveClient(input);
  }

  async linkSignaling(input: { clientId: string; clientSecret: string; refreshToken: string }): Promise<void> {
    await this.deps.link.linkManually(input, this.deps.tokenUrl());
    await this.deps.linked();
  }

  /** Alexa.Authorization.Grant forwarded by the skill. */
  async acceptGrant(code: string): Promise<void> {
    await this.deps.link.acceptGrantCode(code, this.deps.tokenUrl());
    await this.deps.linked();
  }

  async unlinkSignaling(): Promise<void> {
    await this.deps.link.unlink();
    await this.deps.unlinked();
  }

  /** Opens Amazon's sign-in page; completion is reported as a notice (the browser may take minutes). */
  async setupSignIn(input: { clientId: string; clientSecret: string }): Promise<{ authorizeUrl: string }> {
    // The fixed return port must be free again before a new sign-in listens on it.
    await this.signIn?.cancel();
    const signIn = await startSetupSignIn({
      vault: this.deps.vault,
      ...input,
      tokenUrl: this.deps.tokenUrl(),
      authorizeUrl: this.deps.authorizeUrl,
      port: this.signInPort(),
      openExternal: (url) => this.deps.openExternal(url),
      log: this.deps.log,
    });
    this.signIn = signIn;
    signIn.done.then(
      () => this.deps.notice('info', text('notice.setupSignedIn')),
      (e: unknown) => {
        if ((e as { code?: string }).code !== 'cancelled') this.deps.notice('error', text('notice.setupSignInFailed'), { detail: `Sign-in with Amazon failed: ${messageOf(e)}` });
      },
    ).finally(() => {
      if (this.signIn === signIn) this.signIn = null;
    });
    return { authorizeUrl: signIn.authorizeUrl };
  }

  private signInPort(): number {
    return this.deps.signInPort ?? this.deps.settings.get().setupSignInPort;
  }

  async setupSignOut(): Promise<void> {
    await this.signIn?.cancel();
    await signOutOfSetup(this.deps.vault);
  }

  async getSetup(): Promise<SetupView> {
    const { setup } = this.deps.settings.get();
    const steps = checklistWithProgress({
      setupSignedIn: (await setupStatus(this.deps.vault)).signedIn,
      serviceProviderId: setup.serviceProviderId,
      mappedSkillId: setup.mappedSkillId,
      signalingLinked: (await this.deps.link.status()).linked,
      deskContactAdded: setup.deskContactAdded,
      confirmed: setup.confirmed,
    });
    return { steps, serviceProviderId: setup.serviceProviderId, mappedSkillId: setup.mappedSkillId };
  }

  async createServiceProvider(input: { logicalId: string; displayName: string }): Promise<{ serviceProviderId: string }> {
    const created = await this.asp().createServiceProvider({ logicalId: input.logicalId, displayName: input.displayName });
    this.saveProgress({ serviceProviderId: created.serviceProviderId, mappedSkillId: null });
    return { serviceProviderId: created.serviceProviderId };
  }

  async mapSkill(skillId: string): Promise<void> {
    const { serviceProviderId } = this.deps.settings.get().setup;
    if (!serviceProviderId) throw new WordedError('Create the service provider first: the skill is mapped to it', text('setup.needsProvider'));
    const asp = this.asp();
    const existing = await asp.getNetworkMapping(serviceProviderId);
    if (existing) await asp.updateNetworkMapping(serviceProviderId, skillId);
    else await asp.createNetworkMapping(serviceProviderId, skillId);
    this.saveProgress({ mappedSkillId: skillId });
  }

  async addDeskContact(input: { addressBookId: string; name: string }): Promise<void> {
    await this.asp().addDeskContact(input.addressBookId, { name: input.name, contactId: this.deps.settings.get().contactId });
    this.saveProgress({ deskContactAdded: true });
  }

  confirmStep(id: SetupStepId, done: boolean): void {
    const confirmed = new Set(this.deps.settings.get().setup.confirmed);
    if (done) confirmed.add(id);
    else confirmed.delete(id);
    this.saveProgress({ confirmed: [...confirmed] });
  }

  private asp(): AspClient {
    return createAspClient({ apiBase: this.deps.apiBase(), tokens: setupTokens(this.deps.vault, this.deps.tokenUrl()), log: this.deps.log });
  }

  private saveProgress(patch: Partial<ReturnType<SettingsStore['get']>['setup']>): void {
    this.deps.settings.update((s) => ({ ...s, setup: { ...s.setup, ...patch } }));
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
