// Linking the console to Amazon, inline (no modal): the skill's Alexa Skill Messaging client id and
// secret plus a refresh token. Main proves them with a live token refresh before saving them in
// the keychain; nothing secret is ever sent back to this window.
import { useState, type FormEvent } from 'react';
import type { DeskApi } from '../../../main/ipc/contract.js';
import { Icon } from './Icon.js';

interface LinkPanelProps {
  desk: Pick<DeskApi, 'invoke'>;
  onLinked(): void;
  onClose(): void;
}

export function LinkPanel({ desk, onLinked, onClose }: LinkPanelProps) {
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [refreshToken, setRefreshToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const missing = [!clientId.trim() && 'client ID', !clientSecret.trim() && 'client secret', !refreshToken.trim() && 'refresh token'].filter(Boolean);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (missing.length) {
      setError(`Fill in the ${missing.join(' and ')}`);
      return;
    }
    setBusy(true);
    setError(null);
    const result = await desk.invoke('linkSignaling', { clientId: clientId.trim(), clientSecret: clientSecret.trim(), refreshToken: refreshToken.trim() });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setClientSecret('');
    setRefreshToken('');
    onLinked();
  }

  return (
    <form className="link-panel" aria-label="Link to Amazon" onSubmit={(e) => void submit(e)} data-testid="link-panel">
      <p>
        Paste the calling skill's <strong>Alexa Skill Messaging</strong> client ID and secret (developer console › the skill › Permissions)
        and a refresh token from its account-linking grant. The console checks them with Amazon before saving them in the system keychain.
        A skill that forwards the grant to the console links it by itself.
      </p>
      <div className="link-fields">
        <label className="field stacked">
          <span>Client ID</span>
          <input value={clientId} onChange={(e) => setClientId(e.target.value)} autoComplete="off" spellCheck={false} />
        </label>
        <label className="field stacked">
          <span>Client secret</span>
          <input type="password" value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} autoComplete="off" />
        </label>
        <label className="field stacked">
          <span>Refresh token</span>
          <input type="password" value={refreshToken} onChange={(e) => setRefreshToken(e.target.value)} autoComplete="off" />
        </label>
      </div>
      {error && (
        <p className="call-error" role="alert">
          <Icon name="alert-triangle" size={16} /> {error}
        </p>
      )}
      <div className="card-actions">
        <button type="submit" className="btn btn-answer" disabled={busy}>
          <Icon name="link" /> {busy ? 'Checking with Amazon…' : 'Link'}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}
