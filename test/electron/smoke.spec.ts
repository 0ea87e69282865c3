// The packaged desktop app, end to end: it starts in demo mode with the room grid, a simulated
// room calls, the desk answers, audio flows (inbound RTP bytes grow), and quitting ends cleanly.
// Also checks the hardening that only a real Electron can show: the page's origin, the preload
// surface, no Node in the page, and a CSP that blocks inline script.
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const PRODUCT = 'Front Desk Console';
const LINUX_EXECUTABLE = 'frontdesk-console';

/** The executable inside electron-builder's --dir output for this OS. */
function packagedExecutable(outputDir: string): string {
  const dir = resolve(outputDir);
  const folders = existsSync(dir) ? readdirSync(dir) : [];
  const pick = (test: (name: string) => boolean) => {
    const name = folders.find(test);
    if (!name) throw new Error(`no packaged app in ${dir} (found: ${folders.join(', ') || 'nothing'}); run electron-builder --dir first`);
    return join(dir, name);
  };
  if (process.platform === 'darwin') return join(pick((n) => n.startsWith('mac')), `${PRODUCT}.app`, 'Contents', 'MacOS', PRODUCT);
  if (process.platform === 'win32') return join(pick((n) => /^win.*unpacked$/.test(n)), `${PRODUCT}.exe`);
  return join(pick((n) => /^linux.*unpacked$/.test(n)), LINUX_EXECUTABLE);
}

/** Inbound audio bytes of a call, from the renderer's media probe (window.__deskMedia). */
async function inboundAudioBytes(page: Page, sessionId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const probe = (window as unknown as { __deskMedia?: { stats(id: string): Promise<{ inboundAudioBytes: number }> } }).__deskMedia;
    if (!probe) throw new Error('window.__deskMedia is missing');
    return (await probe.stats(id)).inboundAudioBytes;
  }, sessionId);
}

let app: ElectronApplication;
let page: Page;
let dataDir: string;

test.beforeAll(async () => {
  const executablePath = packagedExecutable(process.env.DESK_APP_DIR ?? 'release');
  dataDir = mkdtempSync(join(tmpdir(), 'desk-smoke-'));
  app = await electron.launch({
    executablePath,
    args: [
      '--demo',
      `--data-dir=${dataDir}`,
      '--webhook-port=0',
      // CI machines have no camera or microphone.
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--allow-loopback-in-peer-connection',
      '--autoplay-policy=no-user-gesture-required',
    ],
    env: { ...process.env, DESK_LOG_LEVEL: 'debug' },
    timeout: 60_000,
  });
  page = await app.firstWindow();
});

test.afterAll(async () => {
  if (app) await app.close().catch(() => {});
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('the packaged console rings, answers a room with audio, and quits cleanly', async ({}, testInfo) => {
  await test.step('starts in demo mode with the room grid', async () => {
    await expect(page.locator('[data-testid="room-tile"]').first()).toBeVisible();
    expect(await page.evaluate(() => location.origin)).toBe('app://desk');
  });

  await test.step('the page has only the contract surface: no Node, no ipcRenderer', async () => {
    const surface = await page.evaluate(() => ({
      desk: Object.keys((window as unknown as { desk: object }).desk).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(surface).toEqual({ desk: ['invoke', 'on'], require: 'undefined', process: 'undefined' });
  });

  await test.step('the CSP blocks inline script', async () => {
    const ran = await page.evaluate(async () => {
      const w = window as unknown as { __inlineRan?: boolean };
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      document.head.appendChild(script);
      await new Promise((r) => setTimeout(r, 100));
      script.remove();
      return w.__inlineRan === true;
    });
    expect(ran).toBe(false);
  });

  const sessionId = await test.step('a simulated room calls and the desk rings', async () => {
    const trigger = page.locator('[data-testid="demo-call"]');
    if ((await trigger.count()) > 0) await trigger.first().click();
    else {
      const result = await page.evaluate(() => (window as unknown as { desk: { invoke(c: string, a: object): Promise<{ ok: boolean; error?: string }> } }).desk.invoke('demoCall', {}));
      expect(result).toMatchObject({ ok: true });
    }
    const incoming = page.locator('[data-testid="incoming-call"]').first();
    await expect(incoming).toBeVisible();
    const id = await incoming.getAttribute('data-session-id');
    expect(id).toBeTruthy();
    return id as string;
  });

  await test.step('answering connects the call', async () => {
    await page.locator(`[data-testid="incoming-call"][data-session-id="${sessionId}"] [data-testid="answer"]`).click();
    await expect(page.locator(`[data-testid="active-call"][data-session-id="${sessionId}"][data-state="active"]`)).toBeVisible();
  });

  await test.step('audio from the room arrives (inbound RTP bytes grow)', async () => {
    await expect.poll(() => inboundAudioBytes(page, sessionId), { timeout: 30_000 }).toBeGreaterThan(0);
    const first = await inboundAudioBytes(page, sessionId);
    await expect.poll(() => inboundAudioBytes(page, sessionId), { timeout: 15_000 }).toBeGreaterThan(first);
    await page.screenshot({ path: testInfo.outputPath('in-call.png') });
  });

  await test.step('quitting ends the call and the app exits cleanly', async () => {
    const exited = new Promise<number | null>((resolveExit) => app.process().once('exit', (code) => resolveExit(code)));
    const started = Date.now();
    await app.close();
    const code = await exited;
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    const log = readFileSync(join(dataDir, 'logs', 'console.log'), 'utf8');
    expect(log).toContain('console started');
    expect(log).not.toMatch(/uncaught exception|unhandled rejection|renderer process gone/);
  });
});
