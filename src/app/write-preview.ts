// The `.html` file `dispatch run` writes next to the outbox: the edition as a
// sample reader sees it, so a person can open it in a browser.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureHtml, type CompiledDigest } from '../render/index.js';
import type { Edition } from '../shared/types.js';
import type { AppContext } from './open-context.js';
import { sampleCopyHtml } from './compose-copy.js';

export interface EditionReport {
  editionId: number;
  items: number;
  subject: string;
  htmlBytes: number;
  warnings: string[];
  /** The edition rendered for one recipient, written next to the outbox. */
  previewPath: string;
}

/** Renders the edition once for a sample reader so a person can open it in a browser. */
export async function writePreview(ctx: AppContext, edition: Edition, compiled: CompiledDigest): Promise<EditionReport> {
  // The same composition as a sent copy (composeCopy), for a sample reader.
  const html = sampleCopyHtml(ctx, edition, compiled);
  const size = measureHtml(html);
  mkdirSync(ctx.config.outboxDir, { recursive: true });
  const previewPath = join(ctx.config.outboxDir, `${edition.digest}-edition-${edition.id}.html`);
  writeFileSync(previewPath, html);
  return {
    editionId: edition.id,
    items: edition.itemIds.length,
    subject: edition.subject,
    htmlBytes: size.bytes,
    warnings: size.warnings,
    previewPath,
  };
}
