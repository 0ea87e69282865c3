// Command-line flags of headless mode (DESIGN §3.3) and the DESK_LWA_* credentials.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DeskOptions } from '../desk/types.js';
import { brokerCredentialFromEnv, checkBrokerUrl } from '../property/broker.js';
import { propertyNames } from '../property/names.js';

export interface HeadlessOptions extends DeskOptions {
  uiPort: number;
}

export const USAGE = `Usage: npm run headless -- [flags]
  --data-dir DIR            settings, call history, logs (default: the OS app-data dir)
  --webhook-host H          skill webhook listener host (default 127.0.0.1)
  --webhook-port N          skill webhook listener port (default 8321)
  --webhook-secret S        require "Authorization: Bearer S" or a "/S" path prefix
                            (prefer DESK_WEBHOOK_SECRET: a flag is visible to every local user)
  --ui-port N               renderer + bridge listener on loopback (default 0 = any free port)
  --region NA|EU|FE         picks the Alexa API base (default NA)
  --alexa-api URL           overrides the Alexa API base
  --lwa-token-url URL       overrides the Login with Amazon token endpoint
  --contact-id ID           the desk's provider contact id (default front-desk)
  --rooms FILE              import a room directory (CSV or JSON)
  --auto-answer off|all|idle  auto-answer policy override
  --demo                    run the built-in Alexa + Echo simulator with demo rooms
  --broker URL              property mode: the property's NATS server (nats://, tls://, ws://, wss://)
  --property ID             property mode: the property's id (letters, digits, "-", "_")
  --desk-name NAME          this desk's name as staff and the other desks see it
Webhook secret: DESK_WEBHOOK_SECRET (or the flag), else the one made in Settings (keychain).
Credentials: the OS keychain, or DESK_LWA_CLIENT_ID, DESK_LWA_CLIENT_SECRET, DESK_LWA_REFRESH_TOKEN.
Property server credential: the OS keychain, or DESK_BROKER_CREDS (a .creds file's text) or DESK_BROKER_TOKEN.
DESK_KEYCHAIN_SERVICE names the keychain entry group (default frontdesk-console).`;

export class UsageError extends Error {}

const VALUE_FLAGS = new Set([
  '--data-dir',
  '--webhook-host',
  '--webhook-port',
  '--webhook-secret',
  '--ui-port',
  '--region',
  '--alexa-api',
  '--lwa-token-url',
  '--contact-id',
  '--rooms',
  '--auto-answer',
  '--broker',
  '--property',
  '--desk-name',
]);

export function parseHeadlessArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): HeadlessOptions {
  const values = new Map<string, string>();
  let demo = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--demo') {
      demo = true;
    } else if (VALUE_FLAGS.has(flag)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`);
      values.set(flag, value);
    } else if (flag === '--help' || flag === '-h') {
      throw new UsageError('');
    } else {
      throw new UsageError(`Unknown flag ${flag}`);
    }
  }

  const region = values.get('--region')?.toUpperCase();
  if (region !== undefined && !['NA', 'EU', 'FE'].includes(region)) throw new UsageError('--region must be NA, EU or FE');
  const autoAnswer = values.get('--auto-answer');
  if (autoAnswer !== undefined && !['off', 'all', 'idle'].includes(autoAnswer)) throw new UsageError('--auto-answer must be off, all or idle');

  const clientId = env.DESK_LWA_CLIENT_ID;
  const clientSecret = env.DESK_LWA_CLIENT_SECRET;
  const refreshToken = env.DESK_LWA_REFRESH_TOKEN;
  if ((clientId && !clientSecret) || (!clientId && clientSecret)) {
    throw new UsageError('DESK_LWA_CLIENT_ID and DESK_LWA_CLIENT_SECRET go together');
  }

  const broker = values.get('--broker');
  const property = values.get('--property');
  if ((broker === undefined) !== (property === undefined)) throw new UsageError('--broker and --property go together');
  if (broker !== undefined && demo) throw new UsageError('--demo runs the built-in simulator at one desk; a desk of a property (--broker) takes real calls');
  let brokerUrl: string | undefined;
  try {
    brokerUrl = broker === undefined ? undefined : checkBrokerUrl(broker);
    if (property !== undefined) propertyNames(property);
  } catch (e) {
    throw new UsageError(`--${(e as Error).message}`);
  }
  const deskName = values.get('--desk-name')?.trim();
  if (deskName !== undefined && (deskName === '' || deskName.length > 100)) throw new UsageError('--desk-name must be 1-100 characters');

  return {
    dataDir: values.get('--data-dir') ?? defaultDataDir(),
    webhookHost: values.get('--webhook-host'),
    webhookPort: port(values.get('--webhook-port'), '--webhook-port'),
    // The variable keeps the secret out of the process list, where every local user can read a flag.
    webhookSecret: values.get('--webhook-secret') ?? (env.DESK_WEBHOOK_SECRET || undefined),
    uiPort: port(values.get('--ui-port'), '--ui-port') ?? 0,
    region: region as DeskOptions['region'],
    alexaApi: url(values.get('--alexa-api'), '--alexa-api'),
    lwaTokenUrl: url(values.get('--lwa-token-url'), '--lwa-token-url'),
    contactId: values.get('--contact-id'),
    roomsFile: values.get('--rooms'),
    autoAnswer: autoAnswer as DeskOptions['autoAnswer'],
    demo,
    keychainService: env.DESK_KEYCHAIN_SERVICE || undefined,
    envCredentials: clientId && clientSecret ? { clientId, clientSecret, refreshToken: refreshToken || undefined } : undefined,
    broker: brokerUrl !== undefined && property !== undefined ? { url: brokerUrl, property } : undefined,
    deskName,
    brokerCredential: brokerCredentialFromEnv(env),
  };
}

function port(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new UsageError(`${flag} must be a port number (0-65535)`);
  return n;
}

function url(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  try {
    const u = new URL(value);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error();
  } catch {
    throw new UsageError(`${flag} must be an http(s) URL`);
  }
  return value.replace(/\/+$/, '');
}

/** The same folder Electron uses as userData, so headless mode and the app share settings. */
export function defaultDataDir(platform = process.platform, env = process.env): string {
  const name = 'Front Desk Console';
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), name);
}
