/**
 * `npm run load`: drives the running bot on 127.0.0.1 through the fake Slack and fake Discord at a
 * rising rate, times every reply, checks that each question got exactly one reply and one question
 * log row, prints the figures and exits non-zero on any failure. See scripts/load/ for the parts.
 */
import { formatReport } from './load/report.ts';
import { parseOptions, USAGE, UsageError } from './load/options.ts';
import { runLoad } from './load/run.ts';

let options: ReturnType<typeof parseOptions>;
try {
  options = parseOptions(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  console.error(`${e.message}\n${USAGE}`);
  process.exit(2);
}
if (options === 'help') {
  console.log(USAGE);
  process.exit(0);
}

// Ctrl-C: stop sending, then stop the bot, check, clean up and report as usual; a second one quits.
const interrupt = new AbortController();
process.once('SIGINT', () => {
  console.error('interrupted: stopping the load, then the bot (Ctrl-C again to quit at once)');
  interrupt.abort();
  process.once('SIGINT', () => process.exit(130));
});
const result = await runLoad(options, (line) => console.error(line), interrupt.signal);
console.log(formatReport(result));
process.exitCode = result.pass ? 0 : 1;
