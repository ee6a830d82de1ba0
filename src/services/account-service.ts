import { createHash, createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { argon2Hasher, passwordProblem, type PasswordHasher } from '../accounts/password.js';
import { isRole } from '../accounts/roles.js';
import type { Role, Storage, User } from '../storage/ports.js';

/** Wrong passwords in a row after which an account is locked; the next attempt is not even checked. */
export const ACCOUNT_FAILURE_LIMIT = 9;
export const ACCOUNT_LOCK_MS = 15 * 60_000;
/** Failed sign-ins one address may make per window, across all accounts. */
export const ADDRESS_FAILURE_LIMIT = 30;
export const ADDRESS_WINDOW_MS = 15 * 60_000;
/** A session lasts two weeks from its last use. */
export const SESSION_MS = 14 * 24 * 3600_000;
const TOUCH_EVERY_MS = 5 * 60_000;

const emailSchema = z.string().trim().toLowerCase().email('Give an email address such as you@example.com').max(254);

/** The stored form of a session token: a copy of the sessions table opens no session. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export interface SignedIn {
  token: string;
  user: User;
}

/** Accounts, sign-in with its throttles, and sessions. */
export class AccountService {
  /** Checked against when the email is unknown, so a wrong email costs the same time as a wrong password. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly storage: Storage,
    private readonly secret: string,
    private readonly clock: () => number = Date.now,
    private readonly hasher: PasswordHasher = argon2Hasher,
  ) {}

  async addUser(input: { email: string; name?: string | undefined; role: string; password: string }): Promise<User> {
    const email = parseEmail(input.email);
    if (!isRole(input.role)) throw new AppError('MH_ERR_VALIDATION', `Unknown role "${input.role}"; use owner, editor, author or contributor`, { fields: { role: 'Unknown role' } });
    const problem = passwordProblem(input.password);
    if (problem) throw new AppError('MH_ERR_VALIDATION', problem, { fields: { password: problem } });
    if (await this.storage.accounts.userByEmail(email)) throw new AppError('MH_ERR_CONFLICT', `There is already an account for ${email}`);
    const name = input.name?.trim() || email.split('@')[0]!;
    const passwordHash = await this.hasher.hash(input.password);
    const now = this.clock();
    const id = await this.storage.transaction(async (s) => {
      const userId = await s.accounts.createUser({ email, name, role: input.role as Role, passwordHash, now });
      await s.newsroom.audit({ at: now, userId: null, actor: 'command line', action: 'user.created', subject: email, detail: input.role });
      return userId;
    });
    return (await this.storage.accounts.userById(id))!;
  }

  async resetPassword(emailInput: string, password: string): Promise<User> {
    const email = parseEmail(emailInput);
    const user = await this.storage.accounts.userByEmail(email);
    if (!user) throw new AppError('MH_ERR_VALIDATION', `No account for ${email}`);
    const problem = passwordProblem(password);
    if (problem) throw new AppError('MH_ERR_VALIDATION', problem, { fields: { password: problem } });
    const passwordHash = await this.hasher.hash(password);
    await this.storage.transaction(async (s) => {
      await s.accounts.setPassword(user.id, passwordHash);
      // A new password signs out every browser that knew the old one.
      await s.accounts.deleteSessionsOf(user.id);
      await s.newsroom.audit({ at: this.clock(), userId: user.id, actor: 'command line', action: 'user.password-reset', subject: email, detail: '' });
    });
    return user;
  }

  users(): Promise<User[]> {
    return this.storage.accounts.users();
  }

  async hasOwner(): Promise<boolean> {
    return (await this.storage.accounts.countOwners()) > 0;
  }

  /**
   * Signs in with a new session token (never one the browser brought: no fixation). Refused
   * without checking the password while the account or the address is locked out.
   */
  async signIn(emailInput: string, password: string, address: string): Promise<SignedIn> {
    const now = this.clock();
    const addressKey = createHmac('sha256', this.secret).update(`sign-in:${address}`).digest('base64url');
    const fromAddress = await this.storage.accounts.addressFailures(addressKey, now - ADDRESS_WINDOW_MS);
    if (fromAddress >= ADDRESS_FAILURE_LIMIT) {
      throw lockedOut(`Too many failed sign-ins from your network. Try again in ${minutes(ADDRESS_WINDOW_MS)}.`, now + ADDRESS_WINDOW_MS, now);
    }
    const email = emailInput.trim().toLowerCase();
    const user = email ? await this.storage.accounts.userByEmail(email) : undefined;
    if (user?.lockedUntil && user.lockedUntil > now) {
      await this.storage.newsroom.audit({ at: now, userId: user.id, actor: user.email, action: 'login.refused', subject: user.email, detail: 'locked' });
      throw lockedOut(`Too many wrong passwords for this account. Try again in ${minutes(user.lockedUntil - now)}.`, user.lockedUntil, now);
    }
    this.dummyHash ??= this.hasher.hash(randomBytes(16).toString('hex'));
    const ok = user ? await this.hasher.verify(user.passwordHash, password) : (await this.hasher.verify(await this.dummyHash, password), false);
    if (!ok) {
      await this.storage.accounts.recordAddressFailure(addressKey, now, ADDRESS_WINDOW_MS);
      if (user) {
        const failures = await this.storage.accounts.recordFailedLogin(user.id, (n) => (n >= ACCOUNT_FAILURE_LIMIT ? now + ACCOUNT_LOCK_MS : null));
        await this.storage.newsroom.audit({ at: now, userId: user.id, actor: user.email, action: 'login.failed', subject: user.email, detail: `${failures} in a row` });
      }
      throw new AppError('MH_ERR_SIGN_IN_FAILED', 'Wrong email or password.');
    }
    const token = randomBytes(32).toString('base64url');
    await this.storage.transaction(async (s) => {
      await s.accounts.clearFailedLogins(user!.id);
      await s.accounts.createSession({ tokenHash: tokenHash(token), userId: user!.id, now, expiresAt: now + SESSION_MS });
      await s.newsroom.audit({ at: now, userId: user!.id, actor: user!.email, action: 'login', subject: user!.email, detail: '' });
    });
    const { passwordHash: _hidden, ...plain } = user!;
    return { token, user: { ...plain, failedLogins: 0, lockedUntil: null } };
  }

  /** The account of a live session, or undefined (unknown, expired or revoked token). */
  async sessionUser(token: string): Promise<User | undefined> {
    const now = this.clock();
    const hash = tokenHash(token);
    const found = await this.storage.accounts.session(hash, now);
    if (!found) return undefined;
    // Sliding expiry, written at most every few minutes rather than on every request.
    if (now - found.lastSeenAt > TOUCH_EVERY_MS) await this.storage.accounts.touchSession(hash, now, now + SESSION_MS);
    return found.user;
  }

  async signOut(token: string): Promise<void> {
    await this.storage.accounts.deleteSession(tokenHash(token));
  }

  /** Revokes every session of the account (all browsers, this one included). */
  async signOutEverywhere(user: User): Promise<number> {
    const n = await this.storage.accounts.deleteSessionsOf(user.id);
    await this.storage.newsroom.audit({ at: this.clock(), userId: user.id, actor: user.email, action: 'logout.everywhere', subject: user.email, detail: `${n} sessions` });
    return n;
  }
}

function parseEmail(input: string): string {
  const parsed = emailSchema.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'Invalid email';
    throw new AppError('MH_ERR_VALIDATION', message, { fields: { email: message } });
  }
  return parsed.data;
}

function lockedOut(message: string, retryAt: number, now: number): AppError {
  return new AppError('MH_ERR_RATE_LIMITED', message, { retryAt, retryAfterSeconds: Math.ceil((retryAt - now) / 1000) });
}

function minutes(ms: number): string {
  const m = Math.max(1, Math.ceil(ms / 60_000));
  return m === 1 ? '1 minute' : `${m} minutes`;
}
