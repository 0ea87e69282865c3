// The console's language, chosen here for this desk: it applies the moment it is picked (mid-call
// too), in every window and the tray. "Same as this computer" follows the OS (or the browser). A
// machine policy that locks `language` shows the choice IT made.
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { DeskApi, LanguageSetting } from '../../../main/ipc/contract.js';
import { chooseLanguage, LANGUAGE_NAMES, LANGUAGES } from '../../../main/i18n/languages.js';
import { SelectField } from './fields.js';

export function LanguagePicker({ desk, setting }: { desk: Pick<DeskApi, 'invoke'>; setting: LanguageSetting }) {
  const intl = useIntl();
  const [locked, setLocked] = useState(false);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    void desk.invoke('getPolicy', {}).then((policy) => live && policy.ok && setLocked(policy.value.locked.includes('language')));
    return () => {
      live = false;
    };
  }, [desk]);

  const system = LANGUAGE_NAMES[chooseLanguage('system', navigator.languages).language];
  const options = [
    { value: 'system' as const, label: intl.formatMessage({ id: 'language.system' }, { language: system }) },
    ...LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] })),
  ];
  const choose = async (language: LanguageSetting) => {
    const result = await desk.invoke('updateSettings', { patch: { language } });
    setFailed(!result.ok);
  };
  return (
    <div className="form-card language-picker">
      <SelectField
        label={intl.formatMessage({ id: 'language.label' })}
        value={setting}
        options={options}
        onChange={(language) => void choose(language)}
        disabled={locked}
        hint={intl.formatMessage({ id: locked ? 'settings.lockedHint' : 'language.hint' })}
        error={failed ? intl.formatMessage({ id: 'language.notSaved' }) : null}
        testId="language"
      />
    </div>
  );
}
