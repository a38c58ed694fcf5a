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

export interface WebServerTimeouts {
  /** Time a client gets to send the request headers; then 408. Default 10 s. */
  headersMs: number;
  /** Time a client gets to send the whole request; then 408. Default 10 s. */
  requestMs: number;
}

export const DEFAULT_WEB_TIMEOUTS: WebServerTimeouts = { headersMs: 10_000, requestMs: 10_000 };

export async function startWebServer(
  app: FetchApp,
  opts: { port: number; host?: string; timeouts?: Partial<WebServerTimeouts> },
): Promise<RunningWebServer> {
  const host = opts.host ?? '127.0.0.1';
  const timeouts = { ...DEFAULT_WEB_TIMEOUTS, ...opts.timeouts };
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve(
      {
        fetch: app.fetch as (request: Request) => Response | Promise<Response>,
        port: opts.port,
        hostname: host,
        // Slow-loris guards: a client gets this long to send headers and the
        // whole request. Node checks the deadlines only every
        // connectionsCheckingInterval (30 s by default, which made a slow
        // client wait ~33 s for its 408); a check per second keeps it close.
        serverOptions: {
          headersTimeout: timeouts.headersMs,
          requestTimeout: timeouts.requestMs,
          connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs),
        },
      },
      () => resolve(s as Server),
    ) as Server;
    s.once('error', reject);
  });
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
