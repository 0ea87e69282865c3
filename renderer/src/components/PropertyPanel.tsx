// Property mode: the property's server and id this desk joins, its name among the property's desks,
// and the server's sign-in (kept in the keychain, never shown again). Property mode starts with the
// console, so a saved change says that a restart applies it. Adding a desk (export and import of a
// desk-join file) is below, in DeskJoinForms.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { BrokerCredentialInput, DeskApi, DeskStatus, EditableSettings, PropertyJoinView } from '../../../main/ipc/contract.js';
import type { FieldErrors } from '../state/field-errors.js';
import { ExportJoinForm, ImportJoinForm } from './DeskJoinForms.js';
import { OutcomeLine, TextField, type Outcome } from './fields.js';
import { Icon } from './Icon.js';
import { CredentialInput, propertyErrorWords } from './PropertyFields.js';

interface PropertyPanelProps {
  desk: Pick<DeskApi, 'invoke'>;
  status: DeskStatus;
}

const NO_ERRORS: FieldErrors = { byField: {}, text: '' };
const LOCKED_HINT = "Set by your IT department's policy: it cannot be changed here.";

export function PropertyPanel({ desk, status }: PropertyPanelProps) {
  const [join, setJoin] = useState<PropertyJoinView | null>(null);
  // Bumped after an import: the forms load the imported settings.
  const [generation, setGeneration] = useState(0);
  const reloadJoin = useCallback(async () => {
    const result = await desk.invoke('getPropertyJoin', {});
    if (result.ok) setJoin(result.value);
  }, [desk]);
  useEffect(() => void reloadJoin(), [reloadJoin, generation]);

  return (
    <div className="settings-stack" data-testid="property-panel">
      <PropertySettings key={generation} desk={desk} status={status} fromFlags={join?.fromFlags ?? false} />
      <BrokerSignIn desk={desk} join={join} onSaved={setJoin} />
      <ExportJoinForm desk={desk} />
      <ImportJoinForm desk={desk} onImported={() => setGeneration((g) => g + 1)} />
    </div>
  );
}

// ---------------------------------------------------------------- server, property and desk name

function PropertySettings({ desk, status, fromFlags }: PropertyPanelProps & { fromFlags: boolean }) {
  const [loaded, setLoaded] = useState<EditableSettings | null>(null);
  const [url, setUrl] = useState('');
  const [property, setProperty] = useState('');
  const [deskName, setDeskName] = useState('');
  const [locked, setLocked] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);

  const show = (s: EditableSettings) => {
    setLoaded(s);
    setUrl(s.broker.url ?? '');
    setProperty(s.broker.property ?? '');
    setDeskName(s.deskName);
  };
  useEffect(() => {
    void (async () => {
      const result = await desk.invoke('getSettings', {});
      if (!result.ok) return setOutcome({ kind: 'error', text: `The settings could not load: ${result.error}` });
      show(result.value);
      const policy = await desk.invoke('getPolicy', {});
      if (policy.ok) setLocked(policy.value.locked);
    })();
  }, [desk]);

  const edit = (set: (value: string) => void) => (value: string) => {
    set(value);
    setOutcome(null);
  };
  const isLocked = (field: string) => locked.some((key) => field === key || field.startsWith(`${key}.`));
  const lockable = (field: string, hint: string) => ({ disabled: isLocked(field), hint: isLocked(field) ? LOCKED_HINT : hint });

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!loaded) return;
    const broker = { url: url.trim() || null, property: property.trim() || null };
    const patch: Partial<EditableSettings> = {};
    if (broker.url !== loaded.broker.url || broker.property !== loaded.broker.property) patch.broker = broker;
    if (deskName !== loaded.deskName) patch.deskName = deskName;
    if (!Object.keys(patch).length) return setOutcome({ kind: 'ok', text: 'Nothing to save: no setting was changed.' });
    setBusy(true);
    const result = await desk.invoke('updateSettings', { patch });
    setBusy(false);
    if (!result.ok) {
      const described = propertyErrorWords(result.error);
      setErrors(described);
      return setOutcome({ kind: 'error', text: `Nothing was saved. ${described.text}` });
    }
    setErrors(NO_ERRORS);
    show(result.value);
    setOutcome({ kind: 'ok', text: 'Saved.' });
  }

  return (
    <form className="form-card" aria-labelledby="property-title" onSubmit={(e) => void save(e)} data-testid="property-settings" noValidate>
      <h2 id="property-title">Property</h2>
      <p className="hint">
        Several desks of one property can share its calls through the property server: every desk rings, and the first to answer takes the call. Leave the
        server and the property id empty for a desk on its own.
      </p>
      <PropertyState status={status} fromFlags={fromFlags} />
      <div className="form-grid">
        <TextField
          className="wide"
          label="Property server"
          value={url}
          onChange={edit(setUrl)}
          placeholder="tls://nats.example.com:4222"
          error={errors.byField['broker.url'] ?? errors.byField.broker ?? null}
          {...lockable('broker.url', 'Begins with nats://, tls://, ws:// or wss://. Ask whoever runs the property server.')}
          testId="set-broker-url"
        />
        <TextField
          label="Property id"
          value={property}
          onChange={edit(setProperty)}
          placeholder="grand-hotel"
          error={errors.byField['broker.property'] ?? null}
          {...lockable('broker.property', 'The same on every desk of the property and in its calling skill.')}
          testId="set-property-id"
        />
        <TextField
          label="Desk name"
          value={deskName}
          onChange={edit(setDeskName)}
          error={errors.byField.deskName ?? null}
          {...lockable('deskName', 'How the other desks see this one, for example "Front desk 2".')}
          testId="set-property-desk-name"
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !loaded} data-testid="save-property">
          <Icon name="check" /> {busy ? 'Saving…' : 'Save'}
        </button>
        <OutcomeLine outcome={outcome} testId="property-outcome" />
      </div>
    </form>
  );
}

/** What runs now, and what the next start changes. */
function PropertyState({ status, fromFlags }: { status: DeskStatus; fromFlags: boolean }) {
  const running = status.property;
  return (
    <div data-testid="property-state" data-running={running ? 'property' : 'single'} data-restart={status.propertyRestart ?? 'none'}>
      {running ? (
        <p className={`state-line ${running.state === 'connected' ? 'ok' : 'bad'}`}>
          <Icon name={running.state === 'connected' ? 'check' : 'alert-triangle'} size={18} />
          {running.state === 'connected' && <span className="state-text">This desk is one of the desks of the property {running.property}, on {running.broker}.</span>}
          {running.state === 'connecting' && <span className="state-text">This desk is connecting to the property server {running.broker}.</span>}
          {running.state === 'unreachable' && <span className="state-text">The property server {running.broker} is unreachable. The console keeps trying.</span>}
        </p>
      ) : (
        <p className="state-line ok">
          <Icon name="check" size={18} />
          <span className="state-text">This desk works on its own: the calling skill sends its calls to this desk's webhook.</span>
        </p>
      )}
      {status.propertyRestart && (
        <p className="state-line warn" role="status" data-testid="property-restart">
          <Icon name="info" size={18} />
          {status.propertyRestart === 'join' && <strong className="state-text">Restart the console to join the property.</strong>}
          {status.propertyRestart === 'leave' && <strong className="state-text">Restart the console to leave the property. This desk then works on its own.</strong>}
          {status.propertyRestart === 'change' && <strong className="state-text">Restart the console to use the new property settings.</strong>}
        </p>
      )}
      {fromFlags && (
        <p className="hint" data-testid="property-from-flags">
          This console was started with --broker and --property: they apply instead of the server and property id saved here.
        </p>
      )}
    </div>
  );
}

// ---------------------------------------------------------------- the property server's sign-in

function BrokerSignIn({ desk, join, onSaved }: { desk: Pick<DeskApi, 'invoke'>; join: PropertyJoinView | null; onSaved(view: PropertyJoinView): void }) {
  const [credential, setCredential] = useState<BrokerCredentialInput>({ kind: 'creds', text: '' });
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(next: BrokerCredentialInput | null) {
    if (next && !next.text.trim()) return setOutcome({ kind: 'error', text: next.kind === 'creds' ? 'Paste the text of the .creds file, or open the file.' : 'Paste the token.' });
    setBusy(true);
    const result = await desk.invoke('setBrokerCredential', { credential: next });
    setBusy(false);
    if (!result.ok) {
      const described = propertyErrorWords(result.error);
      setError(described.byField.creds ?? described.byField.token ?? null);
      return setOutcome({ kind: 'error', text: `Not saved: ${described.text}` });
    }
    setCredential({ kind: credential.kind, text: '' });
    setError(null);
    onSaved(result.value);
    setOutcome({ kind: 'ok', text: next ? 'Saved in the system keychain.' : 'Removed from the system keychain.' });
  }

  return (
    <form
      className="form-card"
      aria-labelledby="broker-signin-title"
      onSubmit={(e) => {
        e.preventDefault();
        void send(credential);
      }}
      data-testid="broker-signin"
      noValidate
    >
      <h2 id="broker-signin-title">Property server sign-in</h2>
      <p className="hint">
        The property server's administrator gives each desk a NATS .creds file or a token. It is kept in the system keychain and never shown again.
      </p>
      <CredentialState join={join} />
      <CredentialInput
        value={credential}
        onChange={(c) => {
          setCredential(c);
          setOutcome(null);
        }}
        error={error}
        testId="broker-credential"
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="save-broker-credential">
          {busy ? 'Saving…' : 'Save in the keychain'}
        </button>
        {join?.credential?.from === 'keychain' && (
          <button type="button" className="btn" disabled={busy} onClick={() => void send(null)} data-testid="remove-broker-credential">
            Remove
          </button>
        )}
        <OutcomeLine outcome={outcome} testId="broker-credential-outcome" />
      </div>
    </form>
  );
}

function CredentialState({ join }: { join: PropertyJoinView | null }) {
  if (!join) return <p className="muted">Checking…</p>;
  const saved = join.credential;
  if (!saved) {
    return (
      <p className="state-line warn" data-testid="broker-credential-state" data-kind="none">
        <Icon name="info" size={18} />
        <span className="state-text">None saved. Only a property server without sign-in accepts this desk.</span>
      </p>
    );
  }
  return (
    <p className="state-line ok" data-testid="broker-credential-state" data-kind={saved.kind} data-from={saved.from}>
      <Icon name="check" size={18} />
      {saved.from === 'environment' && saved.kind === 'creds' && <span className="state-text">From the DESK_BROKER_CREDS variable of this computer. It applies instead of the keychain.</span>}
      {saved.from === 'environment' && saved.kind === 'token' && <span className="state-text">From the DESK_BROKER_TOKEN variable of this computer. It applies instead of the keychain.</span>}
      {saved.from === 'keychain' && saved.kind === 'creds' && <span className="state-text">A .creds file is saved in the system keychain.</span>}
      {saved.from === 'keychain' && saved.kind === 'token' && <span className="state-text">A token is saved in the system keychain.</span>}
    </p>
  );
}
