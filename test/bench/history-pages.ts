// History drawer benchmark (npm run bench): pages of a history of 100,000 calls (written as the
// console writes them, so rotated into several files), read the way the drawer asks.
//  - history-pages: the newest page of 50, the 20th page (from the 19th's cursor), the calls of one
//    room of 500, missed incoming calls, and a room that never called (the whole history read for
//    nothing); p50 and max of 5 reads each. Goal < 200 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryEntry } from '../../main/ipc/contract.js';
import { openHistory, type History } from '../../main/store/history.js';
import { ms, percentile } from './percentile.js';

const CALLS = 100_000;
const PAGE = 50;

function entry(n: number): HistoryEntry {
  const at = 1_700_000_000_000 + n * 1000;
  return {
    sessionId: `bench-${n}-${'x'.repeat(24)}`,
    direction: n % 3 ? 'incoming' : 'outgoing',
    roomId: `room-${n % 500}`,
    title: `Room ${n % 500}`,
    remote: { type: 'RAW_ADDRESS', value: `echo-${n % 500}` },
    startedAt: at,
    answeredAt: n % 7 ? at + 5_000 : null,
    endedAt: at + 60_000,
    endReason: n % 7 ? 'completed' : 'missed',
  } as HistoryEntry;
}

async function timed(read: () => Promise<unknown>): Promise<{ p50_ms: number; max_ms: number }> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await read();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50_ms: ms(percentile(samples, 50)), max_ms: ms(samples.at(-1)!) };
}

async function deepPage(history: History, pages: number) {
  let before: string | null = null;
  let page = await history.readPage({ limit: PAGE });
  for (let i = 1; i < pages && page.next; i++) {
    before = page.next;
    page = await history.readPage({ limit: PAGE, before });
  }
  return page;
}

const dir = mkdtempSync(join(tmpdir(), 'desk-history-pages-bench-'));
const history = openHistory(dir);
let next = 0;
await Promise.all(
  Array.from({ length: 64 }, async () => {
    while (next < CALLS) await history.append(entry(next++));
  }),
);
const twentieth = await deepPage(history, 19);
console.log(
  JSON.stringify({
    bench: 'history-pages',
    calls: CALLS,
    newest_page: await timed(() => history.readPage({ limit: PAGE })),
    page_20: await timed(() => history.readPage({ limit: PAGE, before: twentieth.next })),
    one_room: await timed(() => history.readPage({ limit: PAGE, roomId: 'room-7' })),
    missed_incoming: await timed(() => history.readPage({ limit: PAGE, direction: 'incoming', outcome: 'missed' })),
    no_match_reads_all: await timed(() => history.readPage({ limit: PAGE, roomId: 'room-that-never-called' })),
    goal_ms: 200,
  }),
);
await history.close();
rmSync(dir, { recursive: true, force: true });
