// Loaded with `-r` before the app's own code, by test/electron/app.spec.ts only: records what the app
// asks of the Electron objects Playwright cannot reach (the tray, OS notifications) on
// globalThis.__opentas, where `app.evaluate` reads them. It changes no behaviour: every call goes on
// to Electron.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- `-r` loads CommonJS, before the app's ES modules
const { Notification, Tray } = require('electron');

const seen = { tray: { toolTip: '', menu: [] }, notifications: [] };
globalThis.__opentas = seen;

const setToolTip = Tray.prototype.setToolTip;
Tray.prototype.setToolTip = function (text) {
  seen.tray.toolTip = text;
  return setToolTip.call(this, text);
};
const setContextMenu = Tray.prototype.setContextMenu;
Tray.prototype.setContextMenu = function (menu) {
  seen.tray.menu = menu ? menu.items : [];
  return setContextMenu.call(this, menu);
};
const show = Notification.prototype.show;
Notification.prototype.show = function () {
  seen.notifications.push(this);
  return show.call(this);
};
