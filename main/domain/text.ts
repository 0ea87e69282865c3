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
