// Renderer entry: connect to the console, start following its state and running call media,
// then show the screen.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.js';
import { connectDesk } from './desk-client.js';
import { MediaRunner, type DeskMediaProbe } from './media/media-runner.js';
import { IceServerHealth, probeIceServer } from './media/ice-health.js';
import { browserPeerDeps, PeerSession } from './media/peer-session.js';
import { createTonePlayer } from './sound/tones.js';
import { DeskStore } from './state/desk-store.js';
import { RoomReveal } from './state/reveal.js';
import './styles.css';

const DEFAULT_GATHER_CAP_MS = 2000;

declare global {
  interface Window {
    /** Test hook: the media of live calls (DESIGN §3.4). */
    __deskMedia?: DeskMediaProbe;
    /** Test hook: brings a room's tile into view in the virtualized grid (README, "UI test hooks"). */
    __deskGrid?: { reveal(roomId: string): void };
  }
}

const client = await connectDesk(window);
// One memory of which STUN/TURN servers answer, for every call of this window.
const peerDeps = browserPeerDeps(new IceServerHealth({ probe: (server) => probeIceServer(server), setTimeout: (run, ms) => setTimeout(run, ms) }));
const store: DeskStore = new DeskStore(client, {
  // A console that restarted knows nothing of the calls of before: their peers go.
  loaded: (snapshot) => media.retain(new Set(snapshot.calls.calls.filter((c) => c.phase !== 'ended').map((c) => c.sessionId))),
});
const media: MediaRunner = new MediaRunner({
  desk: client,
  settings: () => {
    const { snapshot, devices } = store.getState();
    return {
      iceServers: snapshot?.status.iceServers ?? [],
      iceGatherTimeoutMs: snapshot?.status.iceGatherTimeoutMs ?? DEFAULT_GATHER_CAP_MS,
      microphoneId: devices?.microphone ?? null,
      cameraId: devices?.camera ?? null,
    };
  },
  openSession: (sessionId, settings, hooks) => new PeerSession(sessionId, settings, peerDeps, hooks),
  notify: (notice) => store.addLocalNotice(notice),
  connected: () => client.connection().state === 'open',
});
window.__deskMedia = media.probe();
const reveal = new RoomReveal();
window.__deskGrid = { reveal: (roomId) => reveal.request(roomId) };

media.start(); // before the store claims media on connect
store.start();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App client={client} store={store} media={media} tones={createTonePlayer()} reveal={reveal} />
  </StrictMode>,
);
