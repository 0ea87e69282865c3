// Times as the desk reads them, in the window's locale (Intl through react-intl).
import type { IntlShape } from 'react-intl';

/** 12 s -> "0:12", 184 s -> "3:04", 3723 s -> "1:02:03": a running clock, the same in every language. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "just now", "4 min. ago", "2 hr. ago" (in the window's language), or the date for older times. */
export function formatAgo(at: number, now: number, intl: IntlShape): string {
  const seconds = Math.max(0, Math.floor((now - at) / 1000));
  if (seconds < 60) return intl.formatMessage({ id: 'time.justNow' });
  if (seconds < 3600) return intl.formatRelativeTime(-Math.floor(seconds / 60), 'minute', { style: 'short' });
  if (seconds < 86_400) return intl.formatRelativeTime(-Math.floor(seconds / 3600), 'hour', { style: 'short' });
  return intl.formatDate(at);
}

/** "14:05" or "2:05 PM", as the locale writes the time. */
export function formatClock(at: number, intl: IntlShape): string {
  return intl.formatTime(at, { hour: '2-digit', minute: '2-digit' });
}
