import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  addSubscriber,
  eraseSubscriber,
  exportSubscribers,
  importSubscribers,
  listSubscribers,
  removeSubscriber,
} from '../../app/index.js';
import { InputError, UsageError } from '../../shared/errors.js';
import { plural, table } from '../output.js';
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
          c.out.print(`${plural(list.length, 'subscriber')}, ${list.filter((s) => s.status === 'active').length} active`);
        }
        return 0;
      }
      case 'import': {
        if (!arg) throw new UsageError('usage: dispatch subscribers import FILE.csv [--active]');
        const path = resolve(arg);
        let text: string;
        try {
          text = await readFile(path, 'utf8');
        } catch (error) {
          throw new InputError(`cannot read ${path}: ${(error as Error).message}`);
        }
        const active = c.options.active === true;
        const r = await importSubscribers(ctx, text, { active, now: now() });
        if (c.json) {
          c.out.json({ ...r, status: active ? 'active' : 'pending' });
        } else {
          for (const e of r.errors) c.out.error(`${arg}:${e.line}: ${e.message}`);
          c.out.print(
            `imported ${r.imported} as ${active ? 'active' : 'pending (not mailed until they confirm a sign-up)'}, ` +
              `${r.existing} already on the list, ${r.errors.length} rows skipped`,
          );
        }
        // Partial success is success; a file where nothing could be used is not.
        return r.errors.length > 0 && r.imported + r.existing === 0 ? 1 : 0;
      }
      case 'export': {
        c.out.print((await exportSubscribers(ctx)).replace(/\r\n$/, ''));
        return 0;
      }
      case 'delete': {
        if (!arg) throw new UsageError('usage: dispatch subscribers delete EMAIL');
        const erased = await eraseSubscriber(ctx, arg, now());
        if (c.json) c.out.json({ erased });
        else c.out.print(erased ? 'erased (only a hash of the address is kept, so an import cannot bring it back)' : 'not on the list; its hash is recorded so an import cannot add it');
        return 0;
      }
      default:
        throw new UsageError('usage: dispatch subscribers add EMAIL | remove EMAIL | list | import FILE.csv [--active] | export | delete EMAIL');
    }
  });
