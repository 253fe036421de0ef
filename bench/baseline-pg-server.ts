// The PostgreSQL floor for reply POSTs (`npm run bench:reply-posts`): a bare node:http server that
// stores each POST's body with one INSERT, committed (synchronous_commit on, the server's default:
// the commit waits for the WAL flush) before it answers. No framework, no rules, a pool of 10
// connections as Gazette's own. Gazette on the same server is measured against it.
import { createServer } from 'node:http';
import pg from 'pg';

const [url, schema, port] = process.argv.slice(2) as [string, string, string];
const pool = new pg.Pool({ connectionString: url, max: 10, options: `-c search_path=${schema} -c synchronous_commit=on` });
await pool.query('create table if not exists posts (id bigserial primary key, body text not null)');

createServer((req, res) => {
  if (req.method === 'POST') {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      pool.query('insert into posts (body) values ($1)', [Buffer.concat(chunks).toString('utf8')]).then(
        () => res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}'),
        () => res.writeHead(500).end(),
      );
    });
    return;
  }
  res.writeHead(200, { 'content-type': 'text/plain' }).end('baseline');
}).listen(Number(port), '127.0.0.1', () => console.log('baseline ready'));
