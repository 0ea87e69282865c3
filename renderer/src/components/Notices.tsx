// Banners: the console's notices and this window's own, each on one line in plain words with its
// fix one click away (relink, the settings, the rooms, the webhook again) and the technical side
// behind "Details". They never crowd out the grid: the most important few show, the rest fold
// into "n more".
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Notice } from '../../../main/ipc/contract.js';
import { useSay } from '../i18n/DeskIntl.js';
import { Icon } from './Icon.js';

const LEVEL_ICON = { error: 'alert-triangle', warning: 'alert-triangle', info: 'info' } as const;
const LEVEL_ORDER = { error: 0, warning: 1, info: 2 } as const;
/** Banners shown before the rest fold away. */
export const SHOWN_NOTICES = 2;

export interface NoticeFixes {
  onRelink(): void;
  onOpenSettings(): void;
  onOpenRooms(): void;
  onRetryWebhook(notice: Notice): void;
}

interface NoticesProps extends NoticeFixes {
  notices: readonly Notice[];
  /** The window lost the console: said first, above every notice. */
  connectionText: string | null;
  onDismiss(notice: Notice): void;
}

/** Errors first, then warnings, then information; newest first within each. */
export function noticeOrder(notices: readonly Notice[]): Notice[] {
  return [...notices].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || b.at - a.at);
}

export function Notices({ notices, connectionText, onDismiss, ...fixes }: NoticesProps) {
  const [unfolded, setUnfolded] = useState(false);
  const intl = useIntl();
  if (!notices.length && !connectionText) return null;
  const ordered = noticeOrder(notices);
  const shown = unfolded ? ordered : ordered.slice(0, SHOWN_NOTICES);
  const folded = ordered.length - shown.length;
  return (
    <div className={`notices${unfolded ? ' unfolded' : ''}`} role="region" aria-label={intl.formatMessage({ id: 'notices.label' })}>
      {connectionText && (
        <div className="notice error" role="alert" data-testid="connection-lost">
          <Icon name="alert-triangle" /> <span className="notice-text">{connectionText}</span>
        </div>
      )}
      {shown.map((notice) => (
        <NoticeBanner key={notice.id} notice={notice} onDismiss={onDismiss} fixes={fixes} />
      ))}
      {folded > 0 && (
        <button type="button" className="notices-fold" data-testid="notices-more" onClick={() => setUnfolded(true)}>
          <FormattedMessage id="notices.more" values={{ count: folded }} />
        </button>
      )}
      {unfolded && ordered.length > SHOWN_NOTICES && (
        <button type="button" className="notices-fold" onClick={() => setUnfolded(false)}>
          <FormattedMessage id="notices.fewer" />
        </button>
      )}
    </div>
  );
}

function NoticeBanner({ notice, onDismiss, fixes }: { notice: Notice; onDismiss(notice: Notice): void; fixes: NoticeFixes }) {
  const [open, setOpen] = useState(false);
  const intl = useIntl();
  const words = useSay()(notice.message);
  return (
    <div className={`notice ${notice.level}${open ? ' open' : ''}`} role={notice.level === 'error' ? 'alert' : 'status'} data-testid="notice" data-level={notice.level}>
      <Icon name={LEVEL_ICON[notice.level]} />
      {/* One line until opened: a click on the words (or Details) shows all of them. */}
      <span className="notice-text" title={open ? undefined : words} onClick={() => setOpen(!open)}>
        {words}
      </span>
      {notice.action === 'relink' && (
        <button type="button" className="btn btn-small" onClick={fixes.onRelink} data-testid="notice-relink">
          <Icon name="link" size={16} /> <FormattedMessage id="notices.relink" />
        </button>
      )}
      {notice.action === 'open-settings' && (
        <button type="button" className="btn btn-small" onClick={fixes.onOpenSettings} data-testid="notice-open-settings">
          <FormattedMessage id="notices.openSettings" />
        </button>
      )}
      {notice.action === 'open-rooms' && (
        <button type="button" className="btn btn-small" onClick={fixes.onOpenRooms} data-testid="notice-open-rooms">
          <FormattedMessage id="notices.openRooms" />
        </button>
      )}
      {notice.action === 'retry-webhook' && (
        <>
          <button type="button" className="btn btn-small" onClick={() => fixes.onRetryWebhook(notice)} data-testid="notice-retry-webhook">
            <FormattedMessage id="notices.tryAgain" />
          </button>
          <button type="button" className="btn btn-small" onClick={fixes.onOpenSettings}>
            <FormattedMessage id="notices.changePort" />
          </button>
        </>
      )}
      {notice.detail && (
        <button type="button" className="btn btn-small btn-quiet" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="notice-details">
          <FormattedMessage id={open ? 'notices.hideDetails' : 'notices.details'} />
        </button>
      )}
      <button type="button" className="btn btn-small btn-quiet" aria-label={intl.formatMessage({ id: 'notices.dismiss' })} onClick={() => onDismiss(notice)}>
        <Icon name="x" size={18} />
      </button>
      {open && notice.detail && (
        <p className="notice-detail" data-testid="notice-detail">
          {notice.detail}
        </p>
      )}
    </div>
  );
}
