// Adding a desk to the property: on a desk that is linked and part of the property, export a
// desk-join file sealed with a passphrase typed twice; on the new desk, import it with the same
// passphrase and the new desk's name. The file is encrypted by main; secrets never come back here.
import { useId, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { BrokerCredentialInput, DeskApi } from '../../../main/ipc/contract.js';
import { download } from '../download.js';
import { OutcomeLine, SecretField, SelectField, TextField, type Outcome } from './fields.js';
import { Icon } from './Icon.js';
import { CredentialInput, usePropertyErrors } from './PropertyFields.js';

const MIN_PASSPHRASE = 12;
/** Real files are a few KiB; anything this big is not one (main says so too). */
const MAX_FILE_BYTES = 1_000_000;

export function ExportJoinForm({ desk }: { desk: Pick<DeskApi, 'invoke'> }) {
  const intl = useIntl();
  const errorWords = usePropertyErrors();
  const choices = [
    { value: 'same', label: intl.formatMessage({ id: 'deskJoin.signInSame' }) },
    { value: 'own', label: intl.formatMessage({ id: 'deskJoin.signInOwn' }) },
  ] as const;
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [choice, setChoice] = useState<'same' | 'own'>('same');
  const [credential, setCredential] = useState<BrokerCredentialInput>({ kind: 'creds', text: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);

  function problems(): Record<string, string> {
    const found: Record<string, string> = {};
    if (passphrase.length < MIN_PASSPHRASE) found.passphrase = intl.formatMessage({ id: 'deskJoin.passphraseShort' }, { min: MIN_PASSPHRASE });
    else if (again !== passphrase) found.again = intl.formatMessage({ id: 'deskJoin.passphrasesDiffer' });
    if (choice === 'own' && !credential.text.trim()) found.credential = intl.formatMessage({ id: 'deskJoin.credentialMissing' });
    return found;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = problems();
    setErrors(found);
    if (Object.keys(found).length) return setOutcome({ kind: 'error', text: intl.formatMessage({ id: 'deskJoin.notMadeCheckFields' }) });
    setBusy(true);
    setOutcome({ kind: 'ok', text: intl.formatMessage({ id: 'deskJoin.encryptingFile' }) });
    const result = await desk.invoke('exportDeskJoin', choice === 'own' ? { passphrase, credential } : { passphrase });
    setBusy(false);
    if (!result.ok) {
      const described = errorWords(result);
      setErrors({ passphrase: described.byField.passphrase ?? '', credential: described.byField.creds ?? described.byField.token ?? '' });
      return setOutcome({ kind: 'error', text: intl.formatMessage({ id: 'deskJoin.notMade' }, { problem: described.text }) });
    }
    download(result.value.fileName, result.value.text, 'application/json');
    setPassphrase('');
    setAgain('');
    setCredential({ kind: credential.kind, text: '' });
    setOutcome({ kind: 'ok', text: intl.formatMessage({ id: 'deskJoin.made' }, { file: result.value.fileName }) });
  }

  return (
    <form className="form-card" aria-labelledby="export-join-title" onSubmit={(e) => void submit(e)} data-testid="export-join" noValidate>
      <h2 id="export-join-title">
        <FormattedMessage id="deskJoin.exportTitle" />
      </h2>
      <p className="hint">
        <FormattedMessage id="deskJoin.exportIntro" />
      </p>
      <div className="form-grid">
        <SecretField
          label={intl.formatMessage({ id: 'deskJoin.passphrase' })}
          value={passphrase}
          onChange={setPassphrase}
          error={errors.passphrase || null}
          hint={errors.passphrase ? undefined : intl.formatMessage({ id: 'deskJoin.passphraseHint' }, { min: MIN_PASSPHRASE })}
          testId="export-passphrase"
        />
        <SecretField label={intl.formatMessage({ id: 'deskJoin.passphraseAgain' })} value={again} onChange={setAgain} error={errors.again || null} testId="export-passphrase-again" />
        <SelectField<'same' | 'own'> label={intl.formatMessage({ id: 'deskJoin.newDeskSignIn' })} value={choice} options={choices} onChange={setChoice} testId="export-credential-choice" />
      </div>
      {choice === 'own' && <CredentialInput value={credential} onChange={setCredential} error={errors.credential || null} testId="export-credential" />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="export-join-submit">
          <FormattedMessage id={busy ? 'deskJoin.encrypting' : 'deskJoin.make'} />
        </button>
        <OutcomeLine outcome={outcome} testId="export-join-outcome" />
      </div>
    </form>
  );
}

export function ImportJoinForm({ desk, onImported }: { desk: Pick<DeskApi, 'invoke'>; onImported(): void }) {
  const intl = useIntl();
  const errorWords = usePropertyErrors();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [deskName, setDeskName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!file) found.file = intl.formatMessage({ id: 'deskJoin.chooseFile' });
    else if (file.size > MAX_FILE_BYTES) found.file = intl.formatMessage({ id: 'deskJoin.tooLarge' });
    if (!passphrase) found.passphrase = intl.formatMessage({ id: 'deskJoin.typePassphrase' });
    if (!deskName.trim()) found.deskName = intl.formatMessage({ id: 'property.deskNameEmpty' });
    setErrors(found);
    if (Object.keys(found).length || !file) return setOutcome({ kind: 'error', text: intl.formatMessage({ id: 'deskJoin.notImportedCheckFields' }) });
    setBusy(true);
    setOutcome({ kind: 'ok', text: intl.formatMessage({ id: 'deskJoin.opening' }) });
    const result = await desk.invoke('importDeskJoin', { text: await file.text(), passphrase, deskName: deskName.trim() });
    setBusy(false);
    setPassphrase('');
    if (!result.ok) {
      const described = errorWords(result);
      setErrors({ passphrase: described.byField.passphrase ?? '', deskName: described.byField.deskName ?? '' });
      return setOutcome({ kind: 'error', text: intl.formatMessage({ id: 'deskJoin.notImported' }, { problem: described.text }) });
    }
    setOutcome({ kind: 'ok', text: intl.formatMessage({ id: 'deskJoin.imported' }, { desk: result.value.exportedBy }) });
    onImported();
  }

  return (
    <form className="form-card" aria-labelledby="import-join-title" onSubmit={(e) => void submit(e)} data-testid="import-join" noValidate>
      <h2 id="import-join-title">
        <FormattedMessage id="deskJoin.importTitle" />
      </h2>
      <p className="hint">
        <FormattedMessage id="deskJoin.importIntro" />
      </p>
      <div className="form-grid">
        <div className="field stacked">
          <label htmlFor={fileId}>
            <FormattedMessage id="deskJoin.file" />
          </label>
          {/* The browser's own file input would say "No file chosen" in the browser's language. */}
          <span className="input-row">
            <span className="btn btn-small file-button">
              <FormattedMessage id="deskJoin.chooseFileButton" />
              <input
                id={fileId}
                type="file"
                accept=".deskjoin,.json"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setOutcome(null);
                }}
                aria-invalid={errors.file ? true : undefined}
                data-testid="import-join-file"
              />
            </span>
            <span className="file-name">{file ? file.name : <FormattedMessage id="deskJoin.noFile" />}</span>
          </span>
          {errors.file && (
            <span className="field-error">
              <Icon name="alert-triangle" size={16} /> {errors.file}
            </span>
          )}
        </div>
        <SecretField label={intl.formatMessage({ id: 'deskJoin.passphrase' })} value={passphrase} onChange={setPassphrase} error={errors.passphrase || null} testId="import-passphrase" />
        <TextField
          label={intl.formatMessage({ id: 'deskJoin.deskName' })}
          value={deskName}
          onChange={setDeskName}
          error={errors.deskName || null}
          hint={intl.formatMessage({ id: 'deskJoin.deskNameHint' })}
          testId="import-desk-name"
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="import-join-submit">
          <Icon name="link" /> <FormattedMessage id={busy ? 'deskJoin.importing' : 'deskJoin.import'} />
        </button>
        <OutcomeLine outcome={outcome} testId="import-join-outcome" />
      </div>
    </form>
  );
}
