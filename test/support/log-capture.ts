import { createLogger, type LogLevel, type Logger } from '../../src/lib/logger.js';

/** One line pino wrote, parsed. */
export interface LogLine {
  level: number;
  msg: string;
  err?: { message: string; code?: string };
  [key: string]: unknown;
}

/** A real pino logger writing into memory, so a test can read what Gazette logged. */
export function captureLogs(level: LogLevel = 'info'): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines };
}
