// The `channels:` section of the config: each channel is named by the team and
// says how to reach a tool they already run. Secrets are never written here:
// a channel names the environment variable that holds its key or URL.
import { z } from 'zod';

export const channelNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/i, 'a channel name is a short handle like "pager" or "chat"');

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'the name of an environment variable, like PD_ROUTING_KEY');

/** How long one attempt may take before it waits in the outbox instead. */
const timeoutSeconds = z.number().positive().max(60).optional();

const httpUrl = z
  .string()
  .regex(/^https?:\/\/[^\s/]+/i, 'an http(s) URL, like https://events.pagerduty.com');

const pagerduty = z
  .object({
    type: z.literal('pagerduty'),
    /** The env var holding the Events API v2 integration key (or `<NAME>_FILE`). */
    routingKeyEnv: envName,
    /** Regional or test endpoint; `/v2/enqueue` is added. */
    baseUrl: httpUrl.optional(),
    /** `payload.source`: where the alert comes from (default: oncall on this host). */
    source: z.string().min(1).optional(),
    timeoutSeconds,
  })
  .strict();

const slack = z.object({ type: z.literal('slack'), urlEnv: envName, timeoutSeconds }).strict();

const teams = z.object({ type: z.literal('teams'), urlEnv: envName, timeoutSeconds }).strict();

const webhook = z
  .object({
    type: z.literal('webhook'),
    urlEnv: envName,
    /** Header name -> the env var holding its value (e.g. Authorization: HOOK_AUTH). */
    headersEnv: z
      .record(z.string().regex(/^[A-Za-z0-9-]+$/, 'an HTTP header name'), envName)
      .optional(),
    timeoutSeconds,
  })
  .strict();

const command = z
  .object({
    type: z.literal('command'),
    /** The program and its arguments, never a shell string; a relative program is relative to the config file. */
    argv: z.array(z.string().min(1)).min(1),
    timeoutSeconds,
  })
  .strict();

export const channelSchema = z.discriminatedUnion('type', [
  pagerduty,
  slack,
  teams,
  webhook,
  command,
]);
export type ChannelConfig = z.infer<typeof channelSchema>;
