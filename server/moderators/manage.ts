import type { Store } from '../store';
import { hashToken, nameProblem, newToken } from './tokens';

/** What the `moderators` command does, apart from reading its arguments: each answer is the line to print. */
export function manageModerators(moderation: Store['moderation']['moderators'], now = () => new Date()) {
  return {
    async add(name: string): Promise<string> {
      const problem = nameProblem(name);
      if (problem) throw new Error(problem);
      const token = newToken();
      if (!(await moderation.add(name, hashToken(token), now().toISOString())))
        throw new Error(`there is already a moderator named "${name}" (rotate gives them a new token)`);
      return token;
    },

    async rotate(name: string): Promise<string> {
      const token = newToken();
      if (!(await moderation.rotate(name, hashToken(token)))) throw new Error(`no moderator named "${name}"`);
      return token;
    },

    async remove(name: string): Promise<void> {
      if (!(await moderation.remove(name))) throw new Error(`no moderator named "${name}"`);
    },

    list: () => moderation.list(),
  };
}
