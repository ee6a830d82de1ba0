import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/errors.js';
import { errorStatus } from '../../src/web/error-status.js';

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');

describe('error codes', () => {
  for (const code of Object.keys(ERROR_CODES) as (keyof typeof ERROR_CODES)[]) {
    it(`${code} is mapped to an HTTP status and documented with it`, () => {
      const status = errorStatus[code];
      expect(status).toBeGreaterThanOrEqual(400);
      expect(doc).toMatch(new RegExp(`\\| \`${code}\` \\| ${status} \\|`));
    });
  }
});
