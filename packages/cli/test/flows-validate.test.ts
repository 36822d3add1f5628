import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, test } from 'vitest';

import { runValidate, validateFlowFiles } from '../src/commands/flows-validate.js';

const examplesDir = join(import.meta.dirname, '..', '..', '..', 'examples', 'flows');

describe('flows validate', () => {
  test('every example flow is valid', async () => {
    const files = (await readdir(examplesDir))
      .filter((name) => name.endsWith('.json'))
      .map((name) => join(examplesDir, name));
    expect(files.length).toBeGreaterThan(0);

    for (const { file, problems } of await validateFlowFiles(files)) {
      expect(problems, file).toEqual([]);
    }
  });

  test('broken config is located with exit code 1', async () => {
    const document = JSON.parse(await readFile(join(examplesDir, 'new-hire.json'), 'utf8'));
    const invite = document.nodes.find((node: { id: string }) => node.id === 'invite_github');
    invite.config.email = '{{ user.emails[ }}';
    const dir = await mkdtemp(join(tmpdir(), 'scimflow-cli-'));
    const file = join(dir, 'broken.json');
    await writeFile(file, JSON.stringify(document));

    const lines: string[] = [];
    const code = await runValidate([file], (line) => lines.push(line));

    expect(code).toBe(1);
    expect(lines.join('\n')).toContain('node invite_github');
    expect(lines.join('\n')).toContain('field config.email');
  });

  test('unreadable JSON is an error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scimflow-cli-'));
    const file = join(dir, 'not-json.json');
    await writeFile(file, '{"formatVersion": 1,');

    const lines: string[] = [];
    const code = await runValidate([file], (line) => lines.push(line));

    expect(code).toBe(1);
    expect(lines[0]).toMatch(/not valid JSON/);
  });
});
