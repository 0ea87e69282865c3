// Call history: an append-only JSON Lines file (`calls.jsonl` in the data dir), one line per ended
// call. Each call appends one line (no rewrite of the file), so a crash loses at most the line being
// written; such a torn line is skipped when reading. Past ~5 MB the file is renamed to
// calls-<date>.jsonl and a new one starts; reading continues into those older files.
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Direction, EndReason, HistoryEntry } from '../domain/call.js';

export const HISTORY_FILE_NAME = 'calls.jsonl';
export const MAX_READ = 10_000;
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

export interface History {
  /** Append one ended call (validated; an invalid entry throws HistoryError and writes nothing). */
  append(entry: HistoryEntry): Promise<void>;
  /** Up to `limit` (1..10000) most recent entries, newest first. */
  readRecent(limit: number): Promise<HistoryEntry[]>;
  /** Wait for pending appends; later appends are refused. */
  close(): Promise<void>;
}

export class HistoryError extends Error {
  override name = 'HistoryError';
}

const directions = { incoming: 'incoming', outgoing: 'outgoing' } as const satisfies { [K in Direction]: K };
const endReasons = {
  completed: 'completed',
  missed: 'missed',
  declined: 'declined',
  'no-answer': 'no-answer',
  cancelled: 'cancelled',
  failed: 'failed',
} as const satisfies { [K in EndReason]: K };

const time = z.number().int('must be a whole number').nonnegative('must not be negative');
const entrySchema = z.object({
  sessionId: z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters'),
  direction: z.enum(directions),
  roomId: z.string().max(100).nullable(),
  title: z.string().max(512, 'must be at most 512 characters'),
  startedAt: time,
  answeredAt: time.nullable(),
  endedAt: time,
  endReason: z.enum(endReasons),
}) satisfies z.ZodType<HistoryEntry>;

export function openHistory(dir: string, opts: { maxBytes?: number } = {}): History {
  const file = path.join(dir, HISTORY_FILE_NAME);
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  // Known once the first append has looked at the file.
  let state: { size: number; needsNewline: boolean } | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  async function write(entry: HistoryEntry): Promise<void> {
    const line = Buffer.from(JSON.stringify(entry) + '\n');
    state ??= await inspect(file);
    if (state.size > 0 && state.size + line.length > maxBytes) {
      await fs.rename(file, path.join(dir, await freeRotatedName(dir)));
      state = { size: 0, needsNewline: false };
    }
    // After a torn last line, start on a fresh line so this entry stays readable.
    const data = state.needsNewline ? Buffer.concat([Buffer.from('\n'), line]) : line;
    await fs.mkdir(dir, { recursive: true });
    const handle = await fs.open(file, 'a');
    try {
      await handle.appendFile(data);
      await handle.datasync(); // a history line must survive a crash or power cut right after the call
    } finally {
      await handle.close();
    }
    state = { size: state.size + data.length, needsNewline: false };
  }

  return {
    append(entry) {
      if (closed) return Promise.reject(new HistoryError('The call history is closed'));
      const parsed = entrySchema.safeParse(entry);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return Promise.reject(new HistoryError(`${issue.path.join('.') || 'entry'}: ${issue.message}`));
      }
      const run = queue.then(() => write(parsed.data));
      queue = run.catch(() => {}); // one failed append must not block the next
      return run;
    },
    async readRecent(limit) {
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_READ) {
        throw new HistoryError(`limit: must be a whole number from 1 to ${MAX_READ}`);
      }
      await queue;
      const entries: HistoryEntry[] = [];
      for (const name of [HISTORY_FILE_NAME, ...(await rotatedFiles(dir))]) {
        entries.push(...(await readNewest(path.join(dir, name), limit - entries.length)));
        if (entries.length >= limit) break;
      }
      return entries;
    },
    async close() {
      closed = true;
      await queue;
    },
  };
}

async function inspect(file: string): Promise<{ size: number; needsNewline: boolean }> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { size: 0, needsNewline: false };
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return { size, needsNewline: false };
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return { size, needsNewline: last[0] !== NEWLINE };
  } finally {
    await handle.close();
  }
}

/** calls-<UTC time>.jsonl; names sort by time, and a taken name moves on by a millisecond. */
async function freeRotatedName(dir: string): Promise<string> {
  for (let time = Date.now(); ; time++) {
    const name = `calls-${new Date(time).toISOString().replace(/[:.]/g, '-')}.jsonl`;
    try {
      await fs.access(path.join(dir, name));
    } catch {
      return name;
    }
  }
}

/** Rotated files, newest first (their names sort by time). */
async function rotatedFiles(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).filter((n) => /^calls-.+\.jsonl$/.test(n)).sort().reverse();
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
      const entry = parseLine(line);
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

function parseLine(line: Buffer): HistoryEntry | null {
  const text = line.toString('utf8').trim();
  if (!text) return null;
  try {
    const parsed = entrySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
