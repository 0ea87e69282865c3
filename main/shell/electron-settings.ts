// Settings in the Electron app: the same store, schema and migrations as plain Node
// (main/store/settings.ts), with electron-store as the storage in the app's userData folder.
import path from 'node:path';
import { app } from 'electron';
import ElectronStore from 'electron-store';
import { openSettingsStore, SETTINGS_FILE_NAME, type SettingsStore } from '../store/settings.js';

export function openElectronSettingsStore(): SettingsStore {
  const dir = app.getPath('userData');
  return openSettingsStore(
    path.join(dir, SETTINGS_FILE_NAME),
    () => new ElectronStore<Record<string, unknown>>({ cwd: dir, name: path.parse(SETTINGS_FILE_NAME).name }),
  );
}
