import { parseArgs, type ParseArgsConfig } from 'node:util';
import { dirname, resolve } from 'node:path';
import { readEnv } from './env.js';
import { CliError } from './cli/cli-error.js';
import type { TokensCommandOptions } from './cli/tokens-command.js';
import {
  EXPORT_HELP,
  IMPORT_HELP,
  MAIN_HELP,
  ROLLBACK_HELP,
  SEED_HELP,
  SERVE_HELP,
  TOKENS_HELP,
  USERS_HELP,
  VERSIONS_HELP,
} from './cli/help.js';
import { storeTarget } from './cli/store-target.js';

// Each command's module (and with it DuckDB's native binding) is imported when that command runs,
// so `pandu --help` and argument errors load no database code.

type Options = NonNullable<ParseArgsConfig['options']>;

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

function parse<T extends Options>(args: string[], options: T, allowPositionals: boolean) {
  try {
    return parseArgs({
      args,
      options: { ...options, ...HELP },
      allowPositionals,
      strict: true,
    });
  } catch (error) {
    // node's messages are clear ("Unknown option '--x'"); drop its error code prefix.
    throw new CliError(
      error instanceof Error ? error.message.replace(/^TypeError \[\w+\]: /, '') : String(error),
      2,
    );
  }
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new CliError(`--${name} must be a whole number, got "${value}"`, 2);
  return Number(value);
}

/**
 * Run the command line with the given arguments; returns the exit code. Errors the user can act on
 * are printed as one line; nothing prints a stack trace.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(['seed', '--provinces', '35']);
 * ```
 */
export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const env = readEnv();
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        console.log(MAIN_HELP);
        return command === undefined ? 2 : 0;
      case 'seed': {
        const { values } = parse(
          rest,
          {
            data: { type: 'string' },
            db: { type: 'string' },
            provinces: { type: 'string' },
            seed: { type: 'string' },
            force: { type: 'boolean' },
          },
          false,
        );
        if (values.help) return help(SEED_HELP);
        const target = storeTarget({ data: values.data, db: values.db }, env);
        const { seedCommand } = await import('./cli/seed-command.js');
        await seedCommand({
          target,
          keep: env.keepVersions,
          provinces:
            typeof values.provinces === 'string'
              ? values.provinces.split(',').map((p) => p.trim())
              : undefined,
          seed: integer('seed', typeof values.seed === 'string' ? values.seed : undefined),
          force: values.force === true,
          interactive: env.interactive,
        });
        return 0;
      }
      case 'import': {
        const { values, positionals } = parse(
          rest,
          {
            data: { type: 'string' },
            db: { type: 'string' },
            kind: { type: 'string' },
            replace: { type: 'boolean' },
            rejects: { type: 'string' },
          },
          true,
        );
        if (values.help) return help(IMPORT_HELP);
        if (positionals.length !== 1) {
          throw new CliError(
            `import takes one FILE, got ${positionals.length === 0 ? 'none' : positionals.join(' ')}\n\n${IMPORT_HELP}`,
            2,
          );
        }
        const kind = typeof values.kind === 'string' ? values.kind : 'observations';
        if (kind !== 'observations' && kind !== 'mentoring') {
          throw new CliError(`--kind must be observations or mentoring, got "${kind}"`, 2);
        }
        const target = storeTarget({ data: values.data, db: values.db }, env);
        const { importCommand } = await import('./cli/import-command.js');
        await importCommand({
          target,
          keep: env.keepVersions,
          kind,
          file: resolve(positionals[0] ?? ''),
          replace: values.replace === true,
          rejects: typeof values.rejects === 'string' ? resolve(values.rejects) : undefined,
          interactive: env.interactive,
        });
        return 0;
      }
      case 'export': {
        const { values } = parse(
          rest,
          {
            data: { type: 'string' },
            db: { type: 'string' },
            format: { type: 'string' },
            out: { type: 'string' },
            region: { type: 'string' },
            from: { type: 'string' },
            to: { type: 'string' },
            overwrite: { type: 'boolean' },
          },
          false,
        );
        if (values.help) return help(EXPORT_HELP);
        const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
        const target = storeTarget({ data: str(values.data), db: str(values.db) }, env);
        const { exportCommand } = await import('./cli/export-command.js');
        await exportCommand({
          target,
          keep: env.keepVersions,
          format: str(values.format),
          out: str(values.out) === undefined ? undefined : resolve(str(values.out) ?? ''),
          region: str(values.region),
          from: integer('from', str(values.from)),
          to: integer('to', str(values.to)),
          overwrite: values.overwrite === true,
          interactive: env.interactive,
        });
        return 0;
      }
      case 'versions': {
        const { values } = parse(
          rest,
          { data: { type: 'string' }, json: { type: 'boolean' } },
          false,
        );
        if (values.help) return help(VERSIONS_HELP);
        const { versionsCommand } = await import('./cli/versions-command.js');
        await versionsCommand({
          dir: dataDirectory(values.data, env.dataDir),
          json: values.json === true,
          keep: env.keepVersions,
        });
        return 0;
      }
      case 'rollback': {
        const { values, positionals } = parse(rest, { data: { type: 'string' } }, true);
        if (values.help) return help(ROLLBACK_HELP);
        if (positionals.length !== 1) {
          throw new CliError(
            `rollback takes one VERSION, got ${positionals.length === 0 ? 'none' : positionals.join(' ')}\n\n${ROLLBACK_HELP}`,
            2,
          );
        }
        const text = positionals[0] ?? '';
        if (!/^[1-9]\d*$/.test(text)) {
          throw new CliError(`VERSION must be a version number (1 or more), got "${text}"`, 2);
        }
        const version = Number(text);
        const { rollbackCommand } = await import('./cli/rollback-command.js');
        await rollbackCommand({
          dir: dataDirectory(values.data, env.dataDir),
          version,
          keep: env.keepVersions,
          interactive: env.interactive,
        });
        return 0;
      }
      case 'serve': {
        const { values } = parse(
          rest,
          {
            data: { type: 'string' },
            db: { type: 'string' },
            host: { type: 'string' },
            port: { type: 'string' },
            create: { type: 'boolean' },
          },
          false,
        );
        if (values.help) return help(SERVE_HELP);
        if (typeof values.data === 'string' && typeof values.db === 'string') {
          throw new CliError(
            'serve takes --data DIR (a data directory) or --db FILE (one file), not both',
            2,
          );
        }
        const port = integer('port', typeof values.port === 'string' ? values.port : undefined);
        if (port !== undefined && port > 65535)
          throw new CliError(`--port must be at most 65535, got ${port}`, 2);
        const { serveCommand } = await import('./cli/serve-command.js');
        // --db FILE, or else PANDU_DB, serves that one file read-only; otherwise the data
        // directory (--data, PANDU_DATA, data/) is served and followed.
        const db =
          typeof values.db === 'string'
            ? values.db
            : values.data === undefined && !env.dbPathIsDefault
              ? env.dbPath
              : undefined;
        const data = typeof values.data === 'string' ? values.data : env.dataDir;
        await serveCommand({
          source: db === undefined ? { data: resolve(data) } : { db: resolve(db) },
          // Data are created only where nobody named a place (a fresh clone's `pnpm start`) or
          // when asked: a mistyped --data, --db or PANDU_DB must not quietly build 70 MB somewhere.
          create:
            values.create === true ||
            (db === undefined && values.data === undefined && env.dataDirIsDefault),
          host: typeof values.host === 'string' ? values.host : env.apiHost,
          port: port ?? env.apiPort,
          interactive: env.interactive,
          queryTimeoutMs: env.queryTimeoutMs,
          cacheSize: env.cacheSize,
          corsOrigins: env.corsOrigins,
          maxQueued: env.maxQueued,
          shutdownGraceMs: env.shutdownGraceMs,
          keepVersions: env.keepVersions,
          completeCoverage: env.completeCoverage,
          // Users live in the data directory served; serving one file, in $PANDU_DATA if set,
          // else in the file's folder.
          authDir:
            db === undefined
              ? resolve(data)
              : env.dataDirIsDefault
                ? dirname(resolve(db))
                : env.dataDir,
          publicRead: env.publicRead,
          sessionHours: env.sessionHours,
          uploadLimitBytes: env.uploadLimitBytes,
          sql: {
            timeMs: env.sqlTimeLimitMs,
            memoryLimit: env.sqlMemoryLimit,
            perMinute: env.sqlPerMinute,
          },
        });
        // The server keeps the process alive until a signal stops it.
        return new Promise<number>(() => undefined);
      }
      case 'users': {
        const { values, positionals } = parse(
          rest,
          { data: { type: 'string' }, role: { type: 'string' }, json: { type: 'boolean' } },
          true,
        );
        if (values.help) return help(USERS_HELP);
        const [action, name, ...extra] = positionals;
        const data = dataDirectory(values.data, env.dataDir);
        const needsName = action === 'add' || action === 'remove' || action === 'passwd';
        if (
          !(needsName || action === 'list') ||
          extra.length > 0 ||
          (needsName ? name === undefined : name !== undefined)
        ) {
          throw new CliError(
            `users: expected add|list|remove|passwd and a NAME\n\n${USERS_HELP}`,
            2,
          );
        }
        const { usersCommand } = await import('./cli/users-command.js');
        if (action === 'list') {
          await usersCommand({ action, data, json: values.json === true });
        } else if (action === 'add') {
          if (typeof values.role !== 'string')
            throw new CliError('users add needs --role viewer|analyst|admin', 2);
          await usersCommand({
            action,
            data,
            name: name ?? '',
            role: values.role,
            password: env.password,
          });
        } else if (action === 'passwd') {
          await usersCommand({ action, data, name: name ?? '', password: env.password });
        } else {
          await usersCommand({ action: 'remove', data, name: name ?? '' });
        }
        return 0;
      }
      case 'tokens': {
        const { values, positionals } = parse(
          rest,
          {
            data: { type: 'string' },
            user: { type: 'string' },
            label: { type: 'string' },
            json: { type: 'boolean' },
          },
          true,
        );
        if (values.help) return help(TOKENS_HELP);
        const [action, id, ...extra] = positionals;
        const data = dataDirectory(values.data, env.dataDir);
        let request: TokensCommandOptions;
        if (action === 'create' && id === undefined) {
          if (typeof values.user !== 'string')
            throw new CliError('tokens create needs --user NAME', 2);
          const label = typeof values.label === 'string' ? values.label.trim() || null : null;
          if (label !== null && label.length > 100)
            throw new CliError(`--label must be at most 100 characters, got ${label.length}`, 2);
          request = { action, data, user: values.user, label };
        } else if (action === 'list' && id === undefined) {
          request = { action, data, json: values.json === true };
        } else if (action === 'revoke' && id !== undefined && extra.length === 0) {
          request = { action, data, id };
        } else {
          throw new CliError(`tokens: expected create|list|revoke ID\n\n${TOKENS_HELP}`, 2);
        }
        const { tokensCommand } = await import('./cli/tokens-command.js');
        await tokensCommand(request);
        return 0;
      }
      default:
        throw new CliError(`unknown command "${command}"\n\n${MAIN_HELP}`, 2);
    }
  } catch (error) {
    return report(error);
  }
}

/** `--data DIR` resolved from the working directory, else PANDU_DATA or data/ (already absolute). */
function dataDirectory(option: string | boolean | undefined, fromEnv: string): string {
  return typeof option === 'string' ? resolve(option) : fromEnv;
}

function help(text: string): number {
  console.log(text);
  return 0;
}

function report(error: unknown): number {
  if (error instanceof CliError) {
    console.error(`pandu: ${error.message}`);
    return error.exitCode;
  }
  // Errors from the db and domain packages carry clear messages; show the message, not the stack.
  const message = error instanceof Error ? error.message : String(error);
  console.error(`pandu: ${message}`);
  return 1;
}
