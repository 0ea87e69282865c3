// Words for staff travel between the console's parts as a message id and its values, never as
// finished sentences: each window says them in its own language, the log in English (main/i18n).
import type { MessageId } from '../i18n/catalogues.js';

export type { MessageId };

/** A value in a sentence: a name or number as it is, or words of its own (e.g. "Unknown room"). */
export type TextValue = string | number | Text;

export interface Text {
  id: MessageId;
  values?: Record<string, TextValue>;
}

export function text(id: MessageId, values?: Record<string, TextValue>): Text {
  return values ? { id, values } : { id };
}

/** The same words with the same values (said in any language, they read the same). */
export function sameText(a: Text, b: Text): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The words staff read about a failure, when the error carries them (`words`: a Text): services
 * throw errors whose message stays English (the log) and whose words each window says in its own
 * language.
 */
export function wordsOf(error: unknown): Text | undefined {
  const words = (error as { words?: unknown } | null)?.words;
  return typeof words === 'object' && words !== null && typeof (words as Text).id === 'string' ? (words as Text) : undefined;
}

/**
 * The words for the inputs a failure is about, when the error carries them (`fieldWords`, by the
 * field's path, e.g. "broker.property"): the form marks each field with its own words.
 */
export function fieldWordsOf(error: unknown): Record<string, Text> | undefined {
  const fields = (error as { fieldWords?: unknown } | null)?.fieldWords;
  if (typeof fields !== 'object' || fields === null) return undefined;
  const said = Object.entries(fields).filter(([, words]) => typeof (words as Text | null)?.id === 'string');
  return said.length ? (Object.fromEntries(said) as Record<string, Text>) : undefined;
}

/** A command's refusal for an error: its English for the log, its words for the window (the whole, per field). */
export function refusalOf(error: unknown): { ok: false; error: string; message?: Text; fields?: Record<string, Text> } {
  const words = wordsOf(error);
  const fields = fieldWordsOf(error);
  return { ok: false, error: error instanceof Error ? error.message : 'The console hit an unexpected error', ...(words && { message: words }), ...(fields && { fields }) };
}

/** A refusal in both languages: the message in English for the log, the words for staff. */
export class WordedError extends Error {
  constructor(
    message: string,
    readonly words: Text,
  ) {
    super(message);
  }
}

