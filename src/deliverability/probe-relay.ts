// Connects to the relay the way sending will (nodemailer's SMTP client): an
// smtps: URL must complete TLS, an smtp: URL must answer EHLO and offer
// STARTTLS (requireTLS: the connection fails otherwise). Certificates are not
// judged here; the real send verifies them.

export async function probeRelay(smtpUrl: string, timeoutMs = 10_000): Promise<{ ok: boolean; detail: string }> {
  const u = new URL(smtpUrl);
  const secure = u.protocol === 'smtps:';
  const port = Number(u.port) || (secure ? 465 : 587);
  // Loaded on use: only `dispatch check` probes, and a sender should not carry nodemailer for it.
  const { default: SMTPConnection } = await import('nodemailer/lib/smtp-connection');
  const conn = new SMTPConnection({
    host: u.hostname,
    port,
    secure,
    requireTLS: !secure,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    tls: { rejectUnauthorized: false },
  });
  const where = `${u.protocol}//${u.hostname}:${port}`;
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: { ok: boolean; detail: string }) => {
      if (settled) return;
      settled = true;
      try {
        conn.quit();
      } catch {
        // already closed
      }
      resolve(r);
    };
    conn.once('error', (err: Error) =>
      done({ ok: false, detail: `${where}: ${secure ? 'TLS connection failed' : 'EHLO without STARTTLS, or STARTTLS failed'}: ${err.message}` }),
    );
    conn.connect(() => done({ ok: true, detail: `${where} answers EHLO ${secure ? 'over TLS (smtps)' : 'and offers STARTTLS'}` }));
  });
}
