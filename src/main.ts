import 'reflect-metadata';
import { startService } from './bootstrap';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';

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
  const logger = createLogger(config.logLevel);
  const service = await startService(config, logger).catch((error) => {
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
