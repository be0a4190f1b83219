import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { parseListen } from '../../src/metrics/exporter.js';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await run(args, { stdout, stderr, env: {} });
  return { code, out, err };
}

describe('palisade serve command line', () => {
  it('is listed and documents its options', async () => {
    expect((await cli(['--help'])).out).toMatch(/serve\s+Exporter/);
    const help = await cli(['serve', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--schedule', '--timezone', '--listen', '--auth', '--tls-cert-file', '--tls-key-file', '--cluster', '--finding-info']) {
      expect(help.out).toContain(flag);
    }
  });

  it.each([
    [['--schedule', 'every hour'], '--schedule "every hour" is not a cron expression'],
    [['--timezone', 'Mars/Olympus'], '--timezone "Mars/Olympus" is not an IANA time zone'],
    [['--listen', 'localhost'], '--listen must be [HOST]:PORT'],
    [['--tls-cert-file', 'x.pem'], 'give both --tls-cert-file and --tls-key-file'],
    [['--finding-info-limit', 'many'], '--finding-info-limit must be a non-negative integer'],
  ])('rejects %j with exit 2', async (args, message) => {
    const r = await cli(['serve', '--from', 'examples/demo-cluster', ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it('reports a port in use as an input error (exit 2)', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await cli(['serve', '--from', 'examples/demo-cluster', '--listen', `127.0.0.1:${port}`]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`cannot listen on 127.0.0.1:${port}`);
    } finally {
      blocker.close();
    }
  });
});

describe('palisade scan --pushgateway', () => {
  it('documents the option and exit code 4', async () => {
    const help = await cli(['scan', '--help']);
    expect(help.out).toContain('--pushgateway URL');
    expect(help.out).toContain('exit 4 when the push fails');
    expect(help.out).toContain('--cluster NAME');
  });
});

describe('--listen', () => {
  it.each([
    [':9102', { host: '0.0.0.0', port: 9102 }],
    ['127.0.0.1:0', { host: '127.0.0.1', port: 0 }],
    ['[::1]:9102', { host: '::1', port: 9102 }],
  ])('%s', (listen, expected) => {
    expect(parseListen(listen)).toEqual(expected);
  });
  it('rejects a port above 65535', () => {
    expect(() => parseListen(':70000')).toThrow(/--listen/);
  });
});
