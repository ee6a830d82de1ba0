import { Command, InvalidArgumentError } from 'commander';
import { loadConfig, type ConfigFlags } from './config/config.js';
import { isAppError } from './errors.js';
// Each command's module is loaded when that command runs: `serve` then starts without what only
// the other commands use (the PostgreSQL client for migrate, the password hasher for user).
const command = {
  import: () => import('./cli/import-command.js'),
  migrate: () => import('./cli/migrate-command.js'),
  serve: () => import('./cli/serve-command.js'),
  related: () => import('./cli/related-command.js'),
  publish: () => import('./cli/publish-command.js'),
  user: () => import('./cli/user-command.js'),
};

function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new InvalidArgumentError('must be a whole number from 1');
  return n;
}

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number');
  return Number(value);
}

/** The `masthead` command line. */
export function buildCli(): Command {
  const program = new Command('masthead')
    .description('Masthead: a self-hosted news publishing platform')
    .showHelpAfterError()
    .configureOutput({ outputError: (str, write) => write(str) });

  program.command('serve')
    .description('serve the site over HTTP')
    .option('--port <port>', 'TCP port (default 3000, or MASTHEAD_PORT)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--data <dir>', 'data folder (default ./data)')
    .option('--base-url <url>', 'public address for canonical links and feeds (default http://host:port)')
    .option('--no-demo', 'start empty instead of seeding demo content')
    .option('--workers <n>', 'server processes sharing the port (default 1, or MASTHEAD_WORKERS; more need PostgreSQL and Redis)', positiveInt)
    .action(async (flags: ConfigFlags) => (await command.serve()).runServe(loadConfig(flags)));

  program.command('import')
    .description('import articles from a JSON Lines file (.jsonl or .jsonl.gz)')
    .argument('<file>', 'the file to import')
    .option('--data <dir>', 'data folder (default ./data)')
    .option('--strip-category', 'ignore category labels (for evaluations)')
    .option('--no-images', 'ignore image / image_url fields (no file is read, no URL fetched)')
    .action(async (file: string, flags: ConfigFlags & { stripCategory?: boolean; images?: boolean }) => {
      const config = loadConfig({ ...flags, logLevel: 'silent' });
      const failed = await (await command.import()).runImport(config, file, { stripCategory: flags.stripCategory ?? false, images: flags.images !== false });
      if (failed) process.exitCode = 1;
    });

  program.command('related')
    .description('print the Related list of every published article')
    .option('--data <dir>', 'data folder (default ./data)')
    .option('--json', 'one JSON line per article: {"id": ..., "related": [...]}', false)
    .option('--k <n>', 'list length', positiveInt, 10)
    .action(async (flags: ConfigFlags & { json: boolean; k: number }) => {
      const config = loadConfig({ ...flags, logLevel: 'silent' });
      await (await command.related()).runRelated(config, { k: flags.k, json: flags.json });
    });

  program.command('publish')
    .description('write the public site as static files for nginx (docs/deploy.md); only changed files are written')
    .requiredOption('--out <dir>', 'the folder nginx serves')
    .option('--watch', 'stay running and republish what each change touches, until Ctrl-C', false)
    .option('--refresh <minutes>', 'with --watch: minutes between whole-site runs, for the lists that drift (0: never)', wholeNumber, 10)
    .option('--data <dir>', 'data folder (default ./data)')
    .option('--base-url <url>', 'public address for canonical links and feeds')
    .action(async (flags: ConfigFlags & { out: string; watch: boolean; refresh: number }) => {
      const config = loadConfig({ ...flags, logLevel: 'silent' });
      await (await command.publish()).runPublish(config, { out: flags.out, watch: flags.watch, refreshMinutes: flags.refresh });
    });

  program.command('migrate')
    .description('copy this SQLite site into an empty PostgreSQL database (counts and checksums per table are printed and must match)')
    .requiredOption('--to <url>', 'the PostgreSQL database, postgres://user@host:port/database')
    .option('--data <dir>', 'data folder of the SQLite site (default ./data)')
    .action(async (flags: ConfigFlags & { to: string }) => {
      await (await command.migrate()).runMigrate(loadConfig({ ...flags, logLevel: 'silent' }), flags.to);
    });

  const user = program.command('user').description('newsroom accounts (sign in at /admin)');
  user.command('add')
    .description('add an account; the password is asked for, or read from stdin with --password-stdin')
    .argument('<email>', 'the email to sign in with')
    .requiredOption('--role <role>', 'owner, editor, author or contributor')
    .option('--name <name>', 'the name shown in the newsroom (default: the part of the email before @)')
    .option('--password-stdin', 'read the password from the first line of stdin')
    .option('--data <dir>', 'data folder (default ./data)')
    .action(async (email: string, flags: ConfigFlags & { role: string; name?: string; passwordStdin?: boolean }) =>
      (await command.user()).runUserAdd(loadConfig({ ...flags, logLevel: 'silent' }), email, flags));
  user.command('list')
    .description('list the accounts')
    .option('--data <dir>', 'data folder (default ./data)')
    .action(async (flags: ConfigFlags) => (await command.user()).runUserList(loadConfig({ ...flags, logLevel: 'silent' })));
  user.command('reset-password')
    .description('set a new password and sign the account out everywhere')
    .argument('<email>', 'the account')
    .option('--password-stdin', 'read the password from the first line of stdin')
    .option('--data <dir>', 'data folder (default ./data)')
    .action(async (email: string, flags: ConfigFlags & { passwordStdin?: boolean }) =>
      (await command.user()).runUserResetPassword(loadConfig({ ...flags, logLevel: 'silent' }), email, flags));

  return program;
}

/** Runs the CLI; an expected failure prints one line and exits non-zero. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    const message = isAppError(err) ? err.message : (err as Error).message;
    process.stderr.write(`masthead: ${message}\n`);
    process.exit(isAppError(err) ? 2 : 1);
  }
}

