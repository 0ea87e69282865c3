// The tray icon: its look, tooltip and menu follow ./tray-model.ts.
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { join } from 'node:path';
import type { TrayAction, TrayLook, TrayModel } from './tray-model.js';

export interface DeskTray {
  update(model: TrayModel): void;
  destroy(): void;
}

export function createDeskTray(iconDir: string, initial: TrayModel, onAction: (action: TrayAction) => void): DeskTray {
  const icons = new Map<TrayLook, NativeImage>();
  // tray-<look>.png with a tray-<look>@2x.png beside it; Electron picks the one for the screen.
  const icon = (look: TrayLook) => {
    let image = icons.get(look);
    if (!image) {
      image = nativeImage.createFromPath(join(iconDir, `tray-${look}.png`));
      icons.set(look, image);
    }
    return image;
  };

  const tray = new Tray(icon(initial.look));
  // Windows and macOS: a click opens the console; Linux shows the menu (AppIndicator has no click).
  tray.on('click', () => onAction('show'));

  let shown: TrayModel | null = null;
  const update = (model: TrayModel) => {
    if (tray.isDestroyed()) return;
    if (shown?.look !== model.look) tray.setImage(icon(model.look));
    if (shown?.tooltip !== model.tooltip) tray.setToolTip(model.tooltip);
    if (process.platform === 'darwin' && shown?.title !== model.title) tray.setTitle(model.title);
    if (JSON.stringify(shown?.menu) !== JSON.stringify(model.menu)) {
      tray.setContextMenu(
        Menu.buildFromTemplate(
          model.menu.map((item): MenuItemConstructorOptions => {
            if (item.type === 'separator') return { type: 'separator' };
            if (item.type === 'info') return { label: item.label, enabled: false };
            return { label: item.label, click: () => onAction(item.action) };
          }),
        ),
      );
    }
    shown = model;
  };
  update(initial);

  return {
    update,
    destroy: () => {
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
