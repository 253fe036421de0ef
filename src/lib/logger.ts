import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

/** Gazette's one logger (pino, the one Fastify uses too), made once from the configuration. */
export type Logger = PinoLogger;

/** The levels `LOG_LEVEL` may name, quietest last. */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** One of `logLevels`. */
export type LogLevel = (typeof logLevels)[number];

/**
 * Makes the process's logger: JSON lines on standard output (pino's default, what log shippers
 * read), or on `destination` (tests read what was logged from a stream of their own).
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = { level, base: { name: 'gazette' } };
  return destination ? pino(options, destination) : pino(options);
}
