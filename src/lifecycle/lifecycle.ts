/** A piece of background work: timers, connections, loaded indexes. */
export interface BackgroundTask {
  readonly name: string;
  start(): Promise<void> | void;
  /** Ends the work and writes what it holds; called once, after every later stage has stopped. */
  stop(): Promise<void> | void;
}

/**
 * Starts background tasks in stages and stops them in the reverse order: a stage starts when
 * the one before it has started, tasks of one stage start together, and stopping a stage waits
 * for every task in it. A task whose start failed is still stopped (it may hold a timer).
 */
export class Lifecycle {
  private readonly stages: { name: string; tasks: BackgroundTask[] }[] = [];
  private started: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;

  constructor(private readonly onError: (err: unknown, task: string) => void = (err) => console.error(err)) {}

  /** Adds a stage; stages start in the order they were added. */
  stage(name: string, tasks: BackgroundTask[]): this {
    if (this.started) throw new Error(`stage "${name}" added after start`);
    this.stages.push({ name, tasks });
    return this;
  }

  /** Starts every stage in order; resolves when all have started (rejects with the first failure). */
  start(): Promise<void> {
    this.started ??= (async () => {
      for (const stage of this.stages) {
        if (this.stopping) return;
        await Promise.all(stage.tasks.map((t) => t.start()));
      }
    })();
    return this.started;
  }

  /** Stops every stage, last first; a failing task is reported and the others still stop. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.started?.catch(() => {});
      for (const stage of [...this.stages].reverse()) {
        await Promise.all(stage.tasks.map(async (t) => {
          try {
            await t.stop();
          } catch (err) {
            this.onError(err, t.name);
          }
        }));
      }
    })();
    return this.stopping;
  }

  /** The tasks' names in start order, stage by stage (for docs and tests). */
  describe(): string[][] {
    return this.stages.map((s) => s.tasks.map((t) => t.name));
  }
}
