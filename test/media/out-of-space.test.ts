import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Unavailable } from '../../src/lib/errors.js';
import { createMediaService } from '../../src/modules/media/index.js';
import { toPublicError } from '../../src/web/plugins/error-mapping.js';
import { testDatabases } from '../support/databases.js';
import { captureLogs } from '../support/log-capture.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

/** What the file system answers when the disk (ENOSPC) or the user's quota (EDQUOT) is full. */
function fullDisk(code: 'ENOSPC' | 'EDQUOT') {
  return async (path: string) => {
    throw Object.assign(new Error(`${code}: no space left on device, write '${path}'`), { code, errno: -28, syscall: 'write', path });
  };
}

describe.each(testDatabases)('storing an image on a full disk on $name', (database) => {
  let ctx: TestContext;
  let uploadsDir: string;
  beforeEach(async () => {
    ctx = await createTestContext(database);
    uploadsDir = mkdtempSync(join(tmpdir(), 'gazette-full-disk-'));
  });
  afterEach(async () => {
    await ctx.close();
    rmSync(uploadsDir, { recursive: true, force: true });
  });

  it.each(['ENOSPC', 'EDQUOT'] as const)(
    'answers %s as the server being out of space (503), logs it, and leaves nothing behind',
    async (code) => {
      const { logger, lines } = captureLogs();
      const media = createMediaService({ db: ctx.storage.db, clock: ctx.clock, uploadsDir, logger, writeFile: fullDisk(code) });
      const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } })
        .png()
        .toBuffer();

      const error = await media.upload(png, 'map.png', null).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Unavailable);
      const answer = toPublicError(error);
      expect(answer).toMatchObject({ status: 503, code: 'unavailable', field: 'image' });
      expect(answer.message).toMatch(/out of storage space/);
      expect(answer.message).not.toMatch(/damaged/);

      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 50, msg: 'media: out of disk space storing an uploaded image', err: { code } });
      expect(readdirSync(uploadsDir)).toEqual([]);
      const stored = await ctx.storage.db
        .selectFrom('media')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBe(0);
    },
  );
});
