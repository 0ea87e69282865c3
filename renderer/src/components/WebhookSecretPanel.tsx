// The webhook secret in Settings: whether there is one, and creating, replacing or removing it.
// A new secret is shown once, here, to copy into the skill; main keeps it only in the keychain and
// never sends it again.
import { useEffect, useRef, useState } from 'react';
import type { DeskApi, DeskStatus } from '../../../main/ipc/contract.js';
import { OutcomeLine, type Outcome } from './fields.js';
import { Icon } from './Icon.js';

interface WebhookSecretPanelProps {
  desk: Pick<DeskApi, 'invoke'>;
  status: DeskStatus;
}

export function WebhookSecretPanel({ desk, status }: WebhookSecretPanelProps) {
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
    if (!result.ok) return setOutcome({ kind: 'error', text: `No new secret was made: ${result.error}` });
    setShown(result.value.secret);
    setOutcome(null);
  }

  async function remove() {
    setBusy(true);
    const result = await desk.invoke('removeWebhookSecret', {});
    setBusy(false);
    setConfirming(null);
    setOutcome(result.ok ? { kind: 'ok', text: 'The secret was removed: the webhook takes events from this computer only.' } : { kind: 'error', text: `The secret was not removed: ${result.error}` });
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(shown ?? '');
      setOutcome({ kind: 'ok', text: 'Copied.' });
    } catch {
      setOutcome({ kind: 'warning', text: 'Copying was not allowed here: select the secret and copy it by hand.' });
    }
  }

  return (
    <div className="webhook-secret" data-testid="webhook-secret">
      <p className={`state-line ${source === 'none' ? 'warn' : 'ok'}`} data-testid="webhook-secret-state">
        <Icon name={source === 'none' ? 'info' : 'check'} size={18} />{' '}
        {source === 'none' && 'No webhook secret: the webhook takes events from this computer only.'}
        {source === 'keychain' && 'A webhook secret is set: the skill must send it with every event.'}
        {source === 'launch' && 'A webhook secret is set where the console is started (DESK_WEBHOOK_SECRET): change it there.'}
      </p>
      {source !== 'launch' && status.vault === 'memory' && (
        <p className="hint">This computer has no keychain: a secret made here lasts only until the console closes.</p>
      )}

      {shown && (
        <div className="secret-once" ref={once} data-testid="webhook-secret-once">
          <p>
            <strong>Copy the secret now: it is not shown again.</strong> Give it to the skill: as <code>WEBHOOK_SECRET</code> for this console's skill, or at
            the start of the base URL of Amazon's sample skill (<code>https://your-host/&lt;secret&gt;</code>).
          </p>
          <input className="secret-value" readOnly autoFocus value={shown} onFocus={(e) => e.currentTarget.select()} aria-label="The new webhook secret" data-testid="webhook-secret-value" />
          <div className="form-actions">
            <button type="button" className="btn" onClick={() => void copy()} data-testid="copy-webhook-secret">
              Copy
            </button>
            <button type="button" className="btn" onClick={() => setShown(null)} data-testid="hide-webhook-secret">
              Done
            </button>
          </div>
        </div>
      )}

      {source !== 'launch' && !shown && (
        <div className="form-actions">
          {confirming === null && (
            <>
              <button type="button" className="btn" disabled={busy} onClick={() => (source === 'none' ? void create() : setConfirming('replace'))} data-testid="create-webhook-secret">
                {source === 'none' ? 'Create a secret' : 'Replace the secret'}
              </button>
              {source === 'keychain' && (
                <button type="button" className="btn" disabled={busy} onClick={() => setConfirming('remove')} data-testid="remove-webhook-secret">
                  Remove the secret
                </button>
              )}
            </>
          )}
          {confirming !== null && (
            <>
              <span className="hint">
                {confirming === 'replace'
                  ? "The skill's events are refused until it has the new secret."
                  : 'Without a secret the webhook takes events from this computer only.'}
              </span>
              <button
                type="button"
                className={`btn ${confirming === 'remove' ? 'btn-danger' : 'btn-primary'}`}
                disabled={busy}
                onClick={() => void (confirming === 'replace' ? create() : remove())}
                data-testid="confirm-webhook-secret"
              >
                {confirming === 'replace' ? 'Replace it' : 'Remove it'}
              </button>
              <button type="button" className="btn" disabled={busy} onClick={() => setConfirming(null)}>
                Keep it
              </button>
            </>
          )}
        </div>
      )}
      <OutcomeLine outcome={outcome} testId="webhook-secret-outcome" />
    </div>
  );
}
