// Gmail's feedback loop aggregates complaints by the Feedback-ID header,
// `a:b:c:SenderId` with up to three campaign fields: ours are edition, digest
// and the tool's name, and the sender id is the From domain. Colons separate
// the fields, so they are removed from each value.

export function feedbackId(opts: { editionId: number; digest: string; senderId: string }): string {
  const clean = (v: string) => v.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `${opts.editionId}:${clean(opts.digest)}:dispatch:${clean(opts.senderId)}`;
}
