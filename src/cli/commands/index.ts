// The command registry: one file per `dispatch` command.
import type { Command } from './command.js';
import { checkCommand } from './check.js';
import { digestsCommand } from './digests.js';
import { editionsCommand } from './editions.js';
import { feedsCommand } from './feeds.js';
import { fetchCommand } from './fetch.js';
import { previewCommand } from './preview.js';
import { runCommand } from './run.js';
import { scheduleCommand } from './schedule.js';
import { sendCommand } from './send.js';
import { serveCommand } from './serve.js';
import { statusCommand } from './status.js';
import { subscribersCommand } from './subscribers.js';
import { workerCommand } from './worker.js';

export type { Command, CommandContext } from './command.js';

export const commands: Record<string, Command> = {
  run: runCommand,
  fetch: fetchCommand,
  preview: previewCommand,
  send: sendCommand,
  subscribers: subscribersCommand,
  serve: serveCommand,
  feeds: feedsCommand,
  editions: editionsCommand,
  schedule: scheduleCommand,
  status: statusCommand,
  worker: workerCommand,
  digests: digestsCommand,
  check: checkCommand,
};
