// The room directory: find, add, edit and remove rooms, import a file (replaces the directory) and
// export it as CSV or JSON. Main checks every room (required fields, unique id and address).
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Address, DeskApi, MessageId, Room, Text } from '../../../main/ipc/contract.js';
import { text } from '../../../main/domain/text.js';
import { download } from '../download.js';
import { NO_PROBLEMS, type ProblemTexts } from '../state/field-errors.js';
import { ADDRESS_TYPES, describeRoomProblems, EMPTY_ROOM_FORM, formFromRoom, ROOM_LABELS, roomFromForm, roomsMatching, type RoomForm } from '../state/room-form.js';
import { useSay } from '../i18n/DeskIntl.js';
import { OutcomeLine, SelectField, TextField } from './fields.js';
import { Icon } from './Icon.js';

interface RoomsPanelProps {
  desk: Pick<DeskApi, 'invoke'>;
  rooms: readonly Room[];
  /** Opens the file picker of the existing import. */
  onImport(): void;
  /** Start with a new room for this caller's address (from "Add to directory" on a call). */
  newRoom?: Address | null;
}

/** Rows shown at once; a search narrows a large directory. */
const MAX_ROWS = 300;

/** The table's columns, in order (the editor's labels). */
const COLUMNS = ['name', 'id', 'floor', 'wing', 'group', 'address'] as const;

type Editing = { previousId: string | null; form: RoomForm } | null;

/** What the last action did, in words for staff; said in the window's language when shown. */
type Told = { kind: 'ok' | 'error'; text: Text } | null;

function useWords() {
  const intl = useIntl();
  return (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
}

export function RoomsPanel({ desk, rooms, onImport, newRoom = null }: RoomsPanelProps) {
  const words = useWords();
  const say = useSay();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Editing>(() =>
    newRoom ? { previousId: null, form: { ...EMPTY_ROOM_FORM, address: newRoom.value, addressType: newRoom.type } } : null,
  );
  const [confirmRemove, setConfirmRemove] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Told>(null);

  const shown = roomsMatching(rooms, query);

  async function remove(room: Room) {
    const result = await desk.invoke('removeRoom', { roomId: room.id });
    setConfirmRemove(null);
    setOutcome(
      result.ok
        ? { kind: 'ok', text: text('rooms.removed', { room: room.name }) }
        : { kind: 'error', text: text('rooms.notRemoved', { room: room.name, reason: result.message ?? text('failed.other') }) },
    );
  }

  async function exportAs(format: 'csv' | 'json') {
    const result = await desk.invoke('exportRooms', { format });
    if (!result.ok) return setOutcome({ kind: 'error', text: result.message ?? text('rooms.notExported') });
    download(result.value.fileName, result.value.text, format === 'csv' ? 'text/csv' : 'application/json');
    setOutcome({ kind: 'ok', text: text('rooms.exported', { count: rooms.length, fileName: result.value.fileName }) });
  }

  return (
    <div className="settings-stack" data-testid="rooms-panel">
      <section className="form-card" aria-labelledby="rooms-title">
        <h2 id="rooms-title">
          <FormattedMessage id="rooms.title" />
        </h2>
        <p className="hint">
          <FormattedMessage id="rooms.hint" values={{ count: rooms.length }} />
        </p>
        <div className="form-actions">
          <button type="button" className="btn btn-primary" onClick={() => setEditing({ previousId: null, form: EMPTY_ROOM_FORM })} data-testid="add-room">
            <FormattedMessage id="rooms.add" />
          </button>
          <button type="button" className="btn" onClick={onImport} data-testid="rooms-import">
            <Icon name="upload" /> <FormattedMessage id="grid.importRooms" />
          </button>
          <button type="button" className="btn" onClick={() => void exportAs('csv')} disabled={!rooms.length} data-testid="export-csv">
            <FormattedMessage id="rooms.exportCsv" />
          </button>
          <button type="button" className="btn" onClick={() => void exportAs('json')} disabled={!rooms.length} data-testid="export-json">
            <FormattedMessage id="rooms.exportJson" />
          </button>
        </div>
        <OutcomeLine outcome={outcome && { kind: outcome.kind, text: say(outcome.text) }} testId="rooms-outcome" />
      </section>

      {editing && (
        <RoomEditor
          key={editing.previousId ?? '(new)'}
          desk={desk}
          editing={editing}
          onDone={(done) => {
            setEditing(null);
            setOutcome({ kind: 'ok', text: done });
          }}
          onCancel={() => setEditing(null)}
        />
      )}

      <section className="form-card" aria-label={words('grid.label')}>
        <label className="search rooms-search">
          <Icon name="search" size={18} />
          <input type="search" placeholder={words('rooms.find')} aria-label={words('rooms.find')} value={query} onChange={(e) => setQuery(e.target.value)} data-testid="rooms-search" />
        </label>
        {shown.length === 0 ? (
          <p className="muted">
            <FormattedMessage id={rooms.length ? 'rooms.noMatch' : 'rooms.none'} />
          </p>
        ) : (
          <div className="table-scroll">
            <table className="rooms-table">
              <thead>
                <tr>
                  {COLUMNS.map((column) => (
                    <th key={column}>
                      <FormattedMessage id={ROOM_LABELS[column]} />
                    </th>
                  ))}
                  <th>
                    <span className="sr-only">
                      <FormattedMessage id="rooms.actions" />
                    </span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.slice(0, MAX_ROWS).map((room) => (
                  <tr key={room.id} data-testid="room-row" data-room-id={room.id}>
                    <td>
                      <strong>{room.name}</strong>
                    </td>
                    <td>{room.id}</td>
                    <td>{room.floor ?? ''}</td>
                    <td>{room.wing ?? ''}</td>
                    <td>{room.group ?? ''}</td>
                    <td className="address">
                      {room.address}
                      {room.addressType !== 'RAW_ADDRESS' && <span className="muted"> ({room.addressType})</span>}
                    </td>
                    <td className="row-actions">
                      {confirmRemove === room.id ? (
                        <span className="inline-confirm row-buttons" role="group" aria-label={words('rooms.confirmRemove', { room: room.name })}>
                          <span>
                            <FormattedMessage id="rooms.removeQuestion" />
                          </span>
                          <button type="button" className="btn btn-small btn-danger" onClick={() => void remove(room)} data-testid="remove-room-yes">
                            <FormattedMessage id="rooms.remove" />
                          </button>
                          <button type="button" className="btn btn-small" onClick={() => setConfirmRemove(null)}>
                            <FormattedMessage id="rooms.keep" />
                          </button>
                        </span>
                      ) : (
                        <span className="row-buttons">
                          <button type="button" className="btn btn-small" onClick={() => setEditing({ previousId: room.id, form: formFromRoom(room) })} data-testid="edit-room" aria-label={words('rooms.editRoom', { room: room.name })}>
                            <FormattedMessage id="rooms.edit" />
                          </button>
                          <button type="button" className="btn btn-small" onClick={() => setConfirmRemove(room.id)} data-testid="remove-room" aria-label={words('rooms.removeRoom', { room: room.name })}>
                            <Icon name="x" size={16} /> <FormattedMessage id="rooms.remove" />
                          </button>
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {shown.length > MAX_ROWS && (
          <p className="muted">
            <FormattedMessage id="rooms.showing" values={{ shown: MAX_ROWS, count: shown.length, find: words('rooms.find') }} />
          </p>
        )}
      </section>
    </div>
  );
}

interface RoomEditorProps {
  desk: Pick<DeskApi, 'invoke'>;
  editing: NonNullable<Editing>;
  onDone(done: Text): void;
  onCancel(): void;
}

function RoomEditor({ desk, editing, onDone, onCancel }: RoomEditorProps) {
  const words = useWords();
  const say = useSay();
  const [form, setForm] = useState(editing.form);
  const [errors, setErrors] = useState<ProblemTexts>(NO_PROBLEMS);
  const [busy, setBusy] = useState(false);
  const edit = (change: Partial<RoomForm>) => setForm({ ...form, ...change });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const room = roomFromForm(form);
    const result = await desk.invoke('saveRoom', { room, previousId: editing.previousId });
    setBusy(false);
    if (!result.ok) return setErrors(describeRoomProblems(result));
    onDone(text(editing.previousId ? 'rooms.saved' : 'rooms.added', { room: room.name }));
  }

  const field = (name: keyof RoomForm) => ({ label: words(ROOM_LABELS[name]), error: errors.byField[name] ? say(errors.byField[name]) : null });
  const optional = words('rooms.optional');
  const title = editing.previousId ? words('rooms.editRoom', { room: editing.form.name }) : words('rooms.add');
  return (
    <form className="form-card" aria-label={title} onSubmit={(e) => void submit(e)} data-testid="room-editor" noValidate>
      <h2>{title}</h2>
      <div className="form-grid">
        <TextField {...field('name')} value={form.name} onChange={(name) => edit({ name })} placeholder={words('rooms.namePlaceholder')} testId="room-name" />
        <TextField {...field('id')} value={form.id} onChange={(id) => edit({ id })} hint={words('rooms.roomIdHint')} testId="room-id" />
        <TextField {...field('floor')} value={form.floor} onChange={(floor) => edit({ floor })} hint={words('rooms.floorHint')} testId="room-floor" />
        <TextField {...field('wing')} value={form.wing} onChange={(wing) => edit({ wing })} hint={optional} testId="room-wing" />
        <TextField {...field('group')} value={form.group} onChange={(group) => edit({ group })} hint={optional} testId="room-group" />
        <TextField className="wide" {...field('address')} value={form.address} onChange={(address) => edit({ address })} hint={words('rooms.echoAddressHint')} testId="room-address" />
        <SelectField
          {...field('addressType')}
          value={form.addressType}
          options={ADDRESS_TYPES.map(({ value, label }) => ({ value, label: words(label) }))}
          onChange={(addressType) => edit({ addressType })}
          testId="room-address-type"
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="save-room">
          <Icon name="check" /> <FormattedMessage id={busy ? 'deskSettings.saving' : editing.previousId ? 'rooms.saveRoom' : 'rooms.addRoom'} />
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          <FormattedMessage id="rooms.cancel" />
        </button>
        <OutcomeLine outcome={errors.summary ? { kind: 'error', text: words('rooms.notSaved', { problems: say(errors.summary) }) } : null} testId="room-outcome" />
      </div>
    </form>
  );
}
