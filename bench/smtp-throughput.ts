// Bench 2: SMTP throughput to one local sink process, in one run, with the
// same rendered digest (~77 KB on the wire) and the same count for every mode:
//   ceiling   a pipelined client writing pre-built message bytes of the same
//             size over 10 connections (MAIL/RCPT/DATA pipelined behind the
//             previous message's final dot): what the wire and sink allow
//   ours      the real path: sendEdition over the durable SQLite ledger,
//             each copy rendered per recipient (spliced shape) and built by
//             createMailer's SMTP adapter (MIME once per shape, 10 pooled
//             connections), with DKIM (RSA-2048) and without
//   diag      ours with no worker threads (threads: 0; the DKIM signature
//             then runs on libuv's thread pool)
// The ceiling and ours run twice each (ours in the opposite order the second
// time); each is held at its better run. Sender CPU (the whole process,
// worker threads included) and sink CPU per message are printed for each
// mode, and the DKIM bound: the most any sender could reach on these cores
// given one signature, one body hash, the rest of our path and the sink.
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildMessage, createMailer, messageIdFor, sendEdition, type DkimOptions, type OutgoingMessage, type SendSummary } from '../src/deliver/index.js';
import { createMimeBuilder } from '../src/deliver/build-mime.js';
import { builtinTemplatesDir, compileDigest, loadTemplates, type CompiledDigest } from '../src/render/index.js';
import type { EditionModel } from '../src/shared/types.js';
import { benchEditionModel, benchRecipient } from './edition-fixture.js';
import { fmt, kb, since, verdict, type Row } from './report.js';
import { seedLedger } from './seed-ledger.js';
import { startSinkProcess, type SinkProcess } from './smtp-sink.js';

export interface SmtpThroughputOptions {
  messages?: number;
  connections?: number;
  /** Also run the diagnostic variant (no worker threads). Default true. */
  diagnose?: boolean;
}

interface Result {
  mode: string;
  msgs: number;
  ms: number;
  rate: number;
  senderCpuUs: number;
  sinkCpuUs: number;
}

const FROM = '"Daily Foreign Policy Brief" <brief@dispatch.example.org>';

/** Reader n's copy as composeCopy makes it: the compiled digest's fill (a spliced shape) and every header. */
function composer(compiled: CompiledDigest, model: EditionModel): (n: number, email: string) => OutgoingMessage {
  return (n, email) => {
    const recipient = { ...benchRecipient(n), email };
    const r = compiled.render(model, recipient);
    return buildMessage({
      from: FROM,
      to: email,
      toName: recipient.name,
      subject: model.subject,
      html: r.html,
      text: r.text,
      listId: 'Daily Foreign Policy Brief <daily.dispatch.example.org>',
      unsubscribeHttpUrl: recipient.unsubscribeUrl,
      unsubscribeMailto: 'mailto:unsubscribe@dispatch.example.org?subject=unsubscribe',
      messageId: messageIdFor({ editionId: 42, subscriberId: n, domain: 'dispatch.example.org' }),
      date: new Date('2026-11-25T07:00:00.000Z'),
      ...(r.spliced ? { spliced: r.spliced } : {}),
    });
  };
}

async function measure(sink: SinkProcess, mode: string, msgs: number, run: () => Promise<void>): Promise<Result> {
  const before = await sink.stats();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  await run();
  const ms = since(start);
  const cpu = process.cpuUsage(cpu0);
  const after = await sink.stats();
  if (after.accepted - before.accepted !== msgs) {
    throw new Error(`${mode}: sink accepted ${after.accepted - before.accepted} messages, expected ${msgs}`);
  }
  const r: Result = {
    mode,
    msgs,
    ms,
    rate: (msgs / ms) * 1000,
    senderCpuUs: (cpu.user + cpu.system) / msgs,
    sinkCpuUs: ((after.cpuMs - before.cpuMs) * 1000) / msgs,
  };
  console.log(
    `  ${mode.padEnd(48)} ${fmt(r.rate).padStart(6)} msgs/s  (${fmt(msgs)} in ${fmt(ms)} ms; CPU/msg sender ${fmt(r.senderCpuUs)} µs, sink ${fmt(r.sinkCpuUs)} µs)`,
  );
  return r;
}

/**
 * The ceiling: `connections` raw SMTP sessions, each writing the pre-built
 * (already dot-stuffed, CRLF) bytes; the next MAIL/RCPT/DATA goes out in the
 * same write as the previous message's final dot (RFC 2920 pipelining).
 */
async function pipelinedClient(port: number, connections: number, msgs: number, body: Buffer): Promise<void> {
  let next = 0;
  const envelope = (n: number) => `MAIL FROM:<brief@dispatch.example.org>\r\nRCPT TO:<reader${n}@example.org>\r\nDATA\r\n`;
  const end = Buffer.from('.\r\n');
  await Promise.all(
    Array.from({ length: connections }, () =>
      new Promise<void>((resolve, reject) => {
        const sock = net.connect(port, '127.0.0.1');
        sock.setNoDelay(true);
        let buf = '';
        // Replies still owed before the next write: greeting, then EHLO.
        let stage: 'greet' | 'ehlo' | 'env' | 'data' | 'quit' = 'greet';
        let owed = 1;
        const take = (): string | null => {
          // One complete reply = its last line `NNN ` (multi-line replies use `NNN-`).
          for (;;) {
            const nl = buf.indexOf('\r\n');
            if (nl < 0) return null;
            const line = buf.slice(0, nl);
            buf = buf.slice(nl + 2);
            if (/^\d{3} /.test(line)) return line;
          }
        };
        const sendEnvelope = (): boolean => {
          if (next >= msgs) return false;
          next += 1;
          sock.write(envelope(next));
          return true;
        };
        sock.on('data', (chunk) => {
          buf += chunk.toString('latin1');
          for (let line = take(); line !== null; line = take()) {
            const code = Number(line.slice(0, 3));
            if (code >= 400) return reject(new Error(`ceiling client: ${line}`));
            owed -= 1;
            if (owed > 0) continue;
            if (stage === 'greet') {
              stage = 'ehlo';
              owed = 1;
              sock.write('EHLO bench.example.org\r\n');
            } else if (stage === 'ehlo') {
              if (!sendEnvelope()) {
                stage = 'quit';
                owed = 1;
                sock.write('QUIT\r\n');
                continue;
              }
              stage = 'env';
              owed = 3; // MAIL, RCPT, DATA (354)
            } else if (stage === 'env') {
              // 354: the body, its end, and (pipelined) the next envelope.
              stage = 'data';
              sock.write(body);
              sock.write(end);
              if (next < msgs) {
                next += 1;
                sock.write(envelope(next));
                owed = 4; // 250 for the data, then MAIL, RCPT, DATA
                stage = 'env';
              } else {
                owed = 1;
                stage = 'data';
              }
            } else if (stage === 'data') {
              stage = 'quit';
              owed = 1;
              sock.write('QUIT\r\n');
            } else {
              sock.end();
              resolve();
            }
          }
        });
        sock.on('error', reject);
      }),
    ),
  );
}


export async function smtpThroughputBench(opts: SmtpThroughputOptions = {}): Promise<Row[]> {
  const msgs = opts.messages ?? 6_000;
  const connections = opts.connections ?? 10;
  const diagnose = opts.diagnose ?? true;
  const compiled = await compileDigest(await loadTemplates({ builtinDir: builtinTemplatesDir() }));
  const model = benchEditionModel();
  const make = composer(compiled, model);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const dkim: DkimOptions = {
    domainName: 'dispatch.example.org',
    keySelector: 'bench',
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  // The ceiling's bytes: one copy exactly as ours puts it on the wire, DKIM included.
  const probe = createMimeBuilder({ threads: 0, dkim });
  const sample = Buffer.concat(await probe.build(make(1, 'reader1@example.org')));
  await probe.close();
  // Dot-stuffing: a line starting with "." gets another (QP output rarely has one).
  const wire = Buffer.from(sample.toString('latin1').replace(/\r\n\./g, '\r\n..'), 'latin1');
  const withCrlf = wire.subarray(wire.length - 2).toString() === '\r\n' ? wire : Buffer.concat([wire, Buffer.from('\r\n')]);
  console.log(
    `  message: ${kb(withCrlf.length)} on the wire (DKIM-signed, quoted-printable), ${fmt(msgs)} messages per mode, ${connections} connections, ` +
      `${os.availableParallelism()} cores (mailer threads 'auto')`,
  );
  const sink = await startSinkProcess();
  const port = Number(new URL(sink.url).port);
  const outbox = mkdtempSync(path.join(os.tmpdir(), 'dispatch-bench-outbox-'));
  const results: Result[] = [];
  try {
    // Warm-up: JIT for both clients and the sink, both paths of ours.
    await pipelinedClient(port, connections, 1000, withCrlf);
    await runOurs(sink, outbox, make, 1000, { label: 'warm-up', connections, dkim, quiet: true });
    await runOurs(sink, outbox, make, 1000, { label: 'warm-up', connections, dkim: null, quiet: true });

    const ceiling = await measure(sink, `ceiling: pipelined raw client, ${connections} connections`, msgs, () =>
      pipelinedClient(port, connections, msgs, withCrlf),
    );
    results.push(ceiling);
    const oursDkim = await runOurs(sink, outbox, make, msgs, { label: `ours: sendEdition + SQLite ledger, DKIM on`, connections, dkim });
    results.push(oursDkim);
    const oursPlain = await runOurs(sink, outbox, make, msgs, { label: `ours: sendEdition + SQLite ledger, DKIM off`, connections, dkim: null });
    results.push(oursPlain);
    // The ceiling again, after ours: on 2 shared cores one run can be off by
    // 20 %; the better of the two is the ceiling ours is held against.
    const ceiling2 = await measure(sink, `ceiling (again, after ours)`, msgs, () => pipelinedClient(port, connections, msgs, withCrlf));
    results.push(ceiling2);
    // Ours twice as well, in the opposite order: each side is held at its better run.
    const oursPlain2 = await runOurs(sink, outbox, make, msgs, { label: `ours again: DKIM off`, connections, dkim: null });
    results.push(oursPlain2);
    const oursDkim2 = await runOurs(sink, outbox, make, msgs, { label: `ours again: DKIM on`, connections, dkim });
    results.push(oursDkim2);
    if (diagnose) {
      results.push(await runOurs(sink, outbox, make, msgs, { label: `diag: ours, DKIM on, no worker threads`, connections, dkim, threads: 0 }));
      results.push(await runOurs(sink, outbox, make, msgs, { label: `diag: ours, DKIM off, no worker threads`, connections, dkim: null, threads: 0 }));
    }
    // The floor under DKIM, measured here: what one signature and one body
    // hash cost on this CPU, whatever the rest of the path does.
    const floor = dkimFloor(privateKey, sample);
    console.log(`  DKIM floor on this CPU: one RSA-2048 signature ${fmt(floor.signUs)} µs, SHA-256 of one ${kb(sample.length)} body ${fmt(floor.hashUs)} µs`);
    const best = Math.max(ceiling.rate, ceiling2.rate);
    const dkimBest = oursDkim2.rate > oursDkim.rate ? oursDkim2 : oursDkim;
    const plainBest = oursPlain2.rate > oursPlain.rate ? oursPlain2 : oursPlain;
    const pctDkim = (100 * dkimBest.rate) / best;
    const pctPlain = (100 * plainBest.rate) / best;
    console.log(`  ours = ${pctDkim.toFixed(0)} % of the ceiling with DKIM, ${pctPlain.toFixed(0)} % without (the better of two runs each)`);
    // What any sender could reach with DKIM here: every message costs at
    // least one signature and one body hash, the rest of our path (the
    // DKIM-off run) and the sink's share, all on these cores.
    const cores = os.availableParallelism();
    const perMsgUs = floor.signUs + floor.hashUs + plainBest.senderCpuUs + dkimBest.sinkCpuUs;
    const bound = (cores * 1e6) / perMsgUs;
    console.log(
      `  DKIM bound on ${cores} cores: ${fmt(cores * 1e6)} µs of CPU a second / (${fmt(floor.signUs)} sign + ${fmt(floor.hashUs)} hash + ${fmt(plainBest.senderCpuUs)} rest + ${fmt(dkimBest.sinkCpuUs)} sink) µs = ${fmt(bound)} msgs/s, ${((100 * bound) / best).toFixed(0)} % of the ceiling`,
    );
    const rows: Row[] = results.map((r) => ({
      bench: 'smtp',
      measure: `${r.mode}: msgs/s (CPU/msg sender / sink µs)`,
      value: `${fmt(r.rate)} (${fmt(r.senderCpuUs)} / ${fmt(r.sinkCpuUs)})`,
      target: '',
      status: '',
    }));
    rows.push(
      { bench: 'smtp', measure: 'DKIM floor: RSA-2048 sign + SHA-256 of the body, µs', value: `${fmt(floor.signUs)} + ${fmt(floor.hashUs)}`, target: '', status: '' },
      { bench: 'smtp', measure: `DKIM bound on ${cores} cores (floor + rest of path + sink), % of ceiling`, value: `${((100 * bound) / best).toFixed(0)} %`, target: '', status: '' },
      { bench: 'smtp', measure: 'ours with DKIM as % of ceiling', value: `${pctDkim.toFixed(0)} %`, target: '≥ 60 %', status: verdict(pctDkim >= 60) },
      { bench: 'smtp', measure: 'ours without DKIM as % of ceiling', value: `${pctPlain.toFixed(0)} %`, target: '≥ 75 %', status: verdict(pctPlain >= 75) },
      {
        bench: 'smtp',
        measure: 'sender CPU per message, DKIM on',
        value: `${(dkimBest.senderCpuUs / 1000).toFixed(2)} ms`,
        target: '≤ 0.4 ms',
        status: verdict(dkimBest.senderCpuUs <= 400),
      },
    );
    return rows;
  } finally {
    await sink.close();
    rmSync(outbox, { recursive: true, force: true });
  }
}

function dkimFloor(key: KeyObject, body: Buffer): { signUs: number; hashUs: number } {
  const data = body.subarray(0, 700);
  for (let i = 0; i < 50; i++) sign('sha256', data, key);
  let t = performance.now();
  for (let i = 0; i < 500; i++) sign('sha256', data, key);
  const signUs = ((performance.now() - t) * 1000) / 500;
  t = performance.now();
  for (let i = 0; i < 500; i++) createHash('sha256').update(body).digest();
  const hashUs = ((performance.now() - t) * 1000) / 500;
  return { signUs, hashUs };
}

async function runOurs(
  sink: SinkProcess,
  outbox: string,
  make: (n: number, email: string) => OutgoingMessage,
  msgs: number,
  o: { label: string; connections: number; dkim: DkimOptions | null; threads?: number; quiet?: boolean },
): Promise<Result> {
  const ledger = await seedLedger(msgs);
  const mailer = createMailer({
    smtpUrl: sink.url,
    outboxDir: outbox,
    // High enough never to limit: the bench measures the sender, not the throttle.
    pool: { connections: o.connections, messagesPerConnection: 1000, ratePerSecond: 1_000_000 },
    dkim: o.dkim,
    ...(o.threads !== undefined ? { threads: o.threads } : {}),
  });
  let summary: SendSummary | undefined;
  try {
    const run = async () => {
      summary = await sendEdition({
        deliveries: ledger.store.deliveries,
        editionId: ledger.edition.id,
        mailer,
        compose: (t) => make(t.subscriberId, t.email),
        now: () => new Date(),
        concurrency: mailer.parallelism,
      });
    };
    const r = o.quiet ? await quietly(sink, msgs, run) : await measure(sink, o.label, msgs, run);
    if (summary?.sent !== msgs) throw new Error(`${o.label}: sent ${summary?.sent}, expected ${msgs}`);
    return r;
  } finally {
    await mailer.close();
    await ledger.dispose();
  }
}

async function quietly(sink: SinkProcess, msgs: number, run: () => Promise<void>): Promise<Result> {
  const before = await sink.stats();
  await run();
  const after = await sink.stats();
  if (after.accepted - before.accepted !== msgs) throw new Error(`warm-up: sink accepted ${after.accepted - before.accepted}`);
  return { mode: 'warm-up', msgs, ms: 0, rate: 0, senderCpuUs: 0, sinkCpuUs: 0 };
}
