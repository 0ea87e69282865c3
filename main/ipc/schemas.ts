// Runtime validation of every contract command's argument. The Electron IPC handlers and the
// headless bridge both pass untrusted arguments through here before anything runs.
import { z } from 'zod';
import type { Text } from '../domain/text.js';
import { fieldWords } from '../i18n/problems.js';
import { describeIssues } from '../protocol/messages.js';
import { roomSchema } from '../rooms/directory.js';
import { CHECKLIST_IDS } from '../setup/checklist.js';
import type { CommandArgs, CommandName, EditableSettings } from './contract.js';

const id = z.string().min(1).max(512);
/** Client ids, secrets and tokens: LWA caps them at 2048 bytes. */
const secretText = z.string().trim().min(1).max(4096);

export const EDITABLE_SETTINGS = [
  'region',
  'contactId',
  'deskName',
  'language',
  'webhook',
  'iceServers',
  'iceGatherTimeoutMs',
  'autoAnswer',
  'ringTimeoutMs',
  'sendCallInProgress',
  'sendCallerName',
  'dnd',
  'devices',
  'setupSignInPort',
  'update',
  'proxy',
  'launchAtLogin',
  'startMinimized',
  'broker',
] as const satisfies readonly (keyof EditableSettings)[];
const empty = z.strictObject({});
/** Checked deeply by main/property/broker-credential.ts; here the shape and size. */
const brokerCredential = z.strictObject({ kind: z.enum(['creds', 'token']), text: z.string().min(1).max(20_000) });
/** At least 12 characters when a file is sealed (main/property/desk-join.ts). */
const passphrase = z.string().min(1).max(1_024);

export const commandSchemas = {
  getSnapshot: empty,
  answer: z.strictObject({ sessionId: id, video: z.boolean() }),
  decline: z.strictObject({ sessionId: id }),
  hangup: z.strictObject({ sessionId: id }),
  hold: z.strictObject({ sessionId: id }),
  resume: z.strictObject({ sessionId: id }),
  callRoom: z.strictObject({ roomId: id, video: z.boolean() }),
  mediaResult: z.union([
    z.strictObject({ sessionId: id, requestId: z.number().int().nonnegative(), ok: z.literal(true), sdp: z.string().min(1).max(200_000).optional() }),
    z.strictObject({ sessionId: id, requestId: z.number().int().nonnegative(), ok: z.literal(false), error: z.string().min(1).max(2_000) }),
  ]),
  claimMedia: empty,
  mediaConnection: z.strictObject({ sessionId: id, state: z.enum(['failed', 'restored']) }),
  setAutoAnswer: z.strictObject({ policy: z.enum(['off', 'all', 'idle']) }),
  setDnd: z.strictObject({ on: z.boolean() }),
  importRooms: z.strictObject({ fileName: z.string().min(1).max(260), text: z.string().max(5_000_000) }),
  clearMissed: z.strictObject({ roomId: id.nullable().optional() }),
  dismissNotice: z.strictObject({ id }),
  getHistory: z.strictObject({
    limit: z.number().int().min(1).max(1_000).optional(),
    before: z.string().regex(/^\d{1,20}:\d{1,20}$/, 'must be the `next` of a history page').nullable().optional(),
    roomId: id.nullable().optional(),
    direction: z.enum(['incoming', 'outgoing']).nullable().optional(),
    outcome: z.enum(['completed', 'missed', 'declined', 'no-answer', 'cancelled', 'failed', 'answered-elsewhere']).nullable().optional(),
  }),
  demoCall: z.strictObject({ roomId: id.nullable().optional(), video: z.boolean().optional() }),
  getLinkStatus: empty,
  saveSignalingClient: z.strictObject({ clientId: secretText, clientSecret: secretText }),
  linkSignaling: z.strictObject({ clientId: secretText, clientSecret: secretText, refreshToken: secretText }),
  unlinkSignaling: empty,
  setupSignIn: z.strictObject({ clientId: secretText, clientSecret: secretText }),
  setupSignOut: empty,
  getSetup: empty,
  createServiceProvider: z.strictObject({ logicalId: z.string().trim().min(1).max(200), displayName: z.string().trim().min(1).max(200) }),
  mapSkill: z.strictObject({ skillId: z.string().trim().min(1).max(200) }),
  addDeskContact: z.strictObject({ addressBookId: z.string().trim().min(1).max(200), name: z.string().trim().min(1).max(100) }),
  confirmSetupStep: z.strictObject({ id: z.enum(CHECKLIST_IDS), done: z.boolean() }),
  getSettings: empty,
  // Deep validation is the settings store's (one schema); here only the shape of the envelope.
  updateSettings: z.strictObject({ patch: z.record(z.enum(EDITABLE_SETTINGS), z.unknown()) as z.ZodType<CommandArgs<'updateSettings'>['patch']> }),
  getPolicy: empty,
  exportRooms: z.strictObject({ format: z.enum(['csv', 'json']) }),
  saveRoom: z.strictObject({ room: roomSchema, previousId: id.nullable().optional() }),
  removeRoom: z.strictObject({ roomId: id }),
  setTurnCredential: z.strictObject({
    url: z.string().trim().regex(/^turns?:\S+$/i, 'must be a turn: or turns: URL').max(512),
    credential: secretText.nullable(),
  }),
  restartWebhook: empty,
  createWebhookSecret: empty,
  removeWebhookSecret: empty,
  getPropertyJoin: empty,
  setBrokerCredential: z.strictObject({ credential: brokerCredential.nullable() }),
  exportDeskJoin: z.strictObject({ passphrase, credential: brokerCredential.optional() }),
  // A real file is a few KiB; a larger one gets the desk-join module's plain "too large".
  importDeskJoin: z.strictObject({ text: z.string().max(1_000_000), passphrase, deskName: z.string().max(200) }),
} satisfies { [C in CommandName]: z.ZodType<CommandArgs<C>, unknown> };

export type ArgsCheck<C extends CommandName> = { ok: true; args: CommandArgs<C> } | { ok: false; error: string; fields: Record<string, Text> };

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commandSchemas, name);
}

export function checkArgs<C extends CommandName>(command: C, args: unknown): ArgsCheck<C> {
  const parsed = commandSchemas[command].safeParse(args ?? {});
  if (!parsed.success) return { ok: false, error: `${command}: ${describeIssues(parsed.error)}`, fields: fieldWords(parsed.error.issues) };
  return { ok: true, args: parsed.data as CommandArgs<C> };
}
