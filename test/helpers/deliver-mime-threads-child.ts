// Child for build-mime-threads.test.ts: builds the same messages with worker
// threads and without, and prints whether the bytes are identical. A child
// process, because vitest's in-process TypeScript does not reach worker
// threads (this child runs under the .ts module hook, which does).
import { generateKeyPairSync } from 'node:crypto';
import { createMimeBuilder } from '../../src/deliver/build-mime.js';
import { buildMessage, messageIdFor } from '../../src/deliver/index.js';
import { builtinTemplatesDir, compileDigest, loadTemplates } from '../../src/render/index.js';
import { makeEditionModel, makeRecipient } from './render-builders.js';

const compiled = await compileDigest(await loadTemplates({ builtinDir: builtinTemplatesDir() }));
const model = makeEditionModel();
const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const dkim = { domainName: 'dispatch.example.org', keySelector: 'brief', privateKey };
const make = (n: number) => {
  const r0 = makeRecipient(n);
  const r = compiled.render(model, r0);
  return buildMessage({
    from: '"Daily Brief" <brief@dispatch.example.org>',
    to: r0.email,
    toName: n % 3 === 0 ? 'Zoë Ü' : r0.name,
    subject: model.subject,
    html: r.html,
    text: r.text,
    listId: 'Daily Brief <daily.dispatch.example.org>',
    unsubscribeHttpUrl: r0.unsubscribeUrl,
    unsubscribeMailto: 'mailto:unsubscribe@dispatch.example.org?subject=unsubscribe',
    messageId: messageIdFor({ editionId: 1, subscriberId: n, domain: 'dispatch.example.org' }),
    date: new Date('2026-11-25T07:00:00Z'),
    ...(r.spliced ? { spliced: r.spliced } : {}),
  });
};
const boundary = '--_Dispatch_fixed';
const threaded = createMimeBuilder({ threads: 2, dkim, boundary });
const inline = createMimeBuilder({ threads: 0, dkim, boundary });
let same = 0;
const N = 40;
const a = await Promise.all(Array.from({ length: N }, (_, i) => threaded.build(make(i + 1)).then((c) => Buffer.concat(c))));
for (let i = 0; i < N; i++) {
  const b = Buffer.concat(await inline.build(make(i + 1)));
  if (b.equals(a[i] as Buffer)) same += 1;
}
console.log(JSON.stringify({ threads: threaded.threads, same, of: N, off: threaded.shortcutOff + inline.shortcutOff }));
await threaded.close();
await inline.close();
