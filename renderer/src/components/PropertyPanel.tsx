// Property mode: the property's server and id this desk joins, its name among the property's desks,
// and the server's sign-in (kept in the keychain, never shown again). Property mode starts with the
// console, so a saved change says that a restart applies it. Adding a desk (export and import of a
// desk-join file) is below, in DeskJoinForms.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { BrokerCredentialInput, DeskApi, DeskStatus, EditableSettings, PropertyJoinView } from '../../../main/ipc/contract.js';
import type { FieldErrors } from '../state/field-errors.js';
import { ExportJoinForm, ImportJoinForm } from './DeskJoinForms.js';
import { OutcomeLine, TextField, type Outcome } from './fields.js';
import { Icon } from './Icon.js';
import { CredentialInput, usePropertyErrors } from './PropertyFields.js';

interface PropertyPanelProps {
  desk: Pick<DeskApi, 'invoke'>;
  status: DeskStatus;
}

const NO_ERRORS: FieldErrors = { byField: {}, text: '' };
/** Examples in the empty fields: an address and an id, the same in every language. */
const SERVER_EXAMPLE = 'tls://nats.example.com:4222';
const PROPERTY_EXAMPLE = 'grand-hotel';

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
  const intl = useIntl();
  const errorWords = usePropertyErrors();
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
      if (!result.ok) return setOutcome({ kind: 'error', text: intl.formatMessage({ id: 'property.notLoaded' }, { problem: result.error }) });
      show(result.value);
      const policy = await desk.invoke('getPolicy', {});
      if (policy.ok) setLocked(policy.value.locked);
    })();
    // Loaded once per desk, not again when the language changes (that would undo what is typed).
  }, [desk]);

  const edit = (set: (value: string) => void) => (value: string) => {
    set(value);
    setOutcome(null);
  };
  const isLocked = (field: string) => locked.some((key) => field === key || field.startsWith(`${key}.`));
  const lockable = (field: string, hint: string) => ({ disabled: isLocked(field), hint: isLocked(field) ? intl.formatMessage({ id: 'settings.lockedHint' }) : hint });

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!loaded) return;
    const broker = { url: url.trim() || null, property: property.trim() || null };
    const patch: Partial<EditableSettings> = {};
    if (broker.url !== loaded.broker.url || broker.property !== loaded.broker.property) patch.broker = broker;
    if (deskName !== loaded.deskName) patch.deskName = deskName;
    if (!Object.keys(patch).length) return setOutcome({ kind: 'ok', text: intl.formatMessage({ id: 'property.nothingToSave' }) });
    setBusy(true);
    const result = await desk.invoke('updateSettings', { patch });
    setBusy(false);
    if (!result.ok) {
      const described = errorWords(result);
      setErrors(described);
      return setOutcome({ kind: 'error', text: intl.formatMessage({ id: 'property.notSaved' }, { problem: described.text }) });
    }
    setErrors(NO_ERRORS);
    show(result.value);
    setOutcome({ kind: 'ok', text: intl.formatMessage({ id: 'property.saved' }) });
  }

  return (
    <form className="form-card" aria-labelledby="property-title" onSubmit={(e) => void save(e)} data-testid="property-settings" noValidate>
      <h2 id="property-title">
        <FormattedMessage id="settings.property" />
      </h2>
      <p className="hint">
        <FormattedMessage id="property.intro" />
      </p>
      <PropertyState status={status} fromFlags={fromFlags} />
      <div className="form-grid">
        <TextField
          className="wide"
          label={intl.formatMessage({ id: 'property.server' })}
          value={url}
          onChange={edit(setUrl)}
          placeholder={SERVER_EXAMPLE}
          error={errors.byField['broker.url'] ?? errors.byField.broker ?? null}
          {...lockable('broker.url', intl.formatMessage({ id: 'property.serverHint' }))}
          testId="set-broker-url"
        />
        <TextField
          label={intl.formatMessage({ id: 'property.id' })}
          value={property}
          onChange={edit(setProperty)}
          placeholder={PROPERTY_EXAMPLE}
          error={errors.byField['broker.property'] ?? null}
          {...lockable('broker.property', intl.formatMessage({ id: 'property.idHint' }))}
          testId="set-property-id"
        />
        <TextField
          label={intl.formatMessage({ id: 'property.deskName' })}
          value={deskName}
          onChange={edit(setDeskName)}
          error={errors.byField.deskName ?? null}
          {...lockable('deskName', intl.formatMessage({ id: 'property.deskNameHint' }))}
          testId="set-property-desk-name"
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !loaded} data-testid="save-property">
          <Icon name="check" /> <FormattedMessage id={busy ? 'property.saving' : 'property.save'} />
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
          <span className="state-text">
            {running.state === 'connected' && <FormattedMessage id="property.stateConnected" values={{ property: running.property, server: running.broker }} />}
            {running.state === 'connecting' && <FormattedMessage id="property.stateConnecting" values={{ server: running.broker }} />}
            {running.state === 'unreachable' && <FormattedMessage id="property.stateUnreachable" values={{ server: running.broker }} />}
          </span>
        </p>
      ) : (
        <p className="state-line ok">
          <Icon name="check" size={18} />
          <span className="state-text">
            <FormattedMessage id="property.stateAlone" />
          </span>
        </p>
      )}
      {status.propertyRestart && (
        <p className="state-line warn" role="status" data-testid="property-restart">
          <Icon name="info" size={18} />
          <strong className="state-text">
            {status.propertyRestart === 'join' && <FormattedMessage id="property.restartJoin" />}
            {status.propertyRestart === 'leave' && <FormattedMessage id="property.restartLeave" />}
            {status.propertyRestart === 'change' && <FormattedMessage id="property.restartChange" />}
          </strong>
        </p>
      )}
      {fromFlags && (
        <p className="hint" data-testid="property-from-flags">
          <FormattedMessage id="property.fromFlags" values={{ broker: '--broker', property: '--property' }} />
        </p>
      )}
    </div>
  );
}

// ---------------------------------------------------------------- the property server's sign-in

function BrokerSignIn({ desk, join, onSaved }: { desk: Pick<DeskApi, 'invoke'>; join: PropertyJoinView | null; onSaved(view: PropertyJoinView): void }) {
  const intl = useIntl();
  const errorWords = usePropertyErrors();
  const [credential, setCredential] = useState<BrokerCredentialInput>({ kind: 'creds', text: '' });
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(next: BrokerCredentialInput | null) {
    if (next && !next.text.trim()) return setOutcome({ kind: 'error', text: intl.formatMessage({ id: next.kind === 'creds' ? 'property.credsEmpty' : 'property.tokenEmpty' }) });
    setBusy(true);
    const result = await desk.invoke('setBrokerCredential', { credential: next });
    setBusy(false);
    if (!result.ok) {
      const described = errorWords(result);
      setError(described.byField.creds ?? described.byField.token ?? null);
      return setOutcome({ kind: 'error', text: intl.formatMessage({ id: 'property.credentialNotSaved' }, { problem: described.text }) });
    }
    setCredential({ kind: credential.kind, text: '' });
    setError(null);
    onSaved(result.value);
    setOutcome({ kind: 'ok', text: intl.formatMessage({ id: next ? 'property.credentialSaved' : 'property.credentialRemoved' }) });
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
      <h2 id="broker-signin-title">
        <FormattedMessage id="property.signInTitle" />
      </h2>
      <p className="hint">
        <FormattedMessage id="property.signInIntro" />
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
          <FormattedMessage id={busy ? 'property.saving' : 'property.saveInKeychain'} />
        </button>
        {join?.credential?.from === 'keychain' && (
          <button type="button" className="btn" disabled={busy} onClick={() => void send(null)} data-testid="remove-broker-credential">
            <FormattedMessage id="property.removeCredential" />
          </button>
        )}
        <OutcomeLine outcome={outcome} testId="broker-credential-outcome" />
      </div>
    </form>
  );
}

function CredentialState({ join }: { join: PropertyJoinView | null }) {
  if (!join) {
    return (
      <p className="muted">
        <FormattedMessage id="property.checking" />
      </p>
    );
  }
  const saved = join.credential;
  if (!saved) {
    return (
      <p className="state-line warn" data-testid="broker-credential-state" data-kind="none">
        <Icon name="info" size={18} />
        <span className="state-text">
          <FormattedMessage id="property.credentialNone" />
        </span>
      </p>
    );
  }
  return (
    <p className="state-line ok" data-testid="broker-credential-state" data-kind={saved.kind} data-from={saved.from}>
      <Icon name="check" size={18} />
      <span className="state-text">
        {saved.from === 'environment' ? (
          <FormattedMessage id="property.credentialFromEnvironment" values={{ variable: saved.kind === 'creds' ? 'DESK_BROKER_CREDS' : 'DESK_BROKER_TOKEN' }} />
        ) : (
          <FormattedMessage id={saved.kind === 'creds' ? 'property.credentialCredsSaved' : 'property.credentialTokenSaved'} />
        )}
      </span>
    </p>
  );
}
