// The cheapest proof that the database answers: one indexed lookup.
import type { AppContext } from './open-context.js';

export async function checkStore(ctx: Pick<AppContext, 'store'>): Promise<void> {
  await ctx.store.subscribers.get(0);
}
