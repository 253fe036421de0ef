import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleServer } from '../../scripts/bundle-server.mjs';
import { testBuildDir } from '../support/server-process.js';

/**
 * test:hostile restarts real servers many times; they run compiled (no per-start compile), so the
 * sources under test are compiled first, afresh, into a folder of the tests' own, and bundled as
 * `npm run build` bundles them: the crash loop kills the server that ships.
 */
export default async function buildFirst(): Promise<void> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const out = join(root, testBuildDir);
  rmSync(out, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', out, '--tsBuildInfoFile', join(out, '.tsbuildinfo')],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  await bundleServer(out);
}
