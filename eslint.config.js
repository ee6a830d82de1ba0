import tseslint from 'typescript-eslint';

// Rule 1 of the design: the discovery engines and content rules stay pure, so they can be
// unit-tested and benchmarked without a database, a server or the clock.
const pureRestrictions = {
  patterns: [
    // node:zlib is computation only (the snapshot container's CRC-32), never I/O.
    { group: ['node:*', '!node:zlib', 'fs', 'path', 'crypto', 'http', 'os', 'child_process'], message: 'discovery/ and content/ are pure: no Node I/O modules.' },
    { group: ['**/storage/**', '**/web/**', '**/counters/**', '**/services/**', 'better-sqlite3', 'pg', 'ioredis', 'fastify'], message: 'discovery/ and content/ are pure: no storage, web or services.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', '.tmp/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      // Closures created before a late assignment (e.g. a logger made after the services) read it later.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/discovery/**/*.ts', 'src/content/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', pureRestrictions],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Pass the time in; pure code never reads the clock.' }],
      'no-restricted-globals': ['error', { name: 'process', message: 'Pure code reads no environment.' }],
    },
  },
);
