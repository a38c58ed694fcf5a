// A sender process for the kill test: opens the store, sends one edition
// through the SMTP URL given, and prints one line per finished row
// (`progress sent=N failed=N`) so the parent knows what the ledger holds.
// Usage: node --import <ts hooks> deliver-send-child.ts DATA_DIR EDITION_ID SMTP_URL OUTBOX_DIR [COMMIT_ROWS]
// (COMMIT_ROWS: sendEdition's groupCommit.rows; default its own default.)
import { createMailer, sendEdition } from '../../src/deliver/index.js';
import { processHolderId } from '../../src/schedule/index.js';
import { openStore } from '../../src/store/index.js';
import { makeCompose, NOW } from './deliver-fixtures.js';

const [dataDir, editionArg, smtpUrl, outboxDir, commitRows] = process.argv.slice(2);
if (!dataDir || !editionArg || !smtpUrl || !outboxDir) {
  console.error('usage: deliver-send-child.ts DATA_DIR EDITION_ID SMTP_URL OUTBOX_DIR');
  process.exit(2);
}
const editionId = Number(editionArg);
const store = await openStore({ dataDir });
const mailer = createMailer({ smtpUrl, outboxDir, pool: { connections: 3 } });
console.log('ready');
const summary = await sendEdition({
  deliveries: store.deliveries,
  editionId,
  mailer,
  compose: makeCompose(editionId),
  now: () => NOW,
  // A holder id naming this host and pid, so a rerun can tell it died.
  holder: processHolderId('send:'),
  batchSize: 4,
  concurrency: 3,
  backoffMs: () => 20,
  ...(commitRows ? { groupCommit: { rows: Number(commitRows) } } : {}),
  onProgress: (p) => console.log(`progress sent=${p.sent} failed=${p.failed}`),
});
console.log(`done ${JSON.stringify(summary)}`);
await mailer.close();
await store.close();
