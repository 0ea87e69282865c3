// The room directory: find, add, edit and remove rooms, import a file (replaces the directory) and
// export it as CSV or JSON. Main checks every room (required fields, unique id and address).
import { useState, type FormEvent } from 'react';
import type { Address, DeskApi, Room } from '../../../main/ipc/contract.js';
import { download } from '../download.js';
import type { FieldErrors } from '../state/field-errors.js';
import { ADDRESS_TYPES, describeRoomError, EMPTY_ROOM_FORM, formFromRoom, roomFromForm, roomsMatching, type RoomForm } from '../state/room-form.js';
import { OutcomeLine, SelectField, TextField, type Outcome } from './fields.js';
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
const NO_ERRORS: FieldErrors = { byField: {}, text: '' };

type Editing = { previousId: string | null; form: RoomForm } | null;

export function RoomsPanel({ desk, rooms, onImport, newRoom = null }: RoomsPanelProps) {
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Editing>(() =>
    newRoom ? { previousId: null, form: { ...EMPTY_ROOM_FORM, address: newRoom.value, addressType: newRoom.type } } : null,
  );
  const [confirmRemove, setConfirmRemove] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const shown = roomsMatching(rooms, query);

  async function remove(room: Room) {
    const result = await desk.invoke('removeRoom', { roomId: room.id });
    setConfirmRemove(null);
    setOutcome(result.ok ? { kind: 'ok', text: `${room.name} was removed.` } : { kind: 'error', text: `${room.name} was not removed: ${result.error}` });
  }

  async function exportAs(format: 'csv' | 'json') {
    const result = await desk.invoke('exportRooms', { format });
    if (!result.ok) return setOutcome({ kind: 'error', text: `The rooms were not exported: ${result.error}` });
    download(result.value.fileName, result.value.text, format === 'csv' ? 'text/csv' : 'application/json');
    setOutcome({ kind: 'ok', text: `Exported ${rooms.length} rooms as ${result.value.fileName}.` });
  }

  return (
    <div className="settings-stack" data-testid="rooms-panel">
      <section className="form-card" aria-labelledby="rooms-title">
        <h2 id="rooms-title">Room directory</h2>
        <p className="hint">
          {rooms.length} rooms. A call is matched to its room by the Echo's address. Importing a CSV or JSON file (columns id, name, floor, wing,
          group, address, addressType) replaces the whole directory.
        </p>
        <div className="form-actions">
          <button type="button" className="btn btn-primary" onClick={() => setEditing({ previousId: null, form: EMPTY_ROOM_FORM })} data-testid="add-room">
            Add a room
          </button>
          <button type="button" className="btn" onClick={onImport} data-testid="rooms-import">
            <Icon name="upload" /> Import rooms…
          </button>
          <button type="button" className="btn" onClick={() => void exportAs('csv')} disabled={!rooms.length} data-testid="export-csv">
            Export CSV
          </button>
          <button type="button" className="btn" onClick={() => void exportAs('json')} disabled={!rooms.length} data-testid="export-json">
            Export JSON
          </button>
        </div>
        <OutcomeLine outcome={outcome} testId="rooms-outcome" />
      </section>

      {editing && (
        <RoomEditor
          key={editing.previousId ?? '(new)'}
          desk={desk}
          editing={editing}
          onDone={(text) => {
            setEditing(null);
            setOutcome({ kind: 'ok', text });
          }}
          onCancel={() => setEditing(null)}
        />
      )}

      <section className="form-card" aria-label="Rooms">
        <label className="search rooms-search">
          <Icon name="search" size={18} />
          <input type="search" placeholder="Find a room" aria-label="Find a room" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="rooms-search" />
        </label>
        {shown.length === 0 ? (
          <p className="muted">{rooms.length ? 'No room matches.' : 'No rooms yet: add one or import a file.'}</p>
        ) : (
          <div className="table-scroll">
            <table className="rooms-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Room id</th>
                  <th>Floor</th>
                  <th>Wing</th>
                  <th>Group</th>
                  <th>Echo address</th>
                  <th>
                    <span className="sr-only">Actions</span>
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
                        <span className="inline-confirm row-buttons" role="group" aria-label={`Confirm removing ${room.name}`}>
                          <span>Remove?</span>
                          <button type="button" className="btn btn-small btn-danger" onClick={() => void remove(room)} data-testid="remove-room-yes">
                            Remove
                          </button>
                          <button type="button" className="btn btn-small" onClick={() => setConfirmRemove(null)}>
                            Keep
                          </button>
                        </span>
                      ) : (
                        <span className="row-buttons">
                          <button type="button" className="btn btn-small" onClick={() => setEditing({ previousId: room.id, form: formFromRoom(room) })} data-testid="edit-room" aria-label={`Edit ${room.name}`}>
                            Edit
                          </button>
                          <button type="button" className="btn btn-small" onClick={() => setConfirmRemove(room.id)} data-testid="remove-room" aria-label={`Remove ${room.name}`}>
                            <Icon name="x" size={16} /> Remove
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
            Showing {MAX_ROWS} of {shown.length} rooms: type in "Find a room" to narrow the list.
          </p>
        )}
      </section>
    </div>
  );
}

interface RoomEditorProps {
  desk: Pick<DeskApi, 'invoke'>;
  editing: NonNullable<Editing>;
  onDone(text: string): void;
  onCancel(): void;
}

function RoomEditor({ desk, editing, onDone, onCancel }: RoomEditorProps) {
  const [form, setForm] = useState(editing.form);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const edit = (change: Partial<RoomForm>) => setForm({ ...form, ...change });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const room = roomFromForm(form);
    const result = await desk.invoke('saveRoom', { room, previousId: editing.previousId });
    setBusy(false);
    if (!result.ok) return setErrors(describeRoomError(result.error));
    onDone(editing.previousId ? `${room.name} was saved.` : `${room.name} was added.`);
  }

  const error = (field: keyof RoomForm) => errors.byField[field] ?? null;
  return (
    <form className="form-card" aria-label={editing.previousId ? 'Edit room' : 'Add a room'} onSubmit={(e) => void submit(e)} data-testid="room-editor" noValidate>
      <h2>{editing.previousId ? `Edit ${editing.form.name}` : 'Add a room'}</h2>
      <div className="form-grid">
        <TextField label="Name" value={form.name} onChange={(name) => edit({ name })} error={error('name')} placeholder="Room 214" testId="room-name" />
        <TextField label="Room id" value={form.id} onChange={(id) => edit({ id })} error={error('id')} hint="Unique; used by imports and exports." testId="room-id" />
        <TextField label="Floor" value={form.floor} onChange={(floor) => edit({ floor })} error={error('floor')} hint="Optional; groups the grid." testId="room-floor" />
        <TextField label="Wing" value={form.wing} onChange={(wing) => edit({ wing })} error={error('wing')} hint="Optional." testId="room-wing" />
        <TextField label="Group" value={form.group} onChange={(group) => edit({ group })} error={error('group')} hint="Optional." testId="room-group" />
        <TextField className="wide" label="Echo address" value={form.address} onChange={(address) => edit({ address })} error={error('address')} hint="The room Echo's participant id, as Alexa sends it." testId="room-address" />
        <SelectField label="Address type" value={form.addressType} options={ADDRESS_TYPES} onChange={(addressType) => edit({ addressType })} error={error('addressType')} testId="room-address-type" />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="save-room">
          <Icon name="check" /> {busy ? 'Saving…' : editing.previousId ? 'Save the room' : 'Add the room'}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <OutcomeLine outcome={errors.text ? { kind: 'error', text: `Not saved: ${errors.text}` } : null} testId="room-outcome" />
      </div>
    </form>
  );
}
