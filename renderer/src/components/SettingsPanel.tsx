// Settings, in the place of the room grid (the call dock stays beside it, so a call is never
// hidden): the desk's settings, the link to Amazon, the ASP setup checklist, the room directory and
// the property this desk shares its calls with.
import { FormattedMessage, useIntl } from 'react-intl';
import type { Address, DeskApi, DeskStatus, MessageId, Room } from '../../../main/ipc/contract.js';
import { DeskSettingsForm } from './DeskSettingsForm.js';
import { Icon } from './Icon.js';
import { LanguagePicker } from './LanguagePicker.js';
import { LinkPanel, SETUP_SIGN_IN_ID } from './LinkPanel.js';
import { PropertyPanel } from './PropertyPanel.js';
import { RoomsPanel } from './RoomsPanel.js';
import { SetupPanel } from './SetupPanel.js';

export type SettingsSection = 'desk' | 'link' | 'setup' | 'rooms' | 'property';

interface SettingsPanelProps {
  desk: Pick<DeskApi, 'invoke'>;
  section: SettingsSection;
  onSection(section: SettingsSection): void;
  onClose(): void;
  status: DeskStatus;
  rooms: readonly Room[];
  /** A caller's address to add as a new room (the rooms section opens with it filled in). */
  newRoom?: Address | null;
  /** Changes when main reports something, so the link and setup states reload. */
  refreshKey: string;
  onImportRooms(): void;
}

const SECTIONS: { id: SettingsSection; label: MessageId }[] = [
  { id: 'desk', label: 'settings.desk' },
  { id: 'link', label: 'settings.link' },
  { id: 'setup', label: 'settings.setup' },
  { id: 'rooms', label: 'grid.label' },
  { id: 'property', label: 'settings.property' },
];

export function SettingsPanel({ desk, section, onSection, onClose, status, rooms, newRoom = null, refreshKey, onImportRooms }: SettingsPanelProps) {
  const intl = useIntl();
  const openSignIn = () => {
    onSection('link');
    requestAnimationFrame(() => document.getElementById(SETUP_SIGN_IN_ID)?.scrollIntoView?.({ block: 'start' }));
  };
  return (
    <section className="settings" aria-labelledby="settings-title" data-testid="settings" data-section={section}>
      <header className="settings-head">
        <h1 id="settings-title">
          <FormattedMessage id="status.settings" />
        </h1>
        <nav className="settings-nav" aria-label={intl.formatMessage({ id: 'settings.sections' })}>
          {SECTIONS.map((s) => (
            <button
              key={s.id}
              type="button"
              className="tab"
              aria-current={section === s.id ? 'page' : undefined}
              onClick={() => onSection(s.id)}
              data-testid={`settings-${s.id}`}
            >
              {s.id === 'link' && <LinkMark mode={status.mode} />}
              <FormattedMessage id={s.label} />
              {s.id === 'rooms' && <span className="muted"> ({rooms.length})</span>}
            </button>
          ))}
        </nav>
        <button type="button" className="btn" onClick={onClose} data-testid="settings-close">
          <Icon name="x" size={18} /> <FormattedMessage id="settings.back" />
        </button>
      </header>
      <div className="settings-body">
        {section === 'desk' && <LanguagePicker desk={desk} setting={status.language} />}
        {section === 'desk' && <DeskSettingsForm desk={desk} status={status} />}
        {section === 'link' && <LinkPanel desk={desk} refreshKey={refreshKey} />}
        {section === 'setup' && <SetupPanel desk={desk} refreshKey={refreshKey} onOpenSignIn={openSignIn} />}
        {section === 'property' && <PropertyPanel desk={desk} status={status} />}
        {section === 'rooms' && <RoomsPanel key={newRoom?.value ?? ''} desk={desk} rooms={rooms} newRoom={newRoom} onImport={onImportRooms} />}
      </div>
    </section>
  );
}

/** The link state on its tab, so "not linked" is visible from any section. */
function LinkMark({ mode }: { mode: DeskStatus['mode'] }) {
  if (mode === 'linked') return <Icon name="check" size={16} />;
  return <Icon name={mode === 'demo' ? 'info' : 'alert-triangle'} size={16} />;
}
