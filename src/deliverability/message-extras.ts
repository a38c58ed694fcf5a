// What deliverability adds to each outgoing message: the Feedback-ID header
// and the VERP envelope sender. Both need a stored edition (an id); a preview
// of an edition not stored yet gets neither.
import { feedbackId } from './feedback-id.js';
import { verpAddress } from './verp.js';

export interface MessageExtras {
  headers: Record<string, string>;
  /** Envelope sender (Return-Path) for this copy, or null to keep the default (the From address). */
  envelopeFrom: string | null;
}

export function messageExtras(opts: {
  editionId: number | null;
  digest: string;
  subscriberId: number;
  /** sending.bounceAddress, or null: no VERP. */
  bounceAddress: string | null;
  /** The From domain, used as Feedback-ID's sender id. */
  senderId: string;
  secret: string;
}): MessageExtras {
  if (opts.editionId === null || opts.editionId <= 0) return { headers: {}, envelopeFrom: null };
  const delivery = { editionId: opts.editionId, subscriberId: opts.subscriberId };
  return {
    headers: { 'Feedback-ID': feedbackId({ editionId: opts.editionId, digest: opts.digest, senderId: opts.senderId }) },
    envelopeFrom: opts.bounceAddress && opts.subscriberId > 0 ? verpAddress(opts.bounceAddress, delivery, opts.secret) : null,
  };
}
