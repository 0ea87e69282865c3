// The window's language: the desk's setting, or with 'system' the browser's (in the desktop app,
// the OS's) preferred languages. Everything below says its words through react-intl; a change of
// the setting or of the OS language applies at once, mid-call too (nothing restarts: the words
// re-render, calls and media carry on).
import { useCallback, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import type { LanguageSetting, Text } from '../../../main/ipc/contract.js';
import { CATALOGUES } from '../../../main/i18n/catalogues.js';
import { say } from '../../../main/i18n/format.js';
import { chooseLanguage } from '../../../main/i18n/languages.js';
import { PSEUDO_LOCALE, pseudoCatalogue } from '../../../main/i18n/pseudo.js';

let pseudo: ReturnType<typeof pseudoCatalogue> | null = null;

function subscribeLanguages(changed: () => void): () => void {
  window.addEventListener('languagechange', changed);
  return () => window.removeEventListener('languagechange', changed);
}

const preferredLanguages = () => navigator.languages.join(',');

export function DeskIntl({ setting, children }: { setting: LanguageSetting; children: ReactNode }) {
  const preferred = useSyncExternalStore(subscribeLanguages, preferredLanguages);
  const { language, locale } = chooseLanguage(setting, preferred ? preferred.split(',') : []);
  useEffect(() => {
    // Screen readers pick their voice, and the browser its fonts (Japanese: the system's), by this.
    document.documentElement.lang = locale;
  }, [locale]);
  // The pseudo-locale (layout checks): English made longer and accented, English numbers and dates.
  const isPseudo = locale === PSEUDO_LOCALE;
  const messages = isPseudo ? (pseudo ??= pseudoCatalogue(CATALOGUES.en)) : CATALOGUES[language];
  return (
    <IntlProvider locale={isPseudo ? 'en' : locale} defaultLocale="en" messages={messages} onError={reportMissing}>
      {children}
    </IntlProvider>
  );
}

/** Every catalogue has every key (a test checks it): a miss is a bug worth a console line. */
function reportMissing(error: Error): void {
  console.error(`i18n: ${error.message}`);
}

/** Says a Text (a message id with values, e.g. a notice from main) in the window's language. */
export function useSay(): (text: Text) => string {
  const intl = useIntl();
  return useCallback((t: Text) => say(intl, t), [intl]);
}

/** Main's refusal in the window's language: its words when main sent them, else its English `error`. */
export function useRefusal(): (refusal: { error: string; message?: Text }) => string {
  const sayText = useSay();
  return useCallback((refusal: { error: string; message?: Text }) => (refusal.message ? sayText(refusal.message) : refusal.error), [sayText]);
}
