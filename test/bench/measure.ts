/**
 * Side-by-side timing for `npm run bench`. These machines are shared and noisy, so a
 * figure only means something next to another measured in the same run: candidates are
 * run interleaved, round after round, and compared by their medians.
 */
export interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

export type Task = () => unknown;

export interface CompareOptions {
  readonly rounds?: number;
  readonly warmupRounds?: number;
}

async function timeOnce(task: Task): Promise<Timing> {
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  await task();
  const wallMs = performance.now() - wallBefore;
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1_000 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Median wall and CPU time of each named task, the tasks taking turns every round. */
export async function compare(
  tasks: Readonly<Record<string, Task>>,
  options: CompareOptions = {},
): Promise<Record<string, Timing>> {
  const { rounds = 15, warmupRounds = 3 } = options;
  const samples = new Map<string, Timing[]>(Object.keys(tasks).map((name) => [name, []]));

  for (let round = 0; round < warmupRounds + rounds; round++) {
    for (const [name, task] of Object.entries(tasks)) {
      const timing = await timeOnce(task);
      if (round >= warmupRounds) samples.get(name)?.push(timing);
    }
  }

  const result: Record<string, Timing> = {};
  for (const [name, timings] of samples) {
    result[name] = {
      wallMs: median(timings.map((t) => t.wallMs)),
      cpuMs: median(timings.map((t) => t.cpuMs)),
    };
  }
  return result;
}

export function ratio(numerator: number, denominator: number): string {
  return denominator <= 0 ? 'n/a' : `${(numerator / denominator).toFixed(2)}x`;
}

export function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 0)} ms`;
}
