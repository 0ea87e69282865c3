// One edit of the directory applied where main's room store makes it, so a window that applies the
// pushed edits holds the same list, in the same order, as main.
import { describe, expect, it } from 'vitest';
import { applyRoomChange, type Room } from '../../main/domain/room.js';

const room = (id: string, name = id): Room => ({ id, name, address: `echo-${id}`, addressType: 'RAW_ADDRESS' });
const ROOMS = [room('a'), room('b'), room('c')];

describe('applyRoomChange', () => {
  it('adds at the end, replaces in place (also under a new id), removes', () => {
    expect(applyRoomChange(ROOMS, { previousId: null, room: room('d') }).map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(applyRoomChange(ROOMS, { previousId: 'b', room: room('b2', 'Bee') })).toEqual([room('a'), room('b2', 'Bee'), room('c')]);
    expect(applyRoomChange(ROOMS, { previousId: 'a', room: null }).map((r) => r.id)).toEqual(['b', 'c']);
  });

  it('never changes the list it is given, and treats an edit of a room it does not hold as an addition', () => {
    const before = [...ROOMS];
    expect(applyRoomChange(ROOMS, { previousId: 'zz', room: room('z') }).map((r) => r.id)).toEqual(['a', 'b', 'c', 'z']);
    expect(applyRoomChange(ROOMS, { previousId: 'zz', room: null })).toEqual(ROOMS);
    expect(ROOMS).toEqual(before);
  });
});
