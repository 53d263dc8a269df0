// Three kinds of test, each its own project so the output names what failed:
// unit (pure logic), integration (commands in process with a fake Context and a
// temporary ONCALL_HOME) and e2e (the built bin, spawned as a user runs it).
// Only e2e needs dist/, so only e2e builds it first.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // Local clock times (HH:MM) are read in the process's zone; the fake context says UTC too.
          env: { TZ: 'UTC' },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/setup/build.ts'],
        },
      },
    ],
  },
});
