// The History drawer's read side: pages of older calls, newest first, from where the page before
// ended (also across a rotation of calls.jsonl), filtered by room, direction and result.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../main/ipc/contract.js';
import { openHistory } from '../../main/store/history.js';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-history-pages-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function entry(n: number): HistoryEntry {
  const at = 1_700_000_000_000 + n * 1000;
  return {
    sessionId: `s${n}`,
    direction: n % 2 ? 'incoming' : 'outgoing',
    roomId: `room-${n % 5}`,
    title: `Room ${n % 5}`,
    remote: { type: 'RAW_ADDRESS', value: `echo-${n % 5}` },
    startedAt: at,
    answeredAt: n % 3 ? at + 500 : null,
    endedAt: at + 900,
    endReason: n % 3 ? 'completed' : 'missed',
  } as HistoryEntry;
}
const ids = (entries: HistoryEntry[]) => entries.map((e) => e.sessionId);

async function withCalls(count: number, maxBytes?: number) {
  const history = openHistory(dir, { maxBytes });
  for (let n = 1; n <= count; n++) await history.append(entry(n));
  return history;
}

describe('history pages', () => {
  it('pages through every call, newest first, each page going on where the one before ended', async () => {
    const history = await withCalls(23);
    const seen: string[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const page = await history.readPage({ limit: 10, before });
      seen.push(...ids(page.entries));
      before = page.next;
      pages++;
    } while (before);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `s${23 - i}`));
    await history.close();
  });

  it('goes on across rotated files, and after calls.jsonl rotated between two pages', async () => {
    const history = await withCalls(40, 2_000); // a few hundred bytes a line: several files
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('calls-')).length).toBeGreaterThan(1);
    const first = await history.readPage({ limit: 7 });
    for (let n = 41; n <= 60; n++) await history.append(entry(n)); // calls.jsonl rotates meanwhile
    const second = await history.readPage({ limit: 7, before: first.next });
    expect(ids(first.entries)).toEqual(['s40', 's39', 's38', 's37', 's36', 's35', 's34']);
    expect(ids(second.entries)).toEqual(['s33', 's32', 's31', 's30', 's29', 's28', 's27']);
    await history.close();
  });

  it('filters by room, direction and result, together', async () => {
    const history = await withCalls(60);
    const room = await history.readPage({ limit: 100, roomId: 'room-2' });
    expect(ids(room.entries)).toEqual(['s57', 's52', 's47', 's42', 's37', 's32', 's27', 's22', 's17', 's12', 's7', 's2']);
    const missedIncoming = await history.readPage({ limit: 3, direction: 'incoming', outcome: 'missed' });
    expect(ids(missedIncoming.entries)).toEqual(['s57', 's51', 's45']);
    const rest = await history.readPage({ limit: 100, direction: 'incoming', outcome: 'missed', before: missedIncoming.next });
    expect(ids(rest.entries)).toEqual(['s39', 's33', 's27', 's21', 's15', 's9', 's3']);
    expect(rest.next).toBeNull();
    expect((await history.readPage({ limit: 5, roomId: 'room-9' })).entries).toEqual([]);
    await history.close();
  });
});
