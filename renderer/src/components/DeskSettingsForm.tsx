// The desk's own settings: who the desk is, how calls ring, where the skill webhook listens (and its
// secret), the STUN/TURN servers and start-up. Main validates a save as a whole: an error names its field here
// and nothing changes. TURN passwords go to the keychain and are never read back.
import { useEffect, useState, type FormEvent } from 'react';
import type { DeskApi, DeskStatus, EditableSettings } from '../../../main/ipc/contract.js';
import type { FieldErrors } from '../state/field-errors.js';
import {
  describeSettingsError,
  droppedTurnUrls,
  formFromSettings,
  hasSavedPassword,
  newIceServerRow,
  settingsPatch,
  turnUrlOf,
  typedPasswords,
  type IceServerRow,
  type SettingsForm,
} from '../state/settings-form.js';
import { useSay } from '../i18n/DeskIntl.js';
import { CheckField, OutcomeLine, SecretField, SelectField, TextField, type Outcome } from './fields.js';
import { Icon } from './Icon.js';
import { WebhookSecretPanel } from './WebhookSecretPanel.js';

interface DeskSettingsFormProps {
  desk: Pick<DeskApi, 'invoke'>;
  status: DeskStatus;
}

const REGIONS = [
  { value: 'NA', label: 'North America (NA)' },
  { value: 'EU', label: 'Europe (EU)' },
  { value: 'FE', label: 'Far East (FE)' },
] as const;

const POLICIES = [
  { value: 'off', label: 'Off: the desk answers' },
  { value: 'all', label: 'All calls' },
  { value: 'idle', label: 'Only when no call is up' },
] as const;

const NO_ERRORS: FieldErrors = { byField: {}, text: '' };
const LOCKED_HINT = "Set by your IT department's policy: it cannot be changed here.";

const CHANNELS = [
  { value: 'stable', label: 'Stable' },
  { value: 'beta', label: 'Beta: new versions first' },
] as const;

const PROXY_MODES = [
  { value: 'system', label: "This computer's proxy settings" },
  { value: 'manual', label: 'This proxy server' },
  { value: 'direct', label: 'No proxy' },
] as const;

export function DeskSettingsForm({ desk, status }: DeskSettingsFormProps) {
  const [baseline, setBaseline] = useState<EditableSettings | null>(null);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const [webhookOutcome, setWebhookOutcome] = useState<Outcome>(null);
  const [policy, setPolicy] = useState<{ source: string | null; locked: string[] }>({ source: null, locked: [] });

  async function load() {
    setLoadError(null);
    const result = await desk.invoke('getSettings', {});
    if (!result.ok) return setLoadError(`The settings could not load: ${result.error}`);
    setBaseline(result.value);
    setForm(formFromSettings(result.value));
    const machinePolicy = await desk.invoke('getPolicy', {});
    if (machinePolicy.ok) setPolicy(machinePolicy.value);
  }
  useEffect(() => void load(), [desk]);

  if (!form || !baseline) {
    return (
      <div className="settings-loading">
        {loadError ? <OutcomeLine outcome={{ kind: 'error', text: loadError }} /> : <p className="muted">Loading settings…</p>}
        {loadError && (
          <button type="button" className="btn" onClick={() => void load()}>
            Try again
          </button>
        )}
      </div>
    );
  }

  const edit = (change: Partial<SettingsForm>) => {
    setForm({ ...form, ...change });
    setOutcome(null);
  };
  const editRow = (key: string, change: Partial<IceServerRow>) =>
    edit({ iceServers: form.iceServers.map((row) => (row.key === key ? { ...row, ...change } : row)) });
  const fieldError = (field: string) => errors.byField[field] ?? null;
  /** A setting the machine policy locks (a locked object locks what is inside it). */
  const locked = (field: string) => policy.locked.some((key) => field === key || field.startsWith(`${key}.`));
  const lockable = <H,>(field: string, hint?: H) => ({ disabled: locked(field), hint: locked(field) ? LOCKED_HINT : hint });

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!form || !baseline) return;
    setBusy(true);
    const outcomeText = await saveSettings(form, baseline);
    setBusy(false);
    setOutcome(outcomeText);
  }

  /** Settings first (validated as a whole), then the TURN passwords for the servers now saved. */
  async function saveSettings(current: SettingsForm, loaded: EditableSettings): Promise<Outcome> {
    const fresh = await desk.invoke('getSettings', {});
    if (!fresh.ok) return { kind: 'error', text: `The settings could not be saved: ${fresh.error}` };
    const built = settingsPatch(current, loaded, fresh.value);
    if (!built.ok) {
      setErrors(built.errors);
      return { kind: 'error', text: `Nothing was saved. ${built.errors.text}` };
    }
    const passwords = typedPasswords(current);
    if (!Object.keys(built.patch).length && !passwords.length) {
      setErrors(NO_ERRORS);
      return { kind: 'ok', text: 'Nothing to save: no setting was changed.' };
    }
    let saved = fresh.value;
    if (Object.keys(built.patch).length) {
      const result = await desk.invoke('updateSettings', { patch: built.patch });
      if (!result.ok) {
        const described = describeSettingsError(result.error);
        setErrors(described);
        return { kind: 'error', text: `Nothing was saved. ${described.text}` };
      }
      saved = result.value;
    }
    setErrors(NO_ERRORS);
    const problems: string[] = [];
    for (const { url, credential } of passwords) {
      const result = await desk.invoke('setTurnCredential', { url, credential });
      if (!result.ok) problems.push(`The password for ${url} was not saved: ${result.error}`);
    }
    for (const url of droppedTurnUrls(fresh.value.iceServers, saved.iceServers)) {
      const result = await desk.invoke('setTurnCredential', { url, credential: null });
      if (!result.ok) problems.push(`The password of the removed server ${url} is still in the keychain: ${result.error}`);
    }
    setBaseline(saved);
    setForm(formFromSettings(saved)); // also clears the typed passwords
    const webhookMoved = saved.webhook.host !== fresh.value.webhook.host || saved.webhook.port !== fresh.value.webhook.port;
    if (problems.length) return { kind: 'warning', text: `Settings saved. ${problems.join('. ')}` };
    return { kind: 'ok', text: webhookMoved ? 'Saved. The webhook restarts at the new address: its state is shown above.' : 'Saved.' };
  }

  async function restartWebhook() {
    setWebhookOutcome({ kind: 'ok', text: 'Restarting the webhook…' });
    const result = await desk.invoke('restartWebhook', {});
    setWebhookOutcome(result.ok ? { kind: 'ok', text: 'The webhook restarted.' } : { kind: 'error', text: `The webhook did not start: ${result.error}` });
  }

  // Main numbers servers without the blank rows it never received.
  const serverNumber = new Map(form.iceServers.filter((r) => r.urls.trim() || r.username.trim()).map((r, i) => [r.key, i]));

  return (
    <form className="settings-form" aria-label="Desk settings" onSubmit={(e) => void save(e)} data-testid="desk-settings" noValidate>
      {policy.locked.length > 0 && (
        <p className="state-line warn" role="note" data-testid="policy-note">
          <Icon name="info" size={18} /> Some settings are set by your IT department ({policy.source}) and cannot be changed here.
        </p>
      )}
      <fieldset className="form-card">
        <legend>This desk</legend>
        <div className="form-grid">
          <TextField label="Desk name" value={form.deskName} onChange={(deskName) => edit({ deskName })} error={fieldError('deskName')} {...lockable('deskName', "Shown on the console and in call logs.")} testId="set-desk-name" />
          <TextField
            label="Desk contact id"
            value={form.contactId}
            onChange={(contactId) => edit({ contactId })}
            error={fieldError('contactId')}
            {...lockable('contactId', "The caller id rooms see when the desk calls, and the desk's id in the rooms' address book.")}
            testId="set-contact-id"
          />
          <SelectField label="Region" value={form.region} options={REGIONS} onChange={(region) => edit({ region })} error={fieldError('region')} {...lockable('region', "Where your Alexa Smart Properties account is: picks Amazon's servers.")} testId="set-region" />
        </div>
      </fieldset>

      <fieldset className="form-card">
        <legend>Calls</legend>
        <div className="form-grid">
          <SelectField label="Auto-answer" value={form.autoAnswerPolicy} options={POLICIES} onChange={(autoAnswerPolicy) => edit({ autoAnswerPolicy })} error={fieldError('autoAnswer.policy')} testId="set-auto-answer" {...lockable('autoAnswer.policy')} />
          <TextField
            label="Auto-answer delay"
            type="number"
            unit="seconds"
            value={form.autoAnswerDelaySeconds}
            onChange={(autoAnswerDelaySeconds) => edit({ autoAnswerDelaySeconds })}
            error={fieldError('autoAnswer.delayMs')}
            {...lockable('autoAnswer.delayMs', "How long a call rings before it is answered by itself (0 to 60).")}
            testId="set-auto-answer-delay"
          />
          <TextField
            label="Ring timeout"
            type="number"
            unit="seconds"
            value={form.ringTimeoutSeconds}
            onChange={(ringTimeoutSeconds) => edit({ ringTimeoutSeconds })}
            error={fieldError('ringTimeoutMs')}
            {...lockable('ringTimeoutMs', "A call nobody answers becomes a missed call after this long (5 to 600).")}
            testId="set-ring-timeout"
          />
        </div>
        <CheckField
          label="Send CallInProgress before CallAccepted"
          checked={form.sendCallInProgress}
          onChange={(sendCallInProgress) => edit({ sendCallInProgress })}
          error={fieldError('sendCallInProgress')}
          {...lockable('sendCallInProgress', "Amazon documents this extra message with the answer; its own sample skill does not send it. Leave off unless calls fail to connect.")}
          testId="set-call-in-progress"
        />
        <CheckField
          label="Send the desk's name when calling a room"
          checked={form.sendCallerName}
          onChange={(sendCallerName) => edit({ sendCallerName })}
          error={fieldError('sendCallerName')}
          {...lockable('sendCallerName', "For the room's Echo to show who calls. Amazon does not document this; turn it on only once your deployment has confirmed that calls still go through.")}
          testId="set-caller-name"
        />
      </fieldset>

      <fieldset className="form-card">
        <legend>Skill webhook</legend>
        <p className="hint">Where the calling skill sends Alexa's events. Saving a new host or port restarts the listener.</p>
        <WebhookState webhook={status.webhook} />
        <div className="form-grid">
          <TextField label="Host" value={form.webhookHost} onChange={(webhookHost) => edit({ webhookHost })} error={fieldError('webhook.host')} {...lockable('webhook.host', "127.0.0.1 keeps it on this computer; 0.0.0.0 reaches it from the network, and needs a webhook secret.")} testId="set-webhook-host" />
          <TextField label="Port" type="number" value={form.webhookPort} onChange={(webhookPort) => edit({ webhookPort })} error={fieldError('webhook.port')} {...lockable('webhook.port', "0 picks any free port.")} testId="set-webhook-port" />
        </div>
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => void restartWebhook()} data-testid="restart-webhook">
            Restart the webhook
          </button>
          <OutcomeLine outcome={webhookOutcome} testId="webhook-outcome" />
        </div>
        <WebhookSecretPanel desk={desk} status={status} />
      </fieldset>

      <fieldset className="form-card">
        <legend>Setup sign-in</legend>
        <p className="hint">
          After "Sign in with Amazon" (Link to Amazon), Amazon's page returns to <code>http://localhost:{form.setupSignInPort || '…'}/callback</code> on this
          computer. The security profile must list that exact address among its Allowed Return URLs.
        </p>
        <div className="form-grid">
          <TextField label="Sign-in return port" type="number" value={form.setupSignInPort} onChange={(setupSignInPort) => edit({ setupSignInPort })} error={fieldError('setupSignInPort')} {...lockable('setupSignInPort', "Change it only if another program uses this port.")} testId="set-signin-port" />
        </div>
      </fieldset>

      <fieldset className="form-card" disabled={locked('iceServers')}>
        <legend>Network: STUN and TURN servers</legend>
        <p className="hint">
          No public server is used unless you add it here. A TURN server relays audio and video when the network blocks direct media; ask your network
          team for its address, user name and password. Passwords are kept in the system keychain.
        </p>
        {locked('iceServers') && <p className="hint">{LOCKED_HINT}</p>}
        {errors.byField.iceServers && <p className="field-error">{errors.byField.iceServers}</p>}
        {form.iceServers.length === 0 && <p className="muted">No servers: calls work on networks that let media through directly.</p>}
        <ul className="server-rows">
          {form.iceServers.map((row, index) => {
            const n = serverNumber.get(row.key);
            const err = (part: string) => (n === undefined ? null : (fieldError(`iceServers.${n}.${part}`) ?? (part === 'urls' ? fieldError(`iceServers.${n}`) : null)));
            const turn = turnUrlOf(row.urls) !== null;
            const saved = hasSavedPassword(status.iceServers, row.urls);
            return (
              <li key={row.key} className="server-row" data-testid="ice-server">
                <TextField className="wide" label={`Server ${index + 1} address`} value={row.urls} onChange={(urls) => editRow(row.key, { urls })} error={err('urls')} placeholder="turn:turn.example.org:3478" hint="stun:, turn: or turns: — several addresses may be separated by commas." testId="ice-urls" />
                <TextField label="User name" value={row.username} onChange={(username) => editRow(row.key, { username })} error={err('username')} testId="ice-username" />
                {turn ? (
                  <SecretField label="Password" value={row.password} onChange={(password) => editRow(row.key, { password })} hint={saved ? (row.password ? 'Replaces the saved password.' : 'Saved in the keychain.') : 'Not saved yet.'} testId="ice-password" />
                ) : (
                  <p className="hint server-note">STUN servers need no password.</p>
                )}
                <button type="button" className="btn btn-small" onClick={() => edit({ iceServers: form.iceServers.filter((r) => r.key !== row.key) })} aria-label={`Remove server ${index + 1}`}>
                  <Icon name="x" size={16} /> Remove
                </button>
              </li>
            );
          })}
        </ul>
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => edit({ iceServers: [...form.iceServers, newIceServerRow()] })} data-testid="add-ice-server">
            Add a server
          </button>
        </div>
        <div className="form-grid">
          <TextField
            label="ICE gathering limit"
            type="number"
            unit="seconds"
            value={form.iceGatherSeconds}
            onChange={(iceGatherSeconds) => edit({ iceGatherSeconds })}
            error={fieldError('iceGatherTimeoutMs')}
            {...lockable('iceGatherTimeoutMs', "The longest a call waits to find network paths before it is sent (0.2 to 10).")}
            testId="set-ice-limit"
          />
        </div>
      </fieldset>

      <fieldset className="form-card">
        <legend>Start-up (desktop app)</legend>
        <CheckField label="Launch at login" checked={form.launchAtLogin} onChange={(launchAtLogin) => edit({ launchAtLogin })} error={fieldError('launchAtLogin')} testId="set-launch-at-login" {...lockable('launchAtLogin')} />
        <CheckField label="Start minimized to the tray" checked={form.startMinimized} onChange={(startMinimized) => edit({ startMinimized })} error={fieldError('startMinimized')} {...lockable('startMinimized', "Calls still ring and show a notification.")} testId="set-start-minimized" />
      </fieldset>

      <fieldset className="form-card" data-testid="update-settings">
        <legend>Updates (desktop app)</legend>
        <p className="hint">New versions download in the background and install when the console quits, or at the time below. Never during a call.</p>
        <CheckField label="Update automatically" checked={form.updateEnabled} onChange={(updateEnabled) => edit({ updateEnabled })} error={fieldError('update.enabled')} {...lockable('update.enabled')} testId="set-update-enabled" />
        <div className="form-grid">
          <SelectField label="Channel" value={form.updateChannel} options={CHANNELS} onChange={(updateChannel) => edit({ updateChannel })} error={fieldError('update.channel')} {...lockable('update.channel')} testId="set-update-channel" />
          <TextField
            label="Install at"
            value={form.updateInstallAt}
            onChange={(updateInstallAt) => edit({ updateInstallAt })}
            error={fieldError('update.installAt')}
            placeholder="03:30"
            {...lockable('update.installAt', 'A quiet time of day (24-hour clock); empty: when the console quits.')}
            testId="set-update-install-at"
          />
        </div>
      </fieldset>

      <fieldset className="form-card" data-testid="proxy-settings">
        <legend>Network: proxy</legend>
        <p className="hint">How the console reaches Amazon. Calls' audio and video do not use it.</p>
        <div className="form-grid">
          <SelectField label="Proxy" value={form.proxyMode} options={PROXY_MODES} onChange={(proxyMode) => edit({ proxyMode })} error={fieldError('proxy.mode')} {...lockable('proxy.mode')} testId="set-proxy-mode" />
          {form.proxyMode === 'manual' && (
            <TextField label="Proxy server" value={form.proxyServer} onChange={(proxyServer) => edit({ proxyServer })} error={fieldError('proxy.server')} placeholder="proxy.hotel.local:3128" {...lockable('proxy.server', 'host:port')} testId="set-proxy-server" />
          )}
          {form.proxyMode === 'manual' && (
            <TextField
              className="wide"
              label="No proxy for"
              value={form.proxyBypass}
              onChange={(proxyBypass) => edit({ proxyBypass })}
              error={fieldError('proxy.bypass')}
              placeholder="*.hotel.local, 10.0.0.0/8"
              {...lockable('proxy.bypass', 'Hosts reached directly, separated by commas.')}
              testId="set-proxy-bypass"
            />
          )}
        </div>
      </fieldset>

      <div className="form-actions sticky-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="save-settings">
          <Icon name="check" /> {busy ? 'Saving…' : 'Save changes'}
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy}
          onClick={() => {
            setForm(formFromSettings(baseline));
            setErrors(NO_ERRORS);
            setOutcome(null);
          }}
        >
          Undo changes
        </button>
        <OutcomeLine outcome={outcome} testId="settings-outcome" />
      </div>
    </form>
  );
}

function WebhookState({ webhook }: { webhook: DeskStatus['webhook'] }) {
  const say = useSay();
  if (webhook.error) {
    return (
      <p className="state-line bad" role="status" data-testid="webhook-state">
        <Icon name="alert-triangle" size={18} /> Not listening: {say(webhook.error)}
      </p>
    );
  }
  if (!webhook.listening) {
    return (
      <p className="state-line warn" role="status" data-testid="webhook-state">
        <Icon name="info" size={18} /> Starting…
      </p>
    );
  }
  return (
    <p className="state-line ok" role="status" data-testid="webhook-state">
      <Icon name="check" size={18} /> Listening at {webhook.url}
    </p>
  );
}
