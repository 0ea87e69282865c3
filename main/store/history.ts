// Call history, the write path: an append-only JSON Lines file (`calls.jsonl` in the data dir), one
// line per ended call, never rewritten.
//
// Durability: append() resolves only once its line is on disk (fdatasync), so whoever waits for it
// (the webhook acknowledging the CallEnded) acknowledges a call that survives a crash or a power cut.
// Group commit keeps that fast: appends that arrive while a batch is being written wait together
// and go to disk as the next batch, in one write and one fdatasync. A crash can tear only the batch
// being written, and none of its appends had resolved; the reader skips a torn line and the next
// write starts on a fresh line.
//
// Past ~5 MB the file is renamed to calls-<date>.jsonl and a new one starts. Reading (newest first,
// across those files) is ./history-read.ts.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { HistoryEntry, HistoryPage } from '../domain/call.js';
import { checkEntry, HISTORY_FILE_NAME, HistoryError } from './history-entry.js';
import { readHistoryPage, readRecentEntries, type HistoryQuery } from './history-read.js';

export { HistoryError } from './history-entry.js';
export { MAX_READ } from './history-read.js';

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const NEWLINE = 0x0a;

export interface History {
  /**
   * Append one ended call. Resolves once the line is durable; rejects with HistoryError, writing
   * nothing, for an invalid entry, and with HistoryError when the disk refused the write.
   */
  append(entry: HistoryEntry): Promise<void>;
  /** Up to `limit` (1..10000) most recent entries, newest first. */
  readRecent(limit: number): Promise<HistoryEntry[]>;
  /** A page of older entries, filtered (./history-read.ts). */
  readPage(query: HistoryQuery): Promise<HistoryPage>;
  /** Wait for pending appends; later appends are refused. */
  close(): Promise<void>;
}

export interface HistoryOptions {
  maxBytes?: number;
  /** After each batch reached the disk: its lines and how long writing and syncing took (bench). */
  onBatch?: (lines: number, ms: number) => void;
}

interface Pending {
  line: Buffer;
  resolve(): void;
  reject(error: Error): void;
}

/** The open file between batches; `torn`: it ends without a newline (a crash mid-write). */
interface Output {
  handle: fs.FileHandle;
  size: number;
  torn: boolean;
}

export function openHistory(dir: string, opts: HistoryOptions = {}): History {
  const file = path.join(dir, HISTORY_FILE_NAME);
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let out: Output | null = null;
  let waiting: Pending[] = [];
  let writer: Promise<void> | null = null;
  let closed = false;

  /** Writes batches until nobody waits; one runs at a time. */
  function drain(): Promise<void> {
    writer ??= (async () => {
      while (waiting.length > 0) {
        const batch = waiting;
        waiting = [];
        await writeBatch(batch);
      }
      writer = null;
    })();
    return writer;
  }

  async function writeBatch(batch: Pending[]): Promise<void> {
    const startedAt = performance.now();
    let part: Pending[] = [];
    let partBytes = 0;
    try {
      for (const item of batch) {
        out ??= await openOutput(dir, file);
        const size = out.size + partBytes;
        if (size > 0 && size + item.line.length > maxBytes) {
          await flush(out, part);
          part = [];
          partBytes = 0;
          await rotate(out);
          out = await openOutput(dir, file);
        }
        part.push(item);
        partBytes += item.line.length;
      }
      await flush(out!, part);
      opts.onBatch?.(batch.length, performance.now() - startedAt);
    } catch (error) {
      // The file may now end in a partial line: reopen (and look at its end) before the next batch.
      await out?.handle.close().catch(() => {});
      out = null;
      const failed = new HistoryError(`The call history could not be written: ${error instanceof Error ? error.message : String(error)}`);
      for (const item of batch) item.reject(failed); // those already on disk stay resolved
    }
  }

  /** One write and one fdatasync for `part`; its appends resolve once it is on disk. */
  async function flush(output: Output, part: Pending[]): Promise<void> {
    if (part.length === 0) return;
    const lines = part.map((p) => p.line);
    // After a torn last line, start on a fresh line so these entries stay readable.
    const data = Buffer.concat(output.torn ? [Buffer.from('\n'), ...lines] : lines);
    await output.handle.appendFile(data);
    await output.handle.datasync();
    output.size += data.length;
    output.torn = false;
    for (const p of part) p.resolve();
  }

  async function rotate(output: Output): Promise<void> {
    out = null;
    await output.handle.close();
    await fs.rename(file, path.join(dir, await freeRotatedName(dir)));
    await syncDirectory(dir);
  }

  return {
    append(entry) {
      if (closed) return Promise.reject(new HistoryError('The call history is closed'));
      let line: Buffer;
      try {
        line = Buffer.from(JSON.stringify(checkEntry(entry)) + '\n');
      } catch (error) {
        return Promise.reject(error);
      }
      return new Promise<void>((resolve, reject) => {
        waiting.push({ line, resolve, reject });
        void drain();
      });
    },
    async readRecent(limit) {
      await writer; // appends already made are read back
      return readRecentEntries(dir, limit);
    },
    async readPage(query) {
      await writer;
      return readHistoryPage(dir, query);
    },
    async close() {
      closed = true;
      await writer;
      await out?.handle.close();
      out = null;
    },
  };
}

async function openOutput(dir: string, file: string): Promise<Output> {
  await fs.mkdir(dir, { recursive: true });
  const handle = await fs.open(file, 'a+');
  try {
    const { size } = await handle.stat();
    let torn = false;
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      torn = last[0] !== NEWLINE;
    }
    // A file just created exists for good only once its directory entry is on disk too.
    if (size === 0) await syncDirectory(dir);
    return { handle, size, torn };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for syncing; NTFS journals the entry itself.
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
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
