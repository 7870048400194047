import type { StopReason } from './signals.js';

/** `Stopped on SIGTERM.`: the last status line of a long-running command. */
export function describeStop(reason: StopReason): string {
  switch (reason.kind) {
    case 'signal':
      return `Stopped on ${reason.signal}.`;
    case 'duration':
      return 'Stopped after --duration.';
    case 'failure':
      return 'Stopped by a failure.';
  }
}
