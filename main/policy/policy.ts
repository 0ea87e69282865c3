// Machine-wide policy: a JSON file an IT department puts on the desk PC to preset settings (staff
// may change them later) and to lock them (staff cannot). It is outside input like any other: a
// file that cannot be read or is not valid gives a plain problem and is ignored; an invalid entry
// is skipped and the others apply. The console always starts.
//
//   {
//     "locked":   { "update.enabled": false, "launchAtLogin": true },
//     "defaults": { "region": "EU", "update.channel": "stable" }
//   }
//
// Keys are setting paths (dots between levels), any setting the settings file holds. A preset is
// applied once per value (a new value from IT is applied again); a locked value always.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { defaultSettings, describeSettingsIssues, settingsSchema, type Settings } from '../store/settings-schema.js';

export const POLICY_FILE_NAME = 'policy.json';
const MAX_POLICY_BYTES = 256 * 1024;

/** Where the policy file lives on each OS (writable by administrators only). */
export function policyPath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (platform === 'win32') return join(env.ProgramData ?? 'C:\\ProgramData', 'Front Desk Console', POLICY_FILE_NAME);
  if (platform === 'darwin') return join('/Library', 'Application Support', 'Front Desk Console', POLICY_FILE_NAME);
  return join('/etc', 'frontdesk-console', POLICY_FILE_NAME);
}

export interface Policy {
  /** The file it came from; null when there is none. */
  source: string | null;
  locked: Record<string, unknown>;
  defaults: Record<string, unknown>;
  /** Plain words for each problem found; the rest of the policy still applies. */
  problems: string[];
}

export const NO_POLICY: Policy = Object.freeze({ source: null, locked: {}, defaults: {}, problems: [] });

const fileSchema = z.strictObject({
  locked: z.record(z.string(), z.unknown()).optional(),
  defaults: z.record(z.string(), z.unknown()).optional(),
});

/** Reads the policy file at `path`; no file is no policy. */
export function readPolicyFile(path: string): Policy {
  let text: string;
  try {
    const bytes = readFileSync(path);
    if (bytes.length > MAX_POLICY_BYTES) return { ...NO_POLICY, source: path, problems: [`The policy file ${path} is larger than 256 KiB: it was ignored.`] };
    text = bytes.toString('utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return NO_POLICY;
    return { ...NO_POLICY, source: path, problems: [`The policy file ${path} could not be read (${code ?? String(e)}): it was ignored.`] };
  }
  return parsePolicy(text, path);
}

/** Parses and checks a policy against the settings schema. */
export function parsePolicy(text: string, source: string): Policy {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, '')); // Notepad may save with a byte-order mark
  } catch (e) {
    return { ...NO_POLICY, source, problems: [`The policy file ${source} is not valid JSON (${e instanceof Error ? e.message : String(e)}): it was ignored.`] };
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join('.') || '(top level)';
    const what = issue.code === 'unrecognized_keys' ? `unknown section ${issue.keys.join(', ')} (expected "locked" and "defaults")` : `${where}: must be an object of setting paths and values`;
    return { ...NO_POLICY, source, problems: [`The policy file ${source} was ignored: ${what}.`] };
  }
  const problems: string[] = [];
  const check = (section: 'locked' | 'defaults') => {
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(parsed.data[section] ?? {})) {
      const problem = checkEntry(key, value);
      if (problem) problems.push(`Policy ${section} "${key.slice(0, 80)}": ${problem}; this entry was ignored.`);
      else kept[key] = value;
    }
    return kept;
  };
  const locked = check('locked');
  const defaults = check('defaults');
  return { source, locked, defaults, problems };
}

/** Why a policy entry cannot apply, or null. */
function checkEntry(key: string, value: unknown): string | null {
  const path = key.split('.');
  if (path.some((p) => !p || p === '__proto__' || p === 'constructor' || p === 'prototype')) return 'not a setting';
  if (!hasPath(defaultSettings(), path) || path[0] === 'schemaVersion') return 'not a setting this version knows';
  const candidate = setPath(defaultSettings(), path, value);
  const result = settingsSchema.safeParse(candidate);
  if (result.success) return null;
  const issue = describeSettingsIssues(result.error)[0]!;
  return `${issue.field}: ${issue.message}`;
}

function hasPath(target: unknown, path: string[]): boolean {
  let at = target;
  for (const p of path) {
    if (typeof at !== 'object' || at === null || Array.isArray(at) || !Object.hasOwn(at, p)) return false;
    at = (at as Record<string, unknown>)[p];
  }
  return true;
}

/** A copy of `settings` with the value at `path` replaced. */
export function setPath<T>(settings: T, path: string[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const obj = settings as Record<string, unknown>;
  return { ...obj, [head!]: setPath(obj[head!], rest, value) } as T;
}

export function getPath(settings: unknown, path: string[]): unknown {
  return path.reduce<unknown>((at, p) => (typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[p] : undefined), settings);
}

/**
 * The settings with the policy applied: every locked value, and each preset whose value was not
 * applied before (`applied` maps a preset key to the value last applied).
 */
export function applyPolicy(settings: Settings, policy: Policy, applied: Record<string, unknown>): { settings: Settings; applied: Record<string, unknown> } {
  let next = settings;
  const nowApplied: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(policy.defaults)) {
    nowApplied[key] = value;
    if (!Object.hasOwn(applied, key) || !isDeepStrictEqual(applied[key], value)) next = setPath(next, key.split('.'), value);
  }
  for (const [key, value] of Object.entries(policy.locked)) next = setPath(next, key.split('.'), value);
  return { settings: next, applied: nowApplied };
}

/** Locked keys whose value `candidate` changes: an update that touches one is refused. */
export function lockedChanges(policy: Policy, candidate: Settings): string[] {
  return Object.entries(policy.locked)
    .filter(([key, value]) => !isDeepStrictEqual(getPath(candidate, key.split('.')), value))
    .map(([key]) => key);
}
