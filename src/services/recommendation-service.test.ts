import { describe, expect, it } from 'vitest';
import { RecommendationService } from './recommendation-service.js';
import type { ArticleStore, ReadStore } from '../storage/ports.js';

type Read = { reader: string; articleId: number; at: number };

/** A ReadStore in memory that notes each append and can be told to fail. */
class MemoryReads implements ReadStore {
  readonly appends: Read[][] = [];
  readonly log: string[] = [];
  failOn = -1;

  async append(reads: readonly Read[]): Promise<void> {
    this.log.push(`append ${reads.length}`);
    if (this.appends.length === this.failOn) {
      this.failOn = -1;
      throw new Error('disk full');
    }
    this.appends.push([...reads]);
  }

  async *since(): AsyncIterable<Read> {}

  async prune(): Promise<number> {
    return 0;
  }

  get written(): Read[] {
    return this.appends.flat();
  }
}

function serviceWith(reads: MemoryReads): RecommendationService {
  return new RecommendationService(reads, {} as ArticleStore, () => 0, { flushMs: 60_000 });
}

/** 2,500 reads by distinct readers, so every one is fresh and buffered. */
function record(service: RecommendationService, n: number): void {
  for (let i = 0; i < n; i++) service.recordRead(`reader-${i}`, 1 + (i % 7), i);
}

describe('RecommendationService write-behind', () => {
  it('writes a large batch in chunks with a turn of the event loop between them', async () => {
    const reads = new MemoryReads();
    const service = serviceWith(reads);
    record(service, 2500);
    const flushed = service.flush();
    setImmediate(() => reads.log.push('other work'));
    await flushed;
    expect(reads.log).toEqual(['append 1000', 'other work', 'append 1000', 'append 500']);
    expect(reads.written.map((r) => r.at)).toEqual(Array.from({ length: 2500 }, (_, i) => i));
  });

  it('keeps what a failed write did not store and writes it, in order, next time', async () => {
    const reads = new MemoryReads();
    const service = serviceWith(reads);
    record(service, 2500);
    reads.failOn = 1;
    await expect(service.flush()).rejects.toThrow('disk full');
    expect(reads.written).toHaveLength(1000);
    service.recordRead('late-reader', 3, 9999);
    await service.flush();
    expect(reads.written.map((r) => r.at)).toEqual([...Array.from({ length: 2500 }, (_, i) => i), 9999]);
  });

  it('never writes a read twice when flushes overlap', async () => {
    const reads = new MemoryReads();
    const service = serviceWith(reads);
    record(service, 2500);
    const first = service.flush();
    service.recordRead('late-reader', 3, 9999);
    await Promise.all([first, service.flush(), service.stop()]);
    const ats = reads.written.map((r) => r.at);
    expect(ats).toHaveLength(2501);
    expect(new Set(ats).size).toBe(2501);
  });
});
