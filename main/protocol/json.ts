// JSON from outside (webhook bodies, bridge messages), parsed with a bound on nesting: nothing the
// console takes is nested deeply, and code that walks a value must not meet 4,000 levels of it.

export const MAX_JSON_DEPTH = 64;

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string };

/** Parses `text` (a leading BOM is ignored) unless it is malformed or nested deeper than `maxDepth`. */
export function parseJsonBounded(text: string, maxDepth = MAX_JSON_DEPTH): JsonParse {
  const body = text.replace(/^\uFEFF/, '');
  if (nestingDepth(body) > maxDepth) return { ok: false, error: `(body): nested deeper than ${maxDepth} levels` };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    // V8's parse message quotes the input, which may hold a token: not echoed.
    return { ok: false, error: '(body): malformed JSON' };
  }
}

/** The deepest nesting of [ and { outside strings (one pass; malformed text gives some number). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > deepest) deepest = depth;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return deepest;
}
