import { AuthStore } from '@pandu/db';

export type TokensCommandOptions =
  | { action: 'create'; data: string; user: string; label: string | null }
  | { action: 'list'; data: string; json: boolean }
  | { action: 'revoke'; data: string; id: string };

/**
 * `pandu tokens create|list|revoke`: API tokens of a data directory's users. `create` prints the
 * token once, alone on stdout (a script captures it with `$(...)`); only its hash is kept. A
 * revoked token is refused by every server from its next request on.
 */
export async function tokensCommand(options: TokensCommandOptions): Promise<void> {
  const auth = await AuthStore.open(options.data);
  switch (options.action) {
    case 'create': {
      const { token, id } = await auth.createToken(options.user, options.label);
      console.log(token);
      console.error(
        `pandu: created token ${id} for ${options.user}; it is shown this once, store it now (revoke: pandu tokens revoke ${id})`,
      );
      return;
    }
    case 'list': {
      const tokens = await auth.listTokens();
      if (options.json) {
        console.log(JSON.stringify(tokens, null, 2));
        return;
      }
      if (tokens.length === 0) {
        console.log('no API tokens');
        return;
      }
      for (const t of tokens) {
        console.log(`${t.id}  ${t.userName}  ${t.createdAt}${t.label ? `  ${t.label}` : ''}`);
      }
      return;
    }
    case 'revoke': {
      const revoked = await auth.revokeToken(options.id);
      console.log(`revoked token ${revoked.id} of ${revoked.userName}`);
      return;
    }
  }
}
