// Builders for deliver tests: a real SQLite store in a temp dir with
// subscribers, one edition and its ledger, and a compose function that goes
// through buildMessage exactly as the run use case will.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { buildMessage, messageIdFor, recipientLinks, type OutgoingMessage } from '../../src/deliver/index.js';
import type { Store } from '../../src/shared/store.js';
import type { DeliveryTarget, EditionModel } from '../../src/shared/types.js';
import { openStore } from '../../src/store/index.js';

export const SECRET = 'test-secret-0123456789abcdef';
export const PUBLIC_URL = 'https://dispatch.example.org';
export const FROM = '"Daily Brief" <brief@dispatch.example.org>';
export const NOW = new Date('2026-11-25T07:00:00Z');

export function makeTempDir(prefix = 'dispatch-deliver-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function makeModel(subject = 'Daily Brief: 3 stories'): EditionModel {
  return {
    digest: { name: 'daily', title: 'Daily Brief' },
    editionId: null,
    subject,
    preheader: 'Today in foreign policy',
    date: NOW.toISOString(),
    sections: [],
    itemCount: 0,
  };
}

export function subscriberEmail(i: number): string {
  return `reader${String(i).padStart(3, '0')}@example.net`;
}

export interface LedgerFixture {
  store: Store;
  dataDir: string;
  editionId: number;
  emails: string[];
  cleanup: () => Promise<void>;
}

/** Opens a real SQLite store (or reopens `dataDir`), adds `count` active subscribers, one edition, and enqueues it. */
export async function makeLedger(count: number, opts: { dataDir?: string } = {}): Promise<LedgerFixture> {
  const temp = opts.dataDir ? null : makeTempDir();
  const dataDir = opts.dataDir ?? temp!.dir;
  const store = await openStore({ dataDir });
  const emails: string[] = [];
  for (let i = 1; i <= count; i++) {
    const email = subscriberEmail(i);
    emails.push(email);
    await store.subscribers.add({ email, name: i % 2 ? `Reader ${i}` : null, status: 'active', now: NOW });
  }
  const { edition } = await store.editions.create({
    digest: 'daily',
    slot: NOW.toISOString(),
    windowStart: new Date(NOW.getTime() - 86_400_000),
    windowEnd: NOW,
    subject: 'Daily Brief: 3 stories',
    itemIds: [],
    model: makeModel(),
    now: NOW,
  });
  await store.deliveries.enqueue(edition.id, NOW);
  return {
    store,
    dataDir,
    editionId: edition.id,
    emails,
    cleanup: async () => {
      await store.close();
      temp?.cleanup();
    },
  };
}

/** The compose function a real run uses, minus the template fill. */
export function makeCompose(editionId: number): (t: DeliveryTarget) => OutgoingMessage {
  return (t) => {
    const links = recipientLinks({
      publicUrl: PUBLIC_URL,
      secret: SECRET,
      subscriberId: t.subscriberId,
      unsubscribeMailbox: 'unsubscribe@dispatch.example.org',
    });
    return buildMessage({
      from: FROM,
      to: t.email,
      toName: t.name,
      subject: 'Daily Brief: 3 stories',
      html: `<p>Hello ${t.email}</p><p><a href="${links.unsubscribeUrl}">Unsubscribe</a></p>`,
      text: `Hello ${t.email}\n\nUnsubscribe: ${links.unsubscribeUrl}\n`,
      listId: 'Daily Brief <daily.dispatch.example.org>',
      unsubscribeHttpUrl: links.unsubscribeUrl,
      unsubscribeMailto: links.unsubscribeMailto,
      messageId: messageIdFor({ editionId, subscriberId: t.subscriberId, domain: 'dispatch.example.org', salt: 'daily' }),
      date: NOW,
    });
  };
}

export interface LedgerRow {
  email: string;
  status: string;
  attempts: number;
  lastReply: string | null;
  messageId: string | null;
}

/**
 * Reads the deliveries table straight from the SQLite file (read-only): the
 * store port only gives counts, and the tests want to see each row.
 */
export function ledgerRows(dataDir: string, editionId: number): LedgerRow[] {
  const db = new Database(path.join(dataDir, 'dispatch.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `select s.email as email, d.status as status, d.attempts as attempts, d.last_reply as lastReply, d.message_id as messageId
         from deliveries d join subscribers s on s.id = d.subscriber_id where d.edition_id = ? order by d.id`,
      )
      .all(editionId) as LedgerRow[];
  } finally {
    db.close();
  }
}
