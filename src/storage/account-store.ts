import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, UsersTable } from './schema.js';
import type { AccountStore, Role, User } from './ports.js';

function toUser(r: Selectable<UsersTable>): User {
  return {
    id: r.id, email: r.email, name: r.name, role: r.role, failedLogins: Number(r.failed_logins),
    lockedUntil: r.locked_until === null ? null : Number(r.locked_until), createdAt: Number(r.created_at),
  };
}

/** Accounts, sessions and sign-in throttles over Kysely (the same SQL on both dialects). */
export class KyselyAccountStore implements AccountStore {
  constructor(private readonly db: Kysely<Database>) {}

  async createUser(u: { email: string; name: string; role: Role; passwordHash: string; now: number }): Promise<number> {
    const row = await this.db.insertInto('users')
      .values({ email: u.email, name: u.name, role: u.role, password_hash: u.passwordHash, created_at: u.now, locked_until: null })
      .returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  async userByEmail(email: string): Promise<(User & { passwordHash: string }) | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    return row ? { ...toUser(row), passwordHash: row.password_hash } : undefined;
  }

  async userById(id: number): Promise<User | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  async users(): Promise<User[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('email').execute();
    return rows.map(toUser);
  }

  async countOwners(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'owner').executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async setPassword(userId: number, passwordHash: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: passwordHash, failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
  }

  async recordFailedLogin(userId: number, lockUntil: (failures: number) => number | null): Promise<number> {
    // Counted in SQL so two wrong passwords at the same moment both count.
    const row = await this.db.updateTable('users').set({ failed_logins: sql`failed_logins + 1` })
      .where('id', '=', userId).returning('failed_logins').executeTakeFirst();
    const failures = Number(row?.failed_logins ?? 0);
    const until = lockUntil(failures);
    if (until !== null) await this.db.updateTable('users').set({ locked_until: until }).where('id', '=', userId).execute();
    return failures;
  }

  async clearFailedLogins(userId: number): Promise<void> {
    await this.db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
  }

  async createSession(s: { tokenHash: string; userId: number; now: number; expiresAt: number }): Promise<void> {
    await this.db.insertInto('sessions')
      .values({ token_hash: s.tokenHash, user_id: s.userId, created_at: s.now, last_seen_at: s.now, expires_at: s.expiresAt }).execute();
  }

  async session(tokenHash: string, now: number): Promise<{ user: User; expiresAt: number; lastSeenAt: number } | undefined> {
    const row = await this.db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users').select(['sessions.expires_at', 'sessions.last_seen_at'])
      .where('sessions.token_hash', '=', tokenHash).where('sessions.expires_at', '>', now).executeTakeFirst();
    if (!row) return undefined;
    return { user: toUser(row), expiresAt: Number(row.expires_at), lastSeenAt: Number(row.last_seen_at) };
  }

  async touchSession(tokenHash: string, now: number, expiresAt: number): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  async deleteSessionsOf(userId: number): Promise<number> {
    const result = await this.db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async addressFailures(key: string, windowStart: number): Promise<number> {
    const row = await this.db.selectFrom('login_throttle').select('failures')
      .where('key', '=', key).where('window_start', '>=', windowStart).executeTakeFirst();
    return row ? Number(row.failures) : 0;
  }

  async recordAddressFailure(key: string, now: number, windowMs: number): Promise<number> {
    // One statement: a new window starts when the stored one has run out.
    const row = await this.db.insertInto('login_throttle').values({ key, window_start: now, failures: 1 })
      .onConflict((oc) => oc.column('key').doUpdateSet({
        failures: sql`case when login_throttle.window_start < ${now - windowMs} then 1 else login_throttle.failures + 1 end`,
        window_start: sql`case when login_throttle.window_start < ${now - windowMs} then ${now} else login_throttle.window_start end`,
      }))
      .returning('failures').executeTakeFirstOrThrow();
    return Number(row.failures);
  }
}
