/**
 * Carries the IPC contract over Electron's ipcMain: one `ipcMain.handle` per invoke channel of the
 * contract table, each passing the real sender (the sending frame's origin, and whether it is the
 * window's main frame) to the IpcRouter, which refuses anything else. Events go to the app's
 * windows only after a check against the contract.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { eventChannels, INVOKE_CHANNEL_NAMES, type EventChannel } from '../../shared/ipc.js';
import type { IpcRouter, IpcSender } from '../ipc/router.js';
import { frameSender } from './origin.js';
import { isAppUrl } from './security.js';

export function senderOf(event: IpcMainInvokeEvent): IpcSender {
  return frameSender(event.senderFrame, event.sender.mainFrame);
}

export function registerIpc(router: IpcRouter): () => void {
  for (const channel of INVOKE_CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, request: unknown) => router.handle(channel, request, senderOf(event)));
  }
  return () => {
    for (const channel of INVOKE_CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}

/** Sends one app event to every window showing the app, if it matches the contract. */
export function sendEvent(channel: EventChannel, payload: unknown, log: (message: string) => void): void {
  const checked = eventChannels[channel].safeParse(payload);
  if (!checked.success) {
    log(`ipc: dropped event ${channel} outside the contract`);
    return;
  }
  for (const window of BrowserWindow.getAllWindows()) {
    const contents = window.webContents;
    if (!contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(channel, checked.data);
  }
}
