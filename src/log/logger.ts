/**
 * The engine's one logger. Lines go to stderr as JSON so they never mix with CLI
 * output on stdout. Secrets found in evidence are masked before anything is written.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const LEVELS: Record<LogLevel, number> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 99,
};

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(subsystem: string): Logger;
}

// AWS access key ids; secret access keys (exactly 40 base64 characters mixing digits,
// upper and lower case); JWTs; and the value after a secret-sounding name.
const SECRET_PATTERNS: RegExp[] = [
  /\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g,
  /(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]{0,39}[0-9])(?=[A-Za-z0-9+/]{0,39}[A-Z])(?=[A-Za-z0-9+/]{0,39}[a-z])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/])/g,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+/g,
  /(?<=(?:secret|token|password|passwd|credential)[A-Za-z]*["']?\s*[:=]\s*["']?)[^"'\s,}]{5,}/gi,
];

/** Keeps the last four characters of anything that looks like a secret. */
export function maskSecrets(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (m) => `****${m.slice(-4)}`);
  }
  return out;
}

let threshold: number =
  LEVELS[(process.env.KEYTRAIL_LOG as LogLevel | undefined) ?? 'warn'];

export function setLogLevel(level: LogLevel): void {
  threshold = LEVELS[level];
}

function write(level: LogLevel, subsystem: string, msg: string, fields?: object): void {
  if (LEVELS[level] < threshold) return;
  const line = JSON.stringify({
    t: new Date().toISOString(),
    level,
    subsystem,
    msg,
    ...fields,
  });
  process.stderr.write(maskSecrets(line) + '\n');
}

export function createLogger(subsystem: string): Logger {
  return {
    debug: (msg, fields) => write('debug', subsystem, msg, fields),
    info: (msg, fields) => write('info', subsystem, msg, fields),
    warn: (msg, fields) => write('warn', subsystem, msg, fields),
    error: (msg, fields) => write('error', subsystem, msg, fields),
    child: (name) => createLogger(`${subsystem}.${name}`),
  };
}

export const rootLogger = createLogger('keytrail');
