// The application menu: standard edit/window roles (keyboard copy/paste on macOS needs them),
// "Open logs folder", "Save diagnostics…", and the developer tools only in unpackaged builds.
import { Menu, type MenuItemConstructorOptions } from 'electron';
import { PRODUCT_NAME } from './tray-model.js';

export function installAppMenu(openLogs: () => void, saveDiagnostics: () => void, devTools: boolean): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [{ label: 'Open logs folder', click: openLogs }, { label: 'Save diagnostics…', click: saveDiagnostics }, { type: 'separator' }, isMac ? { role: 'close' } : { role: 'quit', label: `Quit ${PRODUCT_NAME}` }],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(devTools ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
