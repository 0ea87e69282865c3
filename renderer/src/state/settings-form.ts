// The settings form's model: main's settings as the fields on screen (times in seconds, servers as
// rows), the patch a save sends back, and main's errors in the form's words. Main validates every
// value; this side only turns text into numbers.
import type { DeskStatus, EditableSettings, MessageId, Text } from '../../../main/ipc/contract.js';
import { text } from '../../../main/domain/text.js';
import { describeProblems, type ProblemTexts } from './field-errors.js';

export interface IceServerRow {
  /** Stable React key; not sent anywhere. */
  key: string;
  /** One or more URLs, separated by commas or spaces. */
  urls: string;
  username: string;
  /** A new TURN password typed in this form; never filled from main. */
  password: string;
}

export interface SettingsForm {
  region: EditableSettings['region'];
  contactId: string;
  deskName: string;
  webhookHost: string;
  webhookPort: string;
  iceServers: IceServerRow[];
  iceGatherSeconds: string;
  autoAnswerPolicy: EditableSettings['autoAnswer']['policy'];
  autoAnswerDelaySeconds: string;
  ringTimeoutSeconds: string;
  sendCallInProgress: boolean;
  sendCallerName: boolean;
  setupSignInPort: string;
  launchAtLogin: boolean;
  startMinimized: boolean;
  updateEnabled: boolean;
  updateChannel: EditableSettings['update']['channel'];
  /** HH:MM, or empty: install when the console quits. */
  updateInstallAt: string;
  proxyMode: EditableSettings['proxy']['mode'];
  proxyServer: string;
  proxyBypass: string;
}

/**
 * What the form edits; devices, do-not-disturb and the property's server have their own controls;
 * the update server is set by policy.
 */
export type FormSettings = Omit<EditableSettings, 'devices' | 'dnd' | 'update' | 'broker' | 'language'> & { update: Omit<EditableSettings['update'], 'url'> };

let nextRowKey = 1;

export function newIceServerRow(): IceServerRow {
  return { key: `ice-${nextRowKey++}`, urls: '', username: '', password: '' };
}

export function formFromSettings(s: EditableSettings): SettingsForm {
  return {
    region: s.region,
    contactId: s.contactId,
    deskName: s.deskName,
    webhookHost: s.webhook.host,
    webhookPort: String(s.webhook.port),
    iceServers: s.iceServers.map((server) => ({
      ...newIceServerRow(),
      urls: (typeof server.urls === 'string' ? [server.urls] : server.urls).join(', '),
      username: server.username ?? '',
    })),
    iceGatherSeconds: seconds(s.iceGatherTimeoutMs),
    autoAnswerPolicy: s.autoAnswer.policy,
    autoAnswerDelaySeconds: seconds(s.autoAnswer.delayMs),
    ringTimeoutSeconds: seconds(s.ringTimeoutMs),
    sendCallInProgress: s.sendCallInProgress,
    sendCallerName: s.sendCallerName,
    setupSignInPort: String(s.setupSignInPort),
    launchAtLogin: s.launchAtLogin,
    startMinimized: s.startMinimized,
    updateEnabled: s.update.enabled,
    updateChannel: s.update.channel,
    updateInstallAt: s.update.installAt ?? '',
    proxyMode: s.proxy.mode,
    proxyServer: s.proxy.server ?? '',
    proxyBypass: s.proxy.bypass,
  };
}

export type PatchResult = { ok: true; patch: Partial<EditableSettings> } | { ok: false; errors: ProblemTexts };

/**
 * The settings the user changed since `baseline` was loaded, applied over `current` (main's
 * settings now), so a change made elsewhere meanwhile (e.g. auto-answer from the status bar) is
 * kept unless the user changed that same value here.
 */
export function settingsPatch(form: SettingsForm, baseline: EditableSettings, current: EditableSettings): PatchResult {
  const read = formValues(form);
  if (!read.ok) return read;
  const values = read.values;
  const patch: Partial<EditableSettings> = {};
  const set = patch as Record<string, unknown>;
  for (const key of ['region', 'contactId', 'deskName', 'iceGatherTimeoutMs', 'ringTimeoutMs', 'sendCallInProgress', 'sendCallerName', 'setupSignInPort', 'launchAtLogin', 'startMinimized'] as const) {
    if (values[key] !== baseline[key]) set[key] = values[key];
  }
  for (const key of ['webhook', 'autoAnswer', 'update', 'proxy'] as const) {
    const changed = Object.entries(values[key]).filter(([k, v]) => v !== (baseline[key] as Record<string, unknown>)[k]);
    if (changed.length) set[key] = { ...current[key], ...Object.fromEntries(changed) };
  }
  if (JSON.stringify(values.iceServers) !== JSON.stringify(baseline.iceServers.map(normalizeServer))) patch.iceServers = values.iceServers;
  return { ok: true, patch };
}

type ReadValues = { ok: true; values: FormSettings } | { ok: false; errors: ProblemTexts };

/** The form's text as settings values; text that is not a number is the only error found here. */
export function formValues(form: SettingsForm): ReadValues {
  const problems: Record<string, Text> = {};
  const number = (field: string, typed: string, scale: number, hint: MessageId): number => {
    const value = Number(typed.trim());
    if (typed.trim() === '' || !Number.isFinite(value)) {
      problems[field] = text(hint);
      return NaN;
    }
    return Math.round(value * scale);
  };
  const values: FormSettings = {
    region: form.region,
    contactId: form.contactId,
    deskName: form.deskName,
    webhook: { host: form.webhookHost, port: number('webhook.port', form.webhookPort, 1, 'deskSettings.problem.anyPort') },
    iceServers: form.iceServers.filter((row) => row.urls.trim() || row.username.trim()).map(serverFromRow),
    iceGatherTimeoutMs: number('iceGatherTimeoutMs', form.iceGatherSeconds, 1000, 'deskSettings.problem.seconds'),
    autoAnswer: { policy: form.autoAnswerPolicy, delayMs: number('autoAnswer.delayMs', form.autoAnswerDelaySeconds, 1000, 'deskSettings.problem.seconds') },
    ringTimeoutMs: number('ringTimeoutMs', form.ringTimeoutSeconds, 1000, 'deskSettings.problem.seconds'),
    sendCallInProgress: form.sendCallInProgress,
    sendCallerName: form.sendCallerName,
    setupSignInPort: number('setupSignInPort', form.setupSignInPort, 1, 'deskSettings.problem.port'),
    launchAtLogin: form.launchAtLogin,
    startMinimized: form.startMinimized,
    update: { enabled: form.updateEnabled, channel: form.updateChannel, installAt: form.updateInstallAt.trim() || null },
    proxy: { mode: form.proxyMode, server: form.proxyServer.trim() || null, bypass: form.proxyBypass.trim() },
  };
  if (!Object.keys(problems).length) return { ok: true, values };
  return { ok: false, errors: describeSettingsProblems({ fields: problems }) };
}

function serverFromRow(row: IceServerRow): FormSettings['iceServers'][number] {
  const urls = splitUrls(row.urls);
  return normalizeServer({ urls: urls.length === 1 ? urls[0] : urls.length ? urls : '', username: row.username.trim() || undefined });
}

/** The same server always compares equal: no empty username, a single URL as a string. */
function normalizeServer(server: { urls: string | string[]; username?: string }): FormSettings['iceServers'][number] {
  const urls = Array.isArray(server.urls) && server.urls.length === 1 ? server.urls[0] : server.urls;
  return server.username ? { urls, username: server.username } : { urls };
}

function splitUrls(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** The TURN URL a server's password is kept under in the keychain (main keys it the same way). */
export function turnUrlOf(urls: string | readonly string[]): string | null {
  const list = typeof urls === 'string' ? splitUrls(urls) : urls;
  return list.map((u) => u.trim()).find((u) => /^turns?:/i.test(u)) ?? null;
}

/** Whether main holds a password for this TURN server (its value is never shown). */
export function hasSavedPassword(live: DeskStatus['iceServers'], urls: string): boolean {
  const turn = turnUrlOf(urls);
  return turn !== null && live.some((s) => turnUrlOf(s.urls) === turn && !!s.credential);
}

/** Passwords typed for TURN servers, to store with setTurnCredential after the settings are saved. */
export function typedPasswords(form: SettingsForm): { url: string; credential: string }[] {
  return form.iceServers.flatMap((row) => {
    const url = turnUrlOf(row.urls);
    return url && row.password ? [{ url, credential: row.password }] : [];
  });
}

/** TURN servers the save removed (or re-addressed): their passwords should leave the keychain. */
export function droppedTurnUrls(before: EditableSettings['iceServers'], after: EditableSettings['iceServers']): string[] {
  const kept = new Set(after.map((s) => turnUrlOf(s.urls)));
  return [...new Set(before.map((s) => turnUrlOf(s.urls)))].filter((u): u is string => u !== null && !kept.has(u));
}

// ---- main's errors in the form's words

const LABELS: Record<string, MessageId> = {
  region: 'deskSettings.region',
  contactId: 'deskSettings.contactId',
  deskName: 'deskSettings.deskName',
  webhook: 'deskSettings.field.webhook',
  'webhook.host': 'deskSettings.field.webhookHost',
  'webhook.port': 'deskSettings.field.webhookPort',
  iceServers: 'deskSettings.field.iceServers',
  iceGatherTimeoutMs: 'deskSettings.iceLimit',
  autoAnswer: 'deskSettings.autoAnswer',
  'autoAnswer.policy': 'deskSettings.autoAnswer',
  'autoAnswer.delayMs': 'deskSettings.autoAnswerDelay',
  ringTimeoutMs: 'deskSettings.ringTimeout',
  sendCallInProgress: 'deskSettings.field.callInProgress',
  sendCallerName: 'deskSettings.field.callerName',
  setupSignInPort: 'deskSettings.signInPort',
  launchAtLogin: 'deskSettings.launchAtLogin',
  startMinimized: 'deskSettings.field.startMinimized',
  'update.enabled': 'deskSettings.field.autoUpdate',
  'update.channel': 'deskSettings.field.updateChannel',
  'update.installAt': 'deskSettings.field.installAt',
  'update.url': 'deskSettings.field.updateServer',
  'proxy.mode': 'deskSettings.proxy',
  'proxy.server': 'deskSettings.proxyServer',
  'proxy.bypass': 'deskSettings.noProxyFor',
};

export function settingsFieldLabel(field: string): Text | null {
  const server = /^iceServers\.(\d+)(?:\.(urls|username)(?:\.\d+)?)?$/.exec(field);
  if (server) {
    const n = Number(server[1]) + 1;
    return text(server[2] === 'username' ? 'deskSettings.field.serverUserName' : server[2] ? 'deskSettings.serverAddress' : 'deskSettings.field.server', { n });
  }
  return LABELS[field] ? text(LABELS[field]) : null;
}

/** Milliseconds in main's words become the seconds the form shows. */
function inSeconds(field: string, problem: Text): Text {
  if (!/Ms$/.test(field) || problem.id !== 'problem.between') return problem;
  const { min, max } = problem.values ?? {};
  return text('deskSettings.problem.betweenSeconds', { min: Number(min) / 1000, max: Number(max) / 1000 });
}

export function describeSettingsProblems(refusal: { message?: Text; fields?: Record<string, Text> }): ProblemTexts {
  return describeProblems(refusal, { label: settingsFieldLabel, prefixes: ['patch.'], reword: inSeconds });
}

/** 45000 -> "45", 2500 -> "2.5". */
function seconds(ms: number): string {
  return String(Math.round(ms) / 1000);
}
