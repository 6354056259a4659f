import { describe, expect, it } from 'vitest';
import { appMenuTemplate, DEVELOPER_ROLES, type AppMenuItem } from '../../electron/core/app-menu';

/** Every role anywhere in the menu, submenus included. */
function roles(items: AppMenuItem[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...roles(item.submenu ?? [])]);
}

const menuNamed = (items: AppMenuItem[], label: string) => items.find((item) => item.label === label || item.role === label.toLowerCase());

describe('application menu', () => {
  for (const platform of ['darwin', 'win32', 'linux']) {
    it(`a packaged Keel on ${platform} has no reload and no developer tools`, () => {
      const menu = appMenuTemplate({ platform, appName: 'Keel', packaged: true });
      for (const role of [...DEVELOPER_ROLES, 'viewMenu', 'reload', 'forceReload', 'toggleDevTools']) expect(roles(menu)).not.toContain(role);
    });

    it(`on ${platform} keeps Edit (copy and paste in text fields), Window, About and Quit`, () => {
      const menu = appMenuTemplate({ platform, appName: 'Keel', packaged: true });
      expect(roles(menuNamed(menu, 'Edit')?.submenu ?? [])).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
      expect(menuNamed(menu, 'Window')?.submenu?.length).toBeGreaterThan(0);
      expect(roles(menu)).toEqual(expect.arrayContaining(['about', 'quit']));
    });
  }

  it('a development run keeps reload and the developer tools', () => {
    expect(roles(appMenuTemplate({ platform: 'linux', appName: 'Keel', packaged: false }))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });
});
