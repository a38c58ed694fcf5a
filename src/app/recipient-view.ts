// What the templates see of one reader: address, name and their signed links.
// Its own file so compose-copy and deliver-edition can both use it without
// importing each other.
import { recipientLinks } from '../deliver/index.js';
import type { Edition, RecipientView } from '../shared/types.js';
import type { AppContext } from './open-context.js';

export function recipientView(
  ctx: Pick<AppContext, 'config' | 'secret'>,
  edition: Pick<Edition, 'id'>,
  who: { subscriberId: number; email: string; name: string | null },
): RecipientView & { unsubscribeMailto: string } {
  const links = recipientLinks({
    publicUrl: ctx.config.env.publicUrl,
    secret: ctx.secret,
    subscriberId: who.subscriberId,
    unsubscribeMailbox: ctx.config.sending.unsubscribeAddress,
  });
  return {
    email: who.email,
    name: who.name,
    ...links,
    viewInBrowserUrl: `${ctx.config.env.publicUrl}/editions/${edition.id}`,
  };
}
