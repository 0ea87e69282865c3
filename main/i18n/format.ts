// Saying a Text in a language, with FormatJS (ICU plurals, Intl numbers, dates and lists). The
// renderer's react-intl and the main process (tray, notifications, the English log) share this.
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import type { MessageId, Text, TextValue } from '../domain/text.js';
import { CATALOGUES } from './catalogues.js';
import { chooseLanguage, type LanguageChoice } from './languages.js';

const cache = createIntlCache();

export type Translator = IntlShape<string>;

const translators = new Map<string, Translator>();

/** One translator per language and locale, made once. */
export function translatorFor({ language, locale }: LanguageChoice): Translator {
  const key = `${language}|${locale}`;
  let translator = translators.get(key);
  if (!translator) {
    translator = createIntl({ locale, defaultLocale: 'en', messages: CATALOGUES[language] }, cache);
    translators.set(key, translator);
  }
  return translator;
}

/** The part of an IntlShape `say` needs (react-intl's useIntl() gives one too). */
export interface Formatter {
  formatMessage(descriptor: { id: MessageId }, values?: Record<string, string | number>): string;
}

/** The sentence in the translator's language; values that are words of their own are said first. */
export function say(intl: Formatter, text: Text): string {
  if (!text.values) return intl.formatMessage({ id: text.id });
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(text.values)) values[name] = sayValue(intl, value);
  return intl.formatMessage({ id: text.id }, values);
}

function sayValue(intl: Formatter, value: TextValue): string | number {
  return typeof value === 'object' ? say(intl, value) : value;
}

const english = translatorFor(chooseLanguage('en', []));

/** For the log and the technical side, which stay in English whatever the windows show. */
export function inEnglish(text: Text): string {
  return say(english, text);
}
