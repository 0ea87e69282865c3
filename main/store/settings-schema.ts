// The settings schema: the single source of truth for what a settings file may hold, its defaults,
// the migrations of older files, and the salvage of a damaged one. Storage lives in ./settings.ts.
//
// Settings hold no secrets. LWA client secrets, refresh tokens and the webhook secret live in the
// credential vault (main/auth/vault.ts). A TURN server's `credential` is a secret too: settings keep
// only its `urls` and `username`; the credential is stored in the vault under `turn:<first url>`
// and merged in at runtime (withTurnCredentials in main/auth/vault.ts). A settings file that
// carries a `credential` is rejected, so a secret never lands in the file by accident.
import { z } from 'zod';
import { roomListSchema, salvageRooms } from '../rooms/directory.js';
import { CHECKLIST_IDS } from '../setup/checklist.js';
import type { Room } from '../domain/room.js';
import { text, type Text } from '../domain/text.js';
import { isMessageId } from '../i18n/catalogues.js';
import { inEnglish } from '../i18n/format.js';
import { LANGUAGE_SETTINGS } from '../i18n/languages.js';
import { problem, problemText } from '../i18n/problems.js';

export const SETTINGS_VERSION = 2;

const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: problem('problem.number') })
    .int(problem('problem.wholeNumber'))
    .min(min, problem('problem.between', { min: String(min), max: String(max) }))
    .max(max, problem('problem.between', { min: String(min), max: String(max) }));
const flag = z.boolean({ error: problem('problem.trueOrFalse') });
const mustBeText = problem('problem.text');
const atMost = (max: number) => problem('problem.tooLong', { max });
const oneOf = (choices: readonly string[]) => problem('problem.oneOf', { choices: choices.join(', ') });
const label = (max: number) =>
  z.string({ error: mustBeText }).trim().min(1, problem('problem.empty')).max(max, atMost(max));

/** https, or http on this computer only (a local mirror, the workflow's update test). */
const updateServerUrl = z
  .string({ error: problem('problem.httpsAddress') })
  .trim()
  .max(1_000, atMost(1_000))
  .refine((url) => URL.canParse(url) && (/^https:\/\/[^/]/i.test(url) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/i.test(url)), {
    message: problem('problem.httpsAddress'),
  });

const ICE_SCHEMES = ['stun:', 'stuns:', 'turn:', 'turns:'];
const iceUrl = z
  .string()
  .trim()
  .max(512, atMost(512))
  .refine((url) => ICE_SCHEMES.some((s) => url.toLowerCase().startsWith(s) && url.length > s.length) && !/\s/.test(url), {
    message: problem('problem.iceUrl', { schemes: ICE_SCHEMES.join(', ') }),
  });

// Objects: a value of the wrong type is named plainly; other problems keep their own message.
const mustBeObject = problem('problem.object');
const object = { error: (issue: { code: string }) => (issue.code === 'invalid_type' ? mustBeObject : undefined) };

export const iceServerSchema = z.strictObject(
  {
    urls: z.union([iceUrl, z.array(iceUrl).min(1, problem('problem.noUrl')).max(10, problem('problem.tooManyUrls', { max: 10 }))], {
      error: problem('problem.urls'),
    }),
    username: z.string({ error: mustBeText }).max(512, atMost(512)).optional(),
    credential: z.never({ error: problem('problem.turnPasswordInSettings') }).optional(),
  },
  object,
);
export type IceServerSetting = z.infer<typeof iceServerSchema>;

const deviceId = z
  .string({ error: problem('problem.deviceId') })
  .max(512, atMost(512))
  .nullable()
  .default(null);

export const settingsSchema = z.strictObject(
  {
    schemaVersion: z
      .literal(SETTINGS_VERSION, { error: problem('problem.newerVersion', { version: String(SETTINGS_VERSION) }) })
      .default(SETTINGS_VERSION),
    region: z.enum(['NA', 'EU', 'FE'], { error: oneOf(['NA', 'EU', 'FE']) }).default('NA'),
    /** The desk's provider contact id: the caller id of desk → room calls. */
    contactId: label(200).default('front-desk'),
    deskName: z
      .string({ error: 'must be text' })
      .trim()
      .min(1, 'property.deskNameEmpty')
      .max(100, 'property.deskNameTooLong')
      .default('Front Desk'),
    /** The language staff read: 'system' follows the OS (or the browser's languages). */
    language: z.enum(LANGUAGE_SETTINGS, { error: oneOf(LANGUAGE_SETTINGS) }).default('system'),
    webhook: z
      .strictObject(
        {
          host: label(253)
            .regex(/^[A-Za-z0-9.:[\]-]+$/, problem('problem.host'))
            .default('127.0.0.1'),
          /** 0 = any free port. */
          port: wholeNumber(0, 65_535).default(8321),
        },
        object,
      )
      .prefault({}),
    iceServers: z
      .array(iceServerSchema, { error: (issue) => (issue.code === 'invalid_type' ? problem('problem.serverList') : undefined) })
      .max(20, problem('problem.tooManyServers', { max: 20 }))
      .default(() => []),
    iceGatherTimeoutMs: wholeNumber(200, 10_000).default(2000),
    autoAnswer: z
      .strictObject(
        {
          policy: z.enum(['off', 'all', 'idle'], { error: oneOf(['off', 'all', 'idle']) }).default('off'),
          delayMs: wholeNumber(0, 60_000).default(0),
        },
        object,
      )
      .prefault({}),
    ringTimeoutMs: wholeNumber(5_000, 600_000).default(45_000),
    /** Send the documented CallInProgress (with the answer) before CallAccepted. */
    sendCallInProgress: flag.default(false),
    /**
     * Send the desk's name with desk → room calls (InitiateInboundCall customParams.callerName).
     * Not in Amazon's documentation: off until a deployment confirms Alexa accepts it.
     */
    sendCallerName: flag.default(false),
    dnd: flag.default(false),
    devices: z
      .strictObject({ microphone: deviceId, camera: deviceId, speaker: deviceId, ringer: deviceId }, object)
      .prefault({}),
    /**
     * Where Amazon's setup sign-in page returns to: http://localhost:<port>/callback. Fixed, because
     * the security profile must list that exact URL among its Allowed Return URLs.
     */
    setupSignInPort: wholeNumber(1, 65_535).default(8322),
    /**
     * Property mode (several desks on the property's broker, DESIGN §3.6): both set, or both null
     * for single-desk mode. The broker credential lives in the vault.
     */
    broker: z
      .strictObject(
        {
          url: z
            .string({ error: 'must be text' })
            .trim()
            .max(1_000, 'property.serverTooLong')
            .regex(/^(nats|tls|ws|wss):\/\/[^\s?#]+$/i, 'property.serverInvalid')
            .nullable()
            .default(null),
          property: z
            .string({ error: 'must be text' })
            .trim()
            .regex(/^[A-Za-z0-9_-]{1,64}$/, 'property.idInvalid')
            .nullable()
            .default(null),
        },
        object,
      )
      .refine((b) => (b.url === null) === (b.property === null), { message: 'property.serverAndIdTogether', path: ['property'] })
      .prefault({}),
    launchAtLogin: flag.default(false),
    startMinimized: flag.default(false),
    /** Updates of the desktop app: checked and downloaded in the background, never installed during a call. */
    update: z
      .strictObject(
        {
          enabled: flag.default(true),
          channel: z.enum(['stable', 'beta'], { error: oneOf(['stable', 'beta']) }).default('stable'),
          /** Install a downloaded update at this local time when no call is live; null = when the console quits. */
          installAt: z
            .string({ error: problem('problem.time') })
            .regex(/^([01]\d|2[0-3]):[0-5]\d$/, problem('problem.time'))
            .nullable()
            .default(null),
          /** The update server (e.g. an IT department's mirror); null = the one the installer names. */
          url: updateServerUrl.nullable().default(null),
        },
        object,
      )
      .prefault({}),
    /**
     * How calls to Amazon (signaling, Login with Amazon, setup) reach the internet. `system`: the
     * desktop app follows the OS proxy settings and PAC script, headless mode HTTPS_PROXY and
     * NO_PROXY; `manual`: this proxy, except for the hosts in `bypass`; `direct`: no proxy.
     */
    proxy: z
      .strictObject(
        {
          mode: z.enum(['system', 'manual', 'direct'], { error: oneOf(['system', 'manual', 'direct']) }).default('system'),
          server: z
            .string({ error: problem('problem.hostPort') })
            .trim()
            .max(300, atMost(300))
            .regex(/^(https?:\/\/)?[A-Za-z0-9.\-[\]:]+:\d{1,5}\/?$/, problem('problem.hostPort'))
            .nullable()
            .default(null),
          /** Hosts reached directly, separated by commas: `*.hotel.local, 10.0.0.0/8`. */
          bypass: z.string({ error: mustBeText }).max(2_000, atMost(2_000)).default(''),
        },
        object,
      )
      .refine((p) => p.mode !== 'manual' || p.server !== null, { message: problem('problem.proxyServer'), path: ['server'] })
      .prefault({}),
    /** Rooms an older console kept here; moved once to the room directory's own file (rooms.json). */
    rooms: roomListSchema.optional(),
    /** ASP setup progress: what the console created through the setup APIs, and steps ticked by hand. */
    setup: z
      .strictObject(
        {
          serviceProviderId: z.string().max(200).nullable().default(null),
          mappedSkillId: z.string().max(200).nullable().default(null),
          deskContactAdded: flag.default(false),
          confirmed: z.array(z.enum(CHECKLIST_IDS)).max(CHECKLIST_IDS.length).default(() => []),
        },
        object,
      )
      .prefault({}),
  },
  object,
);

export type Settings = z.infer<typeof settingsSchema>;

/** Objects may be given in part; arrays (rooms, iceServers) are replaced whole. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}

export interface SettingsIssue {
  /** Dotted path, e.g. `iceServers.0.urls`. */
  field: string;
  /** In English: the log, the technical side. */
  message: string;
  /** In words for staff, where the schema gives them (its message is then a message id). */
  text?: Text;
}

export function describeSettingsIssues(error: z.ZodError): SettingsIssue[] {
  return error.issues.flatMap((issue): SettingsIssue[] => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: problem('problem.unknownSetting'), text: text('problem.unknownSetting') }));
    }
    const field = path.join('.') || '(settings)';
    if (!isMessageId(issue.message)) {
      const said = problemText(issue.message); // named with problem(): its words too
      return [{ field, message: issue.message, ...(said && { text: said }) }];
    }
    const said = text(issue.message, issue.code === 'too_big' ? { max: Number(issue.maximum) } : issue.code === 'too_small' ? { min: Number(issue.minimum) } : undefined);
    return [{ field, message: inEnglish(said), text: said }];
  });
}

// ---- migrations: each takes a file of version N and returns version N + 1 ----

type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

const MIGRATIONS: Record<number, Migration> = {
  // v1 had `autoAnswer: boolean` and a separate `autoAnswerDelayMs`; v2 has `autoAnswer: {policy, delayMs}`.
  1: ({ autoAnswer, autoAnswerDelayMs, ...rest }) => ({
    ...rest,
    ...(autoAnswer !== undefined && {
      autoAnswer:
        typeof autoAnswer === 'boolean'
          ? { policy: autoAnswer ? 'all' : 'off', ...(autoAnswerDelayMs !== undefined && { delayMs: autoAnswerDelayMs }) }
          : autoAnswer,
    }),
    schemaVersion: 2,
  }),
};

/** Bring a file's content up to SETTINGS_VERSION. Files without a version are version 1. */
export function migrateSettings(raw: Record<string, unknown>): Record<string, unknown> {
  let data = raw;
  let version: unknown = data.schemaVersion === undefined ? 1 : data.schemaVersion;
  while (typeof version === 'number' && version < SETTINGS_VERSION) {
    const migrate = MIGRATIONS[version];
    if (!migrate) break; // unknown old version: validation reports it
    data = migrate(data);
    version = data.schemaVersion;
  }
  return data;
}

// ---- reading a file's content ----

export interface ReadSettings {
  settings: Settings;
  /** Problems found; empty when the content was valid (after migration). */
  issues: SettingsIssue[];
}

/**
 * Migrate and validate parsed file content. Invalid content keeps each top-level setting that is
 * valid on its own (and each valid room), and uses defaults for the rest.
 */
export function readSettings(raw: unknown): ReadSettings {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { settings: defaultSettings(), issues: [{ field: '(settings)', message: 'the file does not hold a settings object' }] };
  }
  const { __internal__: _storageBookkeeping, ...content } = raw as Record<string, unknown>;
  const migrated = migrateSettings(content);
  const parsed = settingsSchema.safeParse(migrated);
  if (parsed.success) return { settings: parsed.data, issues: [] };

  const kept: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(settingsSchema.shape)) {
    if (!(key in migrated)) continue;
    const field = key === 'rooms' ? { success: true, data: salvageRooms(migrated.rooms) } : schema.safeParse(migrated[key]);
    if (field.success) kept[key] = field.data;
  }
  return { settings: settingsSchema.parse(kept), issues: describeSettingsIssues(parsed.error) };
}

