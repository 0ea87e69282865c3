// Sandboxed preload (bundled to app/dist/preload.cjs): exposes only window.desk = { invoke, on }.
import { contextBridge, ipcRenderer } from 'electron';
import { createDeskApi } from './preload-api.js';

contextBridge.exposeInMainWorld('desk', createDeskApi(ipcRenderer));
