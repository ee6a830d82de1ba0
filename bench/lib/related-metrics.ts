import { percentile } from './percentile.js';

/** Quality of related lists against labels: a hit shares at least one label with the query. */
export interface QualityFigures {
  queries: number;
  precisionAtK: number;
  mrr: number;
  /** Share of queries whose list was full (k items). */
  coverage: number;
  /** Wall-clock latency of one list (includes time the OS gave to other processes). */
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** CPU time of this process for one list: what the code costs when the machine is shared. */
  cpuP50Ms: number;
  cpuP99Ms: number;
}

/** Wall and CPU milliseconds of one call. */
export function timed<T>(fn: () => T): { value: T; wallMs: number; cpuMs: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, wallMs, cpuMs: (c.user + c.system) / 1000 };
}

/** Runs `listFor` for every labelled id and scores the lists; short lists count their gaps as misses. */
export function evaluateLists(
  labels: ReadonlyMap<number, readonly string[]>,
  k: number,
  listFor: (id: number) => number[],
  queries: readonly number[] = [...labels.keys()],
): QualityFigures {
  let precision = 0;
  let rr = 0;
  let full = 0;
  const times: number[] = [];
  const cpu: number[] = [];
  for (const id of queries) {
    const mine = labels.get(id);
    if (!mine) continue;
    const { value: list, wallMs, cpuMs } = timed(() => listFor(id));
    times.push(wallMs);
    cpu.push(cpuMs);
    let hits = 0;
    let first = 0;
    list.slice(0, k).forEach((other, rank) => {
      const theirs = labels.get(other);
      if (theirs && theirs.some((l) => mine.includes(l))) {
        hits++;
        if (first === 0) first = rank + 1;
      }
    });
    precision += hits / k;
    rr += first > 0 ? 1 / first : 0;
    if (list.length >= k) full++;
  }
  const n = times.length || 1;
  return {
    queries: times.length,
    precisionAtK: precision / n,
    mrr: rr / n,
    coverage: full / n,
    latencyP50Ms: percentile(times, 0.5),
    latencyP99Ms: percentile(times, 0.99),
    cpuP50Ms: percentile(cpu, 0.5),
    cpuP99Ms: percentile(cpu, 0.99),
  };
}
