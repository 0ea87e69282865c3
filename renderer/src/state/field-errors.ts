// Main's validation errors ("webhook.port: must be between 0 and 65535; …") in the words of the
// form that sent them: each problem under a label the user can see on screen, and kept per field
// so the form can mark the input it belongs to.
import type { Text } from '../../../main/ipc/contract.js';
import { text } from '../../../main/domain/text.js';

export interface FieldErrors {
  /** Message per field path (e.g. "webhook.port"), for the input it belongs to. */
  byField: Record<string, string>;
  /** Every problem, labelled, for the form's summary. */
  text: string;
}

export interface ErrorWords {
  /** The label of a field path, or null when the form has no such field. */
  label(field: string): string | null;
  /** Path prefixes of the command's envelope, e.g. "patch." for updateSettings. */
  prefixes?: readonly string[];
  /** Rewords a field's message, e.g. milliseconds as seconds. */
  reword?(field: string, message: string): string;
}

/** "field.path: message" as main's validators write it; a field path has no spaces. */
const PROBLEM = /^([A-Za-z][\w-]*(?:\.[\w-]+)*): (.+)$/s;

export function describeFieldErrors(error: string, words: ErrorWords): FieldErrors {
  const byField: Record<string, string> = {};
  const lines = withoutCommandName(error)
    .split('; ')
    .map((part) => {
      const match = PROBLEM.exec(part.trim());
      if (!match) return part.trim();
      const field = stripPrefixes(match[1], words.prefixes ?? []);
      const label = words.label(field);
      if (!label) return part.trim();
      const message = words.reword ? words.reword(field, match[2]) : match[2];
      byField[field] = message;
      return `${label}: ${message}`;
    });
  return { byField, text: lines.join('. ') };
}

/** The argument check names the command first ("saveRoom: room.id: …"); the user never sees it. */
function withoutCommandName(error: string): string {
  return error.replace(/^[a-z][A-Za-z]+: (?=[A-Za-z][\w.-]*: )/, '');
}

function stripPrefixes(field: string, prefixes: readonly string[]): string {
  for (const prefix of prefixes) if (field.startsWith(prefix)) return field.slice(prefix.length);
  return field;
}

// ---- main's refusal as words for staff (message ids), said in the window's language

/** A form's problems in staff's words: each under the field it marks, and one summary. */
export interface ProblemTexts {
  /** Words per field path (e.g. "webhook.port"), for the input it belongs to. */
  byField: Record<string, Text>;
  /** Every problem, labelled, for the form's outcome line; null when there is none. */
  summary: Text | null;
}

export interface ProblemWords {
  /** The label of a field path, or null when the form has no such field. */
  label(field: string): Text | null;
  /** Path prefixes of the command's envelope, e.g. "patch." for updateSettings. */
  prefixes?: readonly string[];
  /** Rewords a field's problem, e.g. milliseconds as seconds. */
  reword?(field: string, problem: Text): Text;
}

export const NO_PROBLEMS: ProblemTexts = { byField: {}, summary: null };

/**
 * A refused command in the form's words: main's field problems under the labels on screen (a field
 * the form does not show keeps its path), else main's message, else "could not do that".
 */
export function describeProblems(refusal: { message?: Text; fields?: Record<string, Text> }, words: ProblemWords): ProblemTexts {
  const byField: Record<string, Text> = {};
  const lines = Object.entries(refusal.fields ?? {}).map(([path, problem]) => {
    const field = stripPrefixes(path, words.prefixes ?? []);
    const label = words.label(field);
    const said = label && words.reword ? words.reword(field, problem) : problem;
    if (label) byField[field] = said;
    return text('problem.labelled', { label: label ?? path, problem: said });
  });
  return { byField, summary: lines.length ? sentences(lines) : (refusal.message ?? text('failed.other')) };
}

/** Sentences one after the other ("A. B. C"), as each language writes them. */
export function sentences(lines: readonly Text[]): Text {
  return lines.reduceRight((rest, first) => text('problem.then', { first, rest }));
}
