// The drawer along the bottom: missed calls (call back in one click), call history, the room
// directory import (editing it is in the settings) and the ringer's output device.
import { useEffect, useState, type RefObject } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageId, MissedCall, Room } from '../../../main/ipc/contract.js';
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
  const intl = useIntl();
  const tabs: { id: DrawerTab; label: string }[] = [
    { id: 'missed', label: intl.formatMessage({ id: 'drawer.missed' }, { count: missed.length }) },
    { id: 'history', label: intl.formatMessage({ id: 'drawer.history' }) },
    { id: 'rooms', label: intl.formatMessage({ id: 'drawer.rooms' }, { count: props.roomCount }) },
    { id: 'devices', label: intl.formatMessage({ id: 'drawer.devices' }) },
  ];
  return (
    <footer className={`drawer ${tab ? 'open' : ''}`}>
      <div className="drawer-tabs" role="tablist" aria-label={intl.formatMessage({ id: 'drawer.label' })}>
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
                <FormattedMessage id="drawer.roomsHint" values={{ count: props.roomCount }} />
              </p>
              <button type="button" className="btn" onClick={() => props.importInput.current?.click()}>
                <Icon name="upload" /> <FormattedMessage id="grid.importRooms" />
              </button>
              <button type="button" className="btn" onClick={props.onManageRooms} data-testid="manage-rooms">
                <FormattedMessage id="drawer.manageRooms" />
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
  const intl = useIntl();
  if (!missed.length) {
    return (
      <p className="muted">
        <FormattedMessage id="drawer.noMissed" />
      </p>
    );
  }
  return (
    <>
      <ul className="rows">
        {missed.map((m) => (
          <li key={m.sessionId} className="row" data-testid="missed-call">
            <Icon name="alert-circle" size={18} />
            <strong>{roomName(m, intl)}</strong>
            <span className="muted">
              <FormattedMessage id={END_WORDS[m.reason]} /> · {formatClock(m.at, intl)} (<Ago at={m.at} />)
            </span>
            {m.roomId ? (
              <button type="button" className="btn btn-small" data-testid="call-back" onClick={() => onCallBack(m)}>
                <Icon name="phone-outgoing" size={16} /> <FormattedMessage id="drawer.callBack" />
              </button>
            ) : (
              <button type="button" className="btn btn-small" data-testid="add-to-directory" onClick={() => onAdd(m.remote)}>
                <FormattedMessage id="dock.addToDirectory" />
              </button>
            )}
          </li>
        ))}
      </ul>
      <button type="button" className="btn btn-small" onClick={onClear}>
        <FormattedMessage id="drawer.markSeen" />
      </button>
    </>
  );
}

const DEVICE_CHOICES: { key: keyof Devices; label: MessageId; kind: MediaDeviceKind; unnamed: MessageId }[] = [
  { key: 'microphone', label: 'devices.microphone', kind: 'audioinput', unnamed: 'devices.unnamedMicrophone' },
  { key: 'speaker', label: 'devices.speaker', kind: 'audiooutput', unnamed: 'devices.unnamedSpeaker' },
  { key: 'ringer', label: 'devices.ringer', kind: 'audiooutput', unnamed: 'devices.unnamedSpeaker' },
  { key: 'camera', label: 'devices.camera', kind: 'videoinput', unnamed: 'devices.unnamedCamera' },
];

function DevicesPanel({ devices, onSave, onTest }: { devices: Devices | null; onSave(devices: Devices): void; onTest(): void }) {
  const intl = useIntl();
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
            <span>
              <FormattedMessage id={label} />
            </span>
            <select
              value={chosen}
              disabled={!devices}
              data-testid={`device-${key}`}
              onChange={(e) => devices && onSave({ ...devices, [key]: e.target.value || null })}
            >
              <option value="">{intl.formatMessage({ id: 'devices.systemDefault' })}</option>
              {chosen && !options.some((d) => d.deviceId === chosen) && <option value={chosen}>{intl.formatMessage({ id: 'devices.notConnected' })}</option>}
              {options.map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {d.label || intl.formatMessage({ id: unnamed }, { n: i + 1 })}
                </option>
              ))}
            </select>
          </label>
        );
      })}
      <button type="button" className="btn" onClick={onTest}>
        <Icon name="phone-incoming" /> <FormattedMessage id="devices.testRinger" />
      </button>
    </div>
  );
}
