// Counts what main pushes to a window: a bridge connection of its own (it counts as a window, so
// main pushes to it) that adds up the size of every event message except media requests.
import WebSocket from 'ws';

export interface PushMeter {
  /** Starts a measurement window (forgets what came before). */
  reset(): void;
  /** Pushes since reset: how many, their total and largest size, and bytes per second. */
  read(): { pushes: number; kb_total: number; kb_per_push_avg: number; kb_per_push_max: number; kb_per_s: number };
  close(): void;
}

export async function startPushMeter(uiUrl: string): Promise<PushMeter> {
  const url = new URL(uiUrl);
  const ws = new WebSocket(`ws://${url.host}/bridge?token=${url.searchParams.get('token') ?? ''}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let since = performance.now();
  let pushes = 0;
  let bytes = 0;
  let largest = 0;
  ws.on('message', (data: Buffer) => {
    const text = data.toString();
    if (!text.startsWith('{"event"') || text.startsWith('{"event":"media"')) return;
    pushes++;
    bytes += data.length;
    largest = Math.max(largest, data.length);
  });
  const kb = (n: number) => Math.round(n / 102.4) / 10;
  return {
    reset() {
      since = performance.now();
      pushes = bytes = largest = 0;
    },
    read() {
      const seconds = (performance.now() - since) / 1000;
      return { pushes, kb_total: kb(bytes), kb_per_push_avg: kb(pushes ? bytes / pushes : 0), kb_per_push_max: kb(largest), kb_per_s: kb(bytes / seconds) };
    },
    close: () => ws.close(),
  };
}
