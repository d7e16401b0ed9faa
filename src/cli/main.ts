// The `forensic` command line: commander wiring, option checks and exit codes. No logic lives here.
// Command modules load lazily, so `--help` and `--version` stay instant.
import { Command, CommanderError, Option } from 'commander';
import { ForensicError } from '../ingest/index.ts';
import { parseTimeBound } from './time-bound.ts';
import { VERSION } from './version.ts';

const BUNDLE_HELP = 'a support bundle: .tgz/.tar.gz, .tar, .zip, .gz, a directory, or a single file';

/** The exit codes of contract.md, under each command's --help. */
const UNUSABLE = '3 when the input is unusable (not found, not a bundle, an archive unreadable or cut off before anything checkable), with a one-line reason';
const ANALYZE_EXIT = exitHelp(`0 when no finding is at or above --fail-on; 1 when one is; 2 on a usage error; ${UNUSABLE}.`);
const WRITE_EXIT = exitHelp(`0 once written; 2 on a usage error; ${UNUSABLE}.`);
const TUI_EXIT = exitHelp(`0 when you quit; 2 on a usage error or without a terminal; ${UNUSABLE}.`);
const RULES_EXIT = exitHelp('0; 2 for an id that is neither a rule nor a cause.');
const TOKEN_EXIT = exitHelp('0 when every check passes; 1 when one fails; 2 on a usage error; 3 when there is no readable JWT (or JWKS, or bundle), with a one-line reason.');
const COLLECT_EXIT = exitHelp('0 when every item was collected; 1 when the bundle was written but some items failed (a last stderr line names them, manifest.json says why); 2 on a usage error.');

/** `Exit status: …` wrapped at 80 columns like the rest of commander's help. */
function exitHelp(codes: string): string {
  const lines: string[] = [];
  let line = 'Exit status:';
  for (const word of codes.split(' ')) {
    if (line.length + 1 + word.length > 80) {
      lines.push(line);
      line = word;
    } else line += ` ${word}`;
  }
  return `\n${[...lines, line].join('\n')}`;
}

/** Build the commander program; each action returns its exit code. */
function program(setExit: (code: number) => void): Command {
  const cli = new Command('forensic')
    .description('Offline forensic analyzer for AuthPlane support bundles: names the root cause, with evidence and the fix.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run forensic --help for usage)')
    .addHelpText('after', '\nforensic <command> --help gives its options and exit codes. Start with:\n  forensic analyze bundle.tgz')
    .configureOutput({ outputError: (str, write) => write(str) })
    .exitOverride();

  cli.command('analyze')
    .description('read a bundle, walk the ten-step debugging checklist and name the root cause')
    .argument('<bundle>', BUNDLE_HELP)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('--since <time>', 'only records at or after this time (RFC 3339, or 30m / 2h / 1d before the bundle ends)')
    .option('--until <time>', 'only records before this time (same forms as --since)')
    .option('--trace <id>', 'print the full cross-source timeline of one trace (trace_id or request_id)')
    .option('--request <id>', 'print the timeline of the request with this request_id')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(['error', 'warning', 'never']).default('error'))
    .option('--inventory', 'list every file read: kind, format, wrapper, records, skipped, time range')
    .option('--no-redact', 'show excerpts unredacted (for your own terminal only)')
    .option('--no-color', 'plain text without colours (also when NO_COLOR is set or output is not a terminal)')
    .option('-q, --quiet', 'no progress line on stderr')
    .option('--tui', 'open the interactive terminal UI after the analysis')
    .addHelpText('after', ANALYZE_EXIT)
    .action(async (bundle: string, o: Record<string, unknown>) => {
      setExit(await (await import('./commands/analyze.ts')).analyzeCommand(bundle, {
        format: o.format as 'text' | 'json' | 'markdown',
        since: o.since ? parseTimeBound('--since', String(o.since)) : undefined,
        until: o.until ? parseTimeBound('--until', String(o.until)) : undefined,
        trace: (o.trace ?? o.request) as string | undefined,
        failOn: o.failOn as 'error' | 'warning' | 'never',
        inventory: Boolean(o.inventory),
        redact: o.redact !== false,
        color: o.color !== false && !process.env.NO_COLOR && Boolean(process.stdout.isTTY),
        progress: !o.quiet,
        tui: Boolean(o.tui),
      }));
    });

  cli.command('report')
    .description('write a redacted Markdown report, safe to paste into a public GitHub issue')
    .argument('<bundle>', BUNDLE_HELP)
    .option('-o, --output <file>', 'write the report to this file (default: stdout)')
    .option('--since <time>', 'only records at or after this time')
    .option('--until <time>', 'only records before this time')
    .option('-q, --quiet', 'no progress line on stderr')
    .addHelpText('after', WRITE_EXIT)
    .action(async (bundle: string, o: Record<string, unknown>) => {
      setExit(await (await import('./commands/report.ts')).reportCommand(bundle, {
        output: o.output as string | undefined,
        since: o.since ? parseTimeBound('--since', String(o.since)) : undefined,
        until: o.until ? parseTimeBound('--until', String(o.until)) : undefined,
        progress: !o.quiet,
      }));
    });

  cli.command('redact')
    .description('write a copy of the bundle with every secret replaced and identities pseudonymized')
    .argument('<bundle>', BUNDLE_HELP)
    .requiredOption('-o, --output <file>', 'the redacted bundle to write (.tgz; required)')
    .option('-q, --quiet', 'no progress line on stderr')
    .addHelpText('after', WRITE_EXIT)
    .action(async (bundle: string, o: Record<string, unknown>) => {
      setExit(await (await import('./commands/redact.ts')).redactCommand(bundle, { output: String(o.output), progress: !o.quiet }));
    });

  cli.command('tui')
    .description('browse checklist, findings, traces, logs, metrics and audit stories in the terminal')
    .argument('<bundle>', BUNDLE_HELP)
    .option('--since <time>', 'only records at or after this time')
    .option('--until <time>', 'only records before this time')
    .addHelpText('after', TUI_EXIT)
    .action(async (bundle: string, o: Record<string, unknown>) => {
      setExit(await (await import('./commands/tui.ts')).tuiCommand(bundle, {
        since: o.since ? parseTimeBound('--since', String(o.since)) : undefined,
        until: o.until ? parseTimeBound('--until', String(o.until)) : undefined,
      }));
    });

  cli.command('rules')
    .description('list the rule catalog, or explain one rule')
    .argument('[id]', 'a rule id such as AP0501, or a cause id such as audience-mismatch')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', RULES_EXIT)
    .action(async (id: string | undefined, o: Record<string, unknown>) => {
      setExit(await (await import('./commands/rules.ts')).rulesCommand(id, { format: o.format as 'text' | 'json' }));
    });

  cli.command('token')
    .description('check one JWT offline (checklist steps 4 and 5): header, claims, signature, iss/aud/scope/exp')
    .argument('<jwt>', 'the token itself, a file holding it, or - for stdin')
    .option('--bundle <bundle>', 'take JWKS, discovery, PRM and capture time from this bundle')
    .option('--jwks <file>', 'verify the signature against this JWKS file')
    .option('--resource <uri>', 'the resource URI the token must be for (aud)')
    .option('--issuer <url>', 'the issuer the token must come from')
    .option('--at <time>', 'check expiry at this time instead of now (RFC 3339)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', TOKEN_EXIT)
    .action(async (jwt: string, o: Record<string, unknown>) => {
      setExit(await (await import('./commands/token.ts')).tokenCommand(jwt, {
        bundle: o.bundle as string | undefined,
        jwks: o.jwks as string | undefined,
        resource: o.resource as string | undefined,
        issuer: o.issuer as string | undefined,
        at: o.at as string | undefined,
        format: o.format as 'text' | 'json',
      }));
    });

  cli.command('collect')
    .description('gather a complete support bundle from a live deployment (read-only GETs), redacted')
    .option('--public <url>', 'AuthPlane public base URL', 'http://localhost:9000')
    .option('--admin <url>', 'AuthPlane admin base URL', 'http://localhost:9001')
    .option('--admin-key-file <file>', 'file holding the admin API key (else AUTHPLANE_ADMIN_API_KEY)')
    .option('--resource <uri...>', 'an MCP server resource URI to probe (PRM and one unauthenticated request)')
    .option('--interval <seconds>', 'seconds between the two /metrics scrapes', '30')
    .option('--since <duration>', 'audit trail window', '24h')
    .option('--logs <glob...>', 'log files or globs on this host to include')
    .option('--journal-unit <unit>', 'include `journalctl -u <unit> -o json`')
    .option('--kubectl-selector <selector>', 'include `kubectl logs -l <selector> --prefix --timestamps`')
    .option('--docker-container <name...>', 'include `docker logs --timestamps <name>`')
    .option('--timeout <seconds>', 'per-request timeout', '5')
    .option('--log-limit <MiB>', 'keep at most this much of each log source (its newest part)', '50')
    .option('--no-redact', 'keep secrets (a private copy: never attach it publicly)')
    .option('-o, --output <file>', 'the bundle to write', 'bundle.tgz')
    .option('-q, --quiet', 'no progress lines on stderr')
    .addHelpText('after', COLLECT_EXIT)
    .action(async (o: Record<string, unknown>) => {
      setExit(await (await import('./commands/collect.ts')).collectCommand(o));
    });

  return cli;
}

/** Entry point: parse argv, run, and return the process exit code (contract.md). */
export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const cli = program((c) => { code = c; });
  try {
    await cli.parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version "fail" with exit code 0; real usage errors are 2.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof ForensicError) {
      process.stderr.write(`forensic: ${err.message}\n`);
      return err.exitCode;
    }
    const e = err as Error;
    process.stderr.write(`forensic: internal error: ${e?.message ?? String(err)}\n`);
    if (process.env.FORENSIC_DEBUG) process.stderr.write(`${e?.stack ?? ''}\n`);
    return 4;
  }
}
