// The room grid: filter chips, then rooms grouped under sticky headings. It is virtualized: only
// the rows near the view are in the page (TanStack Virtual), so first render and updates cost the
// same at 600 rooms or 5,000. Kept drawn wherever the view is: the rows of rooms with a live call
// and of the rooms whose state changed last, the focused room and a room revealed on request, so
// their tiles (and the test hooks on them, DESIGN §3.4) are always there.
//
// Each group is a section as tall as all its rows, holding its heading (position: sticky) and its
// drawn rows: the heading sticks while its group is in view and the next one pushes it away.
// The grid is one tab stop; arrow keys, Home/End and Page Up/Down move between rooms.
import { defaultRangeExtractor, useVirtualizer, type Range, type VirtualItem } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import type { MessageId, Room, RoomStatus } from '../../../main/ipc/contract.js';
import { markGridRenderEnd, markGridRenderStart } from '../perf-probe.js';
import type { DeskState } from '../state/desk-store.js';
import type { RoomReveal } from '../state/reveal.js';
import {
  countGroups,
  countStatuses,
  filterGroups,
  gridRows,
  layoutGrid,
  moveFocus,
  STATUS_ORDER,
  type GridGroup,
  type GridRow,
  type GridRows,
  type HeadingPart,
  type StatusFilter,
} from '../state/grid.js';
import { STATUS_WORDS, type RoomState } from '../state/room-status.js';
import { sameItems, useDeskSelector, useDeskStore, useRoomStates } from '../state/use-desk.js';
import { Icon } from './Icon.js';
import { RoomTile, STATUS_ICONS } from './RoomTile.js';

const CHIP_WORDS: Record<StatusFilter, MessageId> = { all: 'grid.allRooms', ...STATUS_WORDS, outgoing: 'grid.outgoing' };

// Sizes in rem, as in styles.css (.tiles, .tile-main, .group-head); rows are measured once drawn,
// so these only need to be close.
const TILE_MIN_WIDTH_REM = 8.5;
const TILE_GAP_REM = 0.5;
const ROW_REM = 5.4 + TILE_GAP_REM;
const HEADING_REM = 2.9;
/** Rows drawn beyond each edge of the view. */
const OVERSCAN = 3;
/** How long a revealed room stays highlighted. */
const REVEAL_HIGHLIGHT_MS = 2500;

interface RoomGridProps {
  rooms: readonly Room[];
  query: string;
  filter: StatusFilter;
  onFilter(filter: StatusFilter): void;
  onClearSearch(): void;
  onCall(roomId: string, video: boolean): void;
  onImport(): void;
  reveal: RoomReveal;
}

export const RoomGrid = memo(function RoomGrid({ rooms, query, filter, onFilter, onClearSearch, onCall, onImport, reveal }: RoomGridProps) {
  if (rooms.length) markGridRenderStart();
  const layout = useMemo(() => layoutGrid(rooms, query), [rooms, query]);
  // Only a status filter makes the layout depend on statuses; unfiltered, a call update leaves the
  // grid alone and reaches just the tiles, chips and headings it changes.
  const store = useDeskStore();
  const filterStates = useSyncExternalStore(store.subscribe, filter === 'all' ? noStates : store.roomStates);
  const groups = useMemo(() => (filterStates ? filterGroups(layout, filterStates, filter) : layout), [layout, filterStates, filter]);
  useEffect(() => {
    if (rooms.length) markGridRenderEnd();
  }, [rooms.length]);
  const hidden = useCallback((roomId: string) => !groups.some((g) => g.rooms.some((r) => r.id === roomId)), [groups]);
  const unhide = useCallback(() => {
    if (query) onClearSearch();
    if (filter !== 'all') onFilter('all');
  }, [query, filter, onClearSearch, onFilter]);

  const intl = useIntl();
  const label = intl.formatMessage({ id: 'grid.label' });
  if (!rooms.length) {
    return (
      <section className="grid-area empty" aria-label={label}>
        <p className="empty-title">
          <FormattedMessage id="grid.noRooms" />
        </p>
        <p>
          <FormattedMessage id="grid.noRoomsHint" />
        </p>
        <button type="button" className="btn" onClick={onImport}>
          <Icon name="upload" /> <FormattedMessage id="grid.importRooms" />
        </button>
      </section>
    );
  }

  return (
    <section className="grid-area" aria-label={label}>
      <StatusChips layout={layout} filter={filter} onFilter={onFilter} searching={query.trim() !== ''} />
      <VirtualRooms
        rooms={rooms}
        groups={groups}
        empty={groups.length === 0 ? (query ? intl.formatMessage({ id: 'grid.noMatch' }, { query }) : intl.formatMessage({ id: 'grid.noneWithStatus' })) : null}
        onEmptyAction={query ? onClearSearch : () => onFilter('all')}
        emptyAction={intl.formatMessage({ id: query ? 'grid.clearSearch' : 'grid.showAll' })}
        hidden={hidden}
        unhide={unhide}
        onCall={onCall}
        reveal={reveal}
      />
    </section>
  );
});

const noStates = (): null => null;

/** Missed calls from callers the directory does not know: in no room, but missed all the same. */
const unknownMissed = (s: DeskState) => s.snapshot?.calls.missed.filter((m) => m.roomId === null).length ?? 0;

function StatusChips({ layout, filter, onFilter, searching }: { layout: GridGroup[]; filter: StatusFilter; onFilter(filter: StatusFilter): void; searching: boolean }) {
  const states = useRoomStates();
  const unknown = useDeskSelector(unknownMissed);
  const roomCounts = useMemo(() => countGroups(layout, states), [layout, states]);
  // Unsearched, the Missed chip counts every missed call: the same number as the missed list and the title.
  const counts = searching || !unknown ? roomCounts : { ...roomCounts, missed: roomCounts.missed + unknown };
  const intl = useIntl();
  return (
    <div className="chips" role="group" aria-label={intl.formatMessage({ id: 'grid.chipsLabel' })}>
      {(['all', ...STATUS_ORDER] as StatusFilter[]).map((f) => (
        <button
          key={f}
          type="button"
          className={`chip chip-${f}`}
          aria-pressed={filter === f}
          data-empty={counts[f] === 0 || undefined}
          data-testid={`chip-${f}`}
          data-count={counts[f]}
          onClick={() => onFilter(filter === f ? 'all' : f)}
        >
          {f !== 'all' && <Icon name={STATUS_ICONS[f]} size={16} />}
          <FormattedMessage id={CHIP_WORDS[f]} /> <span className="chip-count">{counts[f]}</span>
        </button>
      ))}
      {filter === 'missed' && unknown > 0 && (
        <p className="chips-note" data-testid="unknown-missed">
          <FormattedMessage id="grid.unknownMissed" values={{ count: unknown }} />
        </p>
      )}
    </div>
  );
}

interface VirtualRoomsProps {
  rooms: readonly Room[];
  groups: GridGroup[];
  /** What to say when no group is left (search or filter), or null. */
  empty: string | null;
  emptyAction: string;
  onEmptyAction(): void;
  /** The room exists but the search or filter hides it; unhide() clears them. */
  hidden(roomId: string): boolean;
  unhide(): void;
  onCall(roomId: string, video: boolean): void;
  reveal: RoomReveal;
}

function VirtualRooms({ rooms, groups, empty, emptyAction, onEmptyAction, hidden, unhide, onCall, reveal }: VirtualRoomsProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { columns, rem } = useColumns(scrollRef);
  const grid = useMemo(() => gridRows(groups, columns), [groups, columns]);
  const [focused, setFocused] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<string | null>(null);
  const pinned = usePinnedRooms();

  const tabbable = focused !== null && grid.place.has(focused) ? focused : (groups[0]?.rooms[0]?.id ?? null);
  const pinnedRows = useMemo(() => {
    const rows = new Set<number>();
    for (const roomId of [...pinned, tabbable, revealed]) {
      const at = roomId === null ? undefined : grid.place.get(roomId);
      if (at) rows.add(at.row);
    }
    return [...rows];
  }, [pinned, tabbable, revealed, grid]);

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = new Set([...defaultRangeExtractor(range), ...pinnedRows]);
      for (const index of [...indexes]) indexes.add(grid.headingOf[index]!); // each drawn row brings its sticky heading
      return [...indexes].sort((a, b) => a - b);
    },
    [pinnedRows, grid],
  );
  const virtualizer = useVirtualizer({
    count: grid.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (grid.rows[index]!.kind === 'heading' ? HEADING_REM : ROW_REM) * rem,
    getItemKey: (index) => grid.rows[index]!.key,
    overscan: OVERSCAN,
    rangeExtractor,
    scrollPaddingStart: HEADING_REM * rem, // a room scrolled to stays below the sticky heading
  });

  // ---- keyboard focus and rooms brought into view
  const focusNext = useRef<string | null>(null);
  const goTo = useCallback(
    (roomId: string, { focus, align }: { focus: boolean; align: 'auto' | 'center' }) => {
      const at = grid.place.get(roomId);
      if (!at) return;
      setFocused(roomId);
      if (focus) focusNext.current = roomId;
      virtualizer.scrollToIndex(at.row, { align });
    },
    [grid, virtualizer],
  );
  useLayoutEffect(() => {
    const roomId = focusNext.current;
    if (!roomId) return;
    const button = scrollRef.current?.querySelector<HTMLElement>(`[data-room-id="${cssString(roomId)}"] [data-testid="call-room"]`);
    if (!button) return;
    focusNext.current = null;
    button.focus({ preventScroll: true }); // goTo scrolled it into view, clear of the heading
  });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey || !(e.target as Element).closest('[data-testid="call-room"]')) return;
    const viewRows = Math.floor((scrollRef.current?.clientHeight ?? 0) / (ROW_REM * rem)) - 1;
    const target = moveFocus(grid, tabbable, e.key, viewRows);
    if (target === null) return;
    e.preventDefault();
    goTo(target, { focus: true, align: 'auto' });
  };
  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    const roomId = (e.target as Element).closest('[data-room-id]')?.getAttribute('data-room-id');
    if (roomId && roomId !== focused) setFocused(roomId);
  };

  const request = useSyncExternalStore(reveal.subscribe, reveal.current);
  useEffect(() => {
    if (!request) return;
    if (!rooms.some((r) => r.id === request.roomId)) {
      reveal.done(request);
      return;
    }
    if (hidden(request.roomId)) {
      unhide(); // this effect runs again with the new layout
      return;
    }
    reveal.done(request);
    setRevealed(request.roomId);
    goTo(request.roomId, { focus: request.focus, align: 'center' });
  }, [request, reveal, rooms, hidden, unhide, goTo]);
  useEffect(() => {
    if (!revealed) return;
    const timer = setTimeout(() => setRevealed(null), REVEAL_HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [revealed]);

  const items = virtualizer.getVirtualItems();
  // Rows beyond the view are drawn only for the rooms they must keep in the page (a live call, a
  // change just made, focus): those rooms' tiles alone, unmeasured, so a busy grid stays light.
  const range = virtualizer.range;
  const inView = (index: number) => range !== null && index >= range.startIndex - OVERSCAN && index <= range.endIndex + OVERSCAN;
  const kept = new Set([...pinned, tabbable, revealed]);
  return (
    <div className="grid-scroll" ref={scrollRef} onKeyDown={onKeyDown} onFocus={onFocus}>
      {empty ? (
        <div className="empty">
          <p className="empty-title">{empty}</p>
          <button type="button" className="btn" onClick={onEmptyAction}>
            {emptyAction}
          </button>
        </div>
      ) : (
        <div className="grid-rows" style={{ height: virtualizer.getTotalSize(), ['--columns' as string]: grid.columns }}>
          {sections(grid, items).map(({ heading, rows }) => {
            const group = grid.rows[heading.index]!.group;
            const top = heading.start;
            const end = virtualizer.measurementsCache[grid.groupEnd[grid.rows[heading.index]!.groupIndex]!]?.end ?? heading.end;
            return (
              <section key={heading.key as string} className="group" aria-labelledby={headingId(group)} style={{ top, height: end - top }}>
                <GroupHeading group={group} index={heading.index} measure={virtualizer.measureElement} />
                {rows.map((item) => {
                  const row = grid.rows[item.index] as Extract<GridRow, { kind: 'rooms' }>;
                  const inRow = (roomId: string | null) => (roomId !== null && row.rooms.some((r) => r.id === roomId) ? roomId : null);
                  const drawn = inView(item.index);
                  return (
                    <RoomRow
                      key={item.key as string}
                      row={row}
                      only={drawn ? null : row.rooms.filter((r) => kept.has(r.id)).map((r) => r.id).join(' ')}
                      index={item.index}
                      offset={item.start - top}
                      tabbable={inRow(tabbable)}
                      revealed={inRow(revealed)}
                      measure={drawn ? virtualizer.measureElement : undefined}
                      onCall={onCall}
                    />
                  );
                })}
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}

/** The drawn rows by group, each group with its heading first. */
function sections(grid: GridRows, items: VirtualItem[]): { heading: VirtualItem; rows: VirtualItem[] }[] {
  const out: { heading: VirtualItem; rows: VirtualItem[] }[] = [];
  for (const item of items) {
    if (grid.rows[item.index]!.kind === 'heading') out.push({ heading: item, rows: [] });
    else out.at(-1)?.rows.push(item); // the range extractor puts each row's heading before it
  }
  return out;
}

/** A value for a quoted CSS attribute selector. */
function cssString(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}

function headingId(group: GridGroup): string {
  return `group-${group.key.replace(/\W+/g, '-')}`;
}

/** "12 rooms · 1 calling · 2 in call": each count in words of its own, for its plural. */
const SUMMARY_WORDS: Record<Exclude<RoomStatus, 'idle' | 'dnd'>, MessageId> = {
  incoming: 'grid.summary.incoming',
  outgoing: 'grid.summary.outgoing',
  'in-call': 'grid.summary.inCall',
  held: 'grid.summary.held',
  missed: 'grid.summary.missed',
};

function groupSummary(group: GridGroup, states: ReadonlyMap<string, RoomState>, intl: IntlShape): string {
  const counts = countStatuses(group.rooms, states);
  const busy = STATUS_ORDER.filter((s): s is keyof typeof SUMMARY_WORDS => s in SUMMARY_WORDS && counts[s] > 0);
  const parts = busy.map((s) => intl.formatMessage({ id: SUMMARY_WORDS[s] }, { count: counts[s] }));
  return [intl.formatMessage({ id: 'grid.summary.rooms' }, { count: group.rooms.length }), ...parts].join(' · ');
}

/** The group's heading in the window's language: "Floor 2", "Wing B · Floor 3", "Other rooms". */
function headingText(group: GridGroup, intl: IntlShape): string {
  if (!group.heading.length) return intl.formatMessage({ id: 'grid.otherRooms' });
  const say = (p: HeadingPart) => ('text' in p ? p.text : 'floor' in p ? intl.formatMessage({ id: 'grid.floor' }, { floor: p.floor }) : intl.formatMessage({ id: 'grid.wing' }, { wing: p.wing }));
  return group.heading.map(say).join(' · ');
}

function GroupHeading({ group, index, measure }: { group: GridGroup; index: number; measure(el: Element | null): void }) {
  const states = useRoomStates();
  const intl = useIntl();
  return (
    <h2 className="group-head" id={headingId(group)} data-index={index} ref={measure}>
      <span>{headingText(group, intl)}</span>
      <span className="group-summary">{groupSummary(group, states, intl)}</span>
    </h2>
  );
}

interface RoomRowProps {
  row: Extract<GridRow, { kind: 'rooms' }>;
  index: number;
  /** From the top of its group's section. */
  offset: number;
  /** The room of this row that is the grid's tab stop, if any. */
  tabbable: string | null;
  revealed: string | null;
  /** Out of view: the ids (space-separated) of the only rooms drawn; null draws them all. */
  only: string | null;
  /** Measures the drawn row; rows out of view keep their last or estimated height. */
  measure: ((el: Element | null) => void) | undefined;
  onCall(roomId: string, video: boolean): void;
}

const RoomRow = memo(function RoomRow({ row, only, index, offset, tabbable, revealed, measure, onCall }: RoomRowProps) {
  const ids = only === null ? null : new Set(only.split(' '));
  return (
    <ul className="tiles" data-index={index} data-out-of-view={ids ? '' : undefined} ref={measure} style={{ transform: `translateY(${offset}px)` }}>
      {(ids ? row.rooms.filter((r) => ids.has(r.id)) : row.rooms).map((room) => (
        <RoomTile key={room.id} room={room} tabbable={room.id === tabbable} highlight={room.id === revealed} onCall={onCall} />
      ))}
    </ul>
  );
});

/** Rooms whose tiles stay drawn: those with a live call, and those whose state changed last. */
function usePinnedRooms(): readonly string[] {
  const store = useDeskStore();
  const live = useDeskSelector(liveCallRooms, sameItems);
  const recent = useSyncExternalStore(store.subscribe, store.recentRooms);
  return useMemo(() => [...live, ...recent], [live, recent]);
}

function liveCallRooms(state: DeskState): string[] {
  const calls = state.snapshot?.calls.calls ?? [];
  return calls.filter((c) => c.phase !== 'ended' && c.roomId !== null).map((c) => c.roomId!);
}

/** Tiles per row for the grid's width (as `repeat(auto-fill, minmax(8.5rem, 1fr))` would lay them out). */
function useColumns(ref: RefObject<HTMLElement | null>): { columns: number; rem: number } {
  const [size, setSize] = useState({ columns: 1, rem: 16 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      const style = getComputedStyle(el);
      const width = el.clientWidth - parseFloat(style.paddingLeft || '0') - parseFloat(style.paddingRight || '0');
      const columns = Math.max(1, Math.floor((width + TILE_GAP_REM * rem) / ((TILE_MIN_WIDTH_REM + TILE_GAP_REM) * rem)));
      setSize((before) => (before.columns === columns && before.rem === rem ? before : { columns, rem }));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
