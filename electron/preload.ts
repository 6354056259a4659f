import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

// The page gets exactly two functions, never ipcRenderer itself.
contextBridge.exposeInMainWorld('keel', {
  invoke: (channel: string, input: unknown, options?: { background?: boolean }): Promise<unknown> => ipcRenderer.invoke('keel:invoke', channel, input, { background: options?.background === true }),
  subscribe: (event: string, listener: (payload: unknown) => void): (() => void) => {
    const handler = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on('keel:event', handler);
    return () => ipcRenderer.removeListener('keel:event', handler);
  },
});
