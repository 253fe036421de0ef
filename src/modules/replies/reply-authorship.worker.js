// Runs inside an import's authorship thread (reply-authorship-thread.ts): checking each imported
// reply by the form's rules and deriving its row's values (an HMAC, an AES-GCM seal, a fingerprint,
// the HTML) was about a sixth of the import's main thread, which also reads the file and writes
// every row. Here a batch of replies is made ready while the main thread writes the batch before.
// Plain JavaScript, like the other workers; the work itself is reply-authorship.ts, loaded by the
// address the thread's creator gives (compiled `.js` in dist; from TypeScript sources, as tests
// run, through tsx, which is then installed as a dev dependency).
import { workerData } from 'piscina';

const { moduleUrl, secret, emailKey } = workerData;
const { authorshipMaker } = moduleUrl.endsWith('.ts')
  ? await (await import('tsx/esm/api')).tsImport(moduleUrl, import.meta.url)
  : await import(moduleUrl);

/** Each reply's cleaned fields and derived values, or undefined where the field rules refuse it. */
export default authorshipMaker(secret, emailKey);
