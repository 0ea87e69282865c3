// The read side of the call history: entries newest first, from calls.jsonl and then the rotated
// files. It only reads, so it can run beside the writer (./history.ts); a torn last line (a crash
// mid-write) and lines that do not parse are skipped.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Direction, EndReason, HistoryEntry, HistoryPage } from '../domain/call.js';
import { HISTORY_FILE_NAME, HistoryError, parseEntryLine, ROTATED_FILE } from './history-entry.js';

export const MAX_READ = 10_000;
const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/** Up to `limit` (1..10000) most recent entries in `dir`, newest first. */
export async function readRecentEntries(dir: string, limit: number): Promise<HistoryEntry[]> {
  return (await readHistoryPage(dir, { limit })).entries;
}

/** A page of the history: the newest entries older than `before` that match the filters. */
export interface HistoryQuery {
  limit: number;
  /** Where the page before ended (HistoryPage.next); none: start from the newest call. */
  before?: string | null;
  roomId?: string | null;
  direction?: Direction | null;
  outcome?: EndReason | null;
}

/**
 * Reads backwards from the newest call (or from the cursor), file after file, until the page is
 * full. A filtered read looks at each line's text before parsing it, so skipping the calls that
 * do not match costs little. The cursor names the file by its inode, so it still points at the
 * right place after calls.jsonl was rotated to another name.
 */
export async function readHistoryPage(dir: string, query: HistoryQuery): Promise<HistoryPage> {
  const { limit } = query;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_READ) {
    throw new HistoryError(`limit: must be a whole number from 1 to ${MAX_READ}`);
  }
  const files = [HISTORY_FILE_NAME, ...(await rotatedFiles(dir))].map((name) => path.join(dir, name));
  let first = 0;
  let from: number | undefined;
  if (query.before) {
    const cursor = /^(\d+):(\d+)$/.exec(query.before);
    if (!cursor) throw new HistoryError('before: not a place in the history');
    const inodes = await Promise.all(files.map((f) => fs.stat(f).then((s) => String(s.ino), () => null)));
    first = inodes.indexOf(cursor[1]!);
    if (first === -1) return { entries: [], next: null }; // that file is gone: nothing older is kept
    from = Number(cursor[2]);
  }
  const match = matcher(query);
  const entries: HistoryEntry[] = [];
  for (let i = first; i < files.length; i++) {
    const read = await readNewest(files[i]!, limit - entries.length, { from: i === first ? from : undefined, match });
    entries.push(...read.entries);
    if (entries.length >= limit) {
      const more = read.lastAt! > 0 || i < files.length - 1;
      return { entries, next: more ? `${read.ino}:${read.lastAt}` : null };
    }
  }
  return { entries, next: null };
}

/** A line's entry when it matches the filters (its text is checked first), else null. */
function matcher({ roomId, direction, outcome }: HistoryQuery): (line: string) => HistoryEntry | null {
  const needles = [
    roomId ? `"roomId":${JSON.stringify(roomId)}` : null,
    direction ? `"direction":"${direction}"` : null,
    outcome ? `"endReason":"${outcome}"` : null,
  ].filter((n): n is string => n !== null);
  return (line) => {
    if (!needles.every((n) => line.includes(n))) return null;
    const entry = parseEntryLine(line);
    if (!entry || (roomId && entry.roomId !== roomId) || (direction && entry.direction !== direction) || (outcome && entry.endReason !== outcome)) return null;
    return entry;
  };
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

interface ReadBack {
  entries: HistoryEntry[];
  /** The file's inode (how a cursor names it). */
  ino: number;
  /** Byte offset where the last entry taken starts; null when none was taken. */
  lastAt: number | null;
}

/**
 * Up to `want` matching entries from the end of a file (or from byte `from`: the start of a line),
 * newest first, reading backwards in chunks. Bytes after the last newline are a torn line and are
 * skipped, as are lines that do not parse.
 */
async function readNewest(file: string, want: number, opts: { from?: number; match: (line: string) => HistoryEntry | null }): Promise<ReadBack> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], ino: 0, lastAt: null };
    throw error;
  }
  const entries: HistoryEntry[] = [];
  let lastAt: number | null = null;
  let ino = 0;
  try {
    const stat = await handle.stat();
    ino = stat.ino;
    let position = Math.min(opts.from ?? stat.size, stat.size);
    let head = Buffer.alloc(0); // bytes before the earliest newline seen so far: a line not yet complete
    // From the end of the file the bytes after the last newline are a torn line; from a cursor
    // (the start of a line, just after a newline) there is none.
    let skipTorn = opts.from === undefined;
    const take = (line: Buffer, at: number) => {
      const entry = opts.match(line.toString('utf8'));
      if (!entry) return;
      entries.push(entry);
      lastAt = at;
    };
    while (position > 0 && entries.length < want) {
      const length = Math.min(CHUNK_BYTES, position);
      position -= length;
      const chunk = Buffer.alloc(length);
      await handle.read(chunk, 0, length, position);
      const data = Buffer.concat([chunk, head]);
      let end = data.length;
      for (let nl = data.lastIndexOf(NEWLINE, end - 1); nl !== -1 && entries.length < want; nl = data.lastIndexOf(NEWLINE, end - 1)) {
        if (!skipTorn) take(data.subarray(nl + 1, end), position + nl + 1);
        skipTorn = false;
        end = nl;
        if (end === 0) break;
      }
      head = data.subarray(0, end);
    }
    // The file's first line has no newline before it; it is complete when a newline followed it.
    if (position === 0 && !skipTorn && head.length > 0 && entries.length < want) take(head, 0);
  } finally {
    await handle.close();
  }
  return { entries, ino, lastAt };
}
