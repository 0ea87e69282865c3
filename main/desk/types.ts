// The composed core: every main-process service wired together. Headless mode (main/headless) and
// the Electron shell (main/shell) both start one with startDesk() and only add their transport.
import type { CommandName, DeskEvents, EventName, Result } from '../ipc/contract.js';

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
  /** Credentials from the environment (DESK_LWA_*), used when the vault holds none. */
  envCredentials?: { clientId: string; clientSecret: string; refreshToken: string };
}

export type EventSink = <E extends EventName>(event: E, payload: DeskEvents[E]) => void;

export interface Desk {
  /** e.g. http://127.0.0.1:8321 */
  readonly webhookUrl: string;
  readonly mode: 'demo' | 'linked' | 'unlinked';
  /** Run a contract command for a client; arguments are validated here. Never throws. */
  invoke(clientId: string, command: CommandName | string, args: unknown): Promise<Result<unknown>>;
  /** Attach a client (window or bridge connection); returns the detach function. */
  connect(clientId: string, sink: EventSink): () => void;
  /** End live calls with CallEnded, close listeners and files. */
  stop(): Promise<void>;
}
