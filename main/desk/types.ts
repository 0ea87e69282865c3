// The composed core: every main-process service wired together. Headless mode (main/headless) and
// the Electron shell (main/shell) both start one with startDesk() and only add their transport.
import type { CommandName, DeskEvents, EventName, Result } from '../ipc/contract.js';
import type { Logger } from '../log/logger.js';
import type { ProxyResolver, ProxySetting } from '../net/proxy.js';
import type { Policy } from '../policy/policy.js';
import type { BrokerCredential } from '../property/broker.js';
import type { SettingsStore } from '../store/settings.js';

export interface DeskOptions {
  /** Settings, call history and logs. */
  dataDir: string;
  webhookHost?: string; // default 127.0.0.1
  webhookPort?: number; // default 8321; 0 = any free port
  webhookSecret?: string;
  region?: 'NA' | 'EU' | 'FE';
  alexaApi?: string;
  lwaTokenUrl?: string;
  contactId?: string;
  /** Room directory file (CSV or JSON) to import at start. */
  roomsFile?: string;
  autoAnswer?: 'off' | 'all' | 'idle';
  /** Run the built-in Alexa + Echo simulator (forced on when no credentials are available). */
  demo?: boolean;
  /**
   * Credentials from the environment (DESK_LWA_*), used when the vault holds none. Without a
   * refresh token they still serve to exchange a forwarded Alexa.Authorization.Grant code.
   */
  envCredentials?: { clientId: string; clientSecret: string; refreshToken?: string };
  /** How the proxy setting becomes a resolver; default: plain Node's (environment, manual, direct). */
  proxyResolver?: (setting: ProxySetting) => ProxyResolver;
  /** The machine policy; default: the policy file of this OS (main/policy/policy.ts), if any. */
  policy?: Policy;
  /** Injected by the Electron shell (electron-store); headless mode uses conf in dataDir. */
  settingsStore?: SettingsStore;
  /** Login with Amazon's authorize page for the setup sign-in (default Amazon's; tests use the simulator's). */
  lwaAuthorizeUrl?: string;
  /** Overrides the setup sign-in return port setting; 0 = any free port (tests). */
  setupSignInPort?: number;
  /** Opens a URL in the system browser (Electron: shell.openExternal); headless mode prints it. */
  openExternal?: (url: string) => void | Promise<void>;
  /**
   * Property mode (DESIGN §3.6): the property's broker and id, instead of the settings'. In property
   * mode the webhook listens only when `webhookPort` is given too.
   */
  broker?: { url: string; property: string };
  /** This desk's name as staff and the other desks see it, instead of the settings'. */
  deskName?: string;
  /** DESK_BROKER_CREDS / DESK_BROKER_TOKEN; else the keychain's. */
  brokerCredential?: BrokerCredential;
  /** Keychain service name the secrets live under (default 'frontdesk-console'); tests use their own. */
  keychainService?: string;
  log?: Logger;
}

export type EventSink = <E extends EventName>(event: E, payload: DeskEvents[E]) => void;

export interface Desk {
  /** e.g. http://127.0.0.1:8321; '' while the webhook does not listen (property mode: it may not). */
  readonly webhookUrl: string;
  /** Property mode: the broker's URL; null in single-desk mode. */
  readonly brokerUrl: string | null;
  readonly mode: 'demo' | 'linked' | 'unlinked';
  /** Run a contract command for a client; arguments are validated here. Never throws. */
  invoke(clientId: string, command: CommandName | string, args: unknown): Promise<Result<unknown>>;
  /** Attach a client (window or bridge connection); returns the detach function. */
  connect(clientId: string, sink: EventSink): () => void;
  /** After sleep or a network change: re-check the webhook listener and refresh the token. */
  recheck(): Promise<void>;
  /** End live calls with CallEnded, close listeners and files. */
  stop(): Promise<void>;
}
