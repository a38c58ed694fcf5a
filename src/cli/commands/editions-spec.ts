// `dispatch editions` as help and parsing know it; editions.ts runs it, imported only then.
import { runLazily, type CommandSpec } from '../command-spec.js';

export const editionsSpec: CommandSpec = {
  name: 'editions',
  summary: 'stored editions, their delivery counts, and the review desk (drafts, notes, approval)',
  subcommands: [
    {
      name: 'list',
      summary: 'the last 50 editions with sent/failed/pending counts',
      options: [{ flags: '--digest <NAME>', description: 'only this digest' }],
      examples: ['dispatch editions list', 'dispatch editions list --digest daily --json'],
    },
    {
      name: 'show',
      summary: 'one edition: window, counts, sections and stories',
      arguments: [{ name: 'ID', description: 'edition id (see `dispatch editions list`)' }],
      examples: ['dispatch editions show 12'],
    },
    {
      name: 'note',
      summary: "set a draft's editor's note (Markdown, sanitized; an empty file clears it)",
      arguments: [
        { name: 'ID', description: 'edition id of a draft' },
        { name: 'FILE.md', description: 'Markdown file with the note' },
      ],
      options: [{ flags: '--name <WHO>', description: 'who made the edit (recorded with the edit; default the system user)' }],
      examples: ['dispatch editions note 12 note.md', 'dispatch editions note 12 note.md --name "Ada, desk editor"'],
    },
    {
      name: 'approve',
      summary: 'approve a draft for its slot time, or with --now send it now',
      arguments: [{ name: 'ID', description: 'edition id of a draft' }],
      options: [
        { flags: '--now', description: 'send it now instead of at the slot time' },
        { flags: '--name <WHO>', description: 'who approved it (recorded; default the system user)' },
      ],
      examples: ['dispatch editions approve 12', 'dispatch editions approve 12 --now'],
    },
  ],
  run: runLazily(async () => (await import('./editions.js')).editionsCommand),
};
