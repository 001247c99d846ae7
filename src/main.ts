import 'reflect-metadata';
import cluster from 'node:cluster';
import { startService } from './bootstrap';
import { startPrimary } from './cluster/primary';
import { Config, ConfigError, loadConfig } from './config';
import { createLogger, Logger } from './logger';

/** One process serving, a cluster worker, or (WEB_CONCURRENCY > 1) the primary that runs the workers. */
function start(config: Config, logger: Logger): Promise<{ stop(): Promise<void> }> {
  if (cluster.isPrimary && config.webConcurrency > 1) return startPrimary(config, logger);
  return startService(config, logger, { migrate: !cluster.isWorker });
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel).child(cluster.isWorker ? { worker: cluster.worker!.id } : {});
  const service = await start(config, logger).catch((error) => {
    if (error instanceof ConfigError) process.stderr.write(`configuration error: ${error.message}\n`);
    else logger.fatal({ err: error }, 'start-up failed');
    process.exit(1);
  });
  let stopping = false;
  const shutdown = (signal: string) => {
    // A repeated signal must not cut the shutdown short: exiting before the
    // embedded database has stopped would leave it running without us.
    if (stopping) {
      logger.info({ signal }, 'already shutting down');
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    service.stop().then(
      () => {
        logger.info('stopped');
        logger.flush(() => process.exit(0));
      },
      (error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

void main();
