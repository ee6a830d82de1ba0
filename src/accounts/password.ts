import type * as Argon2 from '@node-rs/argon2';

// Loaded on the first sign-in or new password, not at start (a native module pages never need).
let loading: Promise<typeof Argon2> | undefined;
const argon2 = () => (loading ??= import('@node-rs/argon2'));

/** Hashes and checks passwords; the newsroom takes one so tests can count the checks. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/**
 * Argon2id with the OWASP minimum cost (19 MiB, two passes, one lane): about 20 ms a check on
 * a small server, which a sign-in can afford and a stolen hash list cannot.
 */
const ARGON2_OPTIONS = { algorithm: 2 /* Argon2id (a const enum in the typings) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const argon2Hasher: PasswordHasher = {
  hash: async (password) => (await argon2()).hash(password, ARGON2_OPTIONS),
  async verify(stored, password) {
    try {
      return await (await argon2()).verify(stored, password);
    } catch {
      // A malformed stored hash never signs anyone in.
      return false;
    }
  },
};

export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 1024;

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD) return `A password needs at least ${MIN_PASSWORD} characters`;
  if (password.length > MAX_PASSWORD) return `A password has at most ${MAX_PASSWORD} characters`;
  return undefined;
}
