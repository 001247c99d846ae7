import { run, Runner, TaskList } from 'graphile-worker';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { FeedConfig } from '../../config';
import type { Logger } from '../../logger';
import { listenerConfig } from '../../infrastructure/change-listener';
import { EntitlementFeed } from './entitlement-feed';
import { JobQueue, TASK } from '../../infrastructure/job-queue';
import { WebhookDispatcher } from './webhook-dispatcher';

/**
 * The job queue's worker (graphile-worker, on the same PostgreSQL), run here
 * unless WEBHOOK_WORKER=false; the queue's schema is installed by JobQueue. stop() aborts sends in
 * flight (they are not recorded and go out again later) and waits for the
 * worker to let go of its jobs.
 */
export class FeedWorker {
  private pool: Pool | null = null;
  private runner: Runner | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private readonly abort = new AbortController();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: FeedConfig,
    private readonly logger: Logger,
    private readonly jobs: JobQueue,
    private readonly dispatcher: WebhookDispatcher,
    private readonly entitlementFeed: EntitlementFeed,
  ) {}

  get running(): boolean {
    return this.runner !== null;
  }

  async start(): Promise<void> {
    if (!this.config.worker) return;
    this.pool = new Pool({
      ...listenerConfig(this.dataSource),
      max: this.config.concurrency + 2,
      application_name: 'entitlement-api-jobs',
    });
    // Without a handler an idle client's dropped connection would crash the process.
    this.pool.on('error', (error) => this.logger.warn({ err: error }, 'job queue connection lost'));
    const logger = this.jobs.workerLogger();
    const signal = this.abort.signal;
    const taskList: TaskList = {
      [TASK.deliver]: async (payload) => {
        await this.dispatcher.drain(String((payload as { endpointId: string }).endpointId), signal);
      },
      [TASK.recompute]: async (payload) => {
        if (signal.aborted) throw new Error('stopping'); // retried by the queue
        await this.entitlementFeed.recompute(String((payload as { accountId: string }).accountId));
      },
      [TASK.recomputeAll]: async () => {
        await this.entitlementFeed.recomputeAll();
      },
    };
    this.runner = await run({
      pgPool: this.pool,
      concurrency: this.config.concurrency,
      pollInterval: this.config.pollIntervalMs,
      noHandleSignals: true,
      taskList,
      logger,
    });
    await this.sweep();
    this.sweepTimer = setInterval(() => void this.sweep(), this.config.sweepIntervalMs);
    this.sweepTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.abort.abort();
    const runner = this.runner;
    this.runner = null;
    if (runner) await runner.stop().catch((error) => this.logger.warn({ err: error }, 'job worker did not stop cleanly'));
    this.dispatcher.close();
    const pool = this.pool;
    this.pool = null;
    if (pool) await pool.end().catch(() => undefined);
  }

  private async sweep(): Promise<void> {
    try {
      await this.dispatcher.sweep();
    } catch (error) {
      this.logger.warn({ err: error }, 'webhook sweep failed');
    }
  }
}
