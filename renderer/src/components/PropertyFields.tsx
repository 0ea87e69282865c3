// Pieces the property's forms share: the input for the property server's sign-in (a .creds file or a
// token, masked on screen) and main's errors under the labels these forms show.
import type { BrokerCredentialInput } from '../../../main/ipc/contract.js';
import { describeFieldErrors, type FieldErrors } from '../state/field-errors.js';
import { SecretField, SelectField } from './fields.js';
import { Icon } from './Icon.js';

const FIELD_LABELS: Record<string, string> = {
  'broker.url': 'Property server',
  'broker.property': 'Property id',
  broker: 'Property server',
  deskName: 'Desk name',
  region: 'Region',
  passphrase: 'Passphrase',
  creds: '.creds file',
  token: 'Token',
};

/** Main's error with its field names as on screen. */
export function propertyErrorWords(error: string): FieldErrors {
  return describeFieldErrors(error, { label: (field) => FIELD_LABELS[field] ?? null, prefixes: ['patch.', 'credential.'] });
}

const CREDENTIAL_KINDS = [
  { value: 'creds', label: 'A NATS .creds file' },
  { value: 'token', label: 'A token' },
] as const;

/** A .creds file's text (pasted or opened) or a token; the text is masked on screen. */
export function CredentialInput({ value, onChange, error, testId }: { value: BrokerCredentialInput; onChange(value: BrokerCredentialInput): void; error: string | null; testId: string }) {
  async function open(file: File | undefined) {
    if (file) onChange({ kind: 'creds', text: await file.text() });
  }
  return (
    <div className="form-grid">
      <SelectField label="Kind" value={value.kind} options={CREDENTIAL_KINDS} onChange={(kind) => onChange({ kind, text: '' })} testId={`${testId}-kind`} />
      {value.kind === 'creds' ? (
        <div className="field stacked wide">
          <label htmlFor={`${testId}-text`}>Text of the .creds file</label>
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
            Open a .creds file…
            <input type="file" accept=".creds,text/plain" onChange={(e) => void open(e.target.files?.[0])} data-testid={`${testId}-file`} />
          </label>
        </div>
      ) : (
        <SecretField label="Token" value={value.text} onChange={(text) => onChange({ kind: 'token', text })} error={error} testId={`${testId}-text`} />
      )}
    </div>
  );
}
