// The settings store under a machine policy: presets and locked values applied at start, and any
// update that would change a locked value refused with the reason (nothing is written).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { text } from '../domain/text.js';
import { mergePatch, SettingsError, type Settings, type SettingsStore } from '../store/settings.js';
import { applyPolicy, lockedChanges, type Policy } from './policy.js';

/** In the data folder: which preset values were applied, so each is applied once. */
export const POLICY_APPLIED_FILE = 'policy-applied.json';

export interface PolicySettingsStore extends SettingsStore {
  readonly policy: Policy;
}

export function withPolicy(store: SettingsStore, policy: Policy, dataDir: string): PolicySettingsStore {
  const appliedFile = join(dataDir, POLICY_APPLIED_FILE);
  const problems = [...policy.problems];
  if (Object.keys(policy.locked).length || Object.keys(policy.defaults).length) {
    const result = applyPolicy(store.get(), policy, readApplied(appliedFile));
    try {
      store.update(() => result.settings);
      writeFileSync(appliedFile, `${JSON.stringify(result.applied, null, 2)}\n`);
    } catch (e) {
      problems.push(`The policy could not be applied (${e instanceof Error ? e.message : String(e)}).`);
    }
  }

  const guard = (candidate: Settings): Settings => {
    const locked = lockedChanges(policy, candidate);
    if (locked.length) {
      throw new SettingsError(locked.map((field) => ({ field, message: "is set by your IT department's policy and cannot be changed here", text: text('settings.lockedHint') })));
    }
    return candidate;
  };
  return {
    policy: { ...policy, problems },
    get recovered() {
      return store.recovered;
    },
    get: () => store.get(),
    update: (patch) => store.update((current) => guard(typeof patch === 'function' ? patch(current) : (mergePatch(current, patch) as Settings))),
    onChange: (listener) => store.onChange(listener),
  };
}

function readApplied(file: string): Record<string, unknown> {
  try {
    const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  } catch {
    return {}; // none yet, or damaged: presets are applied again, which is what they are for
  }
}
