import { readConfig } from '../server/config';
import { manageModerators } from '../server/moderators';
import { openStore } from '../server/store';

const USAGE = 'usage: npm run moderators -- add <name> | list | remove <name> | rotate <name>';

/**
 * `npm run moderators -- add <name>`: named moderators in the database the settings choose. `add` and `rotate`
 * print the new token once: only its hash is stored, so a lost token is replaced with `rotate`, never recovered.
 */
async function main() {
  const [command, name] = process.argv.slice(2);
  const needsName = command === 'add' || command === 'remove' || command === 'rotate';
  if (!(needsName || command === 'list') || (needsName && !name)) throw new Error(USAGE);
  const config = readConfig();
  const store = await openStore({ databaseUrl: config.databaseUrl, dbPath: config.dbPath });
  try {
    const manage = manageModerators(store.moderation.moderators);
    if (command === 'add') {
      const token = await manage.add(name!);
      console.log(`moderator "${name}" added; their token (shown only now):\n${token}`);
    } else if (command === 'rotate') {
      const token = await manage.rotate(name!);
      console.log(`moderator "${name}" has a new token (the old one no longer works; shown only now):\n${token}`);
    } else if (command === 'remove') {
      await manage.remove(name!);
      console.log(
        `moderator "${name}" removed; their token no longer works (their past decisions stay in the audit list)`,
      );
    } else {
      const moderators = await manage.list();
      if (moderators.length === 0) console.log('no named moderators (ADMIN_TOKEN signs in as "admin")');
      for (const moderator of moderators) console.log(`${moderator.name}\tadded ${moderator.createdAt}`);
    }
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(`moderators: ${(error as Error).message}`);
  process.exit(1);
});
