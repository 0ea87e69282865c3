// The status bar: who we are, the link to Amazon, the webhook, do-not-disturb (the desk's state,
// not the rooms'), auto-answer, the settings and search.
import { FormattedMessage, useIntl } from 'react-intl';
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
  const intl = useIntl();
  return (
    <header className="statusbar">
      <div className="status-items">
        <span className="desk-name" title={intl.formatMessage({ id: 'status.contactId' }, { id: status.contactId })} data-testid="desk-name">
          <Icon name="phone" /> {status.deskName}
        </span>
        <LinkState mode={status.mode} region={status.region} onLink={onLink} />
        {status.property ? <PropertyHealth property={status.property} /> : <WebhookHealth webhook={status.webhook} />}
        {status.propertyRestart && <PropertyRestart change={status.propertyRestart} />}
        {status.dnd && (
          <span className="pill dnd-on" data-testid="dnd-state" role="status" title={intl.formatMessage({ id: 'status.dndTitle' })}>
            <Icon name="moon" size={16} /> <FormattedMessage id="status.notTakingCalls" />
          </span>
        )}
      </div>
      <div className="status-controls">
        <select
          className="select"
          value={status.autoAnswer}
          onChange={(e) => onAutoAnswer(e.target.value as AutoAnswerPolicy)}
          data-testid="auto-answer"
          aria-label={intl.formatMessage({ id: 'status.autoAnswer' })}
          title={intl.formatMessage({ id: 'status.autoAnswerTitle' })}
        >
          <option value="off">{intl.formatMessage({ id: 'status.autoAnswerOff' })}</option>
          <option value="all">{intl.formatMessage({ id: 'status.autoAnswerAll' })}</option>
          <option value="idle">{intl.formatMessage({ id: 'status.autoAnswerIdle' })}</option>
        </select>
        <button type="button" className="btn btn-small toggle dnd-toggle" role="switch" aria-checked={status.dnd} data-testid="dnd" onClick={() => onDnd(!status.dnd)}>
          <Icon name="moon" size={16} /> <FormattedMessage id={status.dnd ? 'status.dndOn' : 'status.dndOff'} />
        </button>
        <button type="button" className="btn btn-small" aria-pressed={settingsOpen} data-testid="settings-open" onClick={onOpenSettings}>
          <FormattedMessage id="status.settings" />
        </button>
        <label className="search">
          <Icon name="search" size={18} />
          <input
            type="search"
            placeholder={intl.formatMessage({ id: 'status.search' })}
            aria-label={intl.formatMessage({ id: 'status.searchLabel' })}
            value={query} onChange={(e) => onQuery(e.target.value)} data-testid="search" />
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
  const intl = useIntl();
  if (mode === 'linked') {
    return (
      <span className="pill link-linked" data-testid="link-state" data-mode={mode}>
        <Icon name="check" size={16} /> <FormattedMessage id="status.linked" values={{ region }} />
      </span>
    );
  }
  // The state and its fix in one: a click opens the link settings.
  return (
    <button type="button" className={`pill pill-button link-${mode}`} data-testid="link-open" data-mode={mode} title={intl.formatMessage({ id: 'status.linkTitle' })} onClick={onLink}>
      {mode === 'unlinked' && <Icon name="alert-triangle" size={16} />}
      <span data-testid="link-state">
        <FormattedMessage id="status.notLinked" />
      </span>
      <span className="pill-action">
        <Icon name="link" size={14} /> <FormattedMessage id="status.link" />
      </span>
    </button>
  );
}

/** Property mode: the property's server and which desks are online (this one included). */
function PropertyHealth({ property }: { property: NonNullable<DeskStatus['property']> }) {
  const intl = useIntl();
  const names = intl.formatList(property.desks.map((d) => d.name));
  const count = property.desks.length;
  if (property.state !== 'connected') {
    return (
      <span className="pill error" data-testid="property-server" data-state={property.state} title={property.broker}>
        <Icon name="alert-triangle" size={16} /> <FormattedMessage id={property.state === 'connecting' ? 'status.propertyConnecting' : 'status.propertyUnreachable'} />
      </span>
    );
  }
  return (
    <span className="pill ok" data-testid="desks-online" data-count={count} title={intl.formatMessage({ id: 'status.desksOnlineTitle' }, { names })}>
      <Icon name="check" size={16} /> <FormattedMessage id="status.desksOnline" values={{ count }} />
    </span>
  );
}

/** Property settings saved that only the next start applies: the pills above show what runs now. */
const RESTART_MESSAGES = { join: 'status.propertyRestartJoin', leave: 'status.propertyRestartLeave', change: 'status.propertyRestartChange' } as const;

function PropertyRestart({ change }: { change: NonNullable<DeskStatus['propertyRestart']> }) {
  return (
    <span className="pill warn" data-testid="property-restart-pill" data-change={change}>
      <Icon name="info" size={16} /> <FormattedMessage id={RESTART_MESSAGES[change]} />
    </span>
  );
}

function WebhookHealth({ webhook }: { webhook: DeskStatus['webhook'] }) {
  const say = useSay();
  const intl = useIntl();
  const port = portOf(webhook.url);
  if (webhook.error) {
    return (
      <span className="pill bad" role="status">
        <Icon name="alert-triangle" size={16} /> <FormattedMessage id="status.webhookProblem" values={{ problem: say(webhook.error) }} />
      </span>
    );
  }
  if (!webhook.listening) {
    return (
      <span className="pill warn">
        <Icon name="info" size={16} /> <FormattedMessage id="status.webhookStarting" />
      </span>
    );
  }
  return (
    <span
      className="pill ok"
      title={
        webhook.lastEventAt
          ? intl.formatMessage({ id: 'status.webhookTitleLast' }, { url: webhook.url, time: formatClock(webhook.lastEventAt, intl) })
          : intl.formatMessage({ id: 'status.webhookTitle' }, { url: webhook.url })
      }
    >
      <Icon name="check" size={16} /> <FormattedMessage id="status.webhook" values={{ port: port ? `:${port}` : '' }} />
      <span className="muted webhook-last">
        {' · '}
        {webhook.lastEventAt ? (
          <FormattedMessage id="status.lastEvent" values={{ ago: <Ago at={webhook.lastEventAt} /> }} />
        ) : (
          <FormattedMessage id="status.noEvents" />
        )}
      </span>
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
