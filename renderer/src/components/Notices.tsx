// Banners: the console's notices and this window's own, each on one line in plain words with its
// fix one click away (relink, the settings, the rooms, the webhook again) and the technical side
// behind "Details". They never crowd out the grid: the most important few show, the rest fold
// into "n more".
import { useState } from 'react';
import type { Notice } from '../../../main/ipc/contract.js';
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
  if (!notices.length && !connectionText) return null;
  const ordered = noticeOrder(notices);
  const shown = unfolded ? ordered : ordered.slice(0, SHOWN_NOTICES);
  const folded = ordered.length - shown.length;
  return (
    <div className={`notices${unfolded ? ' unfolded' : ''}`} role="region" aria-label="Notices">
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
          {folded === 1 ? '1 more notice' : `${folded} more notices`}
        </button>
      )}
      {unfolded && ordered.length > SHOWN_NOTICES && (
        <button type="button" className="notices-fold" onClick={() => setUnfolded(false)}>
          Show fewer notices
        </button>
      )}
    </div>
  );
}

function NoticeBanner({ notice, onDismiss, fixes }: { notice: Notice; onDismiss(notice: Notice): void; fixes: NoticeFixes }) {
  const [open, setOpen] = useState(false);
  return (
    <div className={`notice ${notice.level}${open ? ' open' : ''}`} role={notice.level === 'error' ? 'alert' : 'status'} data-testid="notice" data-level={notice.level}>
      <Icon name={LEVEL_ICON[notice.level]} />
      {/* One line until opened: a click on the words (or Details) shows all of them. */}
      <span className="notice-text" title={open ? undefined : notice.text} onClick={() => setOpen(!open)}>
        {notice.text}
      </span>
      {notice.action === 'relink' && (
        <button type="button" className="btn btn-small" onClick={fixes.onRelink} data-testid="notice-relink">
          <Icon name="link" size={16} /> Relink
        </button>
      )}
      {notice.action === 'open-settings' && (
        <button type="button" className="btn btn-small" onClick={fixes.onOpenSettings} data-testid="notice-open-settings">
          Open settings
        </button>
      )}
      {notice.action === 'open-rooms' && (
        <button type="button" className="btn btn-small" onClick={fixes.onOpenRooms} data-testid="notice-open-rooms">
          Open the directory
        </button>
      )}
      {notice.action === 'retry-webhook' && (
        <>
          <button type="button" className="btn btn-small" onClick={() => fixes.onRetryWebhook(notice)} data-testid="notice-retry-webhook">
            Try again
          </button>
          <button type="button" className="btn btn-small" onClick={fixes.onOpenSettings}>
            Change the port
          </button>
        </>
      )}
      {notice.detail && (
        <button type="button" className="btn btn-small btn-quiet" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="notice-details">
          {open ? 'Hide details' : 'Details'}
        </button>
      )}
      <button type="button" className="btn btn-small btn-quiet" aria-label="Dismiss" onClick={() => onDismiss(notice)}>
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
