// The read side of the call history: entries newest first, from calls.jsonl and then the rotated
// files. It only reads, so it can run beside the writer (./history.ts); a torn last line (a crash
// mid-write) and lines that do not parse are skipped.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { HistoryEntry } from '../domain/call.js';
import { HISTORY_FILE_NAME, HistoryError, parseEntryLine, ROTATED_FILE } from './history-entry.js';

export const MAX_READ = 10_000;
const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/** Up to `limit` (1..10000) most recent entries in `dir`, newest first. */
export async function readRecentEntries(dir: string, limit: number): Promise<HistoryEntry[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_READ) {
    throw new HistoryError(`limit: must be a whole number from 1 to ${MAX_READ}`);
  }
  const entries: HistoryEntry[] = [];
  for (const name of [HISTORY_FILE_NAME, ...(await rotatedFiles(dir))]) {
    entries.push(...(await readNewest(path.join(dir, name), limit - entries.length)));
    if (entries.length >= limit) break;
  }
  return entries;
}

/** Rotated files, newest first (their names sort by time). */
export async function rotatedFiles(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).filter((n) => ROTATED_FILE.test(n)).sort().reverse();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Up to `want` valid entries from the end of a file, newest first, reading backwards in chunks.
 * Bytes after the last newline are a torn line and are skipped, as are lines that do not parse.
 */
async function readNewest(file: string, want: number): Promise<HistoryEntry[]> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: HistoryEntry[] = [];
  try {
    let position = (await handle.stat()).size;
    let head = Buffer.alloc(0); // bytes before the earliest newline seen so far: a line not yet complete
    let skipTorn = true;
    const take = (line: Buffer) => {
      const entry = parseEntryLine(line.toString('utf8'));
      if (entry) entries.push(entry);
    };
    while (position > 0 && entries.length < want) {
      const length = Math.min(CHUNK_BYTES, position);
      position -= length;
      const chunk = Buffer.alloc(length);
      await handle.read(chunk, 0, length, position);
      const data = Buffer.concat([chunk, head]);
      let end = data.length;
      for (let nl = data.lastIndexOf(NEWLINE, end - 1); nl !== -1 && entries.length < want; nl = data.lastIndexOf(NEWLINE, end - 1)) {
        if (!skipTorn) take(data.subarray(nl + 1, end));
        skipTorn = false;
        end = nl;
        if (end === 0) break;
      }
      head = data.subarray(0, end);
    }
    // The file's first line has no newline before it; it is complete when a newline followed it.
    if (position === 0 && !skipTorn && head.length > 0 && entries.length < want) take(head);
  } finally {
    await handle.close();
  }
  return entries;
}
