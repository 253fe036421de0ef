import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { explainStartUpError } from '../../src/start-up-errors.js';
import { createStorage } from '../../src/storage/db.js';

describe('a SQLite file another process has to itself at start-up', () => {
  it('is explained in one line that says what holds it and what to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gazette-busy-'));
    const file = join(dir, 'site.db');
    // What an import holds: a rollback journal and the file's write lock, for the whole import.
    const importer = new SqliteDatabase(file);
    importer.pragma('journal_mode = delete');
    importer.exec('create table t (x); begin exclusive; insert into t values (1)');
    try {
      let error: unknown;
      try {
        createStorage({ dialect: 'sqlite', file });
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeDefined();
      expect(explainStartUpError(error)).toMatch(/^the SQLite database is busy: .*import.*start again once/);
    } finally {
      importer.exec('rollback');
      importer.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
