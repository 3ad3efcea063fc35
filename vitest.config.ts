import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      '@': root,
      // `server-only` throws outside React Server Components; tests call the same modules directly.
      'server-only': path.join(root, 'tests/support/empty-module.ts'),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['lib/**/*.test.ts', 'components/**/*.test.{ts,tsx}', 'prisma/**/*.test.ts', 'scripts/**/decide-*.test.ts', 'scripts/lib/response-cache.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['scripts/**/decide-*.test.ts', 'scripts/lib/response-cache.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // Newsletter links are signed with it (lib/newsletters/tokens.ts), in this process and the workers it starts.
          env: { AUTH_SECRET: process.env.AUTH_SECRET ?? 'integration-only-secret-integration-only' },
        },
      },
    ],
  },
});
