// The webhook secret in Settings: whether there is one, and creating, replacing or removing it.
// A new secret is shown once, here, to copy into the skill; main keeps it only in the keychain and
// never sends it again.
import { useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { DeskApi, DeskStatus } from '../../../main/ipc/contract.js';
import { useRefusal } from '../i18n/DeskIntl.js';
import { OutcomeLine, type Outcome } from './fields.js';
import { Icon } from './Icon.js';

interface WebhookSecretPanelProps {
  desk: Pick<DeskApi, 'invoke'>;
  status: DeskStatus;
}

/** Where the secret goes: this console's skill reads it from this variable; Amazon's sample skill, from its base URL. */
const SKILL_VARIABLE = 'WEBHOOK_SECRET';
const SAMPLE_BASE_URL = 'https://your-host/<secret>';

const STATE_WORDS = { none: 'webhookSecret.none', keychain: 'webhookSecret.keychain', launch: 'webhookSecret.launch' } as const;

export function WebhookSecretPanel({ desk, status }: WebhookSecretPanelProps) {
  const intl = useIntl();
  const refusal = useRefusal();
  const [shown, setShown] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<'replace' | 'remove' | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const source = status.webhook.secret;
  const once = useRef<HTMLDivElement>(null);
  // The new secret and its buttons in full view (not under the settings' save bar).
  useEffect(() => {
    if (shown) once.current?.scrollIntoView?.({ block: 'center' });
  }, [shown]);

  async function create() {
    setBusy(true);
    const result = await desk.invoke('createWebhookSecret', {});
    setBusy(false);
    setConfirming(null);
    if (!result.ok) return setOutcome({ kind: 'error', text: intl.formatMessage({ id: 'webhookSecret.notMade' }, { reason: refusal(result) }) });
    setShown(result.value.secret);
    setOutcome(null);
  }

  async function remove() {
    setBusy(true);
    const result = await desk.invoke('removeWebhookSecret', {});
    setBusy(false);
    setConfirming(null);
    setOutcome(
      result.ok
        ? { kind: 'ok', text: intl.formatMessage({ id: 'webhookSecret.removed' }) }
        : { kind: 'error', text: intl.formatMessage({ id: 'webhookSecret.notRemoved' }, { reason: refusal(result) }) },
    );
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(shown ?? '');
      setOutcome({ kind: 'ok', text: intl.formatMessage({ id: 'webhookSecret.copied' }) });
    } catch {
      setOutcome({ kind: 'warning', text: intl.formatMessage({ id: 'webhookSecret.copyRefused' }) });
    }
  }

  return (
    <div className="webhook-secret" data-testid="webhook-secret">
      <p className={`state-line ${source === 'none' ? 'warn' : 'ok'}`} data-testid="webhook-secret-state">
        <Icon name={source === 'none' ? 'info' : 'check'} size={18} /> <FormattedMessage id={STATE_WORDS[source]} />
      </p>
      {source !== 'launch' && status.vault === 'memory' && (
        <p className="hint">
          <FormattedMessage id="webhookSecret.memoryOnly" />
        </p>
      )}

      {shown && (
        <div className="secret-once" ref={once} data-testid="webhook-secret-once">
          <p>
            <strong>
              <FormattedMessage id="webhookSecret.copyNow" />
            </strong>{' '}
            <FormattedMessage id="webhookSecret.giveToSkill" values={{ name: <code>{SKILL_VARIABLE}</code>, example: <code>{SAMPLE_BASE_URL}</code> }} />
          </p>
          <input
            className="secret-value"
            readOnly
            autoFocus
            value={shown}
            onFocus={(e) => e.currentTarget.select()}
            aria-label={intl.formatMessage({ id: 'webhookSecret.valueLabel' })}
            data-testid="webhook-secret-value"
          />
          <div className="form-actions">
            <button type="button" className="btn" onClick={() => void copy()} data-testid="copy-webhook-secret">
              <FormattedMessage id="menu.copy" />
            </button>
            <button type="button" className="btn" onClick={() => setShown(null)} data-testid="hide-webhook-secret">
              <FormattedMessage id="webhookSecret.done" />
            </button>
          </div>
        </div>
      )}

      {source !== 'launch' && !shown && (
        <div className="form-actions">
          {confirming === null && (
            <>
              <button type="button" className="btn" disabled={busy} onClick={() => (source === 'none' ? void create() : setConfirming('replace'))} data-testid="create-webhook-secret">
                <FormattedMessage id={source === 'none' ? 'webhookSecret.create' : 'webhookSecret.replace'} />
              </button>
              {source === 'keychain' && (
                <button type="button" className="btn" disabled={busy} onClick={() => setConfirming('remove')} data-testid="remove-webhook-secret">
                  <FormattedMessage id="webhookSecret.remove" />
                </button>
              )}
            </>
          )}
          {confirming !== null && (
            <>
              <span className="hint">
                <FormattedMessage id={confirming === 'replace' ? 'webhookSecret.replaceWarning' : 'webhookSecret.removeWarning'} />
              </span>
              <button
                type="button"
                className={`btn ${confirming === 'remove' ? 'btn-danger' : 'btn-primary'}`}
                disabled={busy}
                onClick={() => void (confirming === 'replace' ? create() : remove())}
                data-testid="confirm-webhook-secret"
              >
                <FormattedMessage id={confirming === 'replace' ? 'webhookSecret.replaceIt' : 'webhookSecret.removeIt'} />
              </button>
              <button type="button" className="btn" disabled={busy} onClick={() => setConfirming(null)}>
                <FormattedMessage id="webhookSecret.keepIt" />
              </button>
            </>
          )}
        </div>
      )}
      <OutcomeLine outcome={outcome} testId="webhook-secret-outcome" />
    </div>
  );
}
