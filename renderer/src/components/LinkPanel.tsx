// The two Amazon credentials, kept apart (asp-protocol.md §3.2–3.3):
//  - the call signaling link: the calling skill's Alexa Skill Messaging client id + secret, then the
//    grant that arrives through the skill (no typing) or a refresh token pasted by hand;
//  - the setup sign-in: a Login with Amazon security profile an ASP administrator signs in with,
//    used only for the setup steps.
// Secrets go to main and are never sent back; each secret input is emptied once it was sent.
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useIntl, type IntlShape } from 'react-intl';
import type { DeskApi, LinkStatus } from '../../../main/ipc/contract.js';
import { formatClock } from '../format.js';
import { describeFieldErrors } from '../state/field-errors.js';
import { OutcomeLine, safeHref, SecretField, TextField, type Outcome } from './fields.js';
import { Icon } from './Icon.js';

interface LinkPanelProps {
  desk: Pick<DeskApi, 'invoke'>;
  /** Changes when main reports something (a grant linked the console, sign-in finished): reload. */
  refreshKey: string;
}

/** The setup sign-in's heading, for "Go to the setup sign-in" elsewhere. */
export const SETUP_SIGN_IN_ID = 'setup-signin-title';

const LABELS: Record<string, string> = { clientId: 'Client ID', clientSecret: 'Client secret', refreshToken: 'Refresh token' };

/** Main's error with its field names as on screen. */
export function linkErrorWords(error: string): string {
  return describeFieldErrors(error, { label: (field) => LABELS[field] ?? null }).text;
}

function missingText(fields: Record<string, string>): string | null {
  const missing = Object.entries(fields)
    .filter(([, value]) => !value.trim())
    .map(([name]) => name);
  return missing.length ? `Fill in the ${missing.join(' and ')}.` : null;
}

export function LinkPanel({ desk, refreshKey }: LinkPanelProps) {
  const [status, setStatus] = useState<LinkStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const result = await desk.invoke('getLinkStatus', {});
    if (result.ok) {
      setStatus(result.value);
      setLoadError(null);
    } else setLoadError(`The link state could not load: ${result.error}`);
  }, [desk]);
  useEffect(() => void reload(), [reload, refreshKey]);

  return (
    <div className="settings-stack" data-testid="link-panel">
      {loadError && <OutcomeLine outcome={{ kind: 'error', text: loadError }} />}
      <SignalingLink desk={desk} status={status?.signaling ?? null} reload={reload} />
      <SetupSignIn desk={desk} status={status?.setup ?? null} reload={reload} />
    </div>
  );
}

// ---------------------------------------------------------------- call signaling link

interface SectionProps<S> {
  desk: Pick<DeskApi, 'invoke'>;
  status: S | null;
  reload(): Promise<void>;
}

function SignalingLink({ desk, status, reload }: SectionProps<LinkStatus['signaling']>) {
  const [confirmUnlink, setConfirmUnlink] = useState(false);
  const [unlinkOutcome, setUnlinkOutcome] = useState<Outcome>(null);

  async function unlink() {
    const result = await desk.invoke('unlinkSignaling', {});
    setConfirmUnlink(false);
    setUnlinkOutcome(result.ok ? { kind: 'ok', text: 'Unlinked. Calls cannot reach the rooms until the console is linked again.' } : { kind: 'error', text: `Not unlinked: ${result.error}` });
    await reload();
  }

  return (
    <section className="form-card" aria-labelledby="signaling-title" data-testid="signaling-link">
      <h2 id="signaling-title">Call signaling link</h2>
      <p className="hint">
        Calls between the rooms and the desk go through Alexa with the calling skill's own credentials. This is <strong>not</strong> the sign-in
        for the setup steps below.
      </p>
      <SignalingState status={status} />
      {status?.linked && (
        <div className="form-actions">
          {confirmUnlink ? (
            <div className="inline-confirm" role="group" aria-label="Confirm unlink" data-testid="unlink-confirm">
              <span>Unlink? Calls stop reaching the rooms until the console is linked again.</span>
              <button type="button" className="btn btn-danger" onClick={() => void unlink()} data-testid="unlink-yes">
                Unlink
              </button>
              <button type="button" className="btn" onClick={() => setConfirmUnlink(false)}>
                Keep the link
              </button>
            </div>
          ) : (
            <button type="button" className="btn" onClick={() => setConfirmUnlink(true)} data-testid="unlink">
              Unlink…
            </button>
          )}
        </div>
      )}
      <OutcomeLine outcome={unlinkOutcome} />
      {status?.linked ? (
        <details className="sub-form">
          <summary>Link again with other credentials</summary>
          <LinkForms desk={desk} saved={status.clientIdSet} reload={reload} />
        </details>
      ) : (
        <LinkForms desk={desk} saved={status?.clientIdSet ?? false} reload={reload} />
      )}
    </section>
  );
}

/** The two ways to link: the skill's client then its grant, or a refresh token pasted by hand. */
function LinkForms({ desk, saved, reload }: { desk: Pick<DeskApi, 'invoke'>; saved: boolean; reload(): Promise<void> }) {
  return (
    <>
      <SkillClientForm desk={desk} saved={saved} reload={reload} />
      <div className="sub-form">
        <h3>
          <span className="step-no">2</span> Link the skill
        </h3>
        <p className="hint">
          Enable the skill for the rooms in the ASP console (or link it in the Alexa app). Alexa then sends the console a one-time grant through
          the skill, and the console links itself — nothing to type here.
        </p>
      </div>
      <ManualLinkForm desk={desk} reload={reload} />
    </>
  );
}

function SignalingState({ status }: { status: LinkStatus['signaling'] | null }) {
  const intl = useIntl();
  if (!status) return <p className="muted">Checking the link…</p>;
  return (
    <div data-testid="signaling-state">
      {status.linked ? (
        <p className="state-line ok">
          <Icon name="check" size={18} /> Linked: calls go through Alexa.
          <span className="muted">
            {status.validUntil ? ` Access token valid until ${untilText(status.validUntil, intl)}; it renews by itself.` : ' An access token is fetched at the next call.'}
          </span>
        </p>
      ) : status.clientIdSet ? (
        <p className="state-line warn">
          <Icon name="info" size={18} /> Not linked yet. The skill's messaging client is saved: link the skill (step 2) or paste a refresh token.
        </p>
      ) : (
        <p className="state-line bad">
          <Icon name="alert-triangle" size={18} /> Not linked. Save the skill's messaging client first (step 1).
        </p>
      )}
      {status.fromEnvironment && (
        <p className="hint" data-testid="signaling-from-environment">
          This link comes from the DESK_LWA_* environment variables of this computer, not the keychain. Unlink stops using them until the console
          restarts; remove the variables to unlink for good.
        </p>
      )}
      {status.lastError && (
        <p className="state-line bad">
          <Icon name="alert-triangle" size={18} /> Last problem: {status.lastError}
        </p>
      )}
    </div>
  );
}

/** "14:05" today, "27 Nov, 14:05" on another day. */
function untilText(at: number, intl: IntlShape): string {
  const time = formatClock(at, intl);
  return new Date(at).toDateString() === new Date().toDateString() ? time : intl.formatDate(at, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

function SkillClientForm({ desk, saved, reload }: { desk: Pick<DeskApi, 'invoke'>; saved: boolean; reload(): Promise<void> }) {
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing = missingText({ 'client ID': clientId, 'client secret': clientSecret });
    if (missing) return setOutcome({ kind: 'error', text: missing });
    setBusy(true);
    const result = await desk.invoke('saveSignalingClient', { clientId: clientId.trim(), clientSecret: clientSecret.trim() });
    setClientSecret('');
    setBusy(false);
    if (!result.ok) return setOutcome({ kind: 'error', text: `Not saved: ${linkErrorWords(result.error)}` });
    setClientId('');
    const next = 'Saved. Now enable the skill in the rooms (ASP console): Alexa sends the grant through the skill and the console links itself.';
    setOutcome(result.value.warning ? { kind: 'warning', text: `${next} Check: ${linkErrorWords(result.value.warning)}` } : { kind: 'ok', text: next });
    await reload();
  }

  return (
    <form className="sub-form" aria-label="Skill messaging client" onSubmit={(e) => void submit(e)} data-testid="signaling-client-form" noValidate>
      <h3>
        <span className="step-no">1</span> The skill's messaging client {saved && <span className="tag ok">saved</span>}
      </h3>
      <p className="hint">
        In the Alexa developer console, open the calling skill › <strong>Permissions</strong>, and copy the <strong>Alexa Skill Messaging</strong>{' '}
        client ID and client secret.
      </p>
      <div className="form-grid">
        <TextField label="Client ID" value={clientId} onChange={setClientId} placeholder="amzn1.application-oa2-client.…" testId="signaling-client-id" />
        <SecretField label="Client secret" value={clientSecret} onChange={setClientSecret} testId="signaling-client-secret" />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="save-signaling-client">
          {busy ? 'Saving…' : saved ? 'Replace the client' : 'Save the client'}
        </button>
        <OutcomeLine outcome={outcome} testId="signaling-client-outcome" />
      </div>
    </form>
  );
}

function ManualLinkForm({ desk, reload }: { desk: Pick<DeskApi, 'invoke'>; reload(): Promise<void> }) {
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [refreshToken, setRefreshToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing = missingText({ 'client ID': clientId, 'client secret': clientSecret, 'refresh token': refreshToken });
    if (missing) return setOutcome({ kind: 'error', text: missing });
    setBusy(true);
    const result = await desk.invoke('linkSignaling', { clientId: clientId.trim(), clientSecret: clientSecret.trim(), refreshToken: refreshToken.trim() });
    setClientSecret('');
    setRefreshToken('');
    setBusy(false);
    if (result.ok) {
      setClientId('');
      setOutcome({ kind: 'ok', text: 'Linked: Amazon accepted the credentials and calls now go through Alexa.' });
    } else setOutcome({ kind: 'error', text: `Not linked: ${linkErrorWords(result.error)}` });
    await reload(); // the link state shows the outcome too (linked, or the last problem)
  }

  return (
    <details className="sub-form">
      <summary>Or link by hand with a refresh token</summary>
      <form aria-label="Link by hand" onSubmit={(e) => void submit(e)} data-testid="manual-link-form" noValidate>
        <p className="hint">
          Paste the skill's Alexa Skill Messaging client ID and secret and a refresh token (Atzr|…) from the skill's account-linking grant. The
          console checks them with Amazon before it keeps them in the system keychain.
        </p>
        <div className="form-grid">
          <TextField label="Client ID" value={clientId} onChange={setClientId} testId="manual-client-id" />
          <SecretField label="Client secret" value={clientSecret} onChange={setClientSecret} testId="manual-client-secret" />
          <SecretField label="Refresh token" value={refreshToken} onChange={setRefreshToken} testId="manual-refresh-token" />
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="manual-link">
            <Icon name="link" /> {busy ? 'Checking with Amazon…' : 'Link'}
          </button>
          <OutcomeLine outcome={outcome} testId="manual-link-outcome" />
        </div>
      </form>
    </details>
  );
}

// ---------------------------------------------------------------- setup sign-in

function SetupSignIn({ desk, status, reload }: SectionProps<LinkStatus['setup']>) {
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [authorizeUrl, setAuthorizeUrl] = useState<string | null>(null);

  const signedIn = status?.signedIn ?? false;
  useEffect(() => {
    if (signedIn) setAuthorizeUrl(null);
  }, [signedIn]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing = missingText({ 'client ID': clientId, 'client secret': clientSecret });
    if (missing) return setOutcome({ kind: 'error', text: missing });
    setBusy(true);
    const result = await desk.invoke('setupSignIn', { clientId: clientId.trim(), clientSecret: clientSecret.trim() });
    setClientSecret('');
    setBusy(false);
    if (!result.ok) return setOutcome({ kind: 'error', text: `Sign-in did not start: ${linkErrorWords(result.error)}` });
    setClientId('');
    setOutcome(null);
    setAuthorizeUrl(result.value.authorizeUrl);
    await reload();
  }

  async function signOut() {
    const result = await desk.invoke('setupSignOut', {});
    setOutcome(result.ok ? { kind: 'ok', text: 'Signed out. The setup steps that use Amazon are off until you sign in again.' } : { kind: 'error', text: `Not signed out: ${result.error}` });
    setAuthorizeUrl(null);
    await reload();
  }

  const href = authorizeUrl ? safeHref(authorizeUrl) : null;
  return (
    <section className="form-card" aria-labelledby="setup-signin-title" data-testid="setup-signin">
      <h2 id={SETUP_SIGN_IN_ID}>Setup sign-in</h2>
      <p className="hint">
        Only for the ASP setup steps (service provider, skill mapping, address book). An ASP administrator signs in with a <strong>Login with Amazon
        security profile</strong> whose client ID was granted API access in the ASP console. Calls never use it.
      </p>
      <SetupState status={status} />
      {status && !signedIn && (
        <p className="hint" data-testid="setup-return-url">
          Amazon returns to this computer after the sign-in. Add <code>{status.returnUrl}</code> to the security profile's{' '}
          <strong>Allowed Return URLs</strong> (Login with Amazon console → Web Settings) before you sign in. The port can be changed in Settings.
        </p>
      )}
      {authorizeUrl && !signedIn && (
        <div className="callout" role="status" data-testid="signin-pending">
          <p>
            <strong>Finish signing in in your browser.</strong> A browser tab should have opened; if not, open Amazon's sign-in page:
          </p>
          <p>{href ? <a href={href} target="_blank" rel="noopener noreferrer" data-testid="authorize-link">Open Amazon's sign-in page</a> : <span className="muted">(the sign-in address is not a web address)</span>}</p>
          <button type="button" className="btn btn-small" onClick={() => void reload()} data-testid="signin-check">
            I have signed in: check again
          </button>
        </div>
      )}
      {signedIn ? (
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => void signOut()} data-testid="setup-signout">
            Sign out
          </button>
        </div>
      ) : (
        <form aria-label="Setup sign-in" onSubmit={(e) => void submit(e)} data-testid="setup-signin-form" noValidate>
          <div className="form-grid">
            <TextField label="Security profile client ID" value={clientId} onChange={setClientId} placeholder="amzn1.application-oa2-client.…" testId="setup-client-id" />
            <SecretField label="Security profile client secret" value={clientSecret} onChange={setClientSecret} testId="setup-client-secret" />
          </div>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid="setup-signin-submit">
              {busy ? 'Starting…' : 'Sign in with Amazon'}
            </button>
          </div>
        </form>
      )}
      <OutcomeLine outcome={outcome} testId="setup-signin-outcome" />
    </section>
  );
}

function SetupState({ status }: { status: LinkStatus['setup'] | null }): ReactNode {
  if (!status) return <p className="muted">Checking…</p>;
  if (status.signedIn) {
    return (
      <p className="state-line ok" data-testid="setup-state">
        <Icon name="check" size={18} /> Signed in: the setup steps can use Amazon's APIs.
      </p>
    );
  }
  if (status.signInPending) {
    return (
      <p className="state-line warn" data-testid="setup-state">
        <Icon name="info" size={18} /> Waiting for the sign-in to finish in the browser.
      </p>
    );
  }
  return (
    <p className="state-line warn" data-testid="setup-state">
      <Icon name="info" size={18} /> Not signed in.
    </p>
  );
}
