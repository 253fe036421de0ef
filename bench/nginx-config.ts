// nginx configurations for `npm run bench`: the same page from disk, and a one-second micro-cache
// in front of Gazette (the set-up docs/operations.md describes). 127.0.0.1 only, files in `dir`.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function common(dir: string): string {
  // Running as root, nginx's workers become nobody: they must be able to read and write here.
  chmodSync(dir, 0o777);
  for (const sub of ['client', 'proxy', 'fastcgi', 'uwsgi', 'scgi', 'cache']) mkdirSync(join(dir, sub), { recursive: true, mode: 0o777 });
  return `worker_processes 1;
daemon off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${join(dir, 'client')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
`;
}

/** nginx serving `page` (a file in `dir`) at every path on `port`. */
export function staticConfig(dir: string, page: string, port: number): string {
  const file = join(dir, 'nginx-static.conf');
  chmodSync(join(dir, page), 0o644);
  writeFileSync(
    file,
    `${common(dir)}
  server {
    listen 127.0.0.1:${port};
    root ${dir};
    location / { default_type "text/html; charset=utf-8"; try_files /${page} =404; }
  }
}
`,
  );
  return file;
}

/** nginx on `port` holding Gazette's (on `upstreamPort`) public pages for a second; see docs/operations.md. */
export function microCacheConfig(dir: string, port: number, upstreamPort: number): string {
  const file = join(dir, 'nginx-micro-cache.conf');
  writeFileSync(
    file,
    `${common(dir)}
  proxy_cache_path ${join(dir, 'cache')} levels=1:2 keys_zone=gazette:10m max_size=256m inactive=10m use_temp_path=off;
  upstream gazette { server 127.0.0.1:${upstreamPort}; keepalive 32; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://gazette;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_cache gazette;
      proxy_cache_valid 200 1s;
      proxy_cache_lock on;
      proxy_cache_use_stale updating error timeout;
      proxy_cache_background_update on;
      # A reader with a Gazette cookie (a held reply, a remembered name, a session) gets their own page.
      proxy_cache_bypass $http_cookie;
      proxy_no_cache $http_cookie;
    }
  }
}
`,
  );
  return file;
}
