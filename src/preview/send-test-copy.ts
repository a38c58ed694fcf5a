// `dispatch preview --send-test ADDRESS`: the shown copy, once, to one
// address, for a look in a real mail client. It is not an edition's delivery:
// nothing goes into the ledger and the Message-ID is fresh each time (a
// deterministic one would make receivers drop the second test as a duplicate).
import { randomBytes } from 'node:crypto';
import type { ComposedCopy } from '../app/index.js';
import { domainOf, headerOf, withHeaders, type Mailer, type SendOutcome } from '../deliver/index.js';

export const TEST_SUBJECT_PREFIX = '[TEST] ';

export async function sendTestCopy(
  copy: ComposedCopy,
  to: string,
  mailer: Mailer,
  opts: { from: string },
): Promise<SendOutcome> {
  const domain = domainOf(opts.from) ?? 'localhost';
  const subject = headerOf(copy.message, 'Subject') ?? '';
  return mailer.send(
    withHeaders(
      copy.message,
      {
        To: to,
        Subject: subject.startsWith(TEST_SUBJECT_PREFIX) ? subject : TEST_SUBJECT_PREFIX + subject,
        'X-Dispatch-Test': 'yes',
      },
      { messageId: `<test.${randomBytes(8).toString('hex')}@${domain}>`, envelopeTo: [to] },
    ),
  );
}
