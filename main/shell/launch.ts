// How the desktop app was launched: command-line flags (start hidden in the tray, demo mode, a
// separate data dir for tests, the webhook port, quit the running console) and DESK_LWA_*
// credentials from the environment.
import { isAbsolute } from 'node:path';
import type { DeskOptions } from '../desk/types.js';
import { brokerCredentialFromEnv } from '../property/broker.js';

/** Either flag starts the console in the tray without showing its window (launch at login). */
export const HIDDEN_FLAGS = ['--minimized', '--hidden'] as const;

export interface LaunchOptions {
  startHidden: boolean;
  demo: boolean;
  /** Replaces the OS user-data dir (settings, history, logs, window state). */
  dataDir: string | null;
  webhookPort: number | null;
  /** `--quit`: ask the running console to quit (ending live calls first), e.g. before IT deploys a new version. */
  quit: boolean;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Reads our flags from argv; anything else (Chromium's and Electron's own switches, the app path)
 * is ignored. Accepts `--flag value` and `--flag=value`.
 */
export function parseLaunchArgs(argv: readonly string[]): Parsed<LaunchOptions> {
  const options: LaunchOptions = { startHidden: false, demo: false, dataDir: null, webhookPort: null, quit: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if ((HIDDEN_FLAGS as readonly string[]).includes(name)) options.startHidden = true;
    else if (name === '--demo') options.demo = true;
    else if (name === '--quit') options.quit = true;
    else if (name === '--data-dir') {
      const dir = value();
      if (!dir || !isAbsolute(dir)) return { ok: false, error: `--data-dir: must be an absolute path (got "${dir ?? ''}")` };
      options.dataDir = dir;
    } else if (name === '--webhook-port') {
      const text = value() ?? '';
      const port = Number(text);
      if (!/^\d+$/.test(text) || port > 65535) return { ok: false, error: `--webhook-port: must be an integer 0..65535 (got "${text}")` };
      options.webhookPort = port;
    }
  }
  return { ok: true, value: options };
}

/** DESK_LWA_CLIENT_ID / _CLIENT_SECRET (and optionally _REFRESH_TOKEN), as the core takes them. */
export function envCredentials(env: NodeJS.ProcessEnv): DeskOptions['envCredentials'] {
  const clientId = env.DESK_LWA_CLIENT_ID?.trim();
  const clientSecret = env.DESK_LWA_CLIENT_SECRET?.trim();
  const refreshToken = env.DESK_LWA_REFRESH_TOKEN?.trim();
  if (!clientId || !clientSecret) return undefined;
  return refreshToken ? { clientId, clientSecret, refreshToken } : { clientId, clientSecret };
}

/** The core's options for this launch. */
export function deskOptionsFor(launch: LaunchOptions, dataDir: string, env: NodeJS.ProcessEnv): Omit<DeskOptions, 'settingsStore' | 'log'> {
  const options: Omit<DeskOptions, 'settingsStore' | 'log'> = { dataDir };
  if (launch.demo) options.demo = true;
  if (launch.webhookPort !== null) options.webhookPort = launch.webhookPort;
  const credentials = envCredentials(env);
  if (credentials) options.envCredentials = credentials;
  const brokerCredential = brokerCredentialFromEnv(env);
  if (brokerCredential) options.brokerCredential = brokerCredential;
  return options;
}
