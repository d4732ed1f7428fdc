import { createJsonLogger, type Logger, type LogLevel } from './logger.js';

/**
 * Readable log lines for a terminal: `12:04:05.120 INFO  message key=value …`. Built on the JSON
 * logger, whose lines it rewrites, so that secrets are redacted the same way in both formats.
 */
export function createTextLogger(write: (line: string) => void = (line) => process.stderr.write(line), options: { level?: LogLevel } = {}): Logger {
  return createJsonLogger((line) => write(textLine(line)), options);
}

/** One JSON log line as text; a line that is not JSON passes unchanged. */
export function textLine(jsonLine: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return jsonLine;
  }
  const { time, level, message, ...fields } = entry;
  const clock = typeof time === 'string' ? time.slice(11, 23) : '';
  const fieldText = Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === 'string' && !/[\s"=]/.test(value) ? value : JSON.stringify(value)}`)
    .join(' ');
  return `${clock} ${String(level ?? '').toUpperCase().padEnd(5)} ${String(message ?? '')}${fieldText === '' ? '' : ` ${fieldText}`}\n`;
}
