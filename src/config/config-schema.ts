// The shape of dispatch.config.yaml. Strict objects: an unknown key is an error
// that names the key, so a typo never silently falls back to a default.
import { Cron } from 'croner';
import { z } from 'zod';
import { parseDuration } from './parse-duration.js';

const duration = z.string().superRefine((value, ctx) => {
  const r = parseDuration(value);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error });
});

const tag = z.string().regex(/^[a-z0-9][a-z0-9 &_-]*$/i, 'expected a tag of letters, digits, spaces, "&", "-" or "_"');

export const feedEntrySchema = z.strictObject({
  name: z.string().min(1, 'expected a non-empty feed name'),
  url: z.string().min(1, 'expected an http(s) URL or a local path'),
  homepage: z.string().optional(),
  tags: z.array(tag).default([]),
});

const catalogRefSchema = z.strictObject({
  catalog: z.string().min(1, 'expected the path of a catalog YAML file'),
});

const timezone = z.string().superRefine((tz, ctx) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    ctx.addIssue({ code: 'custom', message: `expected an IANA time zone such as "Europe/Berlin", got "${tz}"` });
  }
});

const cronExpression = z.string().superRefine((expr, ctx) => {
  try {
    new Cron(expr, { paused: true });
  } catch (err) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a cron expression with 5 or 6 fields such as "0 7 * * 1-5", got "${expr}" (${(err as Error).message})`,
    });
  }
});

const digestSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case name of letters, digits and "-"'),
    title: z.string().min(1),
    schedule: cronExpression.default('0 7 * * *'),
    timezone: timezone.default('UTC'),
    lookback: duration.default('24h'),
    maxItems: z.number().int().min(1).max(500).default(30),
    minItems: z.number().int().min(0).default(3),
    sections: z.array(tag).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.minItems > d.maxItems) {
      ctx.addIssue({ code: 'custom', path: ['minItems'], message: `must not exceed maxItems (${d.maxItems})` });
    }
  });

const sendingSchema = z.strictObject({
  from: z.string().min(3).default('Dispatch <dispatch@localhost>'),
  replyTo: z.string().optional(),
  /** mailto: address for List-Unsubscribe (the subscribe-by-mail listener answers it). */
  unsubscribeAddress: z.string().optional(),
  pool: z
    .strictObject({
      connections: z.number().int().min(1).max(50).default(5),
      messagesPerConnection: z.number().int().min(1).default(100),
      ratePerSecond: z.number().positive().default(50),
    })
    .default({ connections: 5, messagesPerConnection: 100, ratePerSecond: 50 }),
  retry: z
    .strictObject({
      maxAttempts: z.number().int().min(1).max(20).default(5),
    })
    .default({ maxAttempts: 5 }),
  dkim: z
    .strictObject({
      domain: z.string().min(1),
      selector: z.string().min(1),
      keyFile: z.string().min(1),
    })
    .optional(),
});

const fetchSchema = z.strictObject({
  timeout: duration.default('15s'),
  maxBytes: z.number().int().min(1024).default(5 * 1024 * 1024),
  concurrency: z.number().int().min(1).max(64).default(6),
  userAgent: z.string().optional(),
});

export const configSchema = z.strictObject({
  feeds: z.array(z.union([catalogRefSchema, feedEntrySchema])).default([]),
  digests: z.array(digestSchema).min(1, 'expected at least one digest'),
  templates: z.string().optional(),
  outbox: z.string().default('./outbox'),
  dataDir: z.string().default('./data'),
  sending: sendingSchema.default(sendingSchema.parse({})),
  fetch: fetchSchema.default(fetchSchema.parse({})),
});

export const catalogSchema = z.array(feedEntrySchema);

export type ConfigFile = z.infer<typeof configSchema>;
export type DigestFileEntry = z.infer<typeof digestSchema>;
