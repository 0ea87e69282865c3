// The room directory (DESIGN §3.5): validating rooms, importing them from CSV or JSON files,
// exporting them, and finding the room of a caller's address.
import { z } from 'zod';
import { text as words, type Text } from '../domain/text.js';
import { inEnglish } from '../i18n/format.js';
import { problem as named, problemText } from '../i18n/problems.js';
import { MAX_ADDRESS_LENGTH, PARTICIPANT_ID_TYPES } from '../protocol/messages.js';
import type { AddressType, Room } from '../domain/room.js';

export const MAX_ROOMS = 5_000;

/** Column names of a rooms CSV file (and keys of a JSON room), in export order. */
export const ROOM_COLUMNS = ['id', 'name', 'floor', 'wing', 'group', 'address', 'addressType'] as const;
type RoomColumn = (typeof ROOM_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly RoomColumn[] = ['id', 'name', 'address'];

export interface RoomsFileError {
  /** Line of the CSV file (1 = header); null for JSON files and whole-file problems. */
  line: number | null;
  /** Column / key the problem is in, when there is one. */
  field: string | null;
  /** A complete sentence naming the place, e.g. `line 7, addressType: must be one of ...` (English: the log). */
  message: string;
  /** The same in words for staff. */
  text: Text;
}

export type RoomsParseResult = { ok: true; rooms: Room[] } | { ok: false; errors: RoomsFileError[] };
export type RoomCheck = { ok: true; room: Room } | { ok: false; errors: RoomsFileError[] };

// Spreadsheets and hand-written JSON often hold numbers (`"floor": 2`); they are read as text.
const text = (max: number) =>
  z
    .union([z.string(), z.number()], { error: named('problem.text') })
    .transform((v) => String(v).trim())
    .pipe(z.string().max(max, named('problem.tooLong', { max })));
const requiredText = (max: number) => text(max).pipe(z.string().min(1, named('problem.empty')));
const optionalText = (max: number) =>
  text(max)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

const addressTypes = named('problem.oneOf', { choices: PARTICIPANT_ID_TYPES.join(', ') });
const addressTypeSchema = z
  .union([z.string(), z.undefined()], { error: addressTypes })
  .transform((v) => (v?.trim() ? v.trim() : 'RAW_ADDRESS'))
  .pipe(z.enum(PARTICIPANT_ID_TYPES, { error: addressTypes }));

/** One room, as stored and as imported; optional fields that are empty are left out. */
export const roomSchema = z
  .strictObject(
    {
      id: requiredText(100),
      name: requiredText(100),
      floor: optionalText(100),
      wing: optionalText(100),
      group: optionalText(100),
      address: requiredText(MAX_ADDRESS_LENGTH),
      addressType: addressTypeSchema,
    },
    { error: (issue) => (issue.code === 'invalid_type' ? named('problem.object') : undefined) },
  )
  .transform(({ floor, wing, group, ...rest }): Room => ({
    id: rest.id,
    name: rest.name,
    ...(floor !== undefined && { floor }),
    ...(wing !== undefined && { wing }),
    ...(group !== undefined && { group }),
    address: rest.address,
    addressType: rest.addressType as AddressType,
  }));

/** A whole directory: at most MAX_ROOMS rooms, ids and addresses unique. */
export const roomListSchema = z
  .array(roomSchema, { error: (issue) => (issue.code === 'invalid_type' ? named('rooms.problem.notList') : undefined) })
  .max(MAX_ROOMS, named('rooms.problem.tooManyRooms', { max: MAX_ROOMS }))
  .superRefine((rooms, ctx) => {
    for (const clash of findClashes(rooms)) {
      ctx.addIssue({ code: 'custom', path: [clash.index, clash.field], message: inEnglish(clash.problem) });
    }
  });

/** Validate one room for add/edit. Messages name the field, e.g. `address: must not be empty`. */
export function validateRoom(input: unknown): RoomCheck {
  return checkRoom(input, null, null);
}

/** Parse a rooms file: CSV or JSON, chosen by the file's extension, else by its content. */
export function parseRoomsFile(fileName: string, text: string): RoomsParseResult {
  const body = text.replace(/^\uFEFF/, '');
  const rooms = looksLikeJson(fileName, body) ? parseJsonRooms(body) : parseCsvRooms(body);
  if (rooms.ok && rooms.rooms.length === 0) return failure(null, null, words('rooms.problem.noRooms'));
  return rooms;
}

/** One sentence for a notice or a Result: the first few problems and how many more there are. */
export function roomsFileProblems(errors: readonly RoomsFileError[], max = 3): Text {
  const shown = errors.slice(0, max).map((e) => e.text);
  const problems = shown.reduceRight((rest, first) => words('rooms.file.then', { first, rest }));
  return words('rooms.file.problems', { problems, more: errors.length - shown.length });
}

/** The same in English, for the log and a Result's `error`. */
export function describeRoomsErrors(errors: readonly RoomsFileError[], max = 3): string {
  return inEnglish(roomsFileProblems(errors, max));
}

export function exportRooms(rooms: readonly Room[], format: 'csv' | 'json'): string {
  if (format === 'json') {
    const ordered = rooms.map((r) => Object.fromEntries(ROOM_COLUMNS.filter((c) => r[c] !== undefined).map((c) => [c, r[c]])));
    return JSON.stringify(ordered, null, 2) + '\n';
  }
  const lines = [ROOM_COLUMNS.join(','), ...rooms.map((r) => ROOM_COLUMNS.map((c) => csvField(r[c] ?? '')).join(','))];
  return lines.map((l) => l + '\r\n').join('');
}

const addressIndexes = new WeakMap<readonly Room[], Map<string, Room>>();

/** The room whose Echo has this participant id value, or null. The index is built once per array (arrays are not changed in place). */
export function roomForAddress(rooms: readonly Room[], value: string): Room | null {
  let index = addressIndexes.get(rooms);
  if (!index) {
    index = new Map(rooms.map((r) => [r.address, r]));
    addressIndexes.set(rooms, index);
  }
  return index.get(value.trim()) ?? null;
}

// ---- checking rooms ----

function checkRoom(input: unknown, line: number | null, label: Text | null): RoomCheck {
  const parsed = roomSchema.safeParse(input);
  if (parsed.success) return { ok: true, room: parsed.data };
  const errors = parsed.error.issues.map((issue) => {
    const field = issue.code === 'unrecognized_keys' ? String(issue.keys[0]) : issue.path.length ? String(issue.path[0]) : null;
    const reason = issue.code === 'unrecognized_keys' ? words('rooms.problem.unknownField', { fields: ROOM_COLUMNS.join(', ') }) : (problemText(issue.message) ?? words('problem.invalid'));
    return problem(line, field, reason, label);
  });
  return { ok: false, errors };
}

interface Clash {
  index: number;
  field: 'id' | 'address';
  problem: Text;
}

// Ids must be unique (tiles, commands) and so must addresses (an incoming call finds one room).
function findClashes(rooms: readonly Room[], describe = (i: number): Text => words('rooms.file.room', { n: String(i + 1) })): Clash[] {
  const clashes: Clash[] = [];
  for (const field of ['id', 'address'] as const) {
    const seen = new Map<string, number>();
    rooms.forEach((room, index) => {
      const first = seen.get(room[field]);
      if (first === undefined) seen.set(room[field], index);
      else clashes.push({ index, field, problem: words('rooms.problem.duplicate', { value: room[field], other: describe(first) }) });
    });
  }
  return clashes.sort((a, b) => a.index - b.index);
}

function checkAll(items: { input: unknown; line: number | null; label: Text | null }[], describe: (i: number) => Text): RoomsParseResult {
  const rooms: Room[] = [];
  const errors: RoomsFileError[] = [];
  for (const item of items) {
    const checked = checkRoom(item.input, item.line, item.label);
    if (checked.ok) rooms.push(checked.room);
    else errors.push(...checked.errors);
  }
  if (errors.length) return { ok: false, errors };
  const clashes = findClashes(rooms, describe);
  if (clashes.length) {
    return { ok: false, errors: clashes.map((c) => problem(items[c.index]!.line, c.field, c.problem, items[c.index]!.label)) };
  }
  return { ok: true, rooms };
}

/** `label`: where in the file ("line 7", "room 3 (id "101")"); `field`: the column, as the file names it. */
function problem(line: number | null, field: string | null, reason: Text, label: Text | null): RoomsFileError {
  const place = label && field ? words('rooms.file.placeField', { place: label, field }) : (label ?? field);
  const said = place ? words('problem.labelled', { label: place, problem: reason }) : reason;
  return { line, field, message: inEnglish(said), text: said };
}

function failure(line: number | null, field: string | null, reason: Text, label: Text | null = null): { ok: false; errors: RoomsFileError[] } {
  return { ok: false, errors: [problem(line, field, reason, label)] };
}

function tooMany(count: number): { ok: false; errors: RoomsFileError[] } {
  return failure(null, null, words('rooms.problem.fileTooManyRooms', { count, max: MAX_ROOMS }));
}

const lineLabel = (line: number): Text => words('rooms.file.line', { line: String(line) });

// ---- JSON ----

function looksLikeJson(fileName: string, body: string): boolean {
  const ext = fileName.toLowerCase().split('.').pop();
  if (ext === 'json') return true;
  if (ext === 'csv') return false;
  return /^\s*[[{]/.test(body);
}

function parseJsonRooms(body: string): RoomsParseResult {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const at = /position (\d+)/.exec(String((error as Error).message));
    const line = at ? body.slice(0, Number(at[1])).split('\n').length : null;
    return failure(line, null, words('rooms.problem.notJson'), line === null ? null : lineLabel(line));
  }
  const list = Array.isArray(data) ? data : isRecord(data) && Array.isArray(data.rooms) ? data.rooms : null;
  if (!list) return failure(null, null, words('rooms.problem.jsonShape'));
  if (list.length > MAX_ROOMS) return tooMany(list.length);
  const label = (i: number): Text => {
    const id = isRecord(list[i]) ? list[i].id : undefined;
    const n = String(i + 1);
    return typeof id === 'string' || typeof id === 'number' ? words('rooms.file.roomWithId', { n, id: String(id) }) : words('rooms.file.room', { n });
  };
  return checkAll(
    list.map((input, i) => ({ input, line: null, label: label(i) })),
    label,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- CSV (RFC 4180: quoted fields may hold delimiters, quotes as "" and line breaks) ----

interface CsvRecord {
  line: number;
  fields: string[];
}

function parseCsvRooms(body: string): RoomsParseResult {
  const records = readCsv(body, pickDelimiter(body));
  if (!records.ok) return records;
  const [header, ...rows] = records.records;
  if (!header) return failure(null, null, words('rooms.problem.empty'));

  const columns: RoomColumn[] = [];
  for (const raw of header.fields) {
    const name = raw.trim();
    const column = ROOM_COLUMNS.find((c) => c.toLowerCase() === name.toLowerCase());
    if (!column) return failure(1, name, words('rooms.problem.unknownColumn', { columns: ROOM_COLUMNS.join(', ') }), lineLabel(1));
    if (columns.includes(column)) return failure(1, column, words('rooms.problem.columnTwice'), lineLabel(1));
    columns.push(column);
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) return failure(1, missing[0]!, words('rooms.problem.missingColumns', { columns: missing.join(', ') }), lineLabel(1));
  if (rows.length > MAX_ROOMS) return tooMany(rows.length);

  const shapeErrors: RoomsFileError[] = [];
  const items = rows.map((row) => {
    if (row.fields.length !== columns.length) {
      shapeErrors.push(
        problem(row.line, null, words('rooms.problem.valueCount', { values: row.fields.length, columns: columns.length }), lineLabel(row.line)),
      );
    }
    return { input: Object.fromEntries(columns.map((c, i) => [c, row.fields[i] ?? ''])), line: row.line, label: lineLabel(row.line) };
  });
  if (shapeErrors.length) return { ok: false, errors: shapeErrors };
  return checkAll(items, (i) => lineLabel(items[i]!.line));
}

// Spreadsheets in many locales save with ';' (or tabs); the header line tells which.
function pickDelimiter(body: string): string {
  const headerLine = body.split(/\r\n|\n|\r/, 1)[0] ?? '';
  return [',', ';', '\t'].find((d) => headerLine.includes(d)) ?? ',';
}

function readCsv(body: string, delimiter: string): { ok: true; records: CsvRecord[] } | { ok: false; errors: RoomsFileError[] } {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quoteLine = 0;
  let afterQuote = false; // just closed a quoted field: only a delimiter or a line break may follow

  const endRecord = () => {
    fields.push(field);
    // Blank lines and rows of empty cells (spreadsheets leave them at the end) hold no room.
    const blank = fields.every((f) => f.trim() === '');
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    afterQuote = false;
  };

  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (inQuotes) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        inQuotes = false;
        afterQuote = true;
      } else {
        if (c === '\n' || (c === '\r' && body[i + 1] !== '\n')) line++;
        field += c;
      }
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
      afterQuote = false;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (afterQuote) {
      return failure(line, null, words('rooms.problem.textAfterQuote'), lineLabel(line));
    } else if (c === '"' && field === '') {
      inQuotes = true;
      quoteLine = line;
    } else {
      field += c;
    }
  }
  if (inQuotes) return failure(quoteLine, null, words('rooms.problem.quoteNotClosed'), lineLabel(quoteLine));
  if (fields.length || field !== '' || afterQuote) endRecord();
  return { ok: true, records };
}

function csvField(value: string): string {
  return /[",;\t\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The valid rooms of a damaged list: the first of clashing ids/addresses wins. */
export function salvageRooms(value: unknown): Room[] {
  if (!Array.isArray(value)) return [];
  const rooms: Room[] = [];
  const ids = new Set<string>();
  const addresses = new Set<string>();
  for (const item of value) {
    const room = roomSchema.safeParse(item);
    if (!room.success || ids.has(room.data.id) || addresses.has(room.data.address)) continue;
    rooms.push(room.data);
    ids.add(room.data.id);
    addresses.add(room.data.address);
    if (rooms.length === MAX_ROOMS) break;
  }
  return rooms;
}
