// One line of the call history (calls.jsonl): its schema and the file names. Shared by the write
// path (./history.ts) and the read side (./history-read.ts).
import { z } from 'zod';
import type { Direction, EndReason, HistoryEntry } from '../domain/call.js';
import { MAX_ADDRESS_LENGTH, MAX_SESSION_ID_LENGTH } from '../protocol/messages.js';

export const HISTORY_FILE_NAME = 'calls.jsonl';
/** Files set aside by rotation: calls-<UTC time>.jsonl, so their names sort by time. */
export const ROTATED_FILE = /^calls-.+\.jsonl$/;
/** A title is a room name or, for an unknown caller, its address: never longer than an address. */
export const MAX_TITLE_LENGTH = MAX_ADDRESS_LENGTH;

export class HistoryError extends Error {
  override name = 'HistoryError';
}

const directions = { incoming: 'incoming', outgoing: 'outgoing' } as const satisfies { [K in Direction]: K };
const endReasons = {
  completed: 'completed',
  missed: 'missed',
  declined: 'declined',
  dnd: 'dnd',
  'no-answer': 'no-answer',
  cancelled: 'cancelled',
  failed: 'failed',
  'answered-elsewhere': 'answered-elsewhere',
} as const satisfies { [K in EndReason]: K };

const time = z.number().int('must be a whole number').nonnegative('must not be negative');
const entrySchema = z.object({
  // The webhook's limit (../protocol/messages.ts): every call it accepted fits here.
  sessionId: z.string().min(1, 'must not be empty').max(MAX_SESSION_ID_LENGTH, `must be at most ${MAX_SESSION_ID_LENGTH} characters`),
  direction: z.enum(directions),
  roomId: z.string().max(100).nullable(),
  title: z.string().max(MAX_TITLE_LENGTH, `must be at most ${MAX_TITLE_LENGTH} characters`),
  startedAt: time,
  answeredAt: time.nullable(),
  endedAt: time,
  endReason: z.enum(endReasons),
}) satisfies z.ZodType<HistoryEntry>;

/** The entry as it is written: a title that is too long is shortened, never a reason to drop the call. */
export function checkEntry(entry: HistoryEntry): HistoryEntry {
  const title = typeof entry?.title === 'string' && entry.title.length > MAX_TITLE_LENGTH ? shorten(entry.title) : entry?.title;
  const parsed = entrySchema.safeParse({ ...entry, title });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HistoryError(`${issue.path.join('.') || 'entry'}: ${issue.message}`);
  }
  return parsed.data;
}

function shorten(text: string): string {
  // Not between the two halves of a surrogate pair.
  return `${text.slice(0, MAX_TITLE_LENGTH - 1).replace(/[\uD800-\uDBFF]$/, '')}…`;
}

/** An entry from one line of the file, or null when the line is not a valid entry. */
export function parseEntryLine(text: string): HistoryEntry | null {
  if (!text.trim()) return null;
  try {
    const parsed = entrySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
