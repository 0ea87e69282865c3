// The status bar: who we are, the link to Amazon, the webhook, do-not-disturb (the desk's state,
// not the rooms'), auto-answer, the settings and search.
import type { AutoAnswerPolicy, DeskStatus } from '../../../main/ipc/contract.js';
import { formatClock } from '../format.js';
import { useSay } from '../i18n/DeskIntl.js';
import { Ago } from './clock.js';
import { Icon } from './Icon.js';

interface StatusBarProps {
  status: DeskStatus;
  query: string;
  onQuery(query: string): void;
  onAutoAnswer(policy: AutoAnswerPolicy): void;
  onDnd(on: boolean): void;
  settingsOpen: boolean;
  onOpenSettings(): void;
  /** Opens the settings at the link to Amazon. */
  onLink(): void;
}

export function StatusBar({ status, query, onQuery, onAutoAnswer, onDnd, settingsOpen, onOpenSettings, onLink }: StatusBarProps) {
  return (
    <header className="statusbar">
      <div className="status-items">
        <span className="desk-name" title={`Contact id (the caller id rooms see): ${status.contactId}`} data-testid="desk-name">
          <Icon name="phone" /> {status.deskName}
        </span>
        <LinkState mode={status.mode} region={status.region} onLink={onLink} />
        {status.property ? <PropertyHealth property={status.property} /> : <WebhookHealth webhook={status.webhook} />}
        {status.dnd && (
          <span className="pill dnd-on" data-testid="dnd-state" role="status" title="Rooms that call hear busy; their calls are listed as missed (do not disturb)">
            <Icon name="moon" size={16} /> Not taking calls
          </span>
        )}
      </div>
      <div className="status-controls">
        <select
          className="select"
          value={status.autoAnswer}
          onChange={(e) => onAutoAnswer(e.target.value as AutoAnswerPolicy)}
          data-testid="auto-answer"
          aria-label="Auto-answer"
          title="When idle: a call is answered by itself only while no other call is up"
        >
          <option value="off">Auto-answer: Off</option>
          <option value="all">Auto-answer: All calls</option>
          <option value="idle">Auto-answer: When idle</option>
        </select>
        <button type="button" className="btn btn-small toggle dnd-toggle" role="switch" aria-checked={status.dnd} data-testid="dnd" onClick={() => onDnd(!status.dnd)}>
          <Icon name="moon" size={16} /> Do not disturb: {status.dnd ? 'On' : 'Off'}
        </button>
        <button type="button" className="btn btn-small" aria-pressed={settingsOpen} data-testid="settings-open" onClick={onOpenSettings}>
          Settings
        </button>
        <label className="search">
          <Icon name="search" size={18} />
          <input type="search" placeholder="Search…" aria-label="Search rooms (/)" value={query} onChange={(e) => onQuery(e.target.value)} data-testid="search" />
          <kbd aria-hidden="true">/</kbd>
        </label>
      </div>
    </header>
  );
}

/**
 * Linked, or not, with the fix one click away. Demo mode is "Not linked" without alarm: the demo
 * stripe already says what it is.
 */
function LinkState({ mode, region, onLink }: { mode: DeskStatus['mode']; region: DeskStatus['region']; onLink(): void }) {
  if (mode === 'linked') {
    return (
      <span className="pill link-linked" data-testid="link-state" data-mode={mode}>
        <Icon name="check" size={16} /> Linked ({region})
      </span>
    );
  }
  // The state and its fix in one: a click opens the link settings.
  return (
    <button type="button" className={`pill pill-button link-${mode}`} data-testid="link-open" data-mode={mode} title="Link this console to Amazon" onClick={onLink}>
      {mode === 'unlinked' && <Icon name="alert-triangle" size={16} />}
      <span data-testid="link-state">Not linked</span>
      <span className="pill-action">
        <Icon name="link" size={14} /> Link…
      </span>
    </button>
  );
}

/** Property mode: the property's server and which desks are online (this one included). */
function PropertyHealth({ property }: { property: NonNullable<DeskStatus['property']> }) {
  const names = property.desks.map((d) => d.name).join(', ');
  const count = property.desks.length;
  if (property.state !== 'connected') {
    return (
      <span className="pill error" data-testid="property-server" data-state={property.state} title={property.broker}>
        <Icon name="alert-triangle" size={16} /> {property.state === 'connecting' ? 'Connecting to the property server…' : 'Property server unreachable — retrying'}
      </span>
    );
  }
  return (
    <span className="pill ok" data-testid="desks-online" data-count={count} title={`Online: ${names}`}>
      <Icon name="check" size={16} /> {count === 1 ? 'This desk only' : `${count} desks online`}
    </span>
  );
}

function WebhookHealth({ webhook }: { webhook: DeskStatus['webhook'] }) {
  const say = useSay();
  const port = portOf(webhook.url);
  if (webhook.error) {
    return (
      <span className="pill bad" role="status">
        <Icon name="alert-triangle" size={16} /> Webhook: {say(webhook.error)}
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
    <span className="pill ok" title={`Listening at ${webhook.url}${webhook.lastEventAt ? `; last event at ${formatClock(webhook.lastEventAt)}` : '; no events yet'}`}>
      <Icon name="check" size={16} /> Webhook {port ? `:${port}` : ''}
      <span className="muted webhook-last">{webhook.lastEventAt ? <> · last event <Ago at={webhook.lastEventAt} /></> : ' · no events yet'}</span>
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
