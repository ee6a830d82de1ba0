import { request as httpRequest } from 'node:http';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { clientOf, trustFunction, type TrustProxySetting } from '../../src/web/trust-proxy.js';

/** Sends one request over a real socket and returns what the route answered. */
function ask(port: number, headers: Record<string, string>): Promise<{ fastify: unknown; ours: unknown }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/who', headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve(JSON.parse(body) as { fastify: unknown; ours: unknown }));
    });
    req.on('error', reject);
    req.end();
  });
}

const cases: Record<string, string>[] = [
  {},
  { 'x-forwarded-for': '203.0.113.7' },
  { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' },
  { 'x-forwarded-for': '198.51.100.1, 10.0.0.5, 203.0.113.7', 'x-forwarded-host': 'evil.example, news.example', 'x-forwarded-proto': 'https' },
  { 'x-forwarded-for': ' 198.51.100.1 ,, 203.0.113.7 ', 'x-forwarded-proto': 'http, https' },
];

// The beacon's fast path resolves the client itself; it must see exactly what Fastify's
// request.ip, .host and .protocol say under the same setting, and a spoofed left-most
// X-Forwarded-For entry must not become the client unless every hop is trusted.
describe('one trust decision for Fastify and the fast path', () => {
  const settings: TrustProxySetting[] = [false, 1, 2, ['127.0.0.1'], ['127.0.0.1', '203.0.113.0/24'], true];
  for (const setting of settings) {
    it(`MASTHEAD_TRUST_PROXY=${JSON.stringify(setting)}: clientOf() agrees with Fastify`, async () => {
      const trust = trustFunction(setting);
      const app = Fastify(trust ? { trustProxy: trust } : {});
      app.get('/who', async (request) => ({
        fastify: { ip: request.ip, host: request.host, protocol: request.protocol },
        ours: clientOf(request.raw, trust),
      }));
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      try {
        for (const headers of cases) {
          const answer = await ask(port, headers);
          expect(answer.ours, JSON.stringify(headers)).toEqual(answer.fastify);
          const ip = (answer.ours as { ip: string }).ip;
          // With no trust, one hop, or only the local proxy trusted, an address the client wrote is never taken.
          if (setting === false || setting === 1 || (Array.isArray(setting) && setting.length === 1)) expect(ip).not.toBe('198.51.100.1');
        }
      } finally {
        await app.close();
      }
    });
  }

  it('one trusted hop takes the address the proxy appended, not the one the client wrote', async () => {
    const app = Fastify({ trustProxy: trustFunction(1)! });
    app.get('/who', async (request) => ({ fastify: request.ip, ours: clientOf(request.raw, trustFunction(1)).ip }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      expect(await ask(port, { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' })).toEqual({ fastify: '203.0.113.7', ours: '203.0.113.7' });
    } finally {
      await app.close();
    }
  });
});
