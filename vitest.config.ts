import react from '@vitejs/plugin-react';
import { configDefaults, defineConfig } from 'vitest/config';

/** Removes the temp folders each test file made with test/helpers/scratch.ts once the file is done. */
const SCRATCH_CLEANUP = 'test/helpers/scratchCleanup.ts';

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          setupFiles: [SCRATCH_CLEANUP],
          include: [
            'server/**/*.test.ts',
            'src/schema/**/*.test.ts',
            'scripts/**/*.test.ts',
            'test/infra/**/*.test.ts',
          ],
          exclude: [...configDefaults.exclude, '**/*.pg.test.ts'],
        },
      },
      {
        // The repository, API and comment suites again, on a real PostgreSQL cluster started once for the run.
        extends: true,
        test: {
          name: 'unit-pg',
          environment: 'node',
          setupFiles: [SCRATCH_CLEANUP],
          include: [
            'server/stories/routes.test.ts',
            'server/comments/routes.test.ts',
            'server/comments/moderation.test.ts',
            'server/comments/idempotency.test.ts',
            'server/sources/files/sync.test.ts',
            'server/store/content.test.ts',
            'server/http/answerCache.test.ts',
            'server/sources/wordpress/store.test.ts',
            'server/store/schedule.test.ts',
            'server/publishing/firstAndScheduled.test.ts',
            'server/scheduling/scheduler.test.ts',
            'server/moderators/moderators.test.ts',
            'server/moderators/email.test.ts',
            'server/search/search.test.ts',
            'server/store/searchBound.test.ts',
            'server/store/searchSameInstant.test.ts',
            'server/store/searchWithoutText.test.ts',
            'server/store/liveEntries.test.ts',
            'server/store/pages.test.ts',
            'server/sources/files/pages.test.ts',
            'server/publishing/pages.test.ts',
            'server/distribution/pagesSitemap.test.ts',
            'server/store/tags.test.ts',
            'server/**/*.pg.test.ts',
          ],
          env: { BYLINE_TEST_ENGINE: 'postgres' },
          globalSetup: ['test/helpers/postgresGlobalSetup.ts'],
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'components',
          environment: 'jsdom',
          include: ['src/**/*.test.tsx'],
          setupFiles: ['test/setup-dom.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          setupFiles: [SCRATCH_CLEANUP],
          include: ['test/e2e/**/*.test.ts', 'test/budget/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
