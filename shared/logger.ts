/**
 * The project's logger: one line per event, scoped, with an optional structured context.
 * App code logs through this instead of console.* so output stays greppable and so tests can
 * silence or capture it by swapping the sink.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogSink = (level: LogLevel, line: string) => void

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

/* eslint-disable no-console -- the default sink is the one place that writes to the console */
const consoleSink: LogSink = (level, line) => {
  if (level === 'error') console.error(line)
  else if (level === 'warn') console.warn(line)
  else console.info(line)
}
/* eslint-enable no-console */

let sink: LogSink = consoleSink
let threshold: LogLevel = 'info'

export function setLogSink(next: LogSink | null): void {
  sink = next ?? consoleSink
}

export function setLogLevel(level: LogLevel): void {
  threshold = level
}

export interface Logger {
  debug(message: string, context?: Record<string, unknown>): void
  info(message: string, context?: Record<string, unknown>): void
  warn(message: string, context?: Record<string, unknown>): void
  error(message: string, context?: Record<string, unknown>): void
}

export function createLogger(scope: string): Logger {
  const write = (level: LogLevel, message: string, context?: Record<string, unknown>) => {
    if (LEVELS[level] < LEVELS[threshold]) return
    const suffix = context && Object.keys(context).length ? ` ${JSON.stringify(context)}` : ''
    sink(level, `[${scope}] ${message}${suffix}`)
  }
  return {
    debug: (m, c) => write('debug', m, c),
    info: (m, c) => write('info', m, c),
    warn: (m, c) => write('warn', m, c),
    error: (m, c) => write('error', m, c),
  }
}
