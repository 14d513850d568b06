import { ask } from './ask.ts';
import type { Command } from './command.ts';
import { fact } from './fact.ts';

export type { Command } from './command.ts';

/** Every slash command, by name. register.ts sends their definitions; the bot routes to them. */
export const commands: ReadonlyMap<string, Command> = new Map([ask, fact].map((c) => [c.data.name, c]));

/** The bodies for PUT /applications/{id}/commands. */
export function commandDefinitions() {
  return [...commands.values()].map((c) => c.data);
}
