// Main's validation errors ("webhook.port: must be between 0 and 65535; …") in the words of the
// form that sent them: each problem under a label the user can see on screen, and kept per field
// so the form can mark the input it belongs to.

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
