// The application menu, in the desk's language: File ("Open logs folder", "Save diagnostics…",
// Quit), Edit (keyboard copy/paste on macOS needs it), View and Window with their standard roles,
// and the developer tools only in unpackaged builds. Rebuilt when the language changes.
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MessageId } from '../domain/text.js';
import type { Translator } from '../i18n/format.js';
import { PRODUCT_NAME } from './tray-model.js';

export function installAppMenu(openLogs: () => void, saveDiagnostics: () => void, devTools: boolean, t: Translator): void {
  const isMac = process.platform === 'darwin';
  const say = (id: MessageId) => t.formatMessage({ id });
  const product = PRODUCT_NAME;
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: say('menu.file'),
      submenu: [
        { label: say('shell.openLogs'), click: openLogs },
        { label: say('shell.saveDiagnostics'), click: saveDiagnostics },
        { type: 'separator' },
        isMac ? { role: 'close', label: say('menu.close') } : { role: 'quit', label: t.formatMessage({ id: 'shell.quit' }, { product }) },
      ],
    },
    {
      label: say('menu.edit'),
      submenu: [
        { role: 'undo', label: say('menu.undo') },
        { role: 'redo', label: say('menu.redo') },
        { type: 'separator' },
        { role: 'cut', label: say('menu.cut') },
        { role: 'copy', label: say('menu.copy') },
        { role: 'paste', label: say('menu.paste') },
        { role: 'selectAll', label: say('menu.selectAll') },
      ],
    },
    {
      label: say('menu.view'),
      submenu: [
        { role: 'resetZoom', label: say('menu.resetZoom') },
        { role: 'zoomIn', label: say('menu.zoomIn') },
        { role: 'zoomOut', label: say('menu.zoomOut') },
        { type: 'separator' },
        { role: 'togglefullscreen', label: say('menu.fullScreen') },
        ...(devTools ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
      ],
    },
    {
      label: say('menu.window'),
      submenu: [{ role: 'minimize', label: say('menu.minimize') }, { role: 'close', label: say('menu.close') }],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
