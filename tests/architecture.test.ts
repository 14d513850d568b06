import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const SDKS = ['@slack/', 'discord.js', '@discordjs/', 'ws'];

it('the core in src/ imports no platform SDK', () => {
  const files = fs.readdirSync('src', { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.ts'));
  for (const f of files) {
    const text = fs.readFileSync(path.join(f.parentPath, f.name), 'utf8');
    for (const m of text.matchAll(/from\s+'([^']+)'/g)) {
      expect(SDKS.some((sdk) => m[1]!.startsWith(sdk)), `${f.name} imports ${m[1]}`).toBe(false);
    }
  }
});
