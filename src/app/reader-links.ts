// Signed links a page shows a reader about themselves (the preferences page's
// unsubscribe button). Signing lives here so the web stage never holds the secret.
import { signToken } from '../shared/tokens.js';
import type { AppContext } from './open-context.js';

export function unsubscribeTokenFor(ctx: Pick<AppContext, 'secret'>, subscriberId: number): string {
  return signToken(ctx.secret, { sub: subscriberId, purpose: 'unsubscribe' });
}
