import { createInterface } from 'node:readline';
import type { Config } from '../config/config.js';
import { AppError } from '../errors.js';
import { openSite } from '../main.js';

/** Reads a password: hidden from a prompt on a terminal, or the first line of stdin with --password-stdin. */
export async function readPassword(options: { stdin: boolean; confirm: boolean }): Promise<string> {
  if (options.stdin) {
    let data = '';
    for await (const chunk of process.stdin) data += String(chunk);
    return data.replace(/\r?\n$/, '').split(/\r?\n/)[0] ?? '';
  }
  if (!process.stdin.isTTY) throw new AppError('MH_ERR_CONFIG', 'No terminal to ask for the password on; pipe it in with --password-stdin');
  const ask = (question: string) => new Promise<string>((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    // Echo nothing of what is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.includes(question)) process.stdout.write(question);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
  const first = await ask('Password: ');
  if (options.confirm && (await ask('Password again: ')) !== first) throw new AppError('MH_ERR_VALIDATION', 'The two passwords differ; nothing was changed');
  return first;
}

/** `masthead user add EMAIL --role ROLE`. */
export async function runUserAdd(config: Config, email: string, flags: { role: string; name?: string | undefined; passwordStdin?: boolean | undefined }): Promise<void> {
  const password = await readPassword({ stdin: flags.passwordStdin ?? false, confirm: true });
  const site = await openSite(config);
  try {
    const user = await site.accounts.addUser({ email, name: flags.name, role: flags.role, password });
    process.stdout.write(`Added ${user.email} (${user.role}). Sign in at ${(await site.site.settings()).baseUrl}/admin\n`);
  } finally {
    await site.close();
  }
}

/** `masthead user list`. */
export async function runUserList(config: Config): Promise<void> {
  const site = await openSite(config);
  try {
    const users = await site.accounts.users();
    if (!users.length) process.stdout.write('No accounts yet. Add the owner with: masthead user add you@example.com --role owner\n');
    for (const u of users) process.stdout.write(`${u.email}\t${u.role}\t${u.name}\n`);
  } finally {
    await site.close();
  }
}

/** `masthead user reset-password EMAIL`: a new password, and every session of the account ends. */
export async function runUserResetPassword(config: Config, email: string, flags: { passwordStdin?: boolean | undefined }): Promise<void> {
  const password = await readPassword({ stdin: flags.passwordStdin ?? false, confirm: true });
  const site = await openSite(config);
  try {
    const user = await site.accounts.resetPassword(email, password);
    process.stdout.write(`New password set for ${user.email}; every browser signed in with the old one is signed out.\n`);
  } finally {
    await site.close();
  }
}
