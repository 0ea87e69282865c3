// The status bar: who we are, the link to Amazon, the webhook, auto-answer, do-not-disturb, search.
import type { AutoAnswerPolicy, DeskStatus } from '../../../main/ipc/contract.js';
import { Ago } from './clock.js';
import { Icon } from './Icon.js';

interface StatusBarProps {
  status: DeskStatus;
  query: string;
  onQuery(query: string): void;
  onAutoAnswer(policy: AutoAnswerPolicy): void;
  onDnd(on: boolean): void;
  onDemoCall(): void;
  settingsOpen: boolean;
  onOpenSettings(): void;
  /** Opens the settings at the link to Amazon. */
  onLink(): void;
}

const LINK_WORDS: Record<DeskStatus['mode'], string> = { linked: 'Linked', demo: 'Demo mode', unlinked: 'Not linked' };

export function StatusBar({ status, query, onQuery, onAutoAnswer, onDnd, onDemoCall, settingsOpen, onOpenSettings, onLink }: StatusBarProps) {
  return (
    <header className="statusbar">
      <div className="status-items">
        <span className="desk-name" title="The desk's contact id, shown to rooms as the caller">
          <Icon name="phone" /> {status.contactId}
        </span>
        <span className={`pill link-${status.mode}`}>
          <Icon name={status.mode === 'linked' ? 'check' : status.mode === 'demo' ? 'info' : 'alert-triangle'} size={16} />
          {LINK_WORDS[status.mode]}
          {status.mode === 'linked' && ` (${status.region})`}
        </span>
        {status.mode !== 'linked' && (
          <button type="button" className="btn btn-small" data-testid="link-open" onClick={onLink}>
            <Icon name="link" size={16} /> Link to Amazon
          </button>
        )}
        <WebhookHealth webhook={status.webhook} />
        {status.vault === 'memory' && (
          <span className="pill warn" title="No OS keychain is available: credentials are kept in memory and must be entered again after a restart">
            <Icon name="alert-triangle" size={16} /> Secrets in memory only
          </span>
        )}
      </div>
      <div className="status-controls">
        {status.mode === 'demo' && (
          <button type="button" className="btn btn-small" data-testid="demo-call" onClick={onDemoCall}>
            <Icon name="phone-incoming" size={16} /> Simulate a room calling
          </button>
        )}
        <label className="field">
          <span>Auto-answer</span>
          <select value={status.autoAnswer} onChange={(e) => onAutoAnswer(e.target.value as AutoAnswerPolicy)} data-testid="auto-answer">
            <option value="off">Off</option>
            <option value="all">All calls</option>
            <option value="idle">When no call is up</option>
          </select>
        </label>
        <button type="button" className="btn btn-small toggle" role="switch" aria-checked={status.dnd} data-testid="dnd" onClick={() => onDnd(!status.dnd)}>
          <Icon name="moon" size={16} /> Do not disturb: {status.dnd ? 'On' : 'Off'}
        </button>
        <button type="button" className="btn btn-small" aria-pressed={settingsOpen} data-testid="settings-open" onClick={onOpenSettings}>
          Settings
        </button>
        <label className="search">
          <Icon name="search" size={18} />
          <input type="search" placeholder="Search rooms" aria-label="Search rooms" value={query} onChange={(e) => onQuery(e.target.value)} data-testid="search" />
        </label>
      </div>
    </header>
  );
}

function WebhookHealth({ webhook }: { webhook: DeskStatus['webhook'] }) {
  const port = portOf(webhook.url);
  if (webhook.error) {
    return (
      <span className="pill bad" role="status">
        <Icon name="alert-triangle" size={16} /> Webhook: {webhook.error}
      </span>
    );
  }
  if (!webhook.listening) {
    return (
      <span className="pill warn">
        <Icon name="info" size={16} /> Webhook starting…
      </span>
    );
  }
  return (
    <span className="pill ok" title={webhook.url}>
      <Icon name="check" size={16} /> Webhook {port ? `:${port}` : ''}
      <span className="muted">{webhook.lastEventAt ? <> · last event <Ago at={webhook.lastEventAt} /></> : ' · no events yet'}</span>
    </span>
  );
}

function portOf(url: string): string | null {
  try {
    return new URL(url).port || null;
  } catch {
    return null;
  }
}
