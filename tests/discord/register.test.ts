/** `npm run discord:register`: the request it sends, against the fake Discord. */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commandBodies, registerCommands } from '../../adapters/discord/register.ts';
import { FakeDiscord } from './fake-discord.ts';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

const puts = () => fake.requests.filter((r) => r.method === 'PUT');

describe('registerCommands', () => {
  it('PUTs /ask and /fact globally, in English and Korean, asking Discord for the application id', async () => {
    const result = await registerCommands({ token: 'reg.token', apiUrl: fake.apiUrl }, { info: () => {} });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/v10/applications/@me',
      `PUT /api/v10/applications/${fake.applicationId}/commands`,
    ]);
    const [put] = puts();
    expect(put!.headers.authorization).toBe('Bot reg.token');
    expect(result).toMatchObject({ scope: 'global', names: ['ask', 'fact'] });
    expect(result.invite).toBe(
      `https://discord.com/oauth2/authorize?client_id=${fake.applicationId}&scope=bot+applications.commands&permissions=274877991936&integration_type=0`,
    );
    expect(put!.body).toMatchInlineSnapshot(`
      [
        {
          "contexts": [
            0,
            1,
          ],
          "description": "Ask about Korea's AI specialized foundation model programme (answers cite sources)",
          "description_localizations": {
            "ko": "AI 특화 파운데이션 모델 프로젝트에 대해 물어보세요 (출처와 함께 답해요)",
          },
          "integration_types": [
            0,
          ],
          "name": "ask",
          "name_localizations": {
            "ko": "질문",
          },
          "options": [
            {
              "description": "Your question, in Korean or English",
              "description_localizations": {
                "ko": "한국어나 영어로 질문하세요",
              },
              "max_length": 1000,
              "name": "question",
              "name_localizations": {
                "ko": "질문내용",
              },
              "required": true,
              "type": 3,
            },
            {
              "description": "Show the answer only to you",
              "description_localizations": {
                "ko": "나에게만 보이게 답해요",
              },
              "name": "private",
              "name_localizations": {
                "ko": "비공개",
              },
              "required": false,
              "type": 5,
            },
          ],
          "type": 1,
        },
        {
          "contexts": [
            0,
            1,
          ],
          "description": "Show a topic's curated facts, or the timeline",
          "description_localizations": {
            "ko": "주제별로 정리한 사실이나 타임라인을 보여 줘요",
          },
          "integration_types": [
            0,
          ],
          "name": "fact",
          "name_localizations": {
            "ko": "정보",
          },
          "options": [
            {
              "autocomplete": true,
              "description": "Start typing: 루닛, GPU, ㄹㄴ, timeline…",
              "description_localizations": {
                "ko": "입력하면 골라 드려요: 루닛, GPU, ㄹㄴ, 타임라인…",
              },
              "max_length": 100,
              "name": "topic",
              "name_localizations": {
                "ko": "주제",
              },
              "required": true,
              "type": 3,
            },
            {
              "description": "Show the answer only to you",
              "description_localizations": {
                "ko": "나에게만 보이게 답해요",
              },
              "name": "private",
              "name_localizations": {
                "ko": "비공개",
              },
              "required": false,
              "type": 5,
            },
          ],
          "type": 1,
        },
      ]
    `);
  });

  it('PUTs to the guild route, without global-only fields, when a guild and application are given', async () => {
    const guildId = '412345678901234567';
    await registerCommands({ token: 'reg.token', apiUrl: fake.apiUrl, applicationId: fake.applicationId, guildId }, { info: () => {} });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /api/v10/applications/${fake.applicationId}/guilds/${guildId}/commands`]);
    for (const c of puts()[0]!.body) {
      expect(c).not.toHaveProperty('contexts');
      expect(c).not.toHaveProperty('integration_types');
    }
  });

  it('keeps every name and description within Discord rules', () => {
    for (const c of commandBodies('global')) {
      for (const o of [c, ...(c.options ?? [])]) {
        for (const name of [o.name, ...Object.values(o.name_localizations ?? {})]) expect(name).toMatch(/^[-_\p{L}\p{N}]{1,32}$/u);
        for (const d of [o.description, ...Object.values(o.description_localizations ?? {})]) expect(d!.length).toBeLessThanOrEqual(100);
        expect(o.name).toBe(o.name.toLowerCase());
      }
    }
  });
});

describe('the script', () => {
  it('registers from the environment and exits 0', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const guildId = '512345678901234567';
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', tsx, 'adapters/discord/register.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, DISCORD_TOKEN: 'script.token', DISCORD_API_URL: fake.apiUrl, DISCORD_GUILD_ID: guildId },
      timeout: 15_000,
    });
    expect(stderr).toBe('');
    expect(stdout).toContain(`/ask, /fact to guild ${guildId}`);
    expect(stdout).toContain(`https://discord.com/oauth2/authorize?client_id=${fake.applicationId}&scope=bot+applications.commands`);
    const [put] = puts();
    expect(put!.path).toBe(`/api/v10/applications/${fake.applicationId}/guilds/${guildId}/commands`);
    expect(put!.headers.authorization).toBe('Bot script.token');
    expect(put!.body.map((c: { name: string }) => c.name)).toEqual(['ask', 'fact']);
  });

  it('fails with a clear message on a bad configuration', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const run = promisify(execFile)(process.execPath, ['--import', tsx, 'adapters/discord/register.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, DISCORD_TOKEN: 'Bot abc', DISCORD_GUILD_ID: 'general' },
      timeout: 15_000,
    });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('without the "Bot " prefix') });
    await expect(run).rejects.toMatchObject({ stderr: expect.stringContaining('DISCORD_GUILD_ID must be a Discord id') });
    expect(puts()).toEqual([]);
  });
});
