// "Save diagnostics…": one zip for support with what explains a problem — versions, the logs,
// the settings (no secrets: those live in the keychain; passwords in proxy addresses are removed
// too), the machine policy and its problems, and the recent crash dumps (local only: nothing is
// uploaded). Call history is left out: it names rooms and guests.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { redactText } from '../log/logger.js';
import type { Policy } from '../policy/policy.js';
import { zip, type ZipEntry } from './zip.js';

const MAX_FILE_BYTES = 20 * 1024 * 1024;
const MAX_DUMPS = 5;

export interface DiagnosticsSources {
  /** app version, Electron/Chromium/Node versions, OS, CPU, install kind, mode... */
  about: Record<string, unknown>;
  dataDir: string;
  logDir: string;
  /** Where Electron's crash reporter writes (app.getPath('crashDumps')); null in headless mode. */
  crashDumpDir: string | null;
  policy: Policy;
  now?: Date;
}

export function diagnosticsBundle(sources: DiagnosticsSources): { fileName: string; data: Buffer; entries: string[] } {
  const now = sources.now ?? new Date();
  const entries: ZipEntry[] = [];
  const add = (name: string, data: Buffer | string, modified?: Date) => entries.push({ name, data: typeof data === 'string' ? Buffer.from(data, 'utf8') : data, modified: modified ?? now });

  add('about.json', `${JSON.stringify({ ...sources.about, savedAt: now.toISOString() }, null, 2)}\n`);
  const settingsFile = join(sources.dataDir, 'settings.json');
  if (existsSync(settingsFile)) add('settings.json', withoutSecrets(readFileSync(settingsFile, 'utf8')));
  add('policy.json', `${JSON.stringify({ file: sources.policy.source, locked: sources.policy.locked, defaults: sources.policy.defaults, problems: sources.policy.problems }, null, 2)}\n`);
  for (const file of listFiles(sources.logDir)) add(`logs/${file.name}`, withoutSecrets(readFileSync(file.path, 'utf8')), file.modified);
  if (sources.crashDumpDir) {
    const dumps = listFiles(sources.crashDumpDir, true).filter((f) => f.name.endsWith('.dmp')).sort((a, b) => b.modified.getTime() - a.modified.getTime());
    for (const dump of dumps.slice(0, MAX_DUMPS)) add(`crash-dumps/${dump.name}`, readFileSync(dump.path), dump.modified);
    if (dumps.length > MAX_DUMPS) add('crash-dumps/MORE.txt', `${dumps.length - MAX_DUMPS} older crash dumps are in ${sources.crashDumpDir}\n`);
  }
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return { fileName: `front-desk-diagnostics-${stamp}.zip`, data: zip(entries), entries: entries.map((e) => e.name) };
}

/** Tokens the log redaction knows, and passwords inside addresses (`http://user:pass@host`). */
export function withoutSecrets(text: string): string {
  return redactText(text).replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"']+:)[^\s@/"']+@/gi, '$1[redacted]@');
}

function listFiles(dir: string, recursive = false): { name: string; path: string; modified: Date }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive })
    .map(String)
    .map((name) => ({ name: name.replace(/\\/g, '/'), path: join(dir, name) }))
    .filter((f) => {
      const stat = statSync(f.path);
      return stat.isFile() && stat.size <= MAX_FILE_BYTES;
    })
    .map((f) => ({ ...f, modified: statSync(f.path).mtime }));
}
