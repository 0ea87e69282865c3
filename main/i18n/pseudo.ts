// The pseudo-locale en-XA (as in Chromium and Android): every English sentence with accented
// letters and 40 % longer, in brackets, so a screen shows at a glance a word that does not come
// from the catalogue (no accents), a label cut off (no closing bracket) or a layout that cannot
// take longer languages. Set the browser's (or the OS's) language to en-XA to see it.
import type { Catalogue } from './catalogues.js';

export const PSEUDO_LOCALE = 'en-XA';

const ACCENTED: Record<string, string> = {
  a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü', c: 'ç', n: 'ñ', y: 'ý', s: 'š', z: 'ž',
  A: 'Å', E: 'É', I: 'Î', O: 'Ö', U: 'Ü', C: 'Ç', N: 'Ñ', Y: 'Ý', S: 'Š', Z: 'Ž',
};

/**
 * Accents the words of an ICU message and pads it by 40 %, leaving its arguments as they are:
 * text sits at even brace depths ("… {count, plural, one {# room} other {# rooms}}").
 */
export function pseudoMessage(message: string): string {
  let depth = 0;
  let letters = 0;
  let out = '';
  for (const ch of message) {
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    const isText = depth % 2 === 0 && ch !== '{' && ch !== '}' && ch !== '#';
    if (isText && /\p{L}/u.test(ch)) letters++;
    out += isText ? (ACCENTED[ch] ?? ch) : ch;
  }
  const padding = '·'.repeat(Math.max(1, Math.ceil(letters * 0.4)));
  return `[${out} ${padding}]`;
}

export function pseudoCatalogue(source: Catalogue): Catalogue {
  return Object.fromEntries(Object.entries(source).map(([id, message]) => [id, pseudoMessage(message)])) as Catalogue;
}
