import { defineConfig } from '@playwright/test';

// Smoke test of the packaged desktop app (run by .github/workflows/desktop.yml after
// electron-builder; DESK_APP_DIR names electron-builder's output folder). Not part of `npm test`:
// Electron's binary cannot be downloaded on the development machines.
export default defineConfig({
  testDir: '.',
  testMatch: 'smoke.spec.ts',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: '../../playwright-report/electron' }]],
  outputDir: '../../test-results/electron',
});
