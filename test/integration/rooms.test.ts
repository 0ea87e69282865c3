// The room directory through the contract: edits work on the saved directory (never on the demo
// rooms shown while it is empty), imports name the line and field of each problem and change
// nothing on error, exports round-trip.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { say, translatorFor } from '../../main/i18n/format.js';
import { chooseLanguage } from '../../main/i18n/languages.js';
import { DEMO_ROOMS } from '../../main/sim/demo.js';
import { startDeskWithSim, type DeskWithSim } from '../support/desk-with-sim.js';

let t: DeskWithSim | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const roomIds = async () => {
  const snapshot = await t!.invoke('getSnapshot', {});
  return snapshot.ok ? snapshot.value.rooms.map((r) => r.id) : [];
};
const saved = () => JSON.parse(readFileSync(join(t!.dataDir, 'rooms.json'), 'utf8')).rooms as { id: string }[];

it('in demo mode, adding a room saves only that room, and removing it brings the demo rooms back', async () => {
  t = await startDeskWithSim({ linked: false });
  expect(await roomIds()).toEqual(DEMO_ROOMS.map((r) => r.id));

  const room = { id: 'lobby', name: 'Lobby', address: 'echo-lobby', addressType: 'RAW_ADDRESS' as const };
  expect(await t.invoke('saveRoom', { room })).toEqual({ ok: true, value: undefined });
  expect(await roomIds()).toEqual(['lobby']);
  expect(saved().map((r) => r.id)).toEqual(['lobby']);
  expect(t.latest.rooms).toEqual([room]); // the demo rooms went: the whole directory is pushed

  expect(await t.invoke('saveRoom', { room: { ...room, id: 'lobby-2' } })).toMatchObject({
    ok: false,
    error: 'address: already used by Lobby',
    fields: { address: { id: 'rooms.problem.usedBy', values: { room: 'Lobby' } } },
  });
  // Adding a room whose id is taken is refused, never a silent replacement of the room there.
  expect(await t.invoke('saveRoom', { room: { ...room, name: 'Spa', address: 'echo-spa' }, previousId: null })).toMatchObject({
    ok: false,
    error: 'id: already used by Lobby',
    fields: { id: { id: 'rooms.problem.usedBy', values: { room: 'Lobby' } } },
  });
  expect(saved()).toEqual([room]);
  expect(await t.invoke('removeRoom', { roomId: 'lobby' })).toEqual({ ok: true, value: undefined });
  expect(saved()).toEqual([]);
  expect(await roomIds()).toEqual(DEMO_ROOMS.map((r) => r.id));
});

it('an edit in Settings is pushed alone, not the whole directory: added, changed in place, removed', async () => {
  t = await startDeskWithSim();
  const lobby = { id: 'lobby', name: 'Lobby', address: 'echo-lobby', addressType: 'RAW_ADDRESS' as const };
  await t.invoke('saveRoom', { room: lobby, previousId: null });
  const pushedWhole = t.latest.rooms;
  expect(t.latest.room).toEqual({ previousId: null, room: lobby });
  await t.invoke('saveRoom', { room: { ...lobby, id: 'lobby-1', name: 'Main lobby' }, previousId: 'lobby' });
  expect(t.latest.room).toEqual({ previousId: 'lobby', room: { ...lobby, id: 'lobby-1', name: 'Main lobby' } });
  await t.invoke('removeRoom', { roomId: 'lobby-1' });
  expect(t.latest.room).toEqual({ previousId: 'lobby-1', room: null });
  expect(t.latest.rooms).toBe(pushedWhole); // no whole-directory push for any of the three
});

it('imports name the line and field of a problem and change nothing; exports round-trip', async () => {
  t = await startDeskWithSim();
  const csv = 'id,name,floor,address,addressType\nr1,Room 1,Floor 1,echo-1,RAW_ADDRESS\nr2,Room 2,Floor 1,echo-2,RAW_ADDRESS\n';
  expect(await t.invoke('importRooms', { fileName: 'rooms.csv', text: csv })).toEqual({ ok: true, value: { count: 2 } });

  const bad = await t.invoke('importRooms', { fileName: 'rooms.csv', text: 'id,name,address,addressType\nr9,Room 9,echo-9,SKYPE\n' });
  expect(bad.ok).toBe(false);
  expect(!bad.ok && bad.error).toMatch(/line 2.*addressType/);
  // Staff read it in their language (the import's notice shows this message).
  expect(!bad.ok && bad.message && say(translatorFor(chooseLanguage('es', [])), bad.message)).toBe(
    'No se importó el archivo de habitaciones: línea 2, addressType: debe ser uno de estos: COMMUNICATION_PROFILE_ID, PHONE_NUMBER, RAW_ADDRESS',
  );
  expect(await roomIds()).toEqual(['r1', 'r2']);

  const exported = await t.invoke('exportRooms', { format: 'json' });
  if (!exported.ok) throw new Error(exported.error);
  expect(await t.invoke('importRooms', { fileName: exported.value.fileName, text: exported.value.text })).toEqual({ ok: true, value: { count: 2 } });
  expect(await roomIds()).toEqual(['r1', 'r2']);
});

it('a directory kept in settings.json by an older console moves to rooms.json at start; settings.json keeps only settings', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-rooms-move-'));
  const rooms = [{ id: 'r1', name: 'Room 1', address: 'echo-1', addressType: 'RAW_ADDRESS' }];
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ schemaVersion: 2, contactId: 'desk-7', rooms }));
  t = await startDeskWithSim({ desk: { dataDir } });
  expect(await roomIds()).toEqual(['r1']);
  expect(JSON.parse(readFileSync(join(dataDir, 'rooms.json'), 'utf8')).rooms).toEqual(rooms);
  const settings = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'));
  expect(settings.rooms).toBeUndefined();
  expect(settings.contactId).toBe('desk-7');
});
