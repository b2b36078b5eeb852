import { AuthStore } from '@pandu/db';
import { UserRole } from '@pandu/domain';
import { CliError } from './cli-error.js';
import { readPassword } from './read-password.js';

export type UsersCommandOptions =
  | { action: 'add'; data: string; name: string; role: string; password: string | undefined }
  | { action: 'list'; data: string; json: boolean }
  | { action: 'remove'; data: string; name: string }
  | { action: 'passwd'; data: string; name: string; password: string | undefined };

/**
 * `pandu users add|list|remove|passwd`: the users of a data directory (DIR/auth.json). Works
 * while servers run on it: they see the change on their next request. The password comes from
 * `password` (PANDU_PASSWORD) or stdin, never from the arguments.
 */
export async function usersCommand(options: UsersCommandOptions): Promise<void> {
  const auth = await AuthStore.open(options.data);
  switch (options.action) {
    case 'add': {
      const role = UserRole.safeParse(options.role);
      if (!role.success)
        throw new CliError(`--role must be viewer, analyst or admin, got "${options.role}"`, 2);
      const password = await readPassword(options.password);
      const user = await auth.addUser(options.name, role.data, password);
      console.log(`added user ${user.name} (${user.role})`);
      return;
    }
    case 'list': {
      const users = await auth.listUsers();
      if (options.json) {
        console.log(JSON.stringify(users, null, 2));
        return;
      }
      if (users.length === 0) {
        console.log(`no users in ${options.data} (add one with 'pandu users add NAME --role R')`);
        return;
      }
      const width = Math.max(4, ...users.map((u) => u.name.length));
      console.log(`${'name'.padEnd(width)}  role     added`);
      for (const u of users)
        console.log(`${u.name.padEnd(width)}  ${u.role.padEnd(7)}  ${u.createdAt}`);
      return;
    }
    case 'remove': {
      const { sessionsEnded, tokensRevoked } = await auth.removeUser(options.name);
      console.log(
        `removed user ${options.name}; ended ${sessionsEnded} session(s), revoked ${tokensRevoked} token(s)`,
      );
      return;
    }
    case 'passwd': {
      // Fail before asking for a password nobody can use.
      if (!(await auth.getUser(options.name))) throw new CliError(`unknown user: ${options.name}`);
      const password = await readPassword(options.password);
      await auth.setPassword(options.name, password);
      console.log(`changed the password of ${options.name}; their login sessions ended`);
      return;
    }
  }
}
