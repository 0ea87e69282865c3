// The room directory's own file: edits checked against indexes, several edits sharing one write,
// each answered once on disk; a damaged file set aside with what could be read kept.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Room } from '../../main/domain/room.js';
import { RoomStore } from '../../main/rooms/room-store.js';

const room = (n: number, over: Partial<Room> = {}): Room => ({ id: `r${n}`, name: `Room ${n}`, address: `echo-${n}`, addressType: 'RAW_ADDRESS', ...over });
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'desk-room-store-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const onDisk = () => JSON.parse(readFileSync(join(dir, 'rooms.json'), 'utf8')).rooms as Room[];
const open = (legacy?: Room[], dropLegacy = vi.fn()) => RoomStore.open({ dir, legacy: () => legacy, dropLegacy });

describe('RoomStore', () => {
  it('moves rooms kept in the settings into its own file, then lets the settings drop them', async () => {
    const dropLegacy = vi.fn();
    const store = await open([room(1), room(2)], dropLegacy);
    expect(onDisk()).toEqual([room(1), room(2)]);
    expect(dropLegacy).toHaveBeenCalledOnce();
    expect(store.problem).toBeNull();
    const again = await open([room(9)]); // rooms.json exists: the settings' copy is not read again
    expect(again.list()).toEqual([room(1), room(2)]);
  });

  it('adds, replaces in place and removes rooms; finds them by id and address; names a clash', async () => {
    const store = await open([room(1), room(2), room(3)]);
    await store.save(room(2, { name: 'Suite 2', address: 'echo-22' }), 'r2');
    await store.save(room(4), 'r4');
    expect(store.list().map((r) => r.name)).toEqual(['Room 1', 'Suite 2', 'Room 3', 'Room 4']);
    expect(store.findByAddress('echo-22')?.id).toBe('r2');
    expect(store.findByAddress('echo-2')).toBeUndefined();
    expect(store.clash(room(5, { address: 'echo-3' }), 'r5')?.id).toBe('r3');
    expect(store.clash(room(1, { name: 'renamed' }), 'r1')).toBeUndefined();
    expect(store.clash(room(1), 'r4')?.id).toBe('r1');
    await store.remove('r1');
    expect(store.find('r1')).toBeUndefined();
    expect(store.find('r3')?.name).toBe('Room 3');
    expect(onDisk().map((r) => r.id)).toEqual(['r2', 'r3', 'r4']);
  });

  it('edits made while a write is on its way share the next write; each resolves once it is on disk', async () => {
    const store = await open([]);
    const edits = Array.from({ length: 20 }, (_, i) => store.save(room(i), `r${i}`).then(() => onDisk().some((r) => r.id === `r${i}`)));
    expect(await Promise.all(edits)).toEqual(Array(20).fill(true));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('sets a damaged file aside, keeps the rooms that could be read and says so', async () => {
    writeFileSync(join(dir, 'rooms.json'), JSON.stringify({ version: 1, rooms: [room(1), { id: 'bad' }, room(1, { id: 'twin' })] }));
    const store = await open();
    expect(store.list()).toEqual([room(1)]);
    expect(store.problem).toMatch(/2 rooms that could not be read.*1 room was kept/);
    expect(readdirSync(dir).some((f) => f.startsWith('rooms.damaged-'))).toBe(true);
    expect(onDisk()).toEqual([room(1)]);

    writeFileSync(join(dir, 'rooms.json'), '{ not json');
    expect((await open()).problem).toMatch(/could not be read/);
  });
});
