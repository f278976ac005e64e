import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { convertText } from './convert.js';
import type { ConverterOptions, ConvertResult } from './removal.js';

/**
 * Conversion on worker threads. Texts go in, results come back; no thread
 * touches the file system. Jobs are sent in batches, two batches in flight
 * per thread, so a thread never waits for work and messaging stays cheap.
 */
export interface Converter {
  convert(text: string, input: ConverterOptions['input']): Promise<ConvertResult>;
  close(): Promise<void>;
}

export interface WorkerJob {
  id: number;
  text: string;
  input: ConverterOptions['input'];
}

export type WorkerReply = { results: Array<{ id: number; result: ConvertResult }> } | { error: string };

/** Below this many posts per thread, starting threads costs more than it saves. */
const MIN_POSTS_PER_THREAD = 300;
const BATCH = 32;

/** Threads worth starting for `count` posts (1 means: convert on this thread). */
export function threadsFor(count: number, jobs?: number): number {
  // Under a TypeScript loader (the tests) there is no compiled worker to start.
  if (import.meta.url.endsWith('.ts')) return 1;
  return Math.max(1, Math.min(jobs ?? availableParallelism(), Math.floor(count / MIN_POSTS_PER_THREAD)));
}

export function createConverter(threads: number, options: Omit<ConverterOptions, 'input'>): Converter {
  if (threads <= 1) {
    return {
      convert: async (text, input) => convertText(text, { ...options, input }),
      close: async () => {},
    };
  }
  return new WorkerConverter(threads, options);
}

interface Lane {
  worker: Worker;
  inFlight: number;
}

class WorkerConverter implements Converter {
  private readonly lanes: Lane[] = [];
  private readonly queue: WorkerJob[] = [];
  private readonly waiting = new Map<number, { resolve: (r: ConvertResult) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private flushScheduled = false;
  private failure: Error | null = null;

  constructor(threads: number, options: Omit<ConverterOptions, 'input'>) {
    for (let t = 0; t < threads; t++) {
      const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: options });
      const lane: Lane = { worker, inFlight: 0 };
      worker.on('message', (reply: WorkerReply) => this.receive(lane, reply));
      worker.on('error', (error) => this.fail(error));
      this.lanes.push(lane);
    }
  }

  convert(text: string, input: ConverterOptions['input']): Promise<ConvertResult> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const promise = new Promise<ConvertResult>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.queue.push({ id, text, input });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
    return promise;
  }

  private flush(): void {
    this.flushScheduled = false;
    for (const lane of this.lanes) {
      while (lane.inFlight < 2 && this.queue.length > 0) {
        lane.worker.postMessage(this.queue.splice(0, BATCH));
        lane.inFlight++;
      }
    }
  }

  private receive(lane: Lane, reply: WorkerReply): void {
    lane.inFlight--;
    if ('error' in reply) return this.fail(new Error(reply.error));
    for (const { id, result } of reply.results) {
      this.waiting.get(id)?.resolve(result);
      this.waiting.delete(id);
    }
    this.flush();
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
  }

  async close(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.worker.terminate()));
  }
}
