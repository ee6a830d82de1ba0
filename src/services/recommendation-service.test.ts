import { describe, expect, it } from 'vitest';
import { RecommendationService } from './recommendation-service.js';
import type { ArticleStore, ReadStore } from '../storage/ports.js';
import { LocalChangeChannel } from '../events/change-channel.js';

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

describe('RecommendationService across processes', () => {
  it('learns the reads other processes counted, and writes only its own', async () => {
    // One channel stands for the Redis one: what one service publishes, the other hears.
    const changes = new LocalChangeChannel();
    const readsA = new MemoryReads();
    const readsB = new MemoryReads();
    const options = { flushMs: 60_000, changes, shareReads: true, shareMs: 5 };
    const a = new RecommendationService(readsA, {} as ArticleStore, () => 0, options);
    const b = new RecommendationService(readsB, {} as ArticleStore, () => 0, options);
    // A's counters counted these views; B's never saw them.
    a.recordRead('r1', 4, 1);
    expect(a.history('r1')).toEqual([4]);
    expect(b.history('r1')).toEqual([]);
    await new Promise((r) => setTimeout(r, 30));
    expect(b.history('r1')).toEqual([4]);
    a.recordRead('r1', 7, 2);
    // Stopping tells the others what is still waiting, then writes.
    await a.stop();
    expect(b.history('r1')).toEqual([4, 7]);
    b.recordRead('r2', 9, 3);
    await new Promise((r) => setTimeout(r, 30));
    expect(a.history('r2')).toEqual([9]);
    await b.stop();
    expect(readsA.written.map((r) => r.articleId)).toEqual([4, 7]);
    expect(readsB.written.map((r) => r.articleId)).toEqual([9]);
  });
});
