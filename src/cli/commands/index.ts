// The command registry: one file per `dispatch` command.
import type { Command } from './command.js';
import { editionsCommand } from './editions.js';
import { feedsCommand } from './feeds.js';
import { fetchCommand } from './fetch.js';
import { previewCommand } from './preview.js';
import { runCommand } from './run.js';
import { sendCommand } from './send.js';
import { subscribersCommand } from './subscribers.js';

export type { Command, CommandContext } from './command.js';

export const commands: Record<string, Command> = {
  run: runCommand,
  fetch: fetchCommand,
  preview: previewCommand,
  send: sendCommand,
  subscribers: subscribersCommand,
  feeds: feedsCommand,
  editions: editionsCommand,
};
