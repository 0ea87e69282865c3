// The settings store: validated reads and updates, change listeners, recovery of a damaged file.
// The schema, defaults and migrations are in ./settings-schema.ts; the storage underneath is conf
// here (plain Node) or electron-store (main/shell/electron-settings.ts), both given as a SettingsFile.
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Conf from 'conf';
import type { Text } from '../domain/text.js';
import {
  describeSettingsIssues,
  readSettings,
  settingsSchema,
  type DeepPartial,
  type Settings,
  type SettingsIssue,
} from './settings-schema.js';

export type { DeepPartial, Settings, SettingsIssue } from './settings-schema.js';

export const SETTINGS_FILE_NAME = 'settings.json';

export type SettingsListener = (settings: Settings, previous: Settings) => void;

export interface SettingsStore {
  /** The current settings. Frozen: change them with update(). */
  get(): Settings;
  /**
   * Apply a partial change (objects merged, arrays replaced) or a function of a copy of the current
   * settings. Validates the result; throws SettingsError naming the field, writing nothing, when invalid.
   */
  update(patch: DeepPartial<Settings> | ((s: Settings) => Settings)): Settings;
  /** Called after each update that changed something; returns the unsubscribe function. */
  onChange(listener: SettingsListener): () => void;
  /** Plain words when a damaged settings file was set aside and defaults were used; else null. */
  readonly recovered: string | null;
}

export class SettingsError extends Error {
  /** The first invalid field, e.g. `iceServers.0.urls`. */
  readonly field: string;
  readonly issues: SettingsIssue[];
  /** The problems' words for staff, by field, where the schema gives them. */
  readonly fieldWords: Record<string, Text>;

  constructor(issues: SettingsIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('; '));
    this.fieldWords = Object.fromEntries(issues.flatMap((i) => (i.text ? [[i.field, i.text]] : [])));
    this.name = 'SettingsError';
    this.issues = issues;
    this.field = issues[0]?.field ?? '(settings)';
  }
}

/** The storage under the store: conf and electron-store both have this shape. */
export interface SettingsFile {
  /** The whole stored object; assigning writes the file atomically. */
  store: Record<string, unknown>;
}

/** Settings in `dir/settings.json`, stored with conf (plain Node: tests, headless mode). */
export function openNodeSettingsStore(dir: string): SettingsStore {
  return openSettingsStore(path.join(dir, SETTINGS_FILE_NAME), () => new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings' }));
}

/**
 * The store over any storage. `filePath` is the file `openFile` reads and writes: it is checked
 * (and set aside when damaged) before the storage opens it, because conf refuses a broken file.
 */
export function openSettingsStore(filePath: string, openFile: () => SettingsFile): SettingsStore {
  const leftovers = removeUnfinishedSaves(filePath);
  const loaded = loadSettingsFile(filePath);
  const file = openFile();
  let current = deepFreeze(loaded.settings);
  if (!isDeepStrictEqual(loaded.raw, current)) file.store = { ...current }; // migrated, recovered, or defaults filled in
  const listeners = new Set<SettingsListener>();

  return {
    recovered: [leftovers, loaded.recovered].filter(Boolean).join(' ') || null,
    get: () => current,
    update(patch) {
      const candidate = typeof patch === 'function' ? patch(structuredClone(current) as Settings) : mergePatch(current, patch);
      const parsed = settingsSchema.safeParse(candidate);
      if (!parsed.success) throw new SettingsError(describeSettingsIssues(parsed.error));
      if (isDeepStrictEqual(parsed.data, current)) return current;
      file.store = { ...parsed.data }; // throws on a disk error, leaving `current` unchanged
      const previous = current;
      current = deepFreeze(parsed.data);
      for (const listener of [...listeners]) {
        try {
          listener(current, previous);
        } catch (error) {
          console.error('A settings listener failed:', error); // one bad listener must not stop the others
        }
      }
      return current;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

interface LoadedSettings {
  settings: Settings;
  /** The file's parsed content (undefined when there was no readable file). */
  raw: unknown;
  recovered: string | null;
}

/**
 * A save writes a temporary file next to the settings and renames it over them; the console
 * stopping in between leaves the temporary file behind. The settings file itself is still the
 * last complete save, so the leftovers are removed. Returns plain words when there were any.
 */
function removeUnfinishedSaves(filePath: string): string | null {
  const dir = path.dirname(filePath);
  const leftover = new RegExp(`^${escapeRegExp(path.basename(filePath))}\\.tmp-\\d{10}[0-9a-f]{6}$`);
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => leftover.test(name));
  } catch {
    return null; // no folder yet: nothing left over
  }
  let removed = 0;
  for (const name of names) {
    try {
      fs.rmSync(path.join(dir, name), { recursive: true, force: true });
      removed++;
    } catch {
      // one that cannot be removed is harmless: it is never read
    }
  }
  return removed ? 'The console stopped while saving its settings last time; the unfinished copy was removed and the last saved settings are in use.' : null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function loadSettingsFile(filePath: string): LoadedSettings {
  let text: string;
  try {
    text = fs.readFileSync(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...readSettings({}), raw: undefined, recovered: null };
    // Something that cannot be read as a file (a folder in its place, say): set it aside like a damaged file.
    const backup = setAside(filePath, error);
    return {
      settings: readSettings({}).settings,
      raw: undefined,
      recovered: `The settings file could not be read (${(error as NodeJS.ErrnoException).code ?? 'read error'}), so default settings are in use. What was there was kept as ${backup}.`,
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const backup = setAside(filePath);
    return {
      settings: readSettings({}).settings,
      raw: undefined,
      recovered: `The settings file could not be read (it is not valid JSON), so default settings are in use. The damaged file was kept as ${backup}.`,
    };
  }
  const { settings, issues } = readSettings(raw);
  if (!issues.length) return { settings, raw, recovered: null };
  const backup = setAside(filePath);
  const listed = issues.slice(0, 3).map((i) => `${i.field}: ${i.message}`).join('; ');
  const more = issues.length > 3 ? ` and ${issues.length - 3} more` : '';
  return {
    settings,
    raw: undefined,
    recovered: `Some settings were not valid (${listed}${more}): they are back to their defaults (an invalid room is left out) and the other settings were kept. The original file was kept as ${backup}.`,
  };
}

/** Rename a damaged file next to itself; returns the new file name. `cause`: why, when it cannot be moved either. */
function setAside(filePath: string, cause?: unknown): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const backup = `${filePath}.bad-${stamp}`;
  try {
    fs.renameSync(filePath, backup);
  } catch (error) {
    throw cause ?? error;
  }
  return path.basename(backup);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; anything else (arrays included) replaces; undefined leaves as is. */
export function mergePatch(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch) || !isPlainObject(base)) return patch;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (key === '__proto__' || value === undefined) continue;
    merged[key] = mergePatch(base[key], value);
  }
  return merged;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
