import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Debian's nginx binary (package nginx-light), when installed. */
export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

export interface NginxServer {
  port: number;
  stop(): Promise<void>;
}

/**
 * nginx with one worker (as Masthead runs one process) serving `root` as static files on
 * 127.0.0.1:port: `try_files $uri $uri/index.html $uri.html`, no access log, and otherwise
 * Debian's defaults (sendfile and tcp_nopush on, no open_file_cache), files without an
 * extension sent as text/html. Its own prefix, pid and
 * temp folders under `workDir`; `upstream` (when given) receives what no file answers;
 * `singleFile` answers every path with that one file (the same bytes for any URL).
 */
export async function startNginx(options: { root: string; port: number; workDir: string; upstream?: string; singleFile?: string }): Promise<NginxServer> {
  if (!NGINX) throw new Error('nginx is not installed (Debian package nginx-light)');
  mkdirSync(join(options.workDir, 'tmp'), { recursive: true });
  const conf = join(options.workDir, 'nginx.conf');
  const fallback = options.upstream ? `location @app { proxy_pass ${options.upstream}; proxy_http_version 1.1; proxy_set_header Connection ""; }` : '';
  writeFileSync(conf, `
worker_processes 1;
daemon off;
pid ${join(options.workDir, 'nginx.pid')};
error_log ${join(options.workDir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path ${join(options.workDir, 'tmp')};
  proxy_temp_path ${join(options.workDir, 'tmp')};
  fastcgi_temp_path ${join(options.workDir, 'tmp')};
  uwsgi_temp_path ${join(options.workDir, 'tmp')};
  scgi_temp_path ${join(options.workDir, 'tmp')};
  default_type text/html;
  charset utf-8;
  server {
    listen 127.0.0.1:${options.port};
    root ${options.root};
    location / { try_files ${options.singleFile ? `/${options.singleFile}` : `$uri $uri/index.html $uri.html`} ${options.upstream ? '@app' : '=404'}; }
    ${fallback}
  }
}
`);
  const child: ChildProcess = spawn(NGINX, ['-p', options.workDir, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  // nginx prints nothing when it starts; wait until the port answers.
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${err}`);
    const ok = await fetch(`http://127.0.0.1:${options.port}/`).then(() => true, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`nginx did not answer: ${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port: options.port,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGQUIT');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    }),
  };
}
