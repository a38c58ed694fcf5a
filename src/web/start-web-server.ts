// Runs a Hono app on node:http. close() stops accepting, lets requests in
// flight finish, and drops idle keep-alive connections so shutdown is quick.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

export interface RunningWebServer {
  port: number;
  host: string;
  url: string;
  close(): Promise<void>;
}

/** Anything with a fetch handler: a Hono app, or a plain function. */
export interface FetchApp {
  fetch: (request: Request, env: never) => Response | Promise<Response>;
}

export async function startWebServer(app: FetchApp, opts: { port: number; host?: string }): Promise<RunningWebServer> {
  const host = opts.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch as (request: Request) => Response | Promise<Response>, port: opts.port, hostname: host }, () => resolve(s as Server)) as Server;
    s.once('error', reject);
  });
  // Slow-loris guards: a client gets this long to send headers and a body.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    port,
    host,
    url: `http://${shown === '0.0.0.0' ? '127.0.0.1' : shown === '[::]' ? '[::1]' : shown}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Requests still running get a moment; then their sockets go too.
        setTimeout(() => server.closeAllConnections(), 5_000).unref();
      }),
  };
}
