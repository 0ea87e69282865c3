// Pieces the property's forms share: the input for the property server's sign-in (a .creds file or a
// token, masked on screen) and main's refusals in the window's language, under the fields they belong to.
import { useCallback } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageId } from '../../../main/domain/text.js';
import type { BrokerCredentialInput, Result } from '../../../main/ipc/contract.js';
import { useSay } from '../i18n/DeskIntl.js';
import { describeFieldErrors, type FieldErrors } from '../state/field-errors.js';
import { SecretField, SelectField } from './fields.js';
import { Icon } from './Icon.js';

/** Field paths main names, as the labels on screen (for a refusal main has no words of its own for). */
const FIELD_LABELS: Record<string, MessageId> = {
  'broker.url': 'property.server',
  'broker.property': 'property.id',
  broker: 'property.server',
  deskName: 'property.deskName',
  region: 'property.region',
  passphrase: 'deskJoin.passphrase',
  creds: 'property.credsText',
  token: 'property.token',
};
/** The command's envelope around a field's path: "patch.deskName", "credential.text". */
const PREFIXES = ['patch.', 'credential.'];

type Refusal = Extract<Result<unknown>, { ok: false }>;

/**
 * Main's refusal in the window's language: per field, for the input it belongs to, and as one line.
 * Main's words when it gives them; else (an unexpected failure) its English, under the labels on screen.
 */
export function usePropertyErrors(): (refused: Refusal) => FieldErrors {
  const intl = useIntl();
  const say = useSay();
  return useCallback(
    (refused) => {
      const english = describeFieldErrors(refused.error, { label: (field) => (FIELD_LABELS[field] ? intl.formatMessage({ id: FIELD_LABELS[field] }) : null), prefixes: PREFIXES });
      if (!refused.message && !refused.fields) return english;
      const said = Object.entries(refused.fields ?? {}).map(([path, words]) => [withoutPrefix(path), say(words)] as const);
      const lines = [...(refused.message ? [say(refused.message)] : []), ...said.map(([, words]) => words)];
      return { byField: { ...english.byField, ...Object.fromEntries(said) }, text: lines.join(' ') };
    },
    [intl, say],
  );
}

function withoutPrefix(path: string): string {
  const prefix = PREFIXES.find((p) => path.startsWith(p));
  return prefix ? path.slice(prefix.length) : path;
}

/** A .creds file's text (pasted or opened) or a token; the text is masked on screen. */
export function CredentialInput({ value, onChange, error, testId }: { value: BrokerCredentialInput; onChange(value: BrokerCredentialInput): void; error: string | null; testId: string }) {
  const intl = useIntl();
  const kinds = [
    { value: 'creds', label: intl.formatMessage({ id: 'property.kindCreds' }) },
    { value: 'token', label: intl.formatMessage({ id: 'property.kindToken' }) },
  ] as const;
  async function open(file: File | undefined) {
    if (file) onChange({ kind: 'creds', text: await file.text() });
  }
  return (
    <div className="form-grid">
      <SelectField label={intl.formatMessage({ id: 'property.kind' })} value={value.kind} options={kinds} onChange={(kind) => onChange({ kind, text: '' })} testId={`${testId}-kind`} />
      {value.kind === 'creds' ? (
        <div className="field stacked wide">
          <label htmlFor={`${testId}-text`}>
            <FormattedMessage id="property.credsText" />
          </label>
          <textarea
            id={`${testId}-text`}
            className="secret-text"
            rows={4}
            value={value.text}
            onChange={(e) => onChange({ kind: 'creds', text: e.target.value })}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            data-testid={`${testId}-text`}
          />
          {error && (
            <span className="field-error">
              <Icon name="alert-triangle" size={16} /> {error}
            </span>
          )}
          <label className="btn btn-small file-button">
            <FormattedMessage id="property.openCreds" />
            <input type="file" accept=".creds,text/plain" onChange={(e) => void open(e.target.files?.[0])} data-testid={`${testId}-file`} />
          </label>
        </div>
      ) : (
        <SecretField label={intl.formatMessage({ id: 'property.token' })} value={value.text} onChange={(text) => onChange({ kind: 'token', text })} error={error} testId={`${testId}-text`} />
      )}
    </div>
  );
}
