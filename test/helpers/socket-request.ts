import { request } from 'node:http';

export interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }

/**
 * A real request over a socket to 127.0.0.1:`port`: the front door in front of the router sees
 * it (the page and beacon fast paths), where app.inject calls the router directly.
 */
export function socketRequest(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Headers without those that differ per answer by nature (date, connection handling). */
export function stableHeaders(h: Answer['headers']): Answer['headers'] {
  return Object.fromEntries(Object.entries(h).filter(([k]) => !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(k)));
}
