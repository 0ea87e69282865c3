// Headless mode: every main-process service under plain Node, the built renderer and the WebSocket
// bridge on loopback. Prints exactly one `DESK_READY {...}` line when ready (DESIGN §3.3).
import { fileURLToPath } from 'node:url';
import { startDesk } from '../desk/desk.js';
import { consoleLogger } from '../log/logger.js';
import { parseHeadlessArgs, USAGE, UsageError } from './args.js';
import { startUiServer } from './ui-server.js';

async function main(): Promise<void> {
  let options;
  try {
    options = parseHeadlessArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message) console.error(e.message);
    console.error(USAGE);
    process.exit(e.message ? 2 : 0);
  }

  // Logs go to stderr: stdout carries only the DESK_READY line for whoever started us.
  const log = consoleLogger(process.env.DESK_LOG_LEVEL === 'debug' ? 'debug' : 'info');
  const desk = await startDesk({ ...options, log });
  // Single-desk mode needs its webhook; in property mode events come from the broker.
  if (!desk.webhookUrl && (!desk.brokerUrl || options.webhookPort !== undefined)) {
    await desk.stop();
    console.error('The skill webhook could not start (see above).');
    process.exit(1);
  }
  const rendererDir = fileURLToPath(new URL('./renderer/', import.meta.url));
  const ui = await startUiServer({ desk, rendererDir, port: options.uiPort, log });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: ending live calls and stopping`);
    await ui.close();
    await desk.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const ready = desk.brokerUrl ? { webhook: desk.webhookUrl || null, ui: ui.url, broker: desk.brokerUrl } : { webhook: desk.webhookUrl, ui: ui.url };
  process.stdout.write(`DESK_READY ${JSON.stringify(ready)}\n`);
  if (desk.mode === 'demo') log.info('Demo mode — calls come from simulated rooms; open the ui address (DESK_READY) in a browser.');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
