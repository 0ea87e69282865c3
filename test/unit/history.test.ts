// Call history as JSON Lines: append, read newest first across chunk boundaries, a torn last line
// after a crash, lines that do not parse, rotation past the size limit, validation, the limits of
// the webhook, and group commit (appends resolve once on disk, many per fdatasync).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../main/ipc/contract.js';
import { HistoryError, openHistory } from '../../main/store/history.js';

let dir: string;
const file = () => path.join(dir, 'calls.jsonl');

function entry(n: number, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    sessionId: `session-${n}`,
    direction: n % 2 ? 'incoming' : 'outgoing',
    roomId: `room-${n}`,
    title: `Room ${n}`,
    startedAt: 1_700_000_000_000 + n * 1000,
    answeredAt: 1_700_000_000_000 + n * 1000 + 500,
    endedAt: 1_700_000_000_000 + n * 1000 + 900,
    endReason: 'completed',
    ...extra,
  };
}
const ids = (entries: HistoryEntry[]) => entries.map((e) => e.sessionId);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-history-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('history', () => {
  it('appends one line per call and reads the newest first, across a reopen', async () => {
    const history = openHistory(dir);
    expect(await history.readRecent(10)).toEqual([]);
    for (let n = 1; n <= 3; n++) await history.append(entry(n));
    expect(fs.readFileSync(file(), 'utf8').split('\n')).toHaveLength(4); // three lines + the final newline
    expect(await history.readRecent(2)).toEqual([entry(3), entry(2)]);
    await history.close();

    const reopened = openHistory(dir);
    await reopened.append(entry(4, { roomId: null, answeredAt: null, endReason: 'missed' }));
    expect(ids(await reopened.readRecent(10))).toEqual(['session-4', 'session-3', 'session-2', 'session-1']);
    await reopened.close();
  });

  it('keeps concurrent appends whole and in order', async () => {
    const history = openHistory(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => history.append(entry(i))));
    expect(ids(await history.readRecent(20))).toEqual(Array.from({ length: 20 }, (_, i) => `session-${19 - i}`));
    await history.close();
  });

  it('reads many entries spanning several 64 KiB chunks, including multi-byte text', async () => {
    const history = openHistory(dir);
    const title = 'Zimmer 214 — Süd ✓ '.repeat(20); // multi-byte characters across chunk edges
    const lines = Array.from({ length: 600 }, (_, i) => JSON.stringify(entry(i, { title })) + '\n').join('');
    fs.writeFileSync(file(), lines);
    expect(fs.statSync(file()).size).toBeGreaterThan(3 * 64 * 1024);
    const recent = await history.readRecent(600);
    expect(recent).toHaveLength(600);
    expect(recent[0]).toEqual(entry(599, { title }));
    expect(recent[599]).toEqual(entry(0, { title }));
    await history.close();
  });

  it('skips a torn last line (crash mid-write) and keeps the next append readable', async () => {
    fs.writeFileSync(file(), JSON.stringify(entry(1)) + '\n' + JSON.stringify(entry(2)).slice(0, 40));
    const history = openHistory(dir);
    expect(await history.readRecent(10)).toEqual([entry(1)]);
    await history.append(entry(3));
    expect(await history.readRecent(10)).toEqual([entry(3), entry(1)]);
    await history.close();
  });

  it('skips lines that are not valid entries', async () => {
    const text = [JSON.stringify(entry(1)), 'not json', JSON.stringify({ sessionId: 'x' }), '', JSON.stringify(entry(2))].join('\n') + '\n';
    fs.writeFileSync(file(), text);
    const history = openHistory(dir);
    expect(await history.readRecent(10)).toEqual([entry(2), entry(1)]);
    await history.close();
  });

  it('reads nothing from a file holding only a torn line', async () => {
    fs.writeFileSync(file(), '{"sessionId":"half');
    const history = openHistory(dir);
    expect(await history.readRecent(5)).toEqual([]);
    await history.close();
  });

  it('rotates past the size limit and still reads older calls from rotated files', async () => {
    const lineBytes = Buffer.byteLength(JSON.stringify(entry(10)) + '\n');
    const history = openHistory(dir, { maxBytes: lineBytes * 3 });
    for (let n = 10; n < 17; n++) await history.append(entry(n));
    const rotated = fs.readdirSync(dir).filter((n) => /^calls-.+\.jsonl$/.test(n));
    expect(rotated).toHaveLength(2);
    expect(fs.statSync(file()).size).toBeLessThanOrEqual(lineBytes * 3);
    expect(ids(await history.readRecent(5))).toEqual(['session-16', 'session-15', 'session-14', 'session-13', 'session-12']);
    expect(await history.readRecent(100)).toHaveLength(7);
    await history.close();
  });

  it('refuses an invalid entry or limit, writing nothing', async () => {
    const history = openHistory(dir);
    await expect(history.append({ ...entry(1), endReason: 'exploded' } as unknown as HistoryEntry)).rejects.toThrow(/endReason/);
    await expect(history.append({ ...entry(1), sessionId: '' })).rejects.toThrow(HistoryError);
    expect(fs.existsSync(file())).toBe(false);
    await expect(history.readRecent(0)).rejects.toThrow(/limit: must be a whole number/);
    await expect(history.readRecent(1.5)).rejects.toThrow(HistoryError);
    await history.close();
  });

  it('keeps every call the webhook accepts: 512-character session ids, long titles shortened', async () => {
    const history = openHistory(dir);
    const sessionId = 's'.repeat(512);
    const title = 'echo-'.repeat(200); // an unknown caller's address as the title, 1,000 characters
    await history.append(entry(1, { sessionId, title }));
    const [kept] = await history.readRecent(1);
    expect(kept!.sessionId).toBe(sessionId);
    expect(kept!.title).toHaveLength(512);
    expect(kept!.title.endsWith('…')).toBe(true);
    expect(title.startsWith(kept!.title.slice(0, -1))).toBe(true);
    // Never half a surrogate pair at the cut.
    await history.append(entry(2, { title: 'a' + '😀'.repeat(300) }));
    const [emoji] = await history.readRecent(1);
    expect(emoji!.title).toMatch(/^a(😀)+…$/u);
    await history.close();
  });

  it('resolves an append only once its line is in the file, and writes concurrent appends in few batches', async () => {
    const batches: number[] = [];
    const history = openHistory(dir, { onBatch: (lines) => batches.push(lines) });
    await history.append(entry(0));
    expect(fs.readFileSync(file(), 'utf8')).toBe(JSON.stringify(entry(0)) + '\n');
    const all = Array.from({ length: 200 }, (_, i) => {
      const appended = history.append(entry(i + 1));
      return appended.then(() => expect(fs.readFileSync(file(), 'utf8')).toContain(`"session-${i + 1}"`));
    });
    await Promise.all(all);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(201);
    expect(batches.length).toBeLessThan(20); // one fdatasync per batch, not per line
    expect(ids(await history.readRecent(201))).toEqual(Array.from({ length: 201 }, (_, i) => `session-${200 - i}`));
    await history.close();
  });

  it('rotates inside a batch and keeps the file limit', async () => {
    const lineBytes = Buffer.byteLength(JSON.stringify(entry(10)) + '\n');
    const history = openHistory(dir, { maxBytes: lineBytes * 3 });
    await Promise.all(Array.from({ length: 7 }, (_, i) => history.append(entry(10 + i))));
    expect(fs.readdirSync(dir).filter((n) => /^calls-.+\.jsonl$/.test(n))).toHaveLength(2);
    expect(fs.statSync(file()).size).toBeLessThanOrEqual(lineBytes * 3);
    expect(ids(await history.readRecent(100))).toEqual(Array.from({ length: 7 }, (_, i) => `session-${16 - i}`));
    await history.close();
  });

  it('rejects the appends of a batch the disk refused, then writes again once it can', async () => {
    fs.mkdirSync(file()); // calls.jsonl cannot be opened as a file
    const history = openHistory(dir);
    await expect(history.append(entry(1))).rejects.toThrow(/could not be written/);
    fs.rmdirSync(file());
    await history.append(entry(2));
    expect(ids(await history.readRecent(10))).toEqual(['session-2']);
    await history.close();
  });

  it('refuses appends after close', async () => {
    const history = openHistory(dir);
    await history.close();
    await expect(history.append(entry(1))).rejects.toThrow(/closed/);
  });
});
