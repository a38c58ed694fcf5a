import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { compileTemplates, planEdition, recipientView, selectDigests } from '../../app/index.js';
import { UsageError } from '../../shared/errors.js';
import { now, parsePort, withContext, type Command } from './command.js';

export const previewCommand: Command = (c) =>
  withContext(c, async (ctx) => {
    const [digest] = selectDigests(ctx, c.options.digest ?? ctx.config.digests[0]?.name);
    if (!digest) throw new UsageError('the config has no digest');
    const plan = await planEdition(ctx, digest, now());
    if (c.json) {
      c.out.json({ ...plan.model, willSend: plan.decision.build, reason: plan.decision.build ? null : plan.decision.reason });
      return 0;
    }
    const compiled = await compileTemplates(ctx.config);
    const { html } = compiled.render(plan.model, recipientView(ctx, { id: 0 }, { subscriberId: 0, email: 'reader@example.org', name: null }));
    if (!plan.decision.build) c.out.notice(`this would not be sent now: ${plan.decision.reason}`);
    if (c.options.out) {
      const path = resolve(c.options.out);
      writeFileSync(path, html);
      c.out.print(`wrote ${path} (${(Buffer.byteLength(html) / 1024).toFixed(1)} KB, ${plan.model.itemCount} items)`);
      return 0;
    }
    const port = parsePort(c.options.port ?? '4000');
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "script-src 'none'" });
      res.end(html);
    });
    await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
    c.out.print(`preview of "${digest.title}" at http://127.0.0.1:${port}/ (Ctrl-C to stop)`);
    await new Promise<void>((ok) => {
      process.once('SIGINT', ok);
      process.once('SIGTERM', ok);
    });
    server.close();
    return 0;
  });
