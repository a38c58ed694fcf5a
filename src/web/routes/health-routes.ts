// GET /healthz for load balancers and uptime checks.
import type { Hono } from 'hono';
import { publicHealth } from '../../app/index.js';
import type { C, Env, WebKit } from '../web-kit.js';

export function registerHealthRoutes(app: Hono<Env>, kit: WebKit, health?: () => Promise<unknown>): void {
  async function reportHealth(c: C) {
    c.header('cache-control', 'no-store');
    try {
      const body = health ? await health() : await publicHealth(kit.ctx, kit.now());
      const ok = typeof body === 'object' && body !== null && (body as { ok?: unknown }).ok !== false;
      return c.json(body as object, ok ? 200 : 503);
    } catch (error) {
      kit.log(`healthz: ${(error as Error).message}`);
      return c.json({ ok: false }, 503);
    }
  }
  app.get('/healthz', reportHealth);
}
