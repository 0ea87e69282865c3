// Every catalogue (locales/<language>.json) holds every message of the English source, each valid
// ICU with the same arguments of the same kinds (a translation that drops {room} or turns a plural
// into plain text fails here), plural forms each language needs, and nothing the code never asks for.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../main/i18n/catalogues.js';
import { LANGUAGES } from '../../main/i18n/languages.js';
import { sourceFiles } from '../support/source-files.js';

const root = join(import.meta.dirname, '../..');
const english = CATALOGUES.en;
const ids = Object.keys(english).sort();

/** Each argument's name and kind ("room: argument", "count: plural"), in a message and its branches. */
function argumentsOf(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument) found.add(`${el.value}: text`);
    else if (el.type === TYPE.number) found.add(`${el.value}: number`);
    else if (el.type === TYPE.date || el.type === TYPE.time) found.add(`${el.value}: date`);
    else if (el.type === TYPE.plural) {
      found.add(`${el.value}: ${el.pluralType === 'ordinal' ? 'ordinal' : 'plural'}`);
      for (const option of Object.values(el.options)) argumentsOf(option.value, found);
    } else if (el.type === TYPE.select) {
      found.add(`${el.value}: select(${Object.keys(el.options).sort().join('|')})`);
      for (const option of Object.values(el.options)) argumentsOf(option.value, found);
    } else if (el.type === TYPE.tag) {
      found.add(`<${el.value}>`);
      argumentsOf(el.children, found);
    }
  }
  return found;
}

function pluralsOf(elements: MessageFormatElement[], found: { name: string; options: string[] }[] = []) {
  for (const el of elements) {
    if (el.type === TYPE.plural) found.push({ name: el.value, options: Object.keys(el.options) });
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) pluralsOf(option.value, found);
    if (el.type === TYPE.tag) pluralsOf(el.children, found);
  }
  return found;
}

describe('catalogues', () => {
  it('has one file per language the console offers, and no other', () => {
    const files = readdirSync(join(root, 'locales')).filter((f) => f.endsWith('.json'));
    expect(files.map((f) => f.replace('.json', '')).sort()).toEqual([...LANGUAGES].sort());
  });

  for (const language of LANGUAGES) {
    describe(language, () => {
      const catalogue = CATALOGUES[language] as Record<string, string>;

      it('has every message of the English source, and only those', () => {
        expect(Object.keys(catalogue).sort()).toEqual(ids);
      });

      it('has every message translated into words (not empty)', () => {
        expect(Object.entries(catalogue).filter(([, message]) => message.trim() === '')).toEqual([]);
      });

      it('has valid ICU messages with the same arguments as English', () => {
        const mismatches: string[] = [];
        for (const id of ids) {
          const want = [...argumentsOf(parse(english[id as keyof typeof english]))].sort();
          const got = [...argumentsOf(parse(catalogue[id]!))].sort();
          if (JSON.stringify(want) !== JSON.stringify(got)) mismatches.push(`${id}: ${got.join(', ')} (English: ${want.join(', ')})`);
        }
        expect(mismatches).toEqual([]);
      });

      it("gives every plural the forms the language's grammar uses for counts of rooms and calls", () => {
        // (Spanish, French and Italian also have "many" for exact millions: "other" serves there.)
        const rules = new Intl.PluralRules(language);
        const needed = [...new Set(Array.from({ length: 10_001 }, (_, n) => rules.select(n)))];
        const missing: string[] = [];
        for (const id of ids) {
          for (const plural of pluralsOf(parse(catalogue[id]!))) {
            const lacking = needed.filter((category) => !plural.options.includes(category));
            if (lacking.length) missing.push(`${id} {${plural.name}}: no ${lacking.join(', ')}`);
          }
        }
        expect(missing).toEqual([]);
      });
    });
  }

  it('holds only messages the code asks for', () => {
    const code = sourceFiles(['main', 'renderer/src'])
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const unused = ids.filter((id) => !code.includes(`'${id}'`) && !code.includes(`"${id}"`));
    expect(unused).toEqual([]);
  });
});
