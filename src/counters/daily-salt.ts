import { randomBytes } from 'node:crypto';
import type { SaltSource } from '../storage/ports.js';

export type { SaltSource };

const DAY_MS = 86_400_000;


/**
 * A random salt per UTC day held in this process only. Yesterday's salt is dropped as soon
 * as the day turns, which is what makes cookie-less reader hashes unlinkable afterwards.
 */
export class LocalSaltSource implements SaltSource {
  private day = -1;
  private salt: Buffer = Buffer.alloc(0);

  constructor(private readonly random: (n: number) => Buffer = randomBytes) {}

  saltFor(day: number): Buffer {
    if (day !== this.day) {
      this.day = day;
      this.salt = this.random(32);
    }
    return this.salt;
  }
}

/** Epoch day of a time in ms (UTC). */
export function epochDay(ms: number): number {
  return Math.floor(ms / DAY_MS);
}
