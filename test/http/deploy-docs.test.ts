import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NGINX_CONF_FILES } from '../helpers/nginx.js';

const doc = readFileSync(new URL('../../docs/deploy.md', import.meta.url), 'utf8');
const blocks = Array.from(doc.matchAll(/```nginx\n([\s\S]*?)```/g), (m) => m[1]!);

describe('docs/deploy.md', () => {
  for (const [mode, file] of Object.entries(NGINX_CONF_FILES)) {
    it(`gives deploy/nginx/masthead-${mode}.conf verbatim (the file the nginx tests run)`, () => {
      expect(blocks).toContain(readFileSync(file, 'utf8'));
    });
  }
});
