/**
 * What each command says about itself. Kept apart from the commands, which load the gateway,
 * so that `--help` answers at once.
 */
export const commandNames = ['serve', 'convert', 'keys', 'usage', 'help'] as const;
export type CommandName = (typeof commandNames)[number];
export const keyActions = ['create', 'list', 'revoke'] as const;

/**
 * The dialects `convert` knows, written out so that its help and its argument checks need not
 * load every dialect; test/cli/commands.test.ts holds it equal to src/dialects/registry.ts.
 */
export const convertDialects = [
  'openai-chat',
  'openai-responses',
  'openai-completions',
  'anthropic',
  'gemini',
  'ollama',
  'ollama-generate',
  'bedrock',
  'bedrock-anthropic',
  'azure-openai',
  'azure-openai-responses',
  'vertex',
  'vertex-anthropic',
] as const;
export type ConvertDialect = (typeof convertDialects)[number];

const configOption = `  -c, --config FILE   the configuration; default ./interlingua.yaml (or .yml, .json) if present`;

export const helpTexts: Record<Exclude<CommandName, 'help'>, string> = {
  serve: `Usage: interlingua serve [--config FILE] [--port N] [--host H] [--workers N|auto] [--log-format text|json]

Run the gateway. Without a configuration file it serves the providers whose OPENAI_API_KEY,
ANTHROPIC_API_KEY or GEMINI_API_KEY are set.

Options:
${configOption}
  -p, --port N        the port to listen on (default: server.port, 4000)
      --host H        the address to listen on (default: server.host, 127.0.0.1)
  -w, --workers N     N processes on the one port (auto: one per core; default 1; at most 4 per
                      core, as more only add memory); key limits stay exact across them, and
                      reload and shutdown reach every one
      --log-format F  text (readable lines; the default in a terminal) or json (one object a line;
                      the default otherwise)
  -h, --help          this help

SIGHUP, or saving the configuration file, reloads it; SIGINT or SIGTERM drains and stops.
`,
  convert: `Usage: interlingua convert --from DIALECT --to DIALECT [--model NAME] [FILE]

Turn one request body (FILE, or standard input) into another dialect's wire JSON, to see what the
gateway would send. The converted body goes to standard output, each warning to standard error.

Options:
      --from DIALECT  the body's dialect
      --to DIALECT    the dialect to convert to
      --model NAME    the model to name in the result (Gemini bodies carry none)
  -h, --help          this help

Dialects: ${convertDialects.slice(0, 7).join(', ')},
${convertDialects.slice(7).join(', ')}
`,
  keys: `Usage: interlingua keys create --name NAME [--models a,b*] [--rpm N] [--tpm N] [--budget USD]
                        [--budget-period day|week|month|total] [--expires 30d|DATE] [--metadata JSON]
       interlingua keys list [--json]
       interlingua keys revoke NAME|ID

Gateway keys in the configured store (the SQLite file beside the configuration or in $INTERLINGUA_DATA_DIR, or database.url).
Only the configuration's database section is read (and by revoke its redis section, to tell
running gateways at once): no admin key or provider key is needed.

  create   make a key; the key itself is printed once, alone on the last line
  list     every key, what it may do, when it was made and when it expires (never the key itself)
  revoke   stop a key at once, by name or id (a string that is one key's id and another's name
           is refused, naming both)

Options of create:
      --name NAME           what the key is called in lists, logs and usage (required)
      --models LIST         the models it may use, names or patterns split by commas (default: all)
      --rpm N               requests a minute it may make
      --tpm N               tokens a minute it may use
      --budget USD          dollars it may spend in each --budget-period
      --budget-period P     day, week, month (the default) or total
      --expires WHEN        a span from now (30d, 12h) or a date (2026-12-31) or time
                            (2026-12-31 18:00), in UTC unless it ends in Z or +02:00; default: never
      --metadata JSON       a JSON object kept with the key, as in '{"team":"search"}'
Options of list:
      --json                one JSON object per key per line
Options of every action:
  -c, --config FILE         the configuration; default ./interlingua.yaml (or .yml, .json) if present
  -h, --help                this help
`,
  usage: `Usage: interlingua usage [--key NAME] [--model NAME] [--since 24h|DATE] [--until DATE] [--limit N] [--json]

Recorded requests from the configured store, oldest first: the last --limit of them (default 50),
with totals over every matching request.

Options:
${configOption}
      --key NAME      only this key's requests
      --model NAME    only requests for this model (as the caller named it)
      --since WHEN    from this moment: a duration back from now (30m, 24h, 7d), a date
                      (2026-11-01) or a time as the table prints it (2026-11-01 09:30:00),
                      in UTC unless it ends in Z or an offset (+02:00)
      --until WHEN    before this moment, written the same ways
      --limit N       how many of the newest records to show (default 50; 0 for all)
      --json          one JSON object per record per line, every matching record, about
                      oldest first (on SQLite in the order they were stored)
  -h, --help          this help
`,
};

export const overview = `Usage: interlingua COMMAND [options]

Commands:
  serve     run the gateway
  convert   turn a request body from one dialect into another
  keys      create, list and revoke gateway keys
  usage     show recorded requests, tokens and costs

Run "interlingua COMMAND --help" for a command's options, "interlingua --version" for the version.
`;
