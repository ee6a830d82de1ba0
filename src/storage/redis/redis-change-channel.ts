import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { LocalChangeChannel, type ChangeChannel, type ChangeHandler } from '../../events/change-channel.js';
import { LOCAL_ONLY, type ChangeEvents, type ChangeName } from '../../events/change-events.js';

interface Envelope {
  /** The process that published it; it has already delivered the event to itself. */
  o: string;
  n: ChangeName;
  p: unknown;
}

/**
 * The change channel of a site that runs several processes: every change is delivered here at
 * once and published on a Redis channel that every other process of the site subscribes to.
 * Redis pub/sub delivers at most once and only to processes connected at that moment; what a
 * process misses (Redis down, a restart) is caught by the store watcher's safety net.
 */
export class RedisChangeChannel implements ChangeChannel {
  private readonly local: LocalChangeChannel;
  private readonly origin = randomBytes(8).toString('hex');
  private subscriber: Redis | undefined;
  private failing = false;

  constructor(
    private readonly publisher: Redis,
    private readonly topic: string,
    private readonly onError: (err: unknown, context: string) => void,
  ) {
    this.local = new LocalChangeChannel(onError);
  }

  publish<K extends ChangeName>(name: K, payload: ChangeEvents[K]): void {
    this.local.deliver(name, payload);
    if (LOCAL_ONLY.has(name)) return;
    const message = JSON.stringify({ o: this.origin, n: name, p: payload } satisfies Envelope);
    this.publisher.publish(this.topic, message).then(() => {
      this.failing = false;
    }, (err: unknown) => {
      // Reported once per outage: the other processes' watchers find the change anyway.
      if (!this.failing) this.onError(err, `publishing ${name}; other processes will find changes through their store watchers until Redis answers`);
      this.failing = true;
    });
  }

  deliver<K extends ChangeName>(name: K, payload: ChangeEvents[K]): void {
    this.local.deliver(name, payload);
  }

  subscribe<K extends ChangeName>(name: K, handler: ChangeHandler<K>): () => void {
    return this.local.subscribe(name, handler);
  }

  /** Starts hearing other processes (a connection of its own: a subscribed Redis connection can do nothing else). */
  async start(): Promise<void> {
    if (this.subscriber) return;
    // ioredis reconnects and subscribes again by itself after an outage; what was published
    // meanwhile is lost to this process, and the store watcher finds it.
    const subscriber = this.publisher.duplicate({ lazyConnect: true, enableOfflineQueue: true, commandTimeout: undefined });
    this.subscriber = subscriber;
    subscriber.on('error', () => {});
    subscriber.on('message', (_topic: string, raw: string) => this.receive(raw));
    await subscriber.connect();
    await subscriber.subscribe(this.topic);
  }

  async stop(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    if (subscriber) await subscriber.quit().catch(() => subscriber.disconnect());
  }

  private receive(raw: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(raw) as Envelope;
    } catch {
      return;
    }
    if (envelope.o === this.origin || LOCAL_ONLY.has(envelope.n)) return;
    this.local.deliver(envelope.n, envelope.p as never);
  }
}
