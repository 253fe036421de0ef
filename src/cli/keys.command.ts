import { rename, rm } from 'node:fs/promises';
import { Command } from 'commander';
import { createEmailCipher, newEmailKey } from '../lib/email-cipher.js';
import { createKeyFile } from '../modules/settings/index.js';
import { withContainer } from './cli-context.js';

/** `gazette keys rotate`: a new email key, every stored email re-sealed with it. */
export function keysCommand(): Command {
  const keys = new Command('keys').description('Manage the key that encrypts commenter emails at rest.');
  keys
    .command('rotate')
    .description(
      'Make a new email key and re-encrypt every stored email with it, in one transaction. Stop the other nodes first; ' +
        'with SECRET_KEY set, the new key is printed for you to set on every node; otherwise it replaces secret.key.',
    )
    .action(async () => {
      await withContainer(async (container) => {
        const material = newEmailKey();
        const next = createEmailCipher(material);
        const configured = container.config.secretKey !== undefined;
        const keyFile = container.config.secretKeyFile;
        // The new key is on disk before any email is sealed with it, so a crash never leaves emails without their key.
        const staged = `${keyFile}.new`;
        if (!configured) {
          await rm(staged, { force: true }); // a leftover of an interrupted rotation was never used
          await createKeyFile(staged, material);
        }
        let count: number;
        try {
          count = await container.replies.rotateEmailKey(next);
        } catch (error) {
          if (!configured) await rm(staged, { force: true });
          throw error;
        }
        if (configured) {
          console.error(`gazette: re-encrypted ${count} emails. Set SECRET_KEY to this new key on every node before starting them:`);
          console.log(material);
        } else {
          await rename(staged, keyFile);
          console.log(`gazette: re-encrypted ${count} emails with a new key in ${keyFile}; copy it to every node before starting them.`);
        }
      });
    });
  return keys;
}
