// Adding a desk to the property: on a desk that is linked and part of the property, export a
// desk-join file sealed with a passphrase typed twice; on the new desk, import it with the same
// passphrase and the new desk's name. The file is encrypted by main; secrets never come back here.
import { useId, useState, type FormEvent } from 'react';
import type { BrokerCredentialInput, DeskApi } from '../../../main/ipc/contract.js';
import { download } from '../download.js';
import { OutcomeLine, SecretField, SelectField, TextField, type Outcome } from './fields.js';
import { Icon } from './Icon.js';
import { CredentialInput, propertyErrorWords } from './PropertyFields.js';

const MIN_PASSPHRASE = 12;
/** Real files are a few KiB; anything this big is not one (main says so too). */
const MAX_FILE_BYTES = 1_000_000;

const CREDENTIAL_CHOICES = [
  { value: 'same', label: "This desk's sign-in" },
  { value: 'own', label: 'Its own sign-in (paste it below)' },
] as const;

export function ExportJoinForm({ desk }: { desk: Pick<DeskApi, 'invoke'> }) {
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [choice, setChoice] = useState<'same' | 'own'>('same');
  const [credential, setCredential] = useState<BrokerCredentialInput>({ kind: 'creds', text: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);

  function problems(): Record<string, string> {
    const found: Record<string, string> = {};
    if (passphrase.length < MIN_PASSPHRASE) found.passphrase = 'Use at least 12 characters. A few words are easy to type and hard to guess.';
    else if (again !== passphrase) found.again = 'The two passphrases are not the same.';
    if (choice === 'own' && !credential.text.trim()) found.credential = "Paste the new desk's sign-in, or choose this desk's.";
    return found;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = problems();
    setErrors(found);
    if (Object.keys(found).length) return setOutcome({ kind: 'error', text: 'No file was made. Check the fields marked above.' });
    setBusy(true);
    setOutcome({ kind: 'ok', text: 'Encrypting the file…' });
    const result = await desk.invoke('exportDeskJoin', choice === 'own' ? { passphrase, credential } : { passphrase });
    setBusy(false);
    if (!result.ok) {
      const described = propertyErrorWords(result.error);
      setErrors({ passphrase: described.byField.passphrase ?? '', credential: described.byField.creds ?? described.byField.token ?? '' });
      return setOutcome({ kind: 'error', text: `No file was made. ${described.text}` });
    }
    download(result.value.fileName, result.value.text, 'application/json');
    setPassphrase('');
    setAgain('');
    setCredential({ kind: credential.kind, text: '' });
    setOutcome({
      kind: 'ok',
      text: `The desk-join file ${result.value.fileName} is ready. Take it to the new desk and type the passphrase there yourself: never send the passphrase with the file.`,
    });
  }

  return (
    <form className="form-card" aria-labelledby="export-join-title" onSubmit={(e) => void submit(e)} data-testid="export-join" noValidate>
      <h2 id="export-join-title">Add a desk: make a desk-join file</h2>
      <p className="hint">
        On this desk, make a file that lets a new desk join the property. It holds this desk's link to Amazon, the property server, its sign-in and the
        region, encrypted with a passphrase you choose. Save the property settings above first.
      </p>
      <div className="form-grid">
        <SecretField label="Passphrase" value={passphrase} onChange={setPassphrase} error={errors.passphrase || null} hint={errors.passphrase ? undefined : 'At least 12 characters.'} testId="export-passphrase" />
        <SecretField label="Passphrase again" value={again} onChange={setAgain} error={errors.again || null} testId="export-passphrase-again" />
        <SelectField<"same" | "own"> label="Sign-in for the new desk" value={choice} options={CREDENTIAL_CHOICES} onChange={setChoice} testId="export-credential-choice" />
      </div>
      {choice === 'own' && <CredentialInput value={credential} onChange={setCredential} error={errors.credential || null} testId="export-credential" />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="export-join-submit">
          {busy ? 'Encrypting…' : 'Make the desk-join file'}
        </button>
        <OutcomeLine outcome={outcome} testId="export-join-outcome" />
      </div>
    </form>
  );
}

export function ImportJoinForm({ desk, onImported }: { desk: Pick<DeskApi, 'invoke'>; onImported(): void }) {
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
    if (!file) found.file = 'Choose the desk-join file.';
    else if (file.size > MAX_FILE_BYTES) found.file = 'This file is too large to be a desk-join file.';
    if (!passphrase) found.passphrase = 'Type the passphrase the file was made with.';
    if (!deskName.trim()) found.deskName = 'Name this desk, for example "Front desk 2".';
    setErrors(found);
    if (Object.keys(found).length || !file) return setOutcome({ kind: 'error', text: 'Nothing was imported. Check the fields marked above.' });
    setBusy(true);
    setOutcome({ kind: 'ok', text: 'Opening the file…' });
    const result = await desk.invoke('importDeskJoin', { text: await file.text(), passphrase, deskName: deskName.trim() });
    setBusy(false);
    setPassphrase('');
    if (!result.ok) {
      const described = propertyErrorWords(result.error);
      setErrors({ deskName: described.byField.deskName ?? '' });
      return setOutcome({ kind: 'error', text: `Nothing was imported. ${described.text}` });
    }
    setOutcome({
      kind: 'ok',
      text: `Imported the desk-join file from ${result.value.exportedBy}. This desk is linked to Amazon, and the property server sign-in is in the system keychain.`,
    });
    onImported();
  }

  return (
    <form className="form-card" aria-labelledby="import-join-title" onSubmit={(e) => void submit(e)} data-testid="import-join" noValidate>
      <h2 id="import-join-title">Join a property with a desk-join file</h2>
      <p className="hint">
        On a new desk, open the file made on a desk of the property. This replaces this desk's link to Amazon and its property settings.
      </p>
      <div className="form-grid">
        <div className="field stacked">
          <label htmlFor={fileId}>Desk-join file</label>
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
          {errors.file && (
            <span className="field-error">
              <Icon name="alert-triangle" size={16} /> {errors.file}
            </span>
          )}
        </div>
        <SecretField label="Passphrase" value={passphrase} onChange={setPassphrase} error={errors.passphrase || null} testId="import-passphrase" />
        <TextField label="Name of this desk" value={deskName} onChange={setDeskName} error={errors.deskName || null} hint="How the other desks see this one." testId="import-desk-name" />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="import-join-submit">
          <Icon name="link" /> {busy ? 'Importing…' : 'Import and join'}
        </button>
        <OutcomeLine outcome={outcome} testId="import-join-outcome" />
      </div>
    </form>
  );
}
