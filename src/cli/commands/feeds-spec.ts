// `dispatch feeds` as help and parsing know it; feeds.ts runs it, imported only then.
import { runLazily, type CommandSpec } from '../command-spec.js';

export const feedsSpec: CommandSpec = {
  name: 'feeds',
  summary: 'configured feeds: status, checks, OPML in and out',
  subcommands: [
    { name: 'list', summary: 'feeds with their last status and failure streak', examples: ['dispatch feeds list'] },
    { name: 'check', summary: 'fetch every configured feed once and say whether it parses (stores nothing)', examples: ['dispatch feeds check'] },
    {
      name: 'import-opml',
      summary: 'write the feeds of an OPML file to a catalog file and print the line to add to the config',
      arguments: [{ name: 'FILE', description: 'OPML file' }],
      options: [{ flags: '--out <CATALOG>', description: 'catalog file to write (default feeds/imported.yaml next to the config)' }],
      examples: ['dispatch feeds import-opml subscriptions.opml', 'dispatch feeds import-opml subs.opml --out feeds/mine.yaml'],
    },
    {
      name: 'export-opml',
      summary: 'print the configured http(s) feeds as OPML',
      options: [{ flags: '--out <FILE>', description: 'write to FILE instead of stdout' }],
      examples: ['dispatch feeds export-opml > feeds.opml'],
    },
    {
      name: 'people-check',
      summary: 'people-gazetteer entries not checked for over a year (a list to work through; exit 0)',
      examples: ['dispatch feeds people-check', 'dispatch feeds people-check --json'],
    },
  ],
  run: runLazily(async () => (await import('./feeds.js')).feedsCommand),
};
