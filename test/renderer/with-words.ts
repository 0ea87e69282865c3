// Components say their words through react-intl: tests render them inside the window's language
// root, in English unless a test picks another language.
import { createElement, type ReactElement } from 'react';
import type { LanguageSetting } from '../../main/ipc/contract.js';
import { DeskIntl } from '../../renderer/src/i18n/DeskIntl.js';

export function withWords(element: ReactElement, setting: LanguageSetting = 'en'): ReactElement {
  return createElement(DeskIntl, { setting, children: element });
}
