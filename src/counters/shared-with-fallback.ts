import type { SaltSource, ViewDedupe } from '../storage/ports.js';
import { LocalSaltSource } from './daily-salt.js';
import { MemoryViewDedupe } from './view-dedupe.js';

/** How long, after the shared store failed, this process counts on its own before trying it again. */
const RETRY_MS = 2000;

export interface FallbackOptions {
  /** Told once when the shared store fails and once when it answers again. */
  onStateChange: (state: 'degraded' | 'rejoined', err?: unknown) => void;
  clock?: () => number;
}

/** Tracks whether the shared store is usable: failures switch to the fallback for RETRY_MS. */
export class Outage {
  private downUntil = 0;
  private down = false;

  constructor(private readonly options: FallbackOptions) {}

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  /** True while the shared store should be left alone. */
  get skipping(): boolean {
    return this.down && this.now() < this.downUntil;
  }

  failed(err: unknown): void {
    this.downUntil = this.now() + RETRY_MS;
    if (!this.down) {
      this.down = true;
      this.options.onStateChange('degraded', err);
    }
  }

  answered(): void {
    if (this.down) {
      this.down = false;
      this.options.onStateChange('rejoined');
    }
  }
}

/**
 * View dedupe shared through Redis, falling back to this process's own while Redis cannot be
 * reached: counting never fails because Redis does. During an outage a reader may be counted
 * once by each process they reach (docs/deploy.md); when Redis answers again, the shared dedupe
 * takes over (views claimed meanwhile are not copied to it).
 */
export class ViewDedupeWithFallback implements ViewDedupe {
  private readonly local = new MemoryViewDedupe();
  private readonly outage: Outage;

  constructor(private readonly shared: ViewDedupe, options: FallbackOptions) {
    this.outage = new Outage(options);
  }

  async claim(reader: string, articleId: number, now: number, windowMs: number, alias?: string): Promise<boolean> {
    if (!this.outage.skipping) {
      try {
        const counted = await this.shared.claim(reader, articleId, now, windowMs, alias);
        this.outage.answered();
        return counted;
      } catch (err) {
        this.outage.failed(err);
      }
    }
    return this.local.claim(reader, articleId, now, windowMs, alias);
  }

  async clear(): Promise<void> {
    this.local.clear();
    await this.shared.clear();
  }
}

/**
 * The daily salt from Redis, or this process's own while Redis cannot be reached (a cookie-less
 * reader may then be counted once per process for that day).
 */
export class SaltWithFallback implements SaltSource {
  private readonly local = new LocalSaltSource();
  private readonly outage: Outage;

  constructor(private readonly shared: SaltSource, options: FallbackOptions) {
    this.outage = new Outage(options);
  }

  async saltFor(day: number): Promise<Buffer> {
    if (!this.outage.skipping) {
      try {
        const salt = await this.shared.saltFor(day);
        this.outage.answered();
        return salt;
      } catch (err) {
        this.outage.failed(err);
      }
    }
    return this.local.saltFor(day);
  }
}
