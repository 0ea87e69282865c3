import { defineConfig } from '@playwright/test';

// End-to-end: headless mode + the built renderer in Debian's Chromium with fake media devices,
// against simulated Echo rooms (plain RTCPeerConnection, no data channel) run by the test process.
// Run inside a loopback-only network namespace (scripts/in-loopback-netns.sh).
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  reporter: [['list']],
  outputDir: '../../test-results/e2e',
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        '--allow-loopback-in-peer-connection',
        '--autoplay-policy=no-user-gesture-required',
      ],
    },
    // The console follows the browser's language: tests pin it (a test may pick another).
    locale: 'en-US',
    permissions: ['microphone', 'camera'],
    trace: 'retain-on-failure',
  },
});
