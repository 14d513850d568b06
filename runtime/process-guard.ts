/**
 * Last line of defence: an error nothing else caught (a throw in a timer, a rejected promise no one
 * awaited) is logged, the log is flushed, and the process exits non-zero so a supervisor restarts
 * it. Staying up after one would leave the bot in an unknown state.
 */
import type { Logger } from './logger.ts';

export function installProcessGuards(logger: Logger & { flushSync(): void }, exit: (code: number) => void = (code) => process.exit(code)): void {
  const die = (what: string) => (e: unknown) => {
    try {
      logger.error(`${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}; exiting so that a supervisor restarts the bot`);
      logger.flushSync();
    } finally {
      exit(1);
    }
  };
  process.on('uncaughtException', die('uncaught exception'));
  process.on('unhandledRejection', die('unhandled promise rejection'));
}
