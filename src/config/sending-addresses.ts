// Checks every address the sender uses when the config is loaded, so a bad
// one is exit 2 naming its key, never a crash mid-send or a mail without From.
import { ConfigError } from '../shared/errors.js';
import { parseMailbox, type Mailbox } from './parse-mailbox.js';

export interface SendingAddresses {
  /** As written (display name kept), e.g. `Daily Brief <brief@example.org>`. */
  from: string;
  fromMailbox: Mailbox;
  replyTo: string | null;
  /** Bare address (mailto: targets take no display name). */
  unsubscribeAddress: string;
  bounceAddress: string | null;
  complaintsAddress: string | null;
}

export interface SendingAddressInput {
  from: string;
  /** Where `from` came from, for the error: `DISPATCH_FROM` or `sending.from`. */
  fromKey: string;
  replyTo?: string | null;
  unsubscribeAddress: string;
  bounceAddress?: string | null;
  complaintsAddress?: string | null;
}

function need(label: string, key: string, value: string): Mailbox {
  const r = parseMailbox(value);
  if (!r.ok) throw new ConfigError(`${label}: ${key}: ${r.error}`);
  return r.mailbox;
}

/** Bare-address keys may carry a display name ("Unsub <u@example.org>"): only the address is kept. */
function bare(label: string, key: string, value: string | null | undefined): string | null {
  if (value == null) return null;
  return need(label, key, value).address;
}

export function checkSendingAddresses(input: SendingAddressInput, label: string): SendingAddresses {
  // DISPATCH_FROM is an env var, not a key of the file: name it alone.
  const fromLabel = input.fromKey === 'DISPATCH_FROM' ? 'environment' : label;
  const fromMailbox = need(fromLabel, input.fromKey, input.from);
  const replyTo = input.replyTo == null ? null : (need(label, 'sending.replyTo', input.replyTo), input.replyTo.trim());
  const unsubscribeAddress = bare(label, 'sending.unsubscribeAddress', input.unsubscribeAddress) as string;
  const bounceAddress = bare(label, 'sending.bounceAddress', input.bounceAddress);
  if (bounceAddress?.split('@')[0]?.includes('+')) {
    throw new ConfigError(`${label}: sending.bounceAddress: must not contain "+" (Dispatch adds "+<token>" to it for each message)`);
  }
  const complaintsAddress = bare(label, 'sending.complaintsAddress', input.complaintsAddress);
  return { from: input.from.trim(), fromMailbox, replyTo, unsubscribeAddress, bounceAddress, complaintsAddress };
}
