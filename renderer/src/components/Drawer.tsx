// The drawer along the bottom: missed calls (call back in one click), call history, the room
// directory import (editing it is in the settings) and the ringer's output device.
import { useEffect, useState, type RefObject } from 'react';
import type { MissedCall, Room } from '../../../main/ipc/contract.js';
import type { Devices } from '../state/desk-store.js';
import { formatClock } from '../format.js';
import { roomName } from '../state/names.js';
import { END_WORDS } from './CallDock.js';
import { Ago } from './clock.js';
import { HistoryPanel, type HistoryPanelProps } from './HistoryPanel.js';
import { Icon } from './Icon.js';

export type DrawerTab = 'missed' | 'history' | 'rooms' | 'devices';

export interface DrawerProps {
  tab: DrawerTab | null;
  onTab(tab: DrawerTab | null): void;
  missed: readonly MissedCall[];
  roomCount: number;
  /** Changes when calls end, so an open history refreshes. */
  historyKey: string;
  loadHistory: HistoryPanelProps['load'];
  /** The directory, for the history's room filter. */
  rooms: readonly Room[];
  onCallBack(missed: MissedCall): void;
  /** A caller the directory does not know: open the room editor with its address. */
  onAddToDirectory(remote: MissedCall['remote']): void;
  onClearMissed(): void;
  onImportFile(file: File): void;
  /** Opens the room directory in the settings (add, edit, remove, export). */
  onManageRooms(): void;
  /** Chosen devices; null while unknown (they cannot be changed then). */
  devices: Devices | null;
  onSaveDevices(devices: Devices): void;
  onTestRinger(): void;
  importInput: RefObject<HTMLInputElement | null>;
}

export function Drawer(props: DrawerProps) {
  const { tab, onTab, missed } = props;
  const tabs: { id: DrawerTab; label: string }[] = [
    { id: 'missed', label: `Missed (${missed.length})` },
    { id: 'history', label: 'History' },
    { id: 'rooms', label: `Rooms (${props.roomCount})` },
    { id: 'devices', label: 'Headset & ringer' },
  ];
  return (
    <footer className={`drawer ${tab ? 'open' : ''}`}>
      <div className="drawer-tabs" role="tablist" aria-label="Drawer">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            className={`tab ${t.id === 'missed' && missed.length ? 'has-missed' : ''}`}
            aria-selected={tab === t.id}
            data-testid={`drawer-${t.id}`}
            onClick={() => onTab(tab === t.id ? null : t.id)}
          >
            {t.id === 'missed' && missed.length > 0 && <Icon name="alert-circle" size={16} />}
            {t.label}
          </button>
        ))}
        {/* Kept mounted so the empty grid's "Import rooms" can open the file picker. */}
        <input
          ref={props.importInput}
          type="file"
          accept=".csv,.json,text/csv,application/json"
          hidden
          data-testid="import-rooms"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) props.onImportFile(file);
            e.target.value = '';
          }}
        />
      </div>
      {tab && (
        <div className="drawer-panel" role="tabpanel">
          {tab === 'missed' && <MissedPanel missed={missed} onCallBack={props.onCallBack} onAdd={props.onAddToDirectory} onClear={props.onClearMissed} />}
          {tab === 'history' && <HistoryPanel load={props.loadHistory} rooms={props.rooms} refreshKey={props.historyKey} />}
          {tab === 'rooms' && (
            <div className="panel-row">
              <p>
                {props.roomCount} rooms in the directory. Importing a CSV or JSON file (columns id, name, floor, wing, group, address,
                addressType) replaces it.
              </p>
              <button type="button" className="btn" onClick={() => props.importInput.current?.click()}>
                <Icon name="upload" /> Import rooms…
              </button>
              <button type="button" className="btn" onClick={props.onManageRooms} data-testid="manage-rooms">
                Add, edit or export rooms…
              </button>
            </div>
          )}
          {tab === 'devices' && <DevicesPanel devices={props.devices} onSave={props.onSaveDevices} onTest={props.onTestRinger} />}
        </div>
      )}
    </footer>
  );
}

interface MissedPanelProps {
  missed: readonly MissedCall[];
  onCallBack(m: MissedCall): void;
  onAdd(remote: MissedCall['remote']): void;
  onClear(): void;
}

function MissedPanel({ missed, onCallBack, onAdd, onClear }: MissedPanelProps) {
  if (!missed.length) return <p className="muted">No missed calls.</p>;
  return (
    <>
      <ul className="rows">
        {missed.map((m) => (
          <li key={m.sessionId} className="row" data-testid="missed-call">
            <Icon name="alert-circle" size={18} />
            <strong>{roomName(m)}</strong>
            <span className="muted">
              {END_WORDS[m.reason]} · {formatClock(m.at)} (<Ago at={m.at} />)
            </span>
            {m.roomId ? (
              <button type="button" className="btn btn-small" data-testid="call-back" onClick={() => onCallBack(m)}>
                <Icon name="phone-outgoing" size={16} /> Call back
              </button>
            ) : (
              <button type="button" className="btn btn-small" data-testid="add-to-directory" onClick={() => onAdd(m.remote)}>
                Add to directory
              </button>
            )}
          </li>
        ))}
      </ul>
      <button type="button" className="btn btn-small" onClick={onClear}>
        Mark all as seen
      </button>
    </>
  );
}

const DEVICE_CHOICES: { key: keyof Devices; label: string; kind: MediaDeviceKind; unnamed: string }[] = [
  { key: 'microphone', label: 'Microphone', kind: 'audioinput', unnamed: 'Microphone' },
  { key: 'speaker', label: 'Call audio', kind: 'audiooutput', unnamed: 'Speaker' },
  { key: 'ringer', label: 'Ringer', kind: 'audiooutput', unnamed: 'Speaker' },
  { key: 'camera', label: 'Camera', kind: 'videoinput', unnamed: 'Camera' },
];

function DevicesPanel({ devices, onSave, onTest }: { devices: Devices | null; onSave(devices: Devices): void; onTest(): void }) {
  const [available, setAvailable] = useState<MediaDeviceInfo[]>([]);
  useEffect(() => {
    const media = navigator.mediaDevices;
    if (!media) return;
    const refresh = () =>
      void media
        .enumerateDevices()
        .then((all) => setAvailable(all.filter((d) => d.deviceId && d.deviceId !== 'default')))
        .catch(() => setAvailable([]));
    refresh();
    media.addEventListener('devicechange', refresh);
    return () => media.removeEventListener('devicechange', refresh);
  }, []);
  return (
    <div className="panel-row devices">
      {DEVICE_CHOICES.map(({ key, label, kind, unnamed }) => {
        const options = available.filter((d) => d.kind === kind);
        const chosen = devices?.[key] ?? '';
        return (
          <label key={key} className="field">
            <span>{label}</span>
            <select
              value={chosen}
              disabled={!devices}
              data-testid={`device-${key}`}
              onChange={(e) => devices && onSave({ ...devices, [key]: e.target.value || null })}
            >
              <option value="">System default</option>
              {chosen && !options.some((d) => d.deviceId === chosen) && <option value={chosen}>Not connected</option>}
              {options.map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {d.label || `${unnamed} ${i + 1}`}
                </option>
              ))}
            </select>
          </label>
        );
      })}
      <button type="button" className="btn" onClick={onTest}>
        <Icon name="phone-incoming" /> Test ringer
      </button>
    </div>
  );
}
