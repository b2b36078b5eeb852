import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's nginx (`apt-get install -y nginx`). */
export const NGINX = '/usr/sbin/nginx';

/** A running nginx of the bench's own, on 127.0.0.1. */
export interface Balancer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Stop nginx (SIGQUIT: finish answers in flight) and remove its directory. */
  stop: () => Promise<void>;
}

/**
 * Start nginx in the foreground (`daemon off`) with a configuration of its own in a temporary
 * directory (pid file, logs and temporary files there too, nothing in /etc or /var), listening on
 * 127.0.0.1 and balancing over `upstreams` (`http://127.0.0.1:PORT` each) with least_conn and
 * kept-alive upstream connections, as the README's replica example does. One worker process: the
 * bench machine has two cores to share between the clients, nginx and the servers.
 */
export async function startBalancer(upstreams: readonly string[]): Promise<Balancer> {
  if (!existsSync(NGINX)) {
    throw new Error(`no nginx at ${NGINX}: install it with 'apt-get install -y nginx'`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'pandu-nginx-'));
  await mkdir(join(dir, 'logs'));
  const port = await freePort();
  const servers = upstreams.map((u) => `    server ${new URL(u).host};`).join('\n');
  const conf = join(dir, 'nginx.conf');
  await writeFile(
    conf,
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream pandu {
    least_conn;
${servers}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://pandu;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_read_timeout 120s;
    }
  }
}
`,
  );
  const child = spawn(NGINX, ['-p', dir, '-c', conf, '-e', join(dir, 'logs', 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT');
    const guard = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(guard);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await listening(url, child);
  } catch (error) {
    const log = await readFile(join(dir, 'logs', 'error.log'), 'utf8').catch(() => '');
    await stop();
    throw new Error(`nginx did not start: ${String(error)}\n${stderr}${log}`);
  }
  return { url, stop };
}

/** Resolves once `url/health` answers through nginx; bounded to 100 tries, 50 ms apart. */
async function listening(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing answered at ${url}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
