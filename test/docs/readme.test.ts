import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

function read(path: string): string {
  return readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
}

describe('README', () => {
  const readme = read('README.md');

  it('opens with the demo command and the test command', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

    expect(firstBlock.split('\n')[0]).toMatch(/^npm install && npm run demo\s/);
    expect(firstBlock.split('\n')[1]).toMatch(/^npm test\s/);
  });

  it.each(['demo', 'keygen', 'login', 'logout', 'watch', 'bridge', 'diagnostics', 'history'])(
    'has a section with an example for the %s command',
    (command) => {
      const section = readme.split(`\n### \`${command}\`\n`)[1]?.split('\n### ')[0] ?? '';

      expect(section).toMatch(/```(?:text|sh)\n/);
      expect(section).toContain(command === 'demo' ? 'npm run demo' : `tibber-data ${command}`);
    },
  );

  it.each([
    'test/docs/hub-suite.test.ts',
    'test/docs/sign-in.test.ts',
    'test/docs/client.test.ts',
    'test/docs/coordinator.test.ts',
    'test/docs/entities.test.ts',
  ])(
    'shows %s exactly as it runs in the suite',
    (path) => {
      expect(readme).toContain('```ts\n' + read(path) + '```');
    },
  );
});
