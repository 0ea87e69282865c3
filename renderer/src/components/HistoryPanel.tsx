// The History drawer: the newest calls first, a page at a time ("Older calls" reads the next page
// from where this one ended), filtered by room, direction and result. Main reads the history file
// backwards and filters as it reads, so any page of 100,000 calls comes back in milliseconds.
import { useEffect, useMemo, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { CommandArgs, EndReason, HistoryEntry, HistoryPage, MessageId, Room } from '../../../main/ipc/contract.js';
import { formatClock, formatDuration } from '../format.js';
import { roomName } from '../state/names.js';
import { END_WORDS } from './CallDock.js';

export type HistoryQuery = Omit<CommandArgs<'getHistory'>, 'limit'>;

export interface HistoryPanelProps {
  load(query: HistoryQuery): Promise<HistoryPage | string>;
  rooms: readonly Room[];
  /** Changes when calls end, so the first page refreshes. */
  refreshKey: string;
}

type Filters = { roomId: string; direction: '' | 'incoming' | 'outgoing'; outcome: '' | EndReason };
const NO_FILTERS: Filters = { roomId: '', direction: '', outcome: '' };

export function HistoryPanel({ load, rooms, refreshKey }: HistoryPanelProps) {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const latest = useRef(0);
  const query = useMemo<HistoryQuery>(
    () => ({ roomId: filters.roomId || null, direction: filters.direction || null, outcome: filters.outcome || null }),
    [filters],
  );

  useEffect(() => {
    const request = ++latest.current;
    void load(query).then((page) => {
      if (request !== latest.current) return;
      if (typeof page === 'string') return setError(page);
      setError(null);
      setEntries(page.entries);
      setNext(page.next);
    });
  }, [load, query, refreshKey]);

  const older = async () => {
    const request = latest.current;
    setLoadingMore(true);
    const page = await load({ ...query, before: next });
    setLoadingMore(false);
    if (request !== latest.current) return; // the filters changed meanwhile
    if (typeof page === 'string') return setError(page);
    setEntries((shown) => [...(shown ?? []), ...page.entries]);
    setNext(page.next);
  };

  const sortedRooms = useMemo(() => [...rooms].sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true })), [rooms]);
  const set = (change: Partial<Filters>) => setFilters((f) => ({ ...f, ...change }));
  const filtered = Boolean(filters.roomId || filters.direction || filters.outcome);
  const intl = useIntl();
  const say = (id: MessageId) => intl.formatMessage({ id });

  return (
    <div className="history-panel">
      <div className="panel-row history-filters" role="group" aria-label={say('history.filters')}>
        <label className="field">
          <span>{say('history.room')}</span>
          <select value={filters.roomId} onChange={(e) => set({ roomId: e.target.value })} data-testid="history-room">
            <option value="">{say('grid.allRooms')}</option>
            {sortedRooms.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{say('history.direction')}</span>
          <select value={filters.direction} onChange={(e) => set({ direction: e.target.value as Filters['direction'] })} data-testid="history-direction">
            <option value="">{say('history.both')}</option>
            <option value="incoming">{say('history.incoming')}</option>
            <option value="outgoing">{say('history.outgoing')}</option>
          </select>
        </label>
        <label className="field">
          <span>{say('history.result')}</span>
          <select value={filters.outcome} onChange={(e) => set({ outcome: e.target.value as Filters['outcome'] })} data-testid="history-outcome">
            <option value="">{say('history.any')}</option>
            {(Object.keys(END_WORDS) as EndReason[]).map((reason) => (
              <option key={reason} value={reason}>
                {say(END_WORDS[reason])}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error ? (
        <p className="call-error" title={error}>
          <FormattedMessage id="history.loadFailed" />
        </p>
      ) : entries === null ? (
        <p className="muted">{say('history.loading')}</p>
      ) : !entries.length ? (
        <p className="muted">{say(filtered ? 'history.noMatch' : 'history.none')}</p>
      ) : (
        <table className="history" data-testid="history">
          <thead>
            <tr>
              <th>{say('history.time')}</th>
              <th>{say('history.room')}</th>
              <th>{say('history.direction')}</th>
              <th>{say('history.result')}</th>
              <th>{say('history.talkTime')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.sessionId} data-testid="history-row">
                <td>{formatClock(e.startedAt, intl)}</td>
                <td>{roomName(e, intl)}</td>
                <td>{say(e.direction === 'incoming' ? 'history.incoming' : 'history.outgoing')}</td>
                <td>{say(END_WORDS[e.endReason])}</td>
                <td>{e.answeredAt ? formatDuration(e.endedAt - e.answeredAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && !error && (
        <button type="button" className="btn btn-small" disabled={loadingMore} onClick={() => void older()} data-testid="history-older">
          {say(loadingMore ? 'history.loading' : 'history.older')}
        </button>
      )}
    </div>
  );
}
