import { addSubscriber, listSubscribers, removeSubscriber } from '../../app/index.js';
import { UsageError } from '../../shared/errors.js';
import { table } from '../output.js';
import { now, withContext, type Command } from './command.js';

export const subscribersCommand: Command = (c) =>
  withContext(c, async (ctx) => {
    const [sub, arg] = c.args;
    switch (sub) {
      case 'add': {
        if (!arg) throw new UsageError('usage: dispatch subscribers add EMAIL [--name NAME]');
        const r = await addSubscriber(ctx, { email: arg, name: c.options.name, now: now() });
        if (c.json) c.out.json({ email: r.subscriber.email, status: r.subscriber.status, created: r.created });
        else c.out.print(r.created ? `added ${r.subscriber.email}` : `${r.subscriber.email} is already on the list (${r.subscriber.status})`);
        return 0;
      }
      case 'remove': {
        if (!arg) throw new UsageError('usage: dispatch subscribers remove EMAIL');
        const removed = await removeSubscriber(ctx, arg);
        if (c.json) c.out.json({ removed });
        else c.out.print(removed ? `removed ${arg.trim()}` : `${arg.trim()} is not on the list`);
        return 0;
      }
      case 'list': {
        const list = await listSubscribers(ctx);
        if (c.json) {
          c.out.json(list.map((s) => ({ email: s.email, name: s.name, status: s.status, createdAt: s.createdAt, consentSource: s.consentSource })));
        } else {
          c.out.print(table(['email', 'status', 'since'], list.map((s) => [s.email, s.status, s.createdAt.toISOString().slice(0, 10)])));
          c.out.print(`${list.length} subscribers, ${list.filter((s) => s.status === 'active').length} active`);
        }
        return 0;
      }
      default:
        throw new UsageError('usage: dispatch subscribers add EMAIL | remove EMAIL | list');
    }
  });
