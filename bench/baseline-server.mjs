// The baseline Gazette is measured against, in the same run: a bare node:http server that sends a
// page from a buffer (what a static file server does) and stores a POST with one durable SQLite
// INSERT (the floor cost of "committed before thanks"). No framework, no rendering, no rules.
// Plain JavaScript, run by `node` itself (no tsx), so its start-up time and memory are Node's own:
// the floor for the "start to first answer" and RSS rows.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import SqliteDatabase from 'better-sqlite3';

const [pagePath, dbPath, port] = process.argv.slice(2);
const page = readFileSync(pagePath);
const db = new SqliteDatabase(dbPath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('create table if not exists posts (id integer primary key, body text not null)');
const insert = db.prepare('insert into posts (body) values (?)');

createServer((req, res) => {
  if (req.method === 'POST') {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      insert.run(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': page.length }).end(page);
}).listen(Number(port), '127.0.0.1', () => console.log('baseline ready'));
