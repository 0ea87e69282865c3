// Call history benchmark (npm run bench): durable appends per second with group commit. Writers
// each append a line and wait until it is on disk (as the webhook waits before acknowledging a
// CallEnded), then append the next; lines that arrive during a write share the next fdatasync.
//  - history-durable-appends: lines/s and the batches they went to disk in, for 1 writer (every
//    line its own fdatasync: the floor), 64 and 256 writers (batches grow with the load, so lines/s
//    does too). Goal >= 10,000 lines/s with 64.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryEntry } from '../../main/ipc/contract.js';
import { openHistory } from '../../main/store/history.js';
import { ms, percentile } from './percentile.js';

function entry(n: number): HistoryEntry {
  const at = 1_700_000_000_000 + n;
  return { sessionId: `bench-${n}-${'x'.repeat(36)}`, direction: 'incoming', roomId: `room-${n % 500}`, title: `Room ${n % 500}`, startedAt: at, answeredAt: at + 5_000, endedAt: at + 60_000, endReason: 'completed' };
}

async function run(writers: number, lines: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'desk-history-bench-'));
  const batches: { lines: number; ms: number }[] = [];
  const history = openHistory(dir, { onBatch: (n, took) => batches.push({ lines: n, ms: took }) });
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < lines) await history.append(entry(next++));
    }),
  );
  const seconds = (performance.now() - t0) / 1_000;
  await history.close();
  rmSync(dir, { recursive: true, force: true });

  const sizes = batches.map((b) => b.lines).sort((a, b) => a - b);
  const took = batches.map((b) => b.ms).sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      bench: 'history-durable-appends',
      writers,
      lines,
      seconds: +seconds.toFixed(3),
      lines_per_s: Math.round(lines / seconds),
      batches: batches.length,
      lines_per_batch_p50: percentile(sizes, 50),
      lines_per_batch_max: sizes[sizes.length - 1],
      batch_write_sync_p50_ms: ms(percentile(took, 50)),
      batch_write_sync_p99_ms: ms(percentile(took, 99)),
      ...(writers === 64 ? { goal_lines_per_s: 10_000 } : {}),
    }),
  );
}

await run(1, 1_000);
await run(64, 50_000);
await run(256, 100_000);
