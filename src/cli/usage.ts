/** A mistake in how the command was called: exit code 2, with the command's usage. */
export class UsageError extends Error {
  override name = 'UsageError';
  /** Whether the usage line helps (not for unreadable files or unreachable servers). */
  readonly showUsage: boolean = true;
}

/** Bad input given to a well-formed call (a missing file, a malformed request): exit 2. */
export class InputError extends UsageError {
  override name = 'InputError';
  override readonly showUsage: boolean = false;
}

/**
 * Exit codes (docs/cli.md): 0 ok, 1 a verification failed, 2 usage or input error; 70
 * (EX_SOFTWARE in sysexits.h) for an unexpected internal error, i.e. a bug.
 */
export const EXIT = { ok: 0, verificationFailed: 1, usage: 2, internal: 70 } as const;
