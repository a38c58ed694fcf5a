// Slow-loris: a client that trickles its headers gets 408 soon after the
// header deadline, not half a minute later.
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEB_TIMEOUTS, startWebServer } from '../../src/web/index.js';

describe('web server timeouts', () => {
  it('defaults to 10 s for headers and for the whole request', () => {
    expect(DEFAULT_WEB_TIMEOUTS).toEqual({ headersMs: 10_000, requestMs: 10_000 });
  });

  it('answers 408 to headers that trickle in past the deadline', async () => {
    const server = await startWebServer({ fetch: () => new Response('ok') }, { port: 0, timeouts: { headersMs: 1_000, requestMs: 1_000 } });
    try {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(server.port, '127.0.0.1');
        let got = '';
        socket.setEncoding('utf8');
        socket.on('data', (d: string) => (got += d));
        socket.on('close', () => resolve(got));
        socket.on('error', reject);
        socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
        // One header byte every 200 ms: the connection stays busy, the headers never finish.
        const drip = setInterval(() => {
          if (!socket.destroyed) socket.write('X');
        }, 200);
        socket.on('close', () => clearInterval(drip));
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await server.close();
    }
  }, 8_000);
});
