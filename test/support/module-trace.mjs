// Preloaded into a Gazette process the tests start (`node --import ./test/support/module-trace.mjs …`):
// it records every file the process loads, so a test can ask, over the IPC channel, which
// dependencies a request made it load (test/web/lazy-loading.test.ts). ES modules are seen by a
// resolve hook (which runs on a thread of its own and posts each address here); CommonJS files
// loaded by `require` inside packages are in the shared require cache.
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const esm = new Set();
const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => esm.add(url));
// Neither the port nor the IPC channel may keep the process alive: it shuts down as it would untraced.
port1.unref();
register('./module-trace-hooks.mjs', import.meta.url, { data: { port: port2 }, transferList: [port2] });

if (process.send) {
  process.on('message', (message) => {
    if (message !== 'loaded-modules') return;
    const files = [...esm].filter((url) => url.startsWith('file:')).map((url) => new URL(url).pathname);
    process.send({ loadedModules: [...new Set([...files, ...Object.keys(require.cache)])] });
  });
  process.channel?.unref();
}
