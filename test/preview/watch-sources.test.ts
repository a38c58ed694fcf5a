// Live reload without a browser: real chokidar on real folders, and the real
// server's event stream announcing a saved template.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPreviewServer, watchSources, type SourceChange } from '../../src/preview/index.js';
import { makePreviewFixture, waitFor } from '../helpers/preview-fixtures.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('watchSources', () => {
  it('reports template, config and outbox changes, once per burst of saves', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'dispatch-watch-'));
    dirs.push(root);
    const templatesDir = path.join(root, 'tpl');
    const outboxDir = path.join(root, 'outbox');
    await mkdir(path.join(templatesDir, 'partials'), { recursive: true });
    await mkdir(outboxDir);
    const configFile = path.join(root, 'dispatch.config.yaml');
    await writeFile(configFile, 'digests: []\n');
    await writeFile(path.join(templatesDir, 'digest.mjml'), '<mjml></mjml>');

    const changes: SourceChange[] = [];
    const w = watchSources({ templatesDir, configFile, outboxDir }, (c) => changes.push(c), { debounceMs: 80 });
    try {
      await w.ready;
      await writeFile(path.join(templatesDir, 'partials', 'item.mjml'), '<mj-text>a</mj-text>');
      await writeFile(path.join(templatesDir, 'digest.mjml'), '<mjml><mj-body></mj-body></mjml>');
      await waitFor(() => changes.length > 0, 'a template change');
      expect(changes[0]).toMatchObject({ templates: true, config: false, inbox: false });

      await writeFile(configFile, 'digests: [] # edited\n');
      await waitFor(() => changes.length > 1, 'a config change');
      expect(changes[1]).toMatchObject({ config: true, templates: false });

      await writeFile(path.join(outboxDir, 'note.html'), 'not a mail');
      await writeFile(path.join(outboxDir, '20261125T000000000Z-x-000001.eml'), 'Subject: hi\r\n\r\nhi');
      await waitFor(() => changes.length > 2, 'an outbox change');
      expect(changes[2]).toMatchObject({ inbox: true, templates: false, config: false });
      expect(changes[2]?.files.every((f) => f.endsWith('.eml'))).toBe(true);
    } finally {
      await w.close();
    }
  });
});

describe('startPreviewServer', () => {
  it('announces a re-render on its event stream when a template file is saved', async () => {
    const fx = await makePreviewFixture({ fetch: false });
    const server = await startPreviewServer({ ctx: fx.ctx, loadConfig: fx.loadConfig, port: 0 });
    const controller = new AbortController();
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      await server.watching;
      const res = await fetch(`${server.url}events`, { signal: controller.signal });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let seen = '';
      const readUntil = async (re: RegExp) => {
        while (!re.test(seen)) {
          const { value, done } = await reader.read();
          if (done) throw new Error('stream ended');
          seen += decoder.decode(value);
        }
      };
      await readUntil(/"render":1,/);
      await writeFile(path.join(fx.templatesDir, 'partials', 'footer.mjml'), '<mj-section><mj-column><mj-text>{{recipient.unsubscribeUrl}}</mj-text></mj-column></mj-section>');
      await readUntil(/"render":2,/);
      expect(server.session.state().problem).toBeNull();
    } finally {
      controller.abort();
      await server.close();
      await fx.close();
    }
  });
});
