import { readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { dialects } from '../dialects/registry.js';
import { InterlinguaError } from '../interlingua/error.js';
import { defaultSettings } from '../config/defaults.js';
import type { ConvertOptions } from './convert-args.js';
import { ModelCatalog } from '../catalog/model-catalog.js';
import { fitRequestToModel } from '../catalog/fit-request.js';
import { catalogVendorOf } from '../gateway/catalog-vendor.js';
import { PipedOutput } from './piped-output.js';

/**
 * `interlingua convert`: one request body from one dialect to another, for debugging a
 * translation. The converted body goes to standard output, each warning to standard error;
 * a reader that stops early (`| head -c 0`) ends it quietly, as for `usage`.
 */
export async function runConvert(options: ConvertOptions, out: Writable = process.stdout, errors: Writable = process.stderr): Promise<number> {
  const { from, to } = options;
  const text = options.file === undefined ? await readStandardInput() : readInputFile(options.file);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new Error(`the input is not JSON: ${(error as Error).message}`);
  }
  try {
    const parsed = dialects[from].parseRequest(body, options.model === undefined ? {} : { model: options.model });
    const model = options.model ?? parsed.request.model;
    // Fitted to the model as the gateway would fit it (the built-in catalog; no configuration is read here).
    const fitted = fitRequestToModel(parsed.request, new ModelCatalog().factsFor(catalogVendorOf({ dialect: to }, model), model));
    const emitted = dialects[to].emitRequest(fitted.value, { model, defaultMaxOutputTokens: defaultSettings.defaultMaxTokens });
    await new PipedOutput(out).write(`${JSON.stringify(emitted.body, null, 2)}\n`);
    const warnings = new PipedOutput(errors);
    for (const warning of [...parsed.warnings, ...fitted.warnings, ...emitted.warnings]) {
      if (!(await warnings.write(`warning (${warning.type}) ${warning.feature}: ${warning.message}\n`))) break;
    }
    return 0;
  } catch (error) {
    if (error instanceof InterlinguaError) {
      process.stderr.write(`interlingua: ${error.code}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function readInputFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message}`);
  }
}

async function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
