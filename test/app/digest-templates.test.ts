// digests[].templates: a digest's own template folder, compiled once per folder.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDigestTemplates } from '../../src/app/index.js';
import { loadConfig } from '../../src/config/index.js';
import { makeEditionModel, makeRecipient } from '../helpers/render-builders.js';

function configDir(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dispatch-digest-templates-'));
  mkdirSync(join(dir, 'weekly-templates'));
  writeFileSync(join(dir, 'weekly-templates', 'digest.txt.hbs'), 'WEEKLY EDITION for {{recipient.email}}\n');
  writeFileSync(join(dir, 'dispatch.config.yaml'), yaml);
  return dir;
}

const YAML = `feeds:
  - name: Desk
    url: https://example.org/rss.xml
digests:
  - name: daily
    title: Daily Brief
  - name: weekly
    title: Weekly Brief
    templates: ./weekly-templates
  - name: other-weekly
    title: Another Weekly
    templates: weekly-templates
`;

describe('digests[].templates', () => {
  it('gives a digest its own template set, compiled once per folder', async () => {
    const dir = configDir(YAML);
    const config = loadConfig({ cwd: dir, env: {} });
    expect(config.digests.find((d) => d.name === 'weekly')?.templatesDir).toBe(join(dir, 'weekly-templates'));
    expect(config.digests.find((d) => d.name === 'daily')?.templatesDir).toBeNull();
    const templates = createDigestTemplates(config);
    const [daily, weekly, other] = await Promise.all(['daily', 'weekly', 'other-weekly'].map((d) => templates.forDigest(d)));
    const model = makeEditionModel({ items: 3 });
    expect(weekly!.render(model, makeRecipient(1)).text).toBe('WEEKLY EDITION for reader1@example.org\n');
    expect(daily!.render(model, makeRecipient(1)).text).not.toContain('WEEKLY EDITION');
    // The two digests naming one folder share one compile; daily has its own.
    expect(other).toBe(weekly);
    expect(await templates.forDigest('weekly')).toBe(weekly);
    expect(daily).not.toBe(weekly);
  });

  it('names the key when the folder does not exist', () => {
    const dir = configDir(YAML.replace('templates: ./weekly-templates', 'templates: ./nope'));
    expect(() => loadConfig({ cwd: dir, env: {} })).toThrow(/digests\[1\]\.templates: folder not found/);
  });
});
