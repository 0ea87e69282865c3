// The two Amazon credentials, kept apart (asp-protocol.md §3.2–3.3):
//  - the call signaling link: the calling skill's Alexa Skill Messaging client id + secret, then the
//    grant that arrives through the skill (no typing) or a refresh token pasted by hand;
//  - the setup sign-in: a Login with Amazon security profile an ASP administrator signs in with,
//    used only for the setup steps.
// Secrets go to main and are never sent back; each secret input is emptied once it was sent.
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import type { DeskApi, LinkStatus, MessageId, Text } from '../../../main/ipc/contract.js';
import { formatClock } from '../format.js';
import { useRefusal, useSay } from '../i18n/DeskIntl.js';
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

/** What a Login with Amazon client id looks like. */
const CLIENT_ID_EXAMPLE = 'amzn1.application-oa2-client.…';

const LABELS: Record<string, MessageId> = { clientId: 'link.clientId', clientSecret: 'link.clientSecret', refreshToken: 'link.refreshToken' };
/** The fields as a sentence names them ("Fill in the client secret"). */
const NAMES = { clientId: 'link.name.clientId', clientSecret: 'link.name.clientSecret', refreshToken: 'link.name.refreshToken' } as const;

/** Main's refusal in the window's language; an older main's English with its field names as on screen. */
function useLinkRefusal(): (refusal: { error: string; message?: Text }) => string {
  const intl = useIntl();
  const refusal = useRefusal();
  return (r) => (r.message ? refusal(r) : describeFieldErrors(r.error, { label: (field) => (LABELS[field] ? intl.formatMessage({ id: LABELS[field] }) : null) }).text);
}

/** "Fill in the client ID and client secret.", or null when every field is filled in. */
function missingText(intl: IntlShape, fields: Partial<Record<keyof typeof NAMES, string>>): string | null {
  const missing = (Object.keys(fields) as (keyof typeof NAMES)[]).filter((name) => !fields[name]!.trim());
  if (!missing.length) return null;
  return intl.formatMessage({ id: 'link.fillIn' }, { fields: intl.formatList(missing.map((name) => intl.formatMessage({ id: NAMES[name] }))) });
}

export function LinkPanel({ desk, refreshKey }: LinkPanelProps) {
  const intl = useIntl();
  const refusal = useRefusal();
  const [status, setStatus] = useState<LinkStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const result = await desk.invoke('getLinkStatus', {});
    if (result.ok) {
      setStatus(result.value);
      setLoadError(null);
    } else setLoadError(intl.formatMessage({ id: 'link.loadFailed' }, { reason: refusal(result) }));
  }, [desk, intl, refusal]);
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
  const intl = useIntl();
  const refusal = useRefusal();
  const [confirmUnlink, setConfirmUnlink] = useState(false);
  const [unlinkOutcome, setUnlinkOutcome] = useState<Outcome>(null);

  async function unlink() {
    const result = await desk.invoke('unlinkSignaling', {});
    setConfirmUnlink(false);
    setUnlinkOutcome(
      result.ok
        ? { kind: 'ok', text: intl.formatMessage({ id: 'link.unlinked' }) }
        : { kind: 'error', text: intl.formatMessage({ id: 'link.notUnlinked' }, { reason: refusal(result) }) },
    );
    await reload();
  }

  return (
    <section className="form-card" aria-labelledby="signaling-title" data-testid="signaling-link">
      <h2 id="signaling-title">
        <FormattedMessage id="link.signalingTitle" />
      </h2>
      <p className="hint">
        <FormattedMessage id="link.signalingHint" /> <strong><FormattedMessage id="link.notSetupSignIn" /></strong>
      </p>
      <SignalingState status={status} />
      {status?.linked && (
        <div className="form-actions">
          {confirmUnlink ? (
            <div className="inline-confirm" role="group" aria-label={intl.formatMessage({ id: 'link.confirmUnlink' })} data-testid="unlink-confirm">
              <span>
                <FormattedMessage id="link.unlinkQuestion" />
              </span>
              <button type="button" className="btn btn-danger" onClick={() => void unlink()} data-testid="unlink-yes">
                <FormattedMessage id="link.unlink" />
              </button>
              <button type="button" className="btn" onClick={() => setConfirmUnlink(false)}>
                <FormattedMessage id="link.keepLink" />
              </button>
            </div>
          ) : (
            <button type="button" className="btn" onClick={() => setConfirmUnlink(true)} data-testid="unlink">
              <FormattedMessage id="link.unlinkEllipsis" />
            </button>
          )}
        </div>
      )}
      <OutcomeLine outcome={unlinkOutcome} />
      {status?.linked ? (
        <details className="sub-form">
          <summary>
            <FormattedMessage id="link.linkAgain" />
          </summary>
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
          <span className="step-no">2</span> <FormattedMessage id="link.step2" />
        </h3>
        <p className="hint">
          <FormattedMessage id="link.step2Hint" />
        </p>
      </div>
      <ManualLinkForm desk={desk} reload={reload} />
    </>
  );
}

function SignalingState({ status }: { status: LinkStatus['signaling'] | null }) {
  const intl = useIntl();
  const say = useSay();
  if (!status) {
    return (
      <p className="muted">
        <FormattedMessage id="link.checking" />
      </p>
    );
  }
  return (
    <div data-testid="signaling-state">
      {status.linked ? (
        <p className="state-line ok">
          <Icon name="check" size={18} /> <FormattedMessage id="link.linked" />{' '}
          <span className="muted">
            {status.validUntil ? (
              <FormattedMessage id="link.validUntil" values={{ time: untilText(status.validUntil, intl) }} />
            ) : (
              <FormattedMessage id="link.tokenAtNextCall" />
            )}
          </span>
        </p>
      ) : status.clientIdSet ? (
        <p className="state-line warn">
          <Icon name="info" size={18} /> <FormattedMessage id="link.notLinkedYet" />
        </p>
      ) : (
        <p className="state-line bad">
          <Icon name="alert-triangle" size={18} /> <FormattedMessage id="link.notLinked" />
        </p>
      )}
      {status.fromEnvironment && (
        <p className="hint" data-testid="signaling-from-environment">
          <FormattedMessage id="link.fromEnvironment" />
        </p>
      )}
      {status.lastError && (
        <p className="state-line bad">
          <Icon name="alert-triangle" size={18} /> <FormattedMessage id="link.lastProblem" values={{ problem: say(status.lastError) }} />
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
  const intl = useIntl();
  const say = useSay();
  const refusal = useLinkRefusal();
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing = missingText(intl, { clientId, clientSecret });
    if (missing) return setOutcome({ kind: 'error', text: missing });
    setBusy(true);
    const result = await desk.invoke('saveSignalingClient', { clientId: clientId.trim(), clientSecret: clientSecret.trim() });
    setClientSecret('');
    setBusy(false);
    if (!result.ok) return setOutcome({ kind: 'error', text: intl.formatMessage({ id: 'link.notSaved' }, { reason: refusal(result) }) });
    setClientId('');
    const { warning } = result.value;
    setOutcome(
      warning
        ? { kind: 'warning', text: intl.formatMessage({ id: 'link.savedCheck' }, { warning: say(warning) }) }
        : { kind: 'ok', text: intl.formatMessage({ id: 'link.savedNext' }) },
    );
    await reload();
  }

  return (
    <form className="sub-form" aria-label={intl.formatMessage({ id: 'link.clientFormLabel' })} onSubmit={(e) => void submit(e)} data-testid="signaling-client-form" noValidate>
      <h3>
        <span className="step-no">1</span> <FormattedMessage id="link.step1" />{' '}
        {saved && (
          <span className="tag ok">
            <FormattedMessage id="link.saved" />
          </span>
        )}
      </h3>
      <p className="hint">
        <FormattedMessage id="link.step1Hint" />
      </p>
      <div className="form-grid">
        <TextField label={intl.formatMessage({ id: 'link.clientId' })} value={clientId} onChange={setClientId} placeholder={CLIENT_ID_EXAMPLE} testId="signaling-client-id" />
        <SecretField label={intl.formatMessage({ id: 'link.clientSecret' })} value={clientSecret} onChange={setClientSecret} testId="signaling-client-secret" />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="save-signaling-client">
          <FormattedMessage id={busy ? 'link.saving' : saved ? 'link.replaceClient' : 'link.saveClient'} />
        </button>
        <OutcomeLine outcome={outcome} testId="signaling-client-outcome" />
      </div>
    </form>
  );
}

function ManualLinkForm({ desk, reload }: { desk: Pick<DeskApi, 'invoke'>; reload(): Promise<void> }) {
  const intl = useIntl();
  const refusal = useLinkRefusal();
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [refreshToken, setRefreshToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing = missingText(intl, { clientId, clientSecret, refreshToken });
    if (missing) return setOutcome({ kind: 'error', text: missing });
    setBusy(true);
    const result = await desk.invoke('linkSignaling', { clientId: clientId.trim(), clientSecret: clientSecret.trim(), refreshToken: refreshToken.trim() });
    setClientSecret('');
    setRefreshToken('');
    setBusy(false);
    if (result.ok) {
      setClientId('');
      setOutcome({ kind: 'ok', text: intl.formatMessage({ id: 'link.linkedByHand' }) });
    } else setOutcome({ kind: 'error', text: intl.formatMessage({ id: 'link.notLinkedReason' }, { reason: refusal(result) }) });
    await reload(); // the link state shows the outcome too (linked, or the last problem)
  }

  return (
    <details className="sub-form">
      <summary>
        <FormattedMessage id="link.byHand" />
      </summary>
      <form aria-label={intl.formatMessage({ id: 'link.byHandLabel' })} onSubmit={(e) => void submit(e)} data-testid="manual-link-form" noValidate>
        <p className="hint">
          <FormattedMessage id="link.byHandHint" />
        </p>
        <div className="form-grid">
          <TextField label={intl.formatMessage({ id: 'link.clientId' })} value={clientId} onChange={setClientId} testId="manual-client-id" />
          <SecretField label={intl.formatMessage({ id: 'link.clientSecret' })} value={clientSecret} onChange={setClientSecret} testId="manual-client-secret" />
          <SecretField label={intl.formatMessage({ id: 'link.refreshToken' })} value={refreshToken} onChange={setRefreshToken} testId="manual-refresh-token" />
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="manual-link">
            <Icon name="link" /> <FormattedMessage id={busy ? 'link.checkingWithAmazon' : 'link.link'} />
          </button>
          <OutcomeLine outcome={outcome} testId="manual-link-outcome" />
        </div>
      </form>
    </details>
  );
}

// ---------------------------------------------------------------- setup sign-in

function SetupSignIn({ desk, status, reload }: SectionProps<LinkStatus['setup']>) {
  const intl = useIntl();
  const refusal = useLinkRefusal();
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
    const missing = missingText(intl, { clientId, clientSecret });
    if (missing) return setOutcome({ kind: 'error', text: missing });
    setBusy(true);
    const result = await desk.invoke('setupSignIn', { clientId: clientId.trim(), clientSecret: clientSecret.trim() });
    setClientSecret('');
    setBusy(false);
    if (!result.ok) return setOutcome({ kind: 'error', text: intl.formatMessage({ id: 'link.signInDidNotStart' }, { reason: refusal(result) }) });
    setClientId('');
    setOutcome(null);
    setAuthorizeUrl(result.value.authorizeUrl);
    await reload();
  }

  async function signOut() {
    const result = await desk.invoke('setupSignOut', {});
    setOutcome(
      result.ok
        ? { kind: 'ok', text: intl.formatMessage({ id: 'link.signedOut' }) }
        : { kind: 'error', text: intl.formatMessage({ id: 'link.notSignedOut' }, { reason: refusal(result) }) },
    );
    setAuthorizeUrl(null);
    await reload();
  }

  const href = authorizeUrl ? safeHref(authorizeUrl) : null;
  return (
    <section className="form-card" aria-labelledby="setup-signin-title" data-testid="setup-signin">
      <h2 id={SETUP_SIGN_IN_ID}>
        <FormattedMessage id="link.setupTitle" />
      </h2>
      <p className="hint">
        <FormattedMessage id="link.setupHint" />
      </p>
      <SetupState status={status} />
      {status && !signedIn && (
        <p className="hint" data-testid="setup-return-url">
          <FormattedMessage id="link.returnUrl" values={{ url: <code>{status.returnUrl}</code> }} />
        </p>
      )}
      {authorizeUrl && !signedIn && (
        <div className="callout" role="status" data-testid="signin-pending">
          <p>
            <strong>
              <FormattedMessage id="link.finishInBrowser" />
            </strong>{' '}
            <FormattedMessage id="link.browserShouldOpen" />
          </p>
          <p>
            {href ? (
              <a href={href} target="_blank" rel="noopener noreferrer" data-testid="authorize-link">
                <FormattedMessage id="link.openSignInPage" />
              </a>
            ) : (
              <span className="muted">
                <FormattedMessage id="link.notWebAddress" />
              </span>
            )}
          </p>
          <button type="button" className="btn btn-small" onClick={() => void reload()} data-testid="signin-check">
            <FormattedMessage id="link.signedInCheck" />
          </button>
        </div>
      )}
      {signedIn ? (
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => void signOut()} data-testid="setup-signout">
            <FormattedMessage id="link.signOut" />
          </button>
        </div>
      ) : (
        <form aria-label={intl.formatMessage({ id: 'link.setupTitle' })} onSubmit={(e) => void submit(e)} data-testid="setup-signin-form" noValidate>
          <div className="form-grid">
            <TextField label={intl.formatMessage({ id: 'link.profileClientId' })} value={clientId} onChange={setClientId} placeholder={CLIENT_ID_EXAMPLE} testId="setup-client-id" />
            <SecretField label={intl.formatMessage({ id: 'link.profileClientSecret' })} value={clientSecret} onChange={setClientSecret} testId="setup-client-secret" />
          </div>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid="setup-signin-submit">
              <FormattedMessage id={busy ? 'link.starting' : 'link.signInWithAmazon'} />
            </button>
          </div>
        </form>
      )}
      <OutcomeLine outcome={outcome} testId="setup-signin-outcome" />
    </section>
  );
}

function SetupState({ status }: { status: LinkStatus['setup'] | null }): ReactNode {
  if (!status) {
    return (
      <p className="muted">
        <FormattedMessage id="link.checkingShort" />
      </p>
    );
  }
  if (status.signedIn) {
    return (
      <p className="state-line ok" data-testid="setup-state">
        <Icon name="check" size={18} /> <FormattedMessage id="link.setupSignedIn" />
      </p>
    );
  }
  return (
    <p className="state-line warn" data-testid="setup-state">
      <Icon name="info" size={18} /> <FormattedMessage id={status.signInPending ? 'link.setupWaiting' : 'link.setupNotSignedIn'} />
    </p>
  );
}
