// One catalogue per language (locales/<language>.json): every sentence staff can see, by message
// id, in ICU MessageFormat. English is the source; the others have every key with the same
// arguments (test/unit/catalogues.test.ts).
import de from '../../locales/de.json' with { type: 'json' };
import en from '../../locales/en.json' with { type: 'json' };
import es from '../../locales/es.json' with { type: 'json' };
import fr from '../../locales/fr.json' with { type: 'json' };
import it from '../../locales/it.json' with { type: 'json' };
import ja from '../../locales/ja.json' with { type: 'json' };
import type { Language } from './languages.js';

export type MessageId = keyof typeof en;
export type Catalogue = Record<MessageId, string>;

export const CATALOGUES: Record<Language, Catalogue> = { en, es, fr, de, it, ja } as Record<Language, Catalogue>;

export function isMessageId(value: unknown): value is MessageId {
  return typeof value === 'string' && Object.hasOwn(en, value);
}

// formatMessage({ id }) takes only ids the catalogue has, in the main process and in react-intl.
declare global {
  namespace FormatjsIntl {
    interface Message {
      ids: MessageId;
    }
  }
}
