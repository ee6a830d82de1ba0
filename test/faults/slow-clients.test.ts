import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createMasthead, type Masthead } from '../../src/main.js';

let m: Masthead;
let port: number;
beforeAll(async () => {
  const config = loadConfig({ data: ':memory:', logLevel: 'silent' }, { MASTHEAD_REQUEST_TIMEOUT_MS: '2000' });
  m = await createMasthead(config);
  await m.seedDemoIfEmpty();
  await m.app.listen({ port: 0, host: '127.0.0.1' });
  const address = m.app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(async () => m.close());

/** Opens a socket, writes `data`, and resolves with what came back and how long until the server closed it. */
function hold(data: string, limitMs: number): Promise<{ closedAfterMs: number | undefined; reply: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    let reply = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(data));
    socket.on('data', (d) => (reply += d.toString()));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ closedAfterMs: undefined, reply });
    }, limitMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ closedAfterMs: Date.now() - started, reply });
    });
    socket.on('error', () => {});
  });
}

describe('slow and malformed clients', () => {
  it('a client that sends half a body is cut off within the request timeout', async () => {
    const { closedAfterMs, reply } = await hold('POST /articles/1/reactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nkind=go', 10_000);
    expect(closedAfterMs).toBeDefined();
    expect(closedAfterMs!).toBeLessThan(6000);
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
  }, 20_000);

  it('headers too large and a malformed request line are refused with the protective headers', async () => {
    const big = await hold(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 5000);
    expect(big.reply).toMatch(/^HTTP\/1\.1 431/);
    expect(big.reply).toMatch(/X-Content-Type-Options: nosniff/i);
    expect(big.reply).toMatch(/Content-Security-Policy: default-src 'none'/i);
    const garbage = await hold('NOT A REQUEST\r\n\r\n', 5000);
    expect(garbage.reply).toMatch(/^HTTP\/1\.1 400/);
    expect(garbage.reply).toMatch(/X-Frame-Options: SAMEORIGIN/i);
  });

  it('a malformed URL gets a 400 page with the same security headers as pages', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/articles/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
