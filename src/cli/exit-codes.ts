import {
  AuthorizationCallbackError,
  ConfigurationError,
  DataValidationError,
  NetworkError,
  NotFoundError,
  NotReadyError,
  RateLimitedError,
  ReauthorizationRequiredError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
  TokenStoreError,
} from '../shared/errors.js';

/**
 * What a script or a service manager learns from the exit status. Each failure a user
 * can act on has its own code; `--help` and the README list them.
 */
export const ExitCode = {
  ok: 0,
  /** A bug, or something nobody anticipated: rerun with --verbose and report it. */
  failure: 1,
  /** The command line itself: an unknown option, a missing argument, a bad value. */
  usage: 2,
  /** Client id, secret, token key, token file or config file: the operator must fix it. */
  configuration: 3,
  /** No session, or Tibber wants the user to sign in again: run `tibber-data login`. */
  signInRequired: 4,
  /** Tibber (or the MQTT broker) could not be reached, or kept failing: try again later. */
  unavailable: 5,
  /** Tibber answered with something the library could not use. */
  invalidData: 6,
  /** Ctrl-C before a one-shot command (login, history, diagnostics) finished. */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** A mistake on the command line, found by the command rather than the parser. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A failure the command has already explained, with the status to exit with. */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';
  readonly exitCode: ExitCodeValue;

  constructor(message: string, exitCode: ExitCodeValue, options?: ErrorOptions) {
    super(message, options);
    this.exitCode = exitCode;
  }
}

const BY_CLASS: readonly [abstract new (...args: never[]) => Error, ExitCodeValue][] = [
  [UsageError, ExitCode.usage],
  [ConfigurationError, ExitCode.configuration],
  [TokenStoreError, ExitCode.configuration],
  [ReauthorizationRequiredError, ExitCode.signInRequired],
  [AuthorizationCallbackError, ExitCode.signInRequired],
  [NetworkError, ExitCode.unavailable],
  [TimeoutError, ExitCode.unavailable],
  [ServerError, ExitCode.unavailable],
  [RateLimitedError, ExitCode.unavailable],
  [ResponseValidationError, ExitCode.invalidData],
  [DataValidationError, ExitCode.invalidData],
  [NotFoundError, ExitCode.invalidData],
];

export function exitCodeFor(error: unknown): ExitCodeValue {
  if (error instanceof CommandFailure) return error.exitCode;
  // The first poll failed: what failed it says more than "not ready".
  if (error instanceof NotReadyError) {
    return error.cause === undefined ? ExitCode.unavailable : exitCodeFor(error.cause);
  }
  const match = BY_CLASS.find(([type]) => error instanceof type);
  return match?.[1] ?? ExitCode.failure;
}

/** The error as one line: no stack, no newlines, whatever the message held. */
export function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.replace(/\s+/g, ' ').trim();
  return line === '' ? (error instanceof Error ? error.name : 'unknown error') : line;
}
