// The room directory: CSV and JSON import (good and bad files, errors naming line and field),
// export -> import round trips, single-room validation and the address index.
import { describe, expect, it } from 'vitest';
import { inEnglish as inEnglishWords, say, translatorFor } from '../../main/i18n/format.js';
import { chooseLanguage } from '../../main/i18n/languages.js';
import type { Room } from '../../main/ipc/contract.js';
import {
  describeRoomsErrors,
  roomsFileProblems,
  exportRooms,
  MAX_ROOMS,
  parseRoomsFile,
  roomForAddress,
  validateRoom,
  type RoomsFileError,
} from '../../main/rooms/directory.js';

function rooms(fileName: string, text: string): Room[] {
  const result = parseRoomsFile(fileName, text);
  if (!result.ok) throw new Error(`expected rooms, got errors: ${describeRoomsErrors(result.errors, 10)}`);
  return result.rooms;
}

function errors(fileName: string, text: string): RoomsFileError[] {
  const result = parseRoomsFile(fileName, text);
  if (result.ok) throw new Error('expected errors, got rooms');
  return result.errors;
}

/** The problems as the log has them (each also carries its words for staff, a Text). */
function inEnglish(found: RoomsFileError[]): Omit<RoomsFileError, 'text'>[] {
  return found.map(({ text: _words, ...error }) => error);
}

describe('CSV import', () => {
  it('reads a plain file with every column', () => {
    const csv = 'id,name,floor,wing,group,address,addressType\n101,Room 101,1,East,Suites,amzn1.echo.101,COMMUNICATION_PROFILE_ID\n';
    expect(rooms('rooms.csv', csv)).toStrictEqual([
      { id: '101', name: 'Room 101', floor: '1', wing: 'East', group: 'Suites', address: 'amzn1.echo.101', addressType: 'COMMUNICATION_PROFILE_ID' },
    ]);
  });

  it('takes columns in any order (names case-insensitive), leaves empty optional fields out, defaults addressType', () => {
    const csv = 'Address,NAME,id\necho-a,Lobby,L1\necho-b,Pool,P1\n';
    expect(rooms('r.csv', csv)).toStrictEqual([
      { id: 'L1', name: 'Lobby', address: 'echo-a', addressType: 'RAW_ADDRESS' },
      { id: 'P1', name: 'Pool', address: 'echo-b', addressType: 'RAW_ADDRESS' },
    ]);
    const withEmpty = 'id,name,floor,address,addressType\n1,One,,echo-1,\n';
    expect(rooms('r.csv', withEmpty)).toStrictEqual([{ id: '1', name: 'One', address: 'echo-1', addressType: 'RAW_ADDRESS' }]);
  });

  it('handles a BOM, CRLF, blank lines and quoted fields holding commas, quotes and line breaks', () => {
    const csv =
      '\uFEFFid,name,wing,address\r\n' +
      '"214","Suite 214, ""Ocean"" view","North\r\nTower",echo-214\r\n' +
      '\r\n' +
      '215,Room 215,,echo-215\r\n' +
      ',,,\r\n';
    expect(rooms('r.csv', csv)).toStrictEqual([
      { id: '214', name: 'Suite 214, "Ocean" view', wing: 'North\r\nTower', address: 'echo-214', addressType: 'RAW_ADDRESS' },
      { id: '215', name: 'Room 215', address: 'echo-215', addressType: 'RAW_ADDRESS' },
    ]);
  });

  it('reads semicolon-separated files (spreadsheets in many locales)', () => {
    expect(rooms('r.csv', 'id;name;address\n1;Room 1;echo-1\n')).toStrictEqual([
      { id: '1', name: 'Room 1', address: 'echo-1', addressType: 'RAW_ADDRESS' },
    ]);
  });

  const bad: { name: string; csv: string; line: number | null; field: string | null; message: RegExp }[] = [
    {
      name: 'an unknown addressType',
      csv: 'id,name,address,addressType\n1,A,a,RAW_ADDRESS\n2,B,b,EMAIL\n',
      line: 3,
      field: 'addressType',
      message: /^line 3, addressType: must be one of COMMUNICATION_PROFILE_ID, PHONE_NUMBER, RAW_ADDRESS$/,
    },
    { name: 'an empty name', csv: 'id,name,address\n1,,a\n', line: 2, field: 'name', message: /^line 2, name: must not be empty$/ },
    { name: 'an empty id', csv: 'id,name,address\n" ",A,a\n', line: 2, field: 'id', message: /^line 2, id: must not be empty$/ },
    { name: 'an empty address', csv: 'id,name,address\n1,A,\n', line: 2, field: 'address', message: /address: must not be empty/ },
    {
      name: 'a duplicate id (line counted across a quoted line break)',
      csv: 'id,name,address\n1,"Two\nlines",a\n1,B,b\n',
      line: 4,
      field: 'id',
      message: /^line 4, id: "1" is already used by line 2$/,
    },
    { name: 'a duplicate address', csv: 'id,name,address\n1,A,echo\n2,B,echo\n', line: 3, field: 'address', message: /already used by line 2/ },
    { name: 'an unknown column', csv: 'id,name,address,adressType\n1,A,a,RAW_ADDRESS\n', line: 1, field: 'adressType', message: /unknown column/ },
    { name: 'a missing required column', csv: 'id,name\n1,A\n', line: 1, field: 'address', message: /must have the columns address/ },
    { name: 'a column twice', csv: 'id,name,address,name\n1,A,a,B\n', line: 1, field: 'name', message: /appears twice/ },
    { name: 'a short row', csv: 'id,name,address\n1,A\n', line: 2, field: null, message: /^line 2: has 2 values but the header has 3 columns$/ },
    { name: 'an unclosed quote', csv: 'id,name,address\n1,"A,a\n2,B,b\n', line: 2, field: null, message: /^line 2: a quoted value is never closed$/ },
    { name: 'text after a closing quote', csv: 'id,name,address\n1,"A"x,a\n', line: 2, field: null, message: /after a closing quote/ },
    { name: 'a header and no rooms', csv: 'id,name,address\n', line: null, field: null, message: /no rooms/ },
    { name: 'an empty file', csv: '', line: null, field: null, message: /empty|no rooms/ },
  ];
  for (const c of bad) {
    it(`reports ${c.name} with its line and field`, () => {
      const [first] = errors('rooms.csv', c.csv);
      expect(first).toMatchObject({ line: c.line, field: c.field });
      expect(first!.message).toMatch(c.message);
    });
  }

  it('reports every bad row, not only the first', () => {
    const found = errors('r.csv', 'id,name,address,addressType\n1,,a,\n2,B,b,NOPE\n');
    expect(found.map((e) => [e.line, e.field])).toEqual([
      [2, 'name'],
      [3, 'addressType'],
    ]);
    expect(describeRoomsErrors(found, 1)).toBe('line 2, name: must not be empty (and 1 more problem)');
  });

  it(`refuses more than ${MAX_ROOMS} rooms`, () => {
    const lines = Array.from({ length: MAX_ROOMS + 1 }, (_, i) => `${i},Room ${i},echo-${i}`);
    const [first] = errors('r.csv', `id,name,address\n${lines.join('\n')}\n`);
    expect(first!.message).toMatch(`at most ${MAX_ROOMS.toLocaleString('en')}`);
  });
});

describe('JSON import', () => {
  it('reads an array of rooms and an object with a rooms array; numbers are read as text', () => {
    const list = [{ id: 7, name: 'Room 7', floor: 2, address: 'echo-7', addressType: 'PHONE_NUMBER' }];
    const expected = [{ id: '7', name: 'Room 7', floor: '2', address: 'echo-7', addressType: 'PHONE_NUMBER' }];
    expect(rooms('rooms.json', JSON.stringify(list))).toStrictEqual(expected);
    expect(rooms('rooms.json', JSON.stringify({ rooms: list }))).toStrictEqual(expected);
  });

  it('detects JSON by content when the extension says nothing', () => {
    expect(rooms('rooms.txt', '\uFEFF  [{"id":"1","name":"A","address":"a"}]')).toHaveLength(1);
    expect(rooms('rooms', 'id,name,address\n1,A,a\n')).toHaveLength(1);
  });

  it("says each problem in staff's words: the first three, and how many more with the language's plural", () => {
    const csv = 'id,name,address\n1,,a\n2,,b\n3,,c\n4,,d\n5,,e\n';
    const found = errors('rooms.csv', csv);
    expect(found.map((e) => inEnglishWords(e.text))).toEqual(found.map((e) => e.message));
    expect(say(translatorFor(chooseLanguage('de', [])), roomsFileProblems(found))).toBe(
      'Zeile 2, name: darf nicht leer sein; Zeile 3, name: darf nicht leer sein; Zeile 4, name: darf nicht leer sein (und 2 weitere Probleme)',
    );
    expect(say(translatorFor(chooseLanguage('ja', [])), roomsFileProblems(found.slice(0, 2)))).toBe('2 行目、name: 入力してください。3 行目、name: 入力してください');
    expect(describeRoomsErrors(found.slice(0, 4))).toBe(
      'line 2, name: must not be empty; line 3, name: must not be empty; line 4, name: must not be empty (and 1 more problem)',
    );
  });

  it('names the room and field of each problem', () => {
    const list = [
      { id: 'a', name: 'A', address: 'x' },
      { id: 'b', name: 'B', address: 'y', addressType: 'EMAIL' },
      { id: 'c', name: 'C', address: 'z', colour: 'red' },
      { id: 'a', name: 'D', address: 'w' },
    ];
    const found = errors('rooms.json', JSON.stringify(list));
    expect(inEnglish(found)).toEqual([
      { line: null, field: 'addressType', message: expect.stringMatching(/^room 2 \(id "b"\), addressType: must be one of /) },
      { line: null, field: 'colour', message: expect.stringMatching(/^room 3 \(id "c"\), colour: unknown field/) },
    ]);
    const dup = errors('rooms.json', JSON.stringify([list[0], list[3]]));
    expect(inEnglish(dup)).toEqual([{ line: null, field: 'id', message: 'room 2 (id "a"), id: "a" is already used by room 1 (id "a")' }]);
  });

  it('reports broken JSON with its line, and a wrong shape in plain words', () => {
    const [broken] = errors('rooms.json', '[\n{"id":"1","name":"A","address":"a"},\n{"id" }\n]');
    expect(broken!.message).toMatch(/not valid JSON/);
    expect(broken!.line).toBe(3);
    expect(errors('rooms.json', '{"hotel": []}')[0]!.message).toMatch(/array of rooms/);
    expect(errors('rooms.json', '[]')[0]!.message).toMatch(/no rooms/);
  });
});

describe('export', () => {
  const directory: Room[] = [
    { id: '101', name: 'Room 101', floor: '1', address: 'amzn1.echo.101', addressType: 'COMMUNICATION_PROFILE_ID' },
    { id: 'S-2', name: 'Suite "Vista", top', wing: 'North\nTower', group: 'VIP', address: '+15550100', addressType: 'PHONE_NUMBER' },
    { id: ' x', name: 'Padded', address: 'raw-1', addressType: 'RAW_ADDRESS' },
  ];
  const normalised = directory.map((r) => ({ ...r, id: r.id.trim() }));

  it('round-trips through CSV (quoting what needs it) and JSON', () => {
    const csv = exportRooms(directory, 'csv');
    expect(csv.split('\r\n')[0]).toBe('id,name,floor,wing,group,address,addressType');
    expect(csv).toContain('"Suite ""Vista"", top"');
    expect(rooms('out.csv', csv)).toStrictEqual(normalised);
    expect(rooms('out.json', exportRooms(directory, 'json'))).toStrictEqual(normalised);
  });
});

describe('validateRoom', () => {
  it('accepts a valid room and returns it normalised', () => {
    expect(validateRoom({ id: ' 5 ', name: 'Room 5', address: 'echo-5', floor: '' })).toStrictEqual({
      ok: true,
      room: { id: '5', name: 'Room 5', address: 'echo-5', addressType: 'RAW_ADDRESS' },
    });
  });

  it('names each invalid field', () => {
    const result = validateRoom({ id: '', name: 3, address: null, addressType: 'X' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual(['id', 'address', 'addressType']);
    expect(result.errors[0]!.message).toBe('id: must not be empty');
    expect(result.errors[1]!.message).toBe('address: must be text');
    expect(validateRoom('room').ok).toBe(false);
  });
});

describe('roomForAddress', () => {
  it('finds the room of a caller address, or null', () => {
    const directory = rooms('r.csv', 'id,name,address\n1,A,echo-a\n2,B,echo-b\n');
    expect(roomForAddress(directory, 'echo-b')?.id).toBe('2');
    expect(roomForAddress(directory, 'echo-z')).toBeNull();
    // A new directory array gets its own index.
    expect(roomForAddress([{ ...directory[0]!, address: 'echo-z' }], 'echo-z')?.id).toBe('1');
  });
});
