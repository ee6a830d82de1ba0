import { grown } from './typed-arrays.js';

// Ranking: "most read" lists over hourly view buckets. Pure: time is always passed in as epoch ms.

/** Milliseconds in one epoch hour. */
export const HOUR_MS = 3_600_000;

/** Hours kept as buckets; older views survive only in the all-time totals. */
export const RETENTION_HOURS = 30 * 24;

/** Default half-life of the trending decay, in hours. */
export const DEFAULT_HALF_LIFE_HOURS = 6;

/**
 * Buckets per fixed window. The current, still-filling hour is one of them, so '24h' is the
 * current hour plus the 23 before it: a list that moves once an hour, which is what we cache on.
 */
export const WINDOW_HOURS = { '24h': 24, '7d': 7 * 24, '30d': RETENTION_HOURS } as const;

export type RankingWindow = '24h' | '7d' | '30d' | 'all' | 'trending';

/** Views of one article in one epoch hour (floor(ms / 3_600_000)). */
export interface ViewBucket {
  articleId: number;
  hour: number;
  views: number;
}

export interface RankedItem {
  articleId: number;
  score: number;
}

export interface RankOptions {
  exclude?: ReadonlySet<number>;
}

export interface TrendingOptions extends RankOptions {
  halfLifeHours?: number;
}

/** Epoch hour of a time in epoch ms. */
export function epochHour(ms: number): number {
  return Math.floor(ms / HOUR_MS);
}

/** First epoch hour inside a window ending at nowMs; null for windows without a start. */
export function windowStartHour(window: RankingWindow, nowMs: number): number | null {
  if (window === 'all' || window === 'trending') return null;
  return epochHour(nowMs) - WINDOW_HOURS[window] + 1;
}

/** Score desc, then articleId desc: newer ids (usually newer articles) win ties, and order is total. */
export function compareRanked(a: RankedItem, b: RankedItem): number {
  return b.score - a.score || b.articleId - a.articleId;
}

function better(aScore: number, aId: number, bScore: number, bId: number): boolean {
  return aScore > bScore || (aScore === bScore && aId > bId);
}

/** The best k of (articleId, score) entries in ranking order, skipping excluded ids and scores <= 0. */
export function selectTop(
  entries: Iterable<readonly [number, number]>,
  k: number,
  exclude?: ReadonlySet<number>,
): RankedItem[] {
  const heap = new TopHeap(k);
  for (const [articleId, score] of entries) {
    if (score > 0 && !exclude?.has(articleId)) heap.push(articleId, score);
  }
  return heap.sorted();
}

/** Bounded min-heap with the worst kept item at the root: one comparison rejects most candidates. */
class TopHeap {
  private readonly heap: RankedItem[] = [];
  constructor(private readonly k: number) {}

  push(articleId: number, score: number): void {
    const heap = this.heap;
    if (heap.length < this.k) {
      heap.push({ articleId, score });
      siftUp(heap, heap.length - 1);
      return;
    }
    const root = heap[0];
    if (root && better(score, articleId, root.score, root.articleId)) {
      heap[0] = { articleId, score };
      siftDown(heap, 0);
    }
  }

  sorted(): RankedItem[] {
    return this.heap.sort(compareRanked);
  }
}

function worse(a: RankedItem, b: RankedItem): boolean {
  return better(b.score, b.articleId, a.score, a.articleId);
}

function siftUp(heap: RankedItem[], i: number): void {
  const item = heap[i]!;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!worse(item, heap[parent]!)) break;
    heap[i] = heap[parent]!;
    i = parent;
  }
  heap[i] = item;
}

function siftDown(heap: RankedItem[], i: number): void {
  const item = heap[i]!;
  const n = heap.length;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && worse(heap[child + 1]!, heap[child]!)) child++;
    if (!worse(heap[child]!, item)) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = item;
}

function checkViews(views: number): void {
  if (!Number.isFinite(views) || views < 0) throw new RangeError(`views must be a finite number >= 0, got ${views}`);
}

function checkHalfLife(halfLifeHours: number): void {
  if (!(halfLifeHours > 0) || !Number.isFinite(halfLifeHours)) {
    throw new RangeError(`halfLifeHours must be a finite number > 0, got ${halfLifeHours}`);
  }
}

/** Decay factor of views that are ageHours old. */
export function decayFactor(ageHours: number, halfLifeHours: number): number {
  return Math.pow(2, -ageHours / halfLifeHours);
}

/** Top k articles by views summed over a window ending at nowMs ('trending' uses the default half-life). */
export function rankByWindow(
  buckets: Iterable<ViewBucket>,
  window: RankingWindow,
  nowMs: number,
  k: number,
  opts: RankOptions = {},
): RankedItem[] {
  if (window === 'trending') return rankTrending(buckets, nowMs, k, opts);
  const nowHour = epochHour(nowMs);
  const start = windowStartHour(window, nowMs);
  const sums = new Map<number, number>();
  for (const b of buckets) {
    checkViews(b.views);
    // Future buckets (clock skew between processes) are not "read in the window" yet; 'all' has no time.
    if (start !== null && (b.hour < start || b.hour > nowHour)) continue;
    sums.set(b.articleId, (sums.get(b.articleId) ?? 0) + b.views);
  }
  return selectTop(sums, k, opts.exclude);
}

/**
 * Trending score per article: sum of views * 2^(-age/halfLife), age = whole hours since the bucket.
 * Only the retention horizon (30 days) counts, so the board can forget older buckets.
 */
export function trendingScores(
  buckets: Iterable<ViewBucket>,
  nowMs: number,
  halfLifeHours: number = DEFAULT_HALF_LIFE_HOURS,
): Map<number, number> {
  checkHalfLife(halfLifeHours);
  const nowHour = epochHour(nowMs);
  const start = nowHour - RETENTION_HOURS + 1;
  const scores = new Map<number, number>();
  for (const b of buckets) {
    checkViews(b.views);
    if (b.hour < start || b.hour > nowHour || b.views === 0) continue;
    const s = b.views * decayFactor(nowHour - b.hour, halfLifeHours);
    scores.set(b.articleId, (scores.get(b.articleId) ?? 0) + s);
  }
  return scores;
}

/** Top k articles by trending score (exponentially decayed views). */
export function rankTrending(
  buckets: Iterable<ViewBucket>,
  nowMs: number,
  k: number,
  opts: TrendingOptions = {},
): RankedItem[] {
  return selectTop(trendingScores(buckets, nowMs, opts.halfLifeHours), k, opts.exclude);
}

export interface RankingBoardOptions {
  /** Half-life of 'trending' in hours (default 6). */
  halfLifeHours?: number;
  /** How many leaders each window keeps ready; queries with exclusions dig into this reserve (default 64). */
  cacheSize?: number;
}

type TimedWindow = Exclude<RankingWindow, 'all'>;

/** Running sums of one timed window as of one epoch hour, in arrays indexed by article slot. */
interface WindowState {
  nowHour: number;
  startHour: number;
  /** Raw views per slot inside [startHour, nowHour]; integers, so they say exactly when an article has left. */
  raw: Float64Array;
  /** The ranking score: `raw` itself for fixed windows, decayed views as of nowHour for trending. */
  score: Float64Array;
  /** Slots with raw > 0. */
  live: number;
  /** Best min(cacheSize, live) entries in ranking order; null = rebuild on the next query. */
  leaders: RankedItem[] | null;
}

/**
 * In-memory ranking of hourly view buckets for the app to keep beside its counters.
 * Windows hold running sums advanced once per hour, and a small leader list kept exact on add,
 * so top() within an hour costs O(cacheSize), not O(articles). See docs/decisions/003.
 */
export class RankingBoard {
  readonly halfLifeHours: number;
  readonly cacheSize: number;
  // Articles get dense slots so window sums are typed arrays: a hash lookup per view on a 200k-entry
  // map costs more than everything else the board does.
  private readonly slotOf = new Map<number, number>();
  private idOf: number[] = [];
  private capacity = 1024;
  /** hour -> slot -> views, for the last RETENTION_HOURS (plus whatever has not been pruned yet). */
  private readonly buckets = new Map<number, Map<number, number>>();
  private totals: Float64Array = new Float64Array(this.capacity);
  private totalsLive = 0;
  private totalLeaders: RankedItem[] | null = null;
  private readonly states = new Map<TimedWindow, WindowState>();

  constructor(opts: RankingBoardOptions = {}) {
    this.halfLifeHours = opts.halfLifeHours ?? DEFAULT_HALF_LIFE_HOURS;
    checkHalfLife(this.halfLifeHours);
    this.cacheSize = Math.max(1, Math.floor(opts.cacheSize ?? 64));
  }

  /** Records views of an article in an epoch hour; also counts them in the all-time total. */
  add(articleId: number, hour: number, views: number): void {
    checkViews(views);
    if (views === 0) return;
    const slot = this.slot(articleId);
    let bySlot = this.buckets.get(hour);
    if (!bySlot) {
      bySlot = new Map();
      this.buckets.set(hour, bySlot);
    }
    bySlot.set(slot, (bySlot.get(slot) ?? 0) + views);

    const total = this.totals[slot]! + views;
    if (total === views) this.totalsLive++;
    this.totals[slot] = total;
    if (this.totalLeaders) this.bump(this.totalLeaders, this.totalsLive, articleId, total);

    for (const [window, st] of this.states) {
      if (hour < st.startHour || hour > st.nowHour) continue;
      const raw = st.raw[slot]!;
      if (raw === 0) st.live++;
      st.raw[slot] = raw + views;
      if (window === 'trending') st.score[slot] = st.score[slot]! + views * decayFactor(st.nowHour - hour, this.halfLifeHours);
      if (st.leaders) this.bump(st.leaders, st.live, articleId, st.score[slot]!);
    }
  }

  /** Sets an article's all-time total, e.g. from the store at start-up after its recent buckets were added. */
  setTotal(articleId: number, total: number): void {
    checkViews(total);
    const slot = this.slot(articleId);
    if (this.totals[slot] === 0 && total > 0) this.totalsLive++;
    if (this.totals[slot]! > 0 && total === 0) this.totalsLive--;
    this.totals[slot] = total;
    // A total may go down here, which the incremental leader update cannot express.
    this.totalLeaders = null;
  }

  /** Forgets an article everywhere (deleted or unpublished). */
  remove(articleId: number): void {
    const slot = this.slotOf.get(articleId);
    if (slot === undefined) return;
    for (const [hour, bySlot] of this.buckets) {
      if (bySlot.delete(slot) && bySlot.size === 0) this.buckets.delete(hour);
    }
    if (this.totals[slot]! > 0) this.totalsLive--;
    this.totals[slot] = 0;
    this.totalLeaders = null;
    for (const st of this.states.values()) {
      if (st.raw[slot]! > 0) st.live--;
      st.raw[slot] = 0;
      st.score[slot] = 0;
      st.leaders = null;
    }
  }

  /** Drops buckets older than 30 days before nowMs; all-time totals are kept. */
  prune(nowMs: number): void {
    const cutoff = epochHour(nowMs) - RETENTION_HOURS + 1;
    for (const hour of this.buckets.keys()) {
      if (hour < cutoff) this.buckets.delete(hour);
    }
    // A window that still covers pruned hours could not subtract them later: rebuild it on demand.
    for (const [window, st] of this.states) {
      if (st.startHour < cutoff) this.states.delete(window);
    }
  }

  /** Top k articles of a window as of nowMs, skipping excluded ids. */
  top(window: RankingWindow, nowMs: number, k: number, exclude?: ReadonlySet<number>): RankedItem[] {
    if (k <= 0) return [];
    if (window === 'all') {
      this.totalLeaders ??= this.scan(this.totals, this.cacheSize);
      return this.pick(this.totalLeaders, this.totals, this.totalsLive, k, exclude);
    }
    const st = this.state(window, epochHour(nowMs));
    st.leaders ??= this.scan(st.score, this.cacheSize);
    return this.pick(st.leaders, st.score, st.live, k, exclude);
  }

  /** Number of hourly buckets held (for memory accounting and tests). */
  bucketCount(): number {
    let n = 0;
    for (const bySlot of this.buckets.values()) n += bySlot.size;
    return n;
  }

  /** Oldest epoch hour still held, or null when empty. */
  oldestHour(): number | null {
    let min: number | null = null;
    for (const hour of this.buckets.keys()) if (min === null || hour < min) min = hour;
    return min;
  }

  private slot(articleId: number): number {
    let slot = this.slotOf.get(articleId);
    if (slot !== undefined) return slot;
    slot = this.idOf.length;
    this.slotOf.set(articleId, slot);
    this.idOf.push(articleId);
    if (slot >= this.capacity) this.grow();
    return slot;
  }

  private grow(): void {
    this.capacity *= 2;
    this.totals = grown(this.totals, this.capacity);
    for (const st of this.states.values()) {
      const trending = st.score !== st.raw;
      st.raw = grown(st.raw, this.capacity);
      st.score = trending ? grown(st.score, this.capacity) : st.raw;
    }
  }

  /** Best k slots of a score array in ranking order, as article ids, skipping excluded ids. */
  private scan(score: Float64Array, k: number, exclude?: ReadonlySet<number>): RankedItem[] {
    const heap = new TopHeap(k);
    const idOf = this.idOf;
    for (let slot = 0; slot < idOf.length; slot++) {
      const s = score[slot]!;
      if (s > 0 && !exclude?.has(idOf[slot]!)) heap.push(idOf[slot]!, s);
    }
    return heap.sorted();
  }

  private pick(
    leaders: readonly RankedItem[],
    score: Float64Array,
    live: number,
    k: number,
    exclude?: ReadonlySet<number>,
  ): RankedItem[] {
    const out: RankedItem[] = [];
    for (const item of leaders) {
      if (exclude?.has(item.articleId)) continue;
      out.push({ articleId: item.articleId, score: item.score });
      if (out.length === k) return out;
    }
    // The reserve ran out only if the leaders are a truncated view of the window: scan it all.
    if (leaders.length < live) return this.scan(score, k, exclude);
    return out;
  }

  /**
   * Keeps `leaders` equal to the best min(cacheSize, live) entries after one article's score rose.
   * Scores only rise between hour changes, so only the article that changed can enter the list.
   */
  private bump(leaders: RankedItem[], live: number, articleId: number, score: number): void {
    let i = leaders.findIndex((x) => x.articleId === articleId);
    if (i >= 0) {
      leaders[i] = { articleId, score };
    } else if (leaders.length < this.cacheSize && leaders.length < live) {
      // A short list holds every scored article, so a newcomer always has a place.
      leaders.push({ articleId, score });
      i = leaders.length - 1;
    } else {
      const last = leaders[leaders.length - 1];
      if (!last || !better(score, articleId, last.score, last.articleId)) return;
      i = leaders.length - 1;
      leaders[i] = { articleId, score };
    }
    while (i > 0 && compareRanked(leaders[i]!, leaders[i - 1]!) < 0) {
      const tmp = leaders[i - 1]!;
      leaders[i - 1] = leaders[i]!;
      leaders[i] = tmp;
      i--;
    }
  }

  private state(window: TimedWindow, nowHour: number): WindowState {
    const span = window === 'trending' ? RETENTION_HOURS : WINDOW_HOURS[window];
    const startHour = nowHour - span + 1;
    const st = this.states.get(window);
    if (st && st.nowHour === nowHour) return st;
    if (st && nowHour > st.nowHour && nowHour - st.nowHour < span) {
      this.advance(window, st, nowHour, startHour);
      return st;
    }
    // First use, a clock that went back, or a jump past the whole window: sum from the buckets.
    const fresh = this.build(window, nowHour, startHour);
    this.states.set(window, fresh);
    return fresh;
  }

  private build(window: TimedWindow, nowHour: number, startHour: number): WindowState {
    const raw = new Float64Array(this.capacity);
    const st: WindowState = {
      nowHour,
      startHour,
      raw,
      score: window === 'trending' ? new Float64Array(this.capacity) : raw,
      live: 0,
      leaders: null,
    };
    for (let hour = startHour; hour <= nowHour; hour++) this.apply(st, hour, +1);
    return st;
  }

  /** Adds (sign +1) or subtracts (-1) one hour's buckets to a window's sums. */
  private apply(st: WindowState, hour: number, sign: 1 | -1): void {
    const bySlot = this.buckets.get(hour);
    if (!bySlot) return;
    const trending = st.score !== st.raw;
    const w = trending ? decayFactor(st.nowHour - hour, this.halfLifeHours) : 1;
    const { raw, score } = st;
    for (const [slot, views] of bySlot) {
      const before = raw[slot]!;
      const after = before + sign * views;
      if (after <= 0) {
        // Integer raw counts decide when an article has left; decayed floats would leave dust.
        if (before > 0) st.live--;
        raw[slot] = 0;
        score[slot] = 0;
        continue;
      }
      if (before === 0) st.live++;
      raw[slot] = after;
      if (trending) score[slot] = Math.max(0, score[slot]! + sign * views * w);
    }
  }

  /** Moves a window forward by less than its span: subtract hours that left, add hours that arrived. */
  private advance(window: TimedWindow, st: WindowState, nowHour: number, startHour: number): void {
    if (window === 'trending') {
      // Rescaling keeps trending scores "as of nowHour", so they never overflow however long we run.
      const f = decayFactor(nowHour - st.nowHour, this.halfLifeHours);
      const score = st.score;
      for (let slot = 0; slot < this.idOf.length; slot++) score[slot] = score[slot]! * f;
    }
    const oldStart = st.startHour;
    const oldNow = st.nowHour;
    st.nowHour = nowHour;
    st.startHour = startHour;
    for (let hour = oldStart; hour < startHour; hour++) this.apply(st, hour, -1);
    // Buckets that were in the future for the old hour (clock skew) now count.
    for (let hour = oldNow + 1; hour <= nowHour; hour++) this.apply(st, hour, +1);
    st.leaders = null;
  }
}
