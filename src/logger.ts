import pino from 'pino';

// JSON lines to stdout (or to `destination`, for tests that read them); anything
// that could carry a credential is redacted by path.
export function createLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'entitlement-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // A failed query's parameters are user data (emails, statements, prompts): never logged.
    serializers: { err: errorWithoutParameters },
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        'authorization',
        'token',
        'password',
        'secret',
        '*.secret',
        'databaseUrl',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type Logger = pino.Logger;

function errorWithoutParameters(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (serialized && typeof serialized === 'object') {
    delete serialized.parameters;
    const driverError = serialized.driverError as Record<string, unknown> | undefined;
    if (driverError && typeof driverError === 'object') serialized.driverError = { ...driverError, parameters: undefined };
  }
  return serialized;
}
