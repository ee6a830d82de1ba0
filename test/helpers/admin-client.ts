import type { FastifyInstance } from 'fastify';

type Headers = Record<string, string>;

/** A browser-like client of the newsroom over inject: keeps cookies, reads CSRF tokens from pages. */
export class AdminClient {
  readonly cookies = new Map<string, string>();
  /** The CSRF token of the last page that carried one. */
  csrf = '';

  constructor(private readonly app: FastifyInstance, private readonly address = '203.0.113.7') {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: { headers: Record<string, unknown> }): void {
    for (const line of ([] as string[]).concat((res.headers['set-cookie'] as string | string[] | undefined) ?? [])) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0\b/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(url: string, headers: Headers = {}) {
    const res = await this.app.inject({ method: 'GET', url, remoteAddress: this.address, headers: { cookie: this.cookieHeader(), accept: 'text/html', ...headers } });
    this.keep(res);
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    return res;
  }

  /** Posts a form with the current CSRF token (unless `_csrf` is given, or `csrf: false`). */
  async post(url: string, form: Record<string, string>, options: { csrf?: boolean; headers?: Headers } = {}) {
    const body = new URLSearchParams(options.csrf === false || '_csrf' in form ? form : { _csrf: this.csrf, ...form }).toString();
    const res = await this.app.inject({
      method: 'POST', url, remoteAddress: this.address, payload: body,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...options.headers },
    });
    this.keep(res);
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    return res;
  }

  async postJson(url: string, json: Record<string, unknown>, options: { csrf?: boolean } = {}) {
    const res = await this.app.inject({
      method: 'POST', url, remoteAddress: this.address, payload: JSON.stringify(options.csrf === false ? json : { _csrf: this.csrf, ...json }),
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/json', accept: 'application/json' },
    });
    this.keep(res);
    return res;
  }

  /** Uploads bytes as the editor's script does: the file as the body, the CSRF token in a header. */
  async upload(query: string, bytes: Buffer, options: { csrf?: boolean; headers?: Headers } = {}) {
    const res = await this.app.inject({
      method: 'POST', url: `/admin/media?${query}`, remoteAddress: this.address, payload: bytes,
      headers: { cookie: this.cookieHeader(), 'content-type': 'image/jpeg', accept: 'application/json', ...(options.csrf === false ? {} : { 'x-csrf-token': this.csrf }), ...options.headers },
    });
    this.keep(res);
    return res;
  }

  async signIn(email: string, password: string) {
    await this.get('/admin/login');
    return this.post('/admin/login', { email, password });
  }
}
