import { describe, expect, it } from 'vitest';
import { parseRequestMail } from '../../src/inbound/index.js';

const mail = (headers: string, body = '') => `${headers.trim().replace(/\n/g, '\r\n')}\r\n\r\n${body.replace(/\n/g, '\r\n')}`;

describe('parseRequestMail', () => {
  it('reads the command and token from the subject, and the From address', async () => {
    expect(await parseRequestMail(mail('From: "Ana B." <ana@example.org>\nSubject: unsubscribe abc.DEF_-1'))).toEqual({
      from: 'ana@example.org',
      command: 'unsubscribe',
      token: 'abc.DEF_-1',
      automated: false,
    });
  });

  it('decodes RFC 2047 subjects and folded headers', async () => {
    expect((await parseRequestMail(mail('From: a@example.org\nSubject: =?UTF-8?B?c3Vic2NyaWJl?='))).command).toBe('subscribe');
    expect((await parseRequestMail(mail('From: a@example.org\nSubject:\n =?utf-8?Q?Subscribe?='))).command).toBe('subscribe');
    // Charsets beyond UTF-8 and Latin-1, and quoted-printable in the part's own charset (mailparser's job now).
    expect((await parseRequestMail(mail('From: a@example.org\nSubject: =?koi8-r?B?c3Vic2NyaWJl?='))).command).toBe('subscribe');
    const latin1 = mail('From: a@example.org\nSubject: x\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable', 'unsubscribe\nGr=FC=DFe');
    expect(await parseRequestMail(latin1)).toMatchObject({ command: 'unsubscribe' });
  });

  it('falls back to the first non-empty line of the text/plain part of a multipart mail', async () => {
    const raw = mail(
      'From: a@example.org\nSubject: hello\nContent-Type: multipart/alternative; boundary="b1"',
      '--b1\nContent-Type: text/html\n\n<p>nothing</p>\n--b1\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n\n  SUBSCRIBE=20\nthanks =C3=BC\n--b1--\n',
    );
    expect(await parseRequestMail(raw)).toMatchObject({ command: 'subscribe', from: 'a@example.org' });
  });

  it('decodes a base64 body', async () => {
    const raw = mail('From: a@example.org\nSubject: x\nContent-Transfer-Encoding: base64', Buffer.from('unsubscribe\n').toString('base64'));
    expect((await parseRequestMail(raw)).command).toBe('unsubscribe');
  });

  it.each([
    ['a sentence that mentions the word', 'Subject: How do I subscribe?'],
    ['a command with extra words', 'Subject: subscribe me and my friend'],
    ['nothing at all', 'Subject:'],
  ])('finds no command in %s', async (_label, header) => {
    expect((await parseRequestMail(mail(`From: a@example.org\n${header}`))).command).toBeNull();
  });

  it.each([
    ['Auto-Submitted: auto-replied'],
    ['Precedence: bulk'],
    ['Precedence: junk'],
    ['List-Id: <other.example.org>'],
    ['X-Autoreply: yes'],
    ['Content-Type: multipart/report; report-type=delivery-status; boundary=x'],
  ])('marks %s as automated', async (header) => {
    expect((await parseRequestMail(mail(`From: a@example.org\nSubject: subscribe\n${header}`))).automated).toBe(true);
  });

  it('keeps Auto-Submitted: no as a person', async () => {
    expect((await parseRequestMail(mail('From: a@example.org\nSubject: subscribe\nAuto-Submitted: no'))).automated).toBe(false);
  });

  it('has no From address when the header has none', async () => {
    expect((await parseRequestMail(mail('From: "nobody"\nSubject: subscribe'))).from).toBeNull();
  });
});
