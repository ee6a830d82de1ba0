import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { AppError } from '../errors.js';

describe('loadConfig', () => {
  it('uses defaults when nothing is given', () => {
    const c = loadConfig({}, {});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir: './data', demo: true });
    expect(Object.isFrozen(c)).toBe(true);
  });
  it('lets flags win over the environment', () => {
    expect(loadConfig({ port: '4000' }, { MASTHEAD_PORT: '5000' }).port).toBe(4000);
    expect(loadConfig({}, { MASTHEAD_PORT: '5000' }).port).toBe(5000);
  });
  it('rejects an invalid port with a one-line message naming the field', () => {
    for (const port of ['70000', 'abc', '-1', '3.5']) {
      expect(() => loadConfig({ port }, {})).toThrowError(AppError);
      expect(() => loadConfig({ port }, {})).toThrowError(/^Invalid port/);
    }
  });
  it('rejects a malformed database URL and boolean', () => {
    expect(() => loadConfig({}, { MASTHEAD_DATABASE_URL: 'not a url' })).toThrowError(/databaseUrl/);
    expect(() => loadConfig({}, { MASTHEAD_DEMO: 'maybe' })).toThrowError(/demo/);
  });
  it('keeps the Related snapshot in the data folder unless told otherwise', () => {
    expect(loadConfig({ data: '/srv/site' }, {}).relatedSnapshot).toBe('/srv/site/related-index.snapshot');
    expect(loadConfig({}, { MASTHEAD_DATABASE_URL: 'postgres://db/site', MASTHEAD_DATA_DIR: '/srv/pg' }).relatedSnapshot).toBe('/srv/pg/related-index.snapshot');
    expect(loadConfig({ data: ':memory:' }, {}).relatedSnapshot).toBeUndefined();
    expect(loadConfig({}, { MASTHEAD_RELATED_SNAPSHOT: 'off' }).relatedSnapshot).toBeUndefined();
    expect(loadConfig({}, { MASTHEAD_RELATED_SNAPSHOT: '/var/cache/masthead/related.snap' }).relatedSnapshot).toBe('/var/cache/masthead/related.snap');
  });
});
