// Validation problems ("must not be empty") said twice: as the English message a schema reports
// (the log, a refusal's `error`, the tests) and as a Text each window says in its own language. A
// schema names its problem with problem(id, values), which gives the catalogue's English; the
// Text is found again from that English when the refusal goes to a window (its `fields`).
import { text, type MessageId, type Text, type TextValue } from '../domain/text.js';
import { inEnglish } from './format.js';

const known = new Map<string, Text>();

/** The English message for a schema, remembered with its Text. */
export function problem(id: MessageId, values?: Record<string, TextValue>): string {
  const said = text(id, values);
  const english = inEnglish(said);
  if (!known.has(english)) known.set(english, said);
  return english;
}

/** The words for staff of a schema's message, or undefined for a message no schema named (zod's own). */
export function problemText(english: string): Text | undefined {
  return known.get(english);
}

/** Zod's issues as a refusal's `fields`: each field's path, dotted, with its words ("is not valid" for zod's own). */
export function fieldWords(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, Text> {
  return Object.fromEntries(issues.map((issue) => [issue.path.map(String).join('.'), problemText(issue.message) ?? text('problem.invalid')]));
}
