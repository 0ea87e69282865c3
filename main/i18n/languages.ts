// The languages the console speaks, and which one a desk uses: the setting when it names one
// (a machine policy may preset or lock it), else the first of the OS's (or the browser's)
// preferred languages the console has, else English.

export const LANGUAGES = ['en', 'es', 'fr', 'de', 'it', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];
/** The `language` setting: 'system' follows the OS (in a browser: the browser's languages). */
export type LanguageSetting = 'system' | Language;
export const LANGUAGE_SETTINGS = ['system', ...LANGUAGES] as const satisfies readonly LanguageSetting[];

/** Each language by its own name, as a language menu lists them (never translated). */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  es: 'Español',
  fr: 'Français',
  de: 'Deutsch',
  it: 'Italiano',
  ja: '日本語',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** "es-MX" -> "es"; undefined for a tag the console has no language for. */
function languageOf(tag: string): Language | undefined {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : undefined;
}

export interface LanguageChoice {
  language: Language;
  /**
   * The locale numbers, dates and plurals follow: the preferred tag of that language when there is
   * one ("en-GB" writes 25/12), else the language itself.
   */
  locale: string;
}

/** The setting wins; with 'system', the first preferred language the console has; else English. */
export function chooseLanguage(setting: LanguageSetting, preferred: readonly string[]): LanguageChoice {
  const language = setting !== 'system' ? setting : (preferred.map(languageOf).find((l) => l !== undefined) ?? 'en');
  const tag = preferred.find((t) => languageOf(t) === language);
  return { language, locale: tag && isValidLocale(tag) ? canonical(tag) : language };
}

function canonical(tag: string): string {
  return Intl.getCanonicalLocales(tag.replace(/_/g, '-'))[0]!;
}

function isValidLocale(tag: string): boolean {
  try {
    canonical(tag);
    return true;
  } catch {
    return false;
  }
}
