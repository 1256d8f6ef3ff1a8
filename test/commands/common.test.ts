// The terminal habits every command shares.

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Cli } from '../../src/commands/common.js';
import { readingProgress, useColor } from '../../src/commands/common.js';

function cli(tty: boolean, env: Record<string, string> = {}): Cli & { err: string } {
  const c = {
    argv: [],
    env,
    cwd: '/',
    now: new Date(),
    err: '',
    stdout: { write: () => true, isTTY: tty },
    stderr: { write: (s: string) => ((c.err += s), true), isTTY: tty },
    exitCode: 0,
  };
  return c;
}

afterEach(() => vi.restoreAllMocks());

describe('readingProgress', () => {
  it('counts on a terminal once reading takes over a second, then erases its line', () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const c = cli(true);
    const progress = readingProgress(c, 'invoices');
    for (let i = 0; i < 8192; i++) progress.tick(); // within the first second: silent
    expect(c.err).toBe('');
    now = 1500;
    for (let i = 0; i < 4096; i++) progress.tick();
    expect(c.err).toBe(`\rreading invoices… ${(12_288).toLocaleString('fr-FR')}`);
    progress.done();
    expect(c.err.endsWith('\r\u001b[K')).toBe(true);
  });

  it('says nothing when stderr is not a terminal (cron, a pipe)', () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 1000));
    const c = cli(false);
    const progress = readingProgress(c, 'invoices');
    for (let i = 0; i < 100_000; i++) progress.tick();
    progress.done();
    expect(c.err).toBe('');
  });
});

describe('useColor', () => {
  it.each([
    [true, {}, {}, true],
    [false, {}, {}, false],
    [true, { NO_COLOR: '1' }, {}, false],
    [true, {}, { color: false }, false],
    [false, { FORCE_COLOR: '1' }, {}, true],
    [false, { FORCE_COLOR: '1', NO_COLOR: '1' }, {}, false],
  ])('terminal %s, env %j, flags %j → %s', (tty, env, opts, expected) => {
    expect(useColor(opts, cli(tty, env as Record<string, string>))).toBe(expected);
  });
});
