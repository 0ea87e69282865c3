// The desk's own settings: who the desk is, how calls ring, where the skill webhook listens (and its
// secret), the STUN/TURN servers and start-up. Main validates a save as a whole: an error names its field here
// and nothing changes. TURN passwords go to the keychain and are never read back.
import { useEffect, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { DeskApi, DeskStatus, EditableSettings, MessageId, Text } from '../../../main/ipc/contract.js';
import { text } from '../../../main/domain/text.js';
import { NO_PROBLEMS, sentences, type ProblemTexts } from '../state/field-errors.js';
import {
  describeSettingsProblems,
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
import { CheckField, OutcomeLine, SecretField, SelectField, TextField } from './fields.js';
import { Icon } from './Icon.js';
import { WebhookSecretPanel } from './WebhookSecretPanel.js';

interface DeskSettingsFormProps {
  desk: Pick<DeskApi, 'invoke'>;
  status: DeskStatus;
}

const REGIONS = [
  { value: 'NA', label: 'deskSettings.regionNA' },
  { value: 'EU', label: 'deskSettings.regionEU' },
  { value: 'FE', label: 'deskSettings.regionFE' },
] as const;

const POLICIES = [
  { value: 'off', label: 'deskSettings.autoAnswerOff' },
  { value: 'all', label: 'deskSettings.autoAnswerAll' },
  { value: 'idle', label: 'deskSettings.autoAnswerIdle' },
] as const;

const CHANNELS = [
  { value: 'stable', label: 'deskSettings.channelStable' },
  { value: 'beta', label: 'deskSettings.channelBeta' },
] as const;

const PROXY_MODES = [
  { value: 'system', label: 'deskSettings.proxySystem' },
  { value: 'manual', label: 'deskSettings.proxyManual' },
  { value: 'direct', label: 'deskSettings.proxyDirect' },
] as const;

// Examples of what IT types, the same in every language.
const TURN_EXAMPLE = 'turn:turn.example.org:3478';
const TIME_EXAMPLE = '03:30';
const PROXY_EXAMPLE = 'proxy.hotel.local:3128';
const BYPASS_EXAMPLE = '*.hotel.local, 10.0.0.0/8';
const HOST_PORT = 'host:port';

/** A form's result in words for staff, said in the window's language when shown. */
type Told = { kind: 'ok' | 'warning' | 'error'; text: Text } | null;

export function DeskSettingsForm({ desk, status }: DeskSettingsFormProps) {
  const intl = useIntl();
  const say = useSay();
  const words = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const [baseline, setBaseline] = useState<EditableSettings | null>(null);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [errors, setErrors] = useState<ProblemTexts>(NO_PROBLEMS);
  const [outcome, setOutcome] = useState<Told>(null);
  const [busy, setBusy] = useState(false);
  const [webhookOutcome, setWebhookOutcome] = useState<Told>(null);
  const [policy, setPolicy] = useState<{ source: string | null; locked: string[] }>({ source: null, locked: [] });
  const shown = (told: Told) => told && { kind: told.kind, text: say(told.text) };

  async function load() {
    setLoadFailed(false);
    const result = await desk.invoke('getSettings', {});
    if (!result.ok) return setLoadFailed(true);
    setBaseline(result.value);
    setForm(formFromSettings(result.value));
    const machinePolicy = await desk.invoke('getPolicy', {});
    if (machinePolicy.ok) setPolicy(machinePolicy.value);
  }
  useEffect(() => void load(), [desk]);

  if (!form || !baseline) {
    return (
      <div className="settings-loading">
        {loadFailed ? (
          <OutcomeLine outcome={{ kind: 'error', text: words('deskSettings.loadFailed') }} />
        ) : (
          <p className="muted">
            <FormattedMessage id="deskSettings.loading" />
          </p>
        )}
        {loadFailed && (
          <button type="button" className="btn" onClick={() => void load()}>
            <FormattedMessage id="notices.tryAgain" />
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
  const fieldError = (field: string) => {
    const problem = errors.byField[field];
    return problem ? say(problem) : null;
  };
  /** A setting the machine policy locks (a locked object locks what is inside it). */
  const locked = (field: string) => policy.locked.some((key) => field === key || field.startsWith(`${key}.`));
  const lockedHint = words('settings.lockedHint');
  const lockable = (field: string, hint?: MessageId) => ({ disabled: locked(field), hint: locked(field) ? lockedHint : hint && words(hint) });
  const options = <T extends string>(list: readonly { value: T; label: MessageId }[]) => list.map(({ value, label }) => ({ value, label: words(label) }));

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!form || !baseline) return;
    setBusy(true);
    const told = await saveSettings(form, baseline);
    setBusy(false);
    setOutcome(told);
  }

  /** Settings first (validated as a whole), then the TURN passwords for the servers now saved. */
  async function saveSettings(current: SettingsForm, loaded: EditableSettings): Promise<Told> {
    const fresh = await desk.invoke('getSettings', {});
    if (!fresh.ok) return { kind: 'error', text: text('deskSettings.saveFailed') };
    const built = settingsPatch(current, loaded, fresh.value);
    if (!built.ok) {
      setErrors(built.errors);
      return { kind: 'error', text: text('deskSettings.notSaved', { problems: built.errors.summary! }) };
    }
    const passwords = typedPasswords(current);
    if (!Object.keys(built.patch).length && !passwords.length) {
      setErrors(NO_PROBLEMS);
      return { kind: 'ok', text: text('deskSettings.nothingToSave') };
    }
    let saved = fresh.value;
    if (Object.keys(built.patch).length) {
      const result = await desk.invoke('updateSettings', { patch: built.patch });
      if (!result.ok) {
        const described = describeSettingsProblems(result);
        setErrors(described);
        return { kind: 'error', text: text('deskSettings.notSaved', { problems: described.summary! }) };
      }
      saved = result.value;
    }
    setErrors(NO_PROBLEMS);
    const problems: Text[] = [];
    for (const { url, credential } of passwords) {
      const result = await desk.invoke('setTurnCredential', { url, credential });
      if (!result.ok) problems.push(text('deskSettings.passwordNotSaved', { url }));
    }
    for (const url of droppedTurnUrls(fresh.value.iceServers, saved.iceServers)) {
      const result = await desk.invoke('setTurnCredential', { url, credential: null });
      if (!result.ok) problems.push(text('deskSettings.passwordNotRemoved', { url }));
    }
    setBaseline(saved);
    setForm(formFromSettings(saved)); // also clears the typed passwords
    const webhookMoved = saved.webhook.host !== fresh.value.webhook.host || saved.webhook.port !== fresh.value.webhook.port;
    if (problems.length) return { kind: 'warning', text: text('deskSettings.savedExcept', { problems: sentences(problems) }) };
    return { kind: 'ok', text: text(webhookMoved ? 'deskSettings.savedWebhookMoved' : 'deskSettings.saved') };
  }

  async function restartWebhook() {
    setWebhookOutcome({ kind: 'ok', text: text('deskSettings.webhookRestarting') });
    const result = await desk.invoke('restartWebhook', {});
    if (result.ok) setWebhookOutcome({ kind: 'ok', text: text('deskSettings.webhookRestarted') });
    else setWebhookOutcome({ kind: 'error', text: result.message ? text('deskSettings.webhookNotStarted', { reason: result.message }) : text('webhook.didNotStart') });
  }

  // Main numbers servers without the blank rows it never received.
  const serverNumber = new Map(form.iceServers.filter((r) => r.urls.trim() || r.username.trim()).map((r, i) => [r.key, i]));
  const seconds = words('deskSettings.seconds');

  return (
    <form className="settings-form" aria-label={words('deskSettings.label')} onSubmit={(e) => void save(e)} data-testid="desk-settings" noValidate>
      {policy.locked.length > 0 && (
        <p className="state-line warn" role="note" data-testid="policy-note">
          <Icon name="info" size={18} /> <FormattedMessage id="deskSettings.policyNote" values={{ source: policy.source ?? '' }} />
        </p>
      )}
      <fieldset className="form-card">
        <legend>
          <FormattedMessage id="deskSettings.thisDesk" />
        </legend>
        <div className="form-grid">
          <TextField label={words('deskSettings.deskName')} value={form.deskName} onChange={(deskName) => edit({ deskName })} error={fieldError('deskName')} {...lockable('deskName', 'deskSettings.deskNameHint')} testId="set-desk-name" />
          <TextField
            label={words('deskSettings.contactId')}
            value={form.contactId}
            onChange={(contactId) => edit({ contactId })}
            error={fieldError('contactId')}
            {...lockable('contactId', 'deskSettings.contactIdHint')}
            testId="set-contact-id"
          />
          <SelectField label={words('deskSettings.region')} value={form.region} options={options(REGIONS)} onChange={(region) => edit({ region })} error={fieldError('region')} {...lockable('region', 'deskSettings.regionHint')} testId="set-region" />
        </div>
      </fieldset>

      <fieldset className="form-card">
        <legend>
          <FormattedMessage id="deskSettings.calls" />
        </legend>
        <div className="form-grid">
          <SelectField label={words('deskSettings.autoAnswer')} value={form.autoAnswerPolicy} options={options(POLICIES)} onChange={(autoAnswerPolicy) => edit({ autoAnswerPolicy })} error={fieldError('autoAnswer.policy')} testId="set-auto-answer" {...lockable('autoAnswer.policy')} />
          <TextField
            label={words('deskSettings.autoAnswerDelay')}
            type="number"
            unit={seconds}
            value={form.autoAnswerDelaySeconds}
            onChange={(autoAnswerDelaySeconds) => edit({ autoAnswerDelaySeconds })}
            error={fieldError('autoAnswer.delayMs')}
            {...lockable('autoAnswer.delayMs', 'deskSettings.autoAnswerDelayHint')}
            testId="set-auto-answer-delay"
          />
          <TextField
            label={words('deskSettings.ringTimeout')}
            type="number"
            unit={seconds}
            value={form.ringTimeoutSeconds}
            onChange={(ringTimeoutSeconds) => edit({ ringTimeoutSeconds })}
            error={fieldError('ringTimeoutMs')}
            {...lockable('ringTimeoutMs', 'deskSettings.ringTimeoutHint')}
            testId="set-ring-timeout"
          />
        </div>
        <CheckField
          label={words('deskSettings.callInProgress')}
          checked={form.sendCallInProgress}
          onChange={(sendCallInProgress) => edit({ sendCallInProgress })}
          error={fieldError('sendCallInProgress')}
          {...lockable('sendCallInProgress', 'deskSettings.callInProgressHint')}
          testId="set-call-in-progress"
        />
        <CheckField
          label={words('deskSettings.callerName')}
          checked={form.sendCallerName}
          onChange={(sendCallerName) => edit({ sendCallerName })}
          error={fieldError('sendCallerName')}
          {...lockable('sendCallerName', 'deskSettings.callerNameHint')}
          testId="set-caller-name"
        />
      </fieldset>

      <fieldset className="form-card">
        <legend>
          <FormattedMessage id="deskSettings.webhook" />
        </legend>
        <p className="hint">
          <FormattedMessage id="deskSettings.webhookHint" />
        </p>
        <WebhookState webhook={status.webhook} />
        <div className="form-grid">
          <TextField label={words('deskSettings.host')} value={form.webhookHost} onChange={(webhookHost) => edit({ webhookHost })} error={fieldError('webhook.host')} {...lockable('webhook.host', 'deskSettings.hostHint')} testId="set-webhook-host" />
          <TextField label={words('deskSettings.port')} type="number" value={form.webhookPort} onChange={(webhookPort) => edit({ webhookPort })} error={fieldError('webhook.port')} {...lockable('webhook.port', 'deskSettings.portHint')} testId="set-webhook-port" />
        </div>
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => void restartWebhook()} data-testid="restart-webhook">
            <FormattedMessage id="deskSettings.restartWebhook" />
          </button>
          <OutcomeLine outcome={shown(webhookOutcome)} testId="webhook-outcome" />
        </div>
        <WebhookSecretPanel desk={desk} status={status} />
      </fieldset>

      <fieldset className="form-card">
        <legend>
          <FormattedMessage id="deskSettings.signIn" />
        </legend>
        <p className="hint">
          <FormattedMessage id="deskSettings.signInHint" values={{ url: <code>{`http://localhost:${form.setupSignInPort || '…'}/callback`}</code> }} />
        </p>
        <div className="form-grid">
          <TextField label={words('deskSettings.signInPort')} type="number" value={form.setupSignInPort} onChange={(setupSignInPort) => edit({ setupSignInPort })} error={fieldError('setupSignInPort')} {...lockable('setupSignInPort', 'deskSettings.signInPortHint')} testId="set-signin-port" />
        </div>
      </fieldset>

      <fieldset className="form-card" disabled={locked('iceServers')}>
        <legend>
          <FormattedMessage id="deskSettings.servers" />
        </legend>
        <p className="hint">
          <FormattedMessage id="deskSettings.serversHint" />
        </p>
        {locked('iceServers') && <p className="hint">{lockedHint}</p>}
        {errors.byField.iceServers && <p className="field-error">{say(errors.byField.iceServers)}</p>}
        {form.iceServers.length === 0 && (
          <p className="muted">
            <FormattedMessage id="deskSettings.noServers" />
          </p>
        )}
        <ul className="server-rows">
          {form.iceServers.map((row, index) => {
            const n = serverNumber.get(row.key);
            const err = (part: string) => (n === undefined ? null : (fieldError(`iceServers.${n}.${part}`) ?? (part === 'urls' ? fieldError(`iceServers.${n}`) : null)));
            const turn = turnUrlOf(row.urls) !== null;
            const saved = hasSavedPassword(status.iceServers, row.urls);
            const passwordHint = saved ? (row.password ? 'deskSettings.passwordReplaces' : 'deskSettings.passwordSaved') : 'deskSettings.passwordNotYetSaved';
            return (
              <li key={row.key} className="server-row" data-testid="ice-server">
                <TextField className="wide" label={words('deskSettings.serverAddress', { n: index + 1 })} value={row.urls} onChange={(urls) => editRow(row.key, { urls })} error={err('urls')} placeholder={TURN_EXAMPLE} hint={words('deskSettings.serverAddressHint')} testId="ice-urls" />
                <TextField label={words('deskSettings.userName')} value={row.username} onChange={(username) => editRow(row.key, { username })} error={err('username')} testId="ice-username" />
                {turn ? (
                  <SecretField label={words('deskSettings.password')} value={row.password} onChange={(password) => editRow(row.key, { password })} hint={words(passwordHint)} testId="ice-password" />
                ) : (
                  <p className="hint server-note">
                    <FormattedMessage id="deskSettings.stunNoPassword" />
                  </p>
                )}
                <button type="button" className="btn btn-small" onClick={() => edit({ iceServers: form.iceServers.filter((r) => r.key !== row.key) })} aria-label={words('deskSettings.removeServer', { n: index + 1 })}>
                  <Icon name="x" size={16} /> <FormattedMessage id="deskSettings.remove" />
                </button>
              </li>
            );
          })}
        </ul>
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => edit({ iceServers: [...form.iceServers, newIceServerRow()] })} data-testid="add-ice-server">
            <FormattedMessage id="deskSettings.addServer" />
          </button>
        </div>
        <div className="form-grid">
          <TextField
            label={words('deskSettings.iceLimit')}
            type="number"
            unit={seconds}
            value={form.iceGatherSeconds}
            onChange={(iceGatherSeconds) => edit({ iceGatherSeconds })}
            error={fieldError('iceGatherTimeoutMs')}
            {...lockable('iceGatherTimeoutMs', 'deskSettings.iceLimitHint')}
            testId="set-ice-limit"
          />
        </div>
      </fieldset>

      <fieldset className="form-card">
        <legend>
          <FormattedMessage id="deskSettings.startup" />
        </legend>
        <CheckField label={words('deskSettings.launchAtLogin')} checked={form.launchAtLogin} onChange={(launchAtLogin) => edit({ launchAtLogin })} error={fieldError('launchAtLogin')} testId="set-launch-at-login" {...lockable('launchAtLogin')} />
        <CheckField label={words('deskSettings.startMinimized')} checked={form.startMinimized} onChange={(startMinimized) => edit({ startMinimized })} error={fieldError('startMinimized')} {...lockable('startMinimized', 'deskSettings.startMinimizedHint')} testId="set-start-minimized" />
      </fieldset>

      <fieldset className="form-card" data-testid="update-settings">
        <legend>
          <FormattedMessage id="deskSettings.updates" />
        </legend>
        <p className="hint">
          <FormattedMessage id="deskSettings.updatesHint" />
        </p>
        <CheckField label={words('deskSettings.autoUpdate')} checked={form.updateEnabled} onChange={(updateEnabled) => edit({ updateEnabled })} error={fieldError('update.enabled')} {...lockable('update.enabled')} testId="set-update-enabled" />
        <div className="form-grid">
          <SelectField label={words('deskSettings.channel')} value={form.updateChannel} options={options(CHANNELS)} onChange={(updateChannel) => edit({ updateChannel })} error={fieldError('update.channel')} {...lockable('update.channel')} testId="set-update-channel" />
          <TextField
            label={words('deskSettings.installAt')}
            value={form.updateInstallAt}
            onChange={(updateInstallAt) => edit({ updateInstallAt })}
            error={fieldError('update.installAt')}
            placeholder={TIME_EXAMPLE}
            {...lockable('update.installAt', 'deskSettings.installAtHint')}
            testId="set-update-install-at"
          />
        </div>
      </fieldset>

      <fieldset className="form-card" data-testid="proxy-settings">
        <legend>
          <FormattedMessage id="deskSettings.proxyTitle" />
        </legend>
        <p className="hint">
          <FormattedMessage id="deskSettings.proxyHint" />
        </p>
        <div className="form-grid">
          <SelectField label={words('deskSettings.proxy')} value={form.proxyMode} options={options(PROXY_MODES)} onChange={(proxyMode) => edit({ proxyMode })} error={fieldError('proxy.mode')} {...lockable('proxy.mode')} testId="set-proxy-mode" />
          {form.proxyMode === 'manual' && (
            <TextField
              label={words('deskSettings.proxyServer')}
              value={form.proxyServer}
              onChange={(proxyServer) => edit({ proxyServer })}
              error={fieldError('proxy.server')}
              placeholder={PROXY_EXAMPLE}
              disabled={locked('proxy.server')}
              hint={locked('proxy.server') ? lockedHint : HOST_PORT}
              testId="set-proxy-server"
            />
          )}
          {form.proxyMode === 'manual' && (
            <TextField
              className="wide"
              label={words('deskSettings.noProxyFor')}
              value={form.proxyBypass}
              onChange={(proxyBypass) => edit({ proxyBypass })}
              error={fieldError('proxy.bypass')}
              placeholder={BYPASS_EXAMPLE}
              {...lockable('proxy.bypass', 'deskSettings.noProxyForHint')}
              testId="set-proxy-bypass"
            />
          )}
        </div>
      </fieldset>

      <div className="form-actions sticky-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="save-settings">
          <Icon name="check" /> <FormattedMessage id={busy ? 'deskSettings.saving' : 'deskSettings.save'} />
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy}
          onClick={() => {
            setForm(formFromSettings(baseline));
            setErrors(NO_PROBLEMS);
            setOutcome(null);
          }}
        >
          <FormattedMessage id="deskSettings.undo" />
        </button>
        <OutcomeLine outcome={shown(outcome)} testId="settings-outcome" />
      </div>
    </form>
  );
}

function WebhookState({ webhook }: { webhook: DeskStatus['webhook'] }) {
  const say = useSay();
  if (webhook.error) {
    return (
      <p className="state-line bad" role="status" data-testid="webhook-state">
        <Icon name="alert-triangle" size={18} /> <FormattedMessage id="deskSettings.notListening" values={{ reason: say(webhook.error) }} />
      </p>
    );
  }
  if (!webhook.listening) {
    return (
      <p className="state-line warn" role="status" data-testid="webhook-state">
        <Icon name="info" size={18} /> <FormattedMessage id="deskSettings.webhookStarting" />
      </p>
    );
  }
  return (
    <p className="state-line ok" role="status" data-testid="webhook-state">
      <Icon name="check" size={18} /> <FormattedMessage id="deskSettings.listeningAt" values={{ url: webhook.url }} />
    </p>
  );
}
