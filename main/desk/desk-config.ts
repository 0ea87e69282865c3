// The settings as this run of the desk sees them: the saved settings, with the launch flags'
// overrides (headless flags, environment) on top.
import type { AutoAnswerPolicy } from '../ipc/contract.js';
import { resolveAlexaApiBase, resolveLwaTokenUrl } from '../signaling/regions.js';
import type { SettingsStore } from '../store/settings.js';
import type { DeskOptions } from './types.js';

export class DeskConfig {
  private autoAnswerOverride: DeskOptions['autoAnswer'];

  constructor(
    private readonly options: DeskOptions,
    readonly settings: SettingsStore,
  ) {
    this.autoAnswerOverride = options.autoAnswer;
  }

  region(): 'NA' | 'EU' | 'FE' {
    return this.options.region ?? this.settings.get().region;
  }

  apiBase(): string {
    return resolveAlexaApiBase(this.region(), this.options.alexaApi);
  }

  tokenUrl(): string {
    return resolveLwaTokenUrl(this.options.lwaTokenUrl);
  }

  /** Where the webhook listens in this run: the launch flag's host, else the saved one. */
  webhookHost(): string {
    return this.options.webhookHost ?? this.settings.get().webhook.host;
  }

  contactId(): string {
    return this.options.contactId ?? this.settings.get().contactId;
  }

  autoAnswerPolicy(): AutoAnswerPolicy {
    return this.autoAnswerOverride ?? this.settings.get().autoAnswer.policy;
  }

  /** Staff chose a policy: it replaces the launch flag's for the rest of the run. */
  setAutoAnswer(policy: AutoAnswerPolicy): void {
    this.autoAnswerOverride = undefined;
    this.settings.update((s) => ({ ...s, autoAnswer: { ...s.autoAnswer, policy } }));
  }
}
