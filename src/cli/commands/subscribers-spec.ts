// `dispatch subscribers` as help and parsing know it; subscribers.ts runs it, imported only then.
import { runLazily, type CommandSpec } from '../command-spec.js';

export const subscribersSpec: CommandSpec = {
  name: 'subscribers',
  summary: 'add, remove, list, import, export and erase subscribers',
  subcommands: [
    {
      name: 'add',
      summary: 'add an active subscriber (no confirmation mail: you vouch for their consent)',
      arguments: [{ name: 'EMAIL', description: 'their address' }],
      options: [{ flags: '--name <NAME>', description: 'their name' }],
      examples: ['dispatch subscribers add ada@example.org --name "Ada Lovelace"'],
    },
    { name: 'remove', summary: 'unsubscribe an address (kept as unsubscribed)', arguments: [{ name: 'EMAIL', description: 'their address' }], examples: ['dispatch subscribers remove ada@example.org'] },
    { name: 'list', summary: 'every subscriber with status and since when', examples: ['dispatch subscribers list', 'dispatch subscribers list --json'] },
    {
      name: 'import',
      summary: 'import a CSV (email, name, digests, preferences, status); imported people stay pending',
      arguments: [{ name: 'FILE.csv', description: 'CSV file with a header row' }],
      options: [{ flags: '--active', description: 'import as active (only for lists that confirmed elsewhere)' }],
      examples: ['dispatch subscribers import list.csv', 'dispatch subscribers import confirmed.csv --active'],
    },
    { name: 'export', summary: 'the list as CSV on stdout', examples: ['dispatch subscribers export > list.csv'] },
    {
      name: 'delete',
      summary: 'erase a person (GDPR): only a hash of the address is kept',
      arguments: [{ name: 'EMAIL', description: 'their address' }],
      examples: ['dispatch subscribers delete ada@example.org'],
    },
  ],
  run: runLazily(async () => (await import('./subscribers.js')).subscribersCommand),
};
