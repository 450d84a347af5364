/** Writing to the terminal: stdout for results, stderr for progress and errors. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (progress lines are drawn only then). */
  interactive: boolean;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  interactive: Boolean(process.stderr.isTTY),
};

/** Exit codes of the `keytrail` command. */
export const EXIT = { ok: 0, error: 1, usage: 2, partial: 3 } as const;

// C0 and C1 controls (ANSI escapes start with one) and bidirectional overrides.
// eslint-disable-next-line no-control-regex -- control characters are what we look for
const UNSAFE_FOR_TERMINAL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Control characters (ANSI escapes among them) from evidence shown as visible escapes. */
export function terminalSafe(text: string): string {
  return text.replace(
    UNSAFE_FOR_TERMINAL,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
