// Banners: the console's notices and this window's own, each in plain words with its fix one
// click away (relink, open the settings, try the webhook again).
import type { Notice } from '../../../main/ipc/contract.js';
import { Icon } from './Icon.js';

const LEVEL_ICON = { error: 'alert-triangle', warning: 'alert-triangle', info: 'info' } as const;

export interface NoticeFixes {
  onRelink(): void;
  onOpenSettings(): void;
  onRetryWebhook(notice: Notice): void;
}

interface NoticesProps extends NoticeFixes {
  notices: readonly Notice[];
  connectionText: string | null;
  onDismiss(notice: Notice): void;
}

export function Notices({ notices, connectionText, onDismiss, ...fixes }: NoticesProps) {
  if (!notices.length && !connectionText) return null;
  return (
    <div className="notices" role="region" aria-label="Notices">
      {connectionText && (
        <div className="notice error" role="alert" data-testid="connection-lost">
          <Icon name="alert-triangle" /> <span className="notice-text">{connectionText}</span>
        </div>
      )}
      {notices.map((notice) => (
        <NoticeBanner key={notice.id} notice={notice} onDismiss={onDismiss} fixes={fixes} />
      ))}
    </div>
  );
}

function NoticeBanner({ notice, onDismiss, fixes }: { notice: Notice; onDismiss(notice: Notice): void; fixes: NoticeFixes }) {
  return (
    <div className={`notice ${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'} data-testid="notice" data-level={notice.level}>
      <Icon name={LEVEL_ICON[notice.level]} />
      <span className="notice-text">{notice.text}</span>
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
      <button type="button" className="btn btn-small btn-quiet" aria-label="Dismiss" onClick={() => onDismiss(notice)}>
        <Icon name="x" size={18} />
      </button>
    </div>
  );
}
