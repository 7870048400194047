import { Command, CommanderError, Option } from 'commander';

import type { Logger } from '../shared/logger.js';
import { isLoopbackUrl } from '../shared/loopback.js';
import { libraryIdentity } from '../shared/version.js';
import type { AccountFlags } from './account.js';
import { accountSettings, openAccount } from './account.js';
import { runBridge } from './bridge.js';
import { createCliLogger } from './cli-logger.js';
import type { ConfigFile } from './config.js';
import {
  DEFAULT_REDIRECT_URI,
  ENV,
  defaultTokenFile,
  loadConfigFile,
  missingSetting,
  pick,
} from './config.js';
import type { CliContext } from './context.js';
import { runDemo } from './demo.js';
import { runDiagnostics } from './diagnostics.js';
import { parseDuration } from './durations.js';
import {
  CommandFailure,
  ExitCode,
  UsageError,
  describeFailure,
  exitCodeFor,
} from './exit-codes.js';
import { runHistory } from './history.js';
import { runKeygen } from './keygen.js';
import { runLogin } from './login.js';
import { runLogout } from './logout.js';
import { runWatch } from './watch.js';

interface CommonFlags {
  readonly json?: boolean;
  readonly verbose?: boolean;
  readonly config?: string;
}

interface LiveFlags {
  readonly interval?: string;
  readonly duration?: string;
  readonly all?: boolean;
}

/** Tibber refreshes device data about once a minute; faster polling only spends quota. */
const MIN_TIBBER_INTERVAL_MS = 10_000;

const EXIT_CODES = `
Exit codes:
  0    done (a long-running command stopped by Ctrl-C, SIGTERM or --duration)
  1    unexpected failure: rerun with --verbose and report it
  2    bad command line
  3    configuration: client id or secret, token key, token file, config file
  4    sign-in needed: run \`tibber-data login\`
  5    Tibber or the MQTT broker unreachable, or failing: try again later
  6    Tibber sent data the library cannot use
  130  interrupted before a one-shot command finished`;

const ENVIRONMENT = `
Settings come from flags, then environment variables, then the config file (JSON):
  ${ENV.clientId}, ${ENV.clientSecret}, ${ENV.redirectUri},
  ${ENV.tokenFile}, ${ENV.tokenKey}, ${ENV.issuer}, ${ENV.apiUrl},
  ${ENV.pollInterval}, ${ENV.mqttUrl}, ${ENV.mqttUsername}, ${ENV.mqttPassword},
  ${ENV.config}
Secrets (client secret, token key, MQTT password) are never flags: ps shows flags.`;

/** Runs one command line; resolves with the exit status. Never throws. */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  const program = buildProgram(context);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    const code = exitCodeFor(error);
    // The library says what happened; the command adds what to do about it.
    const hint = code === ExitCode.signInRequired && !(error instanceof CommandFailure)
      ? '; run `tibber-data login`'
      : '';
    context.output.status(`tibber-data: ${describeFailure(error)}${hint}`);
    if (argv.includes('--verbose') && error instanceof Error && error.stack !== undefined) {
      context.output.status(error.stack);
    }
    return code;
  }
}

function buildProgram(context: CliContext): Command {
  const { output } = context;
  const program = new Command('tibber-data')
    .description('The devices behind a Tibber account, from a terminal.')
    .version(libraryIdentity().version, '-v, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => {
        output.line(text.replace(/\n$/, ''));
      },
      writeErr: (text) => {
        output.status(text.replace(/\n$/, ''));
      },
    })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', `${ENVIRONMENT}\n${EXIT_CODES}`);

  const command = (name: string, description: string, examples: readonly string[]): Command =>
    program
      .command(name)
      .description(description)
      .option('--json', 'JSON on stdout, one object per line')
      .option('--verbose', 'the library log on stderr, and stacks with errors')
      .option('--config <file>', `a JSON config file (or ${ENV.config})`)
      .addHelpText('after', `\nExamples:\n${examples.map((line) => `  $ ${line}`).join('\n')}`);

  const prepare = async (
    flags: CommonFlags & AccountFlags,
  ): Promise<{ file: ConfigFile; logger: Logger }> => {
    const logger = createCliLogger(output, flags.verbose === true);
    const loaded = await loadConfigFile(flags.config, context.env, context.cwd);
    if (loaded.warning !== undefined) output.status(`warning: ${loaded.warning}`);
    return { file: loaded.file, logger };
  };

  withLiveOptions(
    command('demo', 'run everything against the built-in mock Tibber: no account needed', [
      'tibber-data demo',
      'tibber-data demo --duration 30s --json | jq -c \'select(.type == "state")\'',
      'tibber-data demo --interval 1s --speed 600 --all',
    ]),
    '2s',
  )
    .addOption(new Option('--speed <n>', 'how many times faster the household lives').default('60'))
    .option('--seed <n>', 'another demo household')
    .action(async (flags: CommonFlags & LiveFlags & { speed: string; seed?: string }) => {
      const { logger } = await prepare(flags);
      const durationMs = optionalDuration(flags.duration, '--duration');
      await runDemo(context, {
        pollIntervalMs: parseDuration(flags.interval ?? '2s', '--interval'),
        ...(durationMs === undefined ? {} : { durationMs }),
        speed: numberOption(flags.speed, '--speed', 1),
        ...(flags.seed === undefined ? {} : { seed: integerOption(flags.seed, '--seed') }),
        json: flags.json === true,
        all: flags.all === true,
        logger,
      });
    });

  command('keygen', 'make a key for the encrypted token file, and say where it goes', [
    'tibber-data keygen',
    'tibber-data keygen >> /etc/tibber-data.env && chmod 600 /etc/tibber-data.env',
  ]).action((flags: CommonFlags) => {
    runKeygen(context, { json: flags.json === true });
  });

  withAccountOptions(
    command('login', 'sign in to Tibber and save the session, encrypted', [
      'tibber-data login --client-id my-client',
      'tibber-data login --redirect-uri http://127.0.0.1:8765/callback',
      'tibber-data login --no-listen   # headless: paste the address the browser lands on',
    ]),
  )
    .option('--no-listen', 'do not listen on the redirect URI; only take a pasted address')
    .option('--timeout <duration>', 'how long to wait for the browser', '10m')
    .action(async (flags: CommonFlags & AccountFlags & { listen: boolean; timeout: string }) => {
      const { file, logger } = await prepare(flags);
      const account = openAccount(accountSettings(flags, context.env, file), context.env, logger);
      await runLogin(context, account, {
        listen: flags.listen,
        timeoutMs: parseDuration(flags.timeout, '--timeout'),
        json: flags.json === true,
      });
    });

  command('logout', 'delete the saved session', [
    'tibber-data logout',
    'tibber-data logout --token-file /var/lib/tibber-data/session.json',
  ])
    .option('--token-file <path>', 'the encrypted session (default under ~/.local/state)')
    .action(async (flags: CommonFlags & { tokenFile?: string }) => {
      const { file } = await prepare(flags);
      const tokenFile = pick(flags.tokenFile, context.env[ENV.tokenFile], file.tokenFile) ??
        defaultTokenFile(context.env);
      await runLogout(context, { tokenFile, json: flags.json === true });
    });

  withLiveOptions(
    withAccountOptions(
      command('watch', "show the account's devices, then each change as it happens", [
        'tibber-data watch',
        'tibber-data watch --json >> tibber-changes.jsonl',
        'tibber-data watch --all --interval 2m',
      ]),
    ),
    '60s',
  ).action(async (flags: CommonFlags & AccountFlags & LiveFlags) => {
    const { file, logger } = await prepare(flags);
    const settings = accountSettings(flags, context.env, file);
    const durationMs = optionalDuration(flags.duration, '--duration');
    await runWatch(context, openAccount(settings, context.env, logger), {
      pollIntervalMs: pollInterval(flags.interval, context.env, file, settings.apiUrl),
      ...(durationMs === undefined ? {} : { durationMs }),
      json: flags.json === true,
      all: flags.all === true,
      logger,
    });
  });

  withLiveOptions(
    withAccountOptions(
      command('bridge', 'publish every entity to Home Assistant over MQTT, as a service', [
        'tibber-data bridge --mqtt mqtt://homeassistant.local:1883',
        `${ENV.mqttPassword}=… tibber-data bridge --mqtt mqtts://broker:8883 ` +
          '--mqtt-username hub',
      ]),
    ),
    '60s',
    false,
  )
    .option('--mqtt <url>', `the broker (or ${ENV.mqttUrl})`)
    .option('--mqtt-username <name>', `(or ${ENV.mqttUsername}; the password: ${ENV.mqttPassword})`)
    .option('--discovery-prefix <topic>', "Home Assistant's discovery prefix (homeassistant)")
    .option('--base-topic <topic>', 'where states are published')
    .action(async (flags: CommonFlags & AccountFlags & LiveFlags & BridgeFlags) => {
      const { file, logger } = await prepare(flags);
      const settings = accountSettings(flags, context.env, file);
      const mqttUrl = pick(flags.mqtt, context.env[ENV.mqttUrl], file.mqtt?.url);
      if (mqttUrl === undefined) {
        throw missingSetting('MQTT broker', [
          'pass --mqtt mqtt://host:1883',
          `set ${ENV.mqttUrl}`,
          'put mqtt.url in the config file',
        ]);
      }
      const username = pick(flags.mqttUsername, context.env[ENV.mqttUsername], file.mqtt?.username);
      const password = pick(undefined, context.env[ENV.mqttPassword], file.mqtt?.password);
      const discoveryPrefix = pick(flags.discoveryPrefix, undefined, file.mqtt?.discoveryPrefix);
      const baseTopic = pick(flags.baseTopic, undefined, file.mqtt?.baseTopic);
      const durationMs = optionalDuration(flags.duration, '--duration');
      await runBridge(context, openAccount(settings, context.env, logger), {
        mqttUrl,
        ...(username === undefined ? {} : { username }),
        ...(password === undefined ? {} : { password }),
        ...(discoveryPrefix === undefined ? {} : { discoveryPrefix }),
        ...(baseTopic === undefined ? {} : { baseTopic }),
        pollIntervalMs: pollInterval(flags.interval, context.env, file, settings.apiUrl),
        ...(durationMs === undefined ? {} : { durationMs }),
        connectTimeoutMs: 15_000,
        json: flags.json === true,
        logger,
      });
    });

  withAccountOptions(
    command('diagnostics', 'one poll, then a redacted dump to attach to a bug report', [
      'tibber-data diagnostics > tibber-diagnostics.json',
      'tibber-data diagnostics --output tibber-diagnostics.json',
    ]),
  )
    .option('--output <file>', 'write the dump here (mode 600) instead of stdout')
    .action(async (flags: CommonFlags & AccountFlags & { output?: string }) => {
      const { file, logger } = await prepare(flags);
      const settings = accountSettings(flags, context.env, file);
      await runDiagnostics(context, openAccount(settings, context.env, logger), {
        ...(flags.output === undefined ? {} : { outputPath: flags.output }),
        logger,
      });
    });

  withAccountOptions(
    command('history', "a device's history as CSV", [
      'tibber-data history "Home battery" --resolution hour --since 7d > battery.csv',
      'tibber-data history 5f1c… --resolution day --since 2026-11-01 --output november.csv',
      'tibber-data history "Family car" --until 2026-12-01 --json',
    ]),
  )
    .argument('<device>', 'a device id, or its name')
    .option('--resolution <r>', 'quarterHour, hour, day or month', 'hour')
    .option('--since <when>', "a date or time in the home's zone, or 24h, 7d back (default 24h)")
    .option('--until <when>', 'page back from here instead')
    .option('--home <id>', 'the home, when the device is in several')
    .option('--output <file>', 'write the CSV here instead of stdout')
    .action(async (device: string, flags: CommonFlags & AccountFlags & HistoryFlags) => {
      const { file, logger } = await prepare(flags);
      const settings = accountSettings(flags, context.env, file);
      await runHistory(context, openAccount(settings, context.env, logger), {
        device,
        resolution: flags.resolution,
        ...(flags.home === undefined ? {} : { home: flags.home }),
        ...(flags.since === undefined ? {} : { since: flags.since }),
        ...(flags.until === undefined ? {} : { until: flags.until }),
        ...(flags.output === undefined ? {} : { outputPath: flags.output }),
        json: flags.json === true,
      });
    });

  return program;
}

interface BridgeFlags {
  readonly mqtt?: string;
  readonly mqttUsername?: string;
  readonly discoveryPrefix?: string;
  readonly baseTopic?: string;
}

interface HistoryFlags {
  readonly resolution: string;
  readonly since?: string;
  readonly until?: string;
  readonly home?: string;
  readonly output?: string;
}

function withAccountOptions(command: Command): Command {
  return command
    .option('--client-id <id>', `your Tibber OAuth client id (or ${ENV.clientId})`)
    .option('--redirect-uri <uri>', `as registered with Tibber (default ${DEFAULT_REDIRECT_URI})`)
    .option('--token-file <path>', 'the encrypted session (default under ~/.local/state)')
    .addOption(new Option('--issuer <url>', 'another OpenID provider (the mock)').hideHelp())
    .addOption(new Option('--api-url <url>', 'another Data API (the mock)').hideHelp());
}

function withLiveOptions(command: Command, defaultInterval: string, shows = true): Command {
  command
    .option('--interval <duration>', `time between polls (default ${defaultInterval})`)
    .option('--duration <duration>', 'stop by itself after this long (default: Ctrl-C)');
  // The bridge publishes every entity (Home Assistant hides some); the others print.
  return shows ? command.option('--all', 'also the entities a hub hides by default') : command;
}

function pollInterval(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  file: ConfigFile,
  apiUrl: string | undefined,
): number {
  const text = pick(flag, env[ENV.pollInterval], file.pollInterval) ?? '60s';
  const ms = parseDuration(text, '--interval');
  const loopback = apiUrl !== undefined && URL.canParse(apiUrl) && isLoopbackUrl(new URL(apiUrl));
  if (!loopback && ms < MIN_TIBBER_INTERVAL_MS) {
    throw new UsageError(
      '--interval must be at least 10s against Tibber: its data changes about once a minute',
    );
  }
  return ms;
}

function optionalDuration(text: string | undefined, flag: string): number | undefined {
  return text === undefined ? undefined : parseDuration(text, flag);
}

function numberOption(text: string, flag: string, min: number): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < min) {
    throw new UsageError(`${flag} takes a number of at least ${min}, not ${JSON.stringify(text)}`);
  }
  return value;
}

function integerOption(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new UsageError(`${flag} takes an integer, not ${JSON.stringify(text)}`);
  }
  return value;
}
