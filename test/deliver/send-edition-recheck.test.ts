// Unsubscribes take effect mid-send: the send loop claims its rows in a batch
// (here: the whole short list at once), yet a reader who unsubscribes by the
// one-click link, or is removed with `subscribers remove`, while the send is
// under way gets no copy, because each row is re-checked just before its
// message goes to the relay (one query for every held row, at most every
// 250 ms). Another connection makes the change, as the web app or the CLI would.
import { afterEach, describe, expect, it } from 'vitest';
import { unsubscribeByToken } from '../../src/app/index.js';
import { createMailer, recipientLinks, sendEdition, type Mailer } from '../../src/deliver/index.js';
import { openStore } from '../../src/store/index.js';
import { makeCompose, makeLedger, makeTempDir, NOW, PUBLIC_URL, SECRET } from '../helpers/deliver-fixtures.js';
import { startSmtpSink } from '../helpers/deliver-smtp-sink.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('sendEdition re-checks readers just before the hand-over', () => {
  it('a one-click unsubscribe and a `subscribers remove` during the send stop those two copies', async () => {
    const sink = await startSmtpSink();
    const ledger = await makeLedger(6);
    const outbox = makeTempDir();
    const real = createMailer({ smtpUrl: sink.url, outboxDir: outbox.dir, pool: { connections: 1 } });
    const other = await openStore({ dataDir: ledger.dataDir });
    cleanups.push(() => sink.close(), () => ledger.cleanup(), outbox.cleanup, () => real.close(), () => other.close());

    const [first, , third, , fifth] = ledger.emails;
    const byEmail = async (email: string) => (await other.subscribers.findByEmail(email))!;
    const fifthId = (await byEmail(fifth!)).id;
    const queries: number[] = [];
    const deliveries = {
      ...ledger.store.deliveries,
      recheck: async (holder: string, ids: readonly number[]) => {
        queries.push(ids.length);
        return ledger.store.deliveries.recheck(holder, ids);
      },
    };
    // A slow relay: right after the first copy is accepted, the third reader
    // is removed and the fifth clicks one-click unsubscribe (RFC 8058).
    const mailer: Pick<Mailer, 'send'> = {
      async send(msg) {
        const outcome = await real.send(msg);
        if (msg.envelope.to.includes(first!)) {
          expect(await other.subscribers.remove(third!)).toBe(true);
          const token = new URL(
            recipientLinks({ publicUrl: PUBLIC_URL, secret: SECRET, subscriberId: fifthId, unsubscribeMailbox: 'u@x.org' }).unsubscribeUrl,
          ).searchParams.get('token');
          expect((await unsubscribeByToken({ store: other, secret: SECRET }, token ?? undefined, NOW)).ok).toBe(true);
        }
        await new Promise((r) => setTimeout(r, 150));
        return outcome;
      },
    };
    const summary = await sendEdition({
      deliveries,
      editionId: ledger.editionId,
      mailer,
      compose: makeCompose(ledger.editionId),
      now: () => NOW,
      batchSize: 50,
      concurrency: 1,
    });
    const got = [...sink.copyCounts().keys()].sort();
    expect(got).toEqual(ledger.emails.filter((e) => e !== third && e !== fifth).sort());
    expect(summary).toMatchObject({ sent: 4, failed: 0, pendingLeft: 0 });
    expect(await ledger.store.deliveries.counts(ledger.editionId)).toEqual({ pending: 0, sent: 4, failed: 0, skipped: 1 });
    // Cheap: one query for the whole held batch, not one per reader; at most
    // one per 250 ms (each copy takes 150 ms here, so fewer than one per copy).
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.length).toBeLessThan(6);
    expect(queries[0]).toBeGreaterThan(1);
  });
});
