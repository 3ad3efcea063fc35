import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const config = [
  { ignores: ['.next/**', 'node_modules/**', 'lib/generated/**', 'data/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**', 'bench-results/**'] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    // Reader pages use plain links: full page loads of cached HTML, and no router JavaScript to ship.
    files: ['app/(site)/**', 'components/site/**', 'app/not-found.tsx', 'app/forbidden.tsx'],
    rules: { '@next/next/no-html-link-for-pages': 'off' },
  },
  {
    // Layers: pages and components reach data through lib/<domain> (queries, operations), never the
    // database client or Prisma itself (docs/architecture.md).
    files: ['app/**', 'components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/lib/db', '@/lib/generated/*', '@prisma/*'], message: 'Read through lib/<domain>/queries.ts and write through an operation (lib/<domain>/<verb>-<noun>.ts).' },
          ],
        },
      ],
    },
  },
  {
    files: ['components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/lib/db', '@/lib/generated/*', '@prisma/*'], message: 'Read through lib/<domain>/queries.ts and write through an operation (lib/<domain>/<verb>-<noun>.ts).' },
            { group: ['@/app/*'], message: 'Components get Server Actions as props from the page that renders them.' },
          ],
        },
      ],
    },
  },
  {
    // Data flows one way (route → lib → Prisma): lib never reaches back up into routes, components or root files.
    files: ['lib/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^@/(app|components|auth|proxy|instrumentation)(/|$)', message: 'lib/ must not import from app/, components/ or root modules: move the shared code into lib/.' }] },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];

export default config;
