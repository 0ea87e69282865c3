// Banners: the console's notices and this window's own, each in plain words with its fix.
import { useState } from 'react';
import type { Notice, NoticeAction } from '../../../main/ipc/contract.js';
import { Icon } from './Icon.js';

/** Fixes shown as help text; 'relink' opens the link form instead (onRelink). */
const ACTION_WORDS: Record<Exclude<NoticeAction, 'relink'>, { label: string; help: string }> = {
  'open-settings': {
    label: 'Open settings',
    help: 'Add a TURN server (address, user name and password from your network team) to the console settings, then call again.',
  },
  'retry-webhook': {
    label: 'How to fix',
    help: 'Close the other program that uses the port, or start the console with another --webhook-port and update the skill to match.',
  },
};

const LEVEL_ICON = { error: 'alert-triangle', warning: 'alert-triangle', info: 'info' } as const;

interface NoticesProps {
  notices: readonly Notice[];
  connectionText: string | null;
  onDismiss(notice: Notice): void;
  onRelink(): void;
}

export function Notices({ notices, connectionText, onDismiss, onRelink }: NoticesProps) {
  if (!notices.length && !connectionText) return null;
  return (
    <div className="notices" role="region" aria-label="Notices">
      {connectionText && (
        <div className="notice error" role="alert" data-testid="connection-lost">
          <Icon name="alert-triangle" /> <span className="notice-text">{connectionText}</span>
        </div>
      )}
      {notices.map((notice) => (
        <NoticeBanner key={notice.id} notice={notice} onDismiss={onDismiss} onRelink={onRelink} />
      ))}
    </div>
  );
}

function NoticeBanner({ notice, onDismiss, onRelink }: { notice: Notice; onDismiss(notice: Notice): void; onRelink(): void }) {
  const [help, setHelp] = useState(false);
  const action = notice.action && notice.action !== 'relink' ? ACTION_WORDS[notice.action] : null;
  return (
    <div className={`notice ${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'} data-testid="notice" data-level={notice.level}>
      <Icon name={LEVEL_ICON[notice.level]} />
      <span className="notice-text">
        {notice.text}
        {help && action && <span className="notice-help">{action.help}</span>}
      </span>
      {notice.action === 'relink' && (
        <button type="button" className="btn btn-small" onClick={onRelink}>
          Relink
        </button>
      )}
      {action && (
        <button type="button" className="btn btn-small" aria-expanded={help} onClick={() => setHelp(!help)}>
          {action.label}
        </button>
      )}
      <button type="button" className="btn btn-small btn-quiet" aria-label="Dismiss" onClick={() => onDismiss(notice)}>
        <Icon name="x" size={18} />
      </button>
    </div>
  );
}
