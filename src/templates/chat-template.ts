/**
 * Chat templates: a conversation rendered into the one prompt string a prompt-only backend (a
 * `/v1/completions` server, a raw llama.cpp or TGI endpoint) feeds its model, exactly as
 * `transformers.apply_chat_template(messages, tools=…, add_generation_prompt=True, tokenize=False)`
 * would. The template is the model's own Jinja `chat_template` (from its `tokenizer_config.json`),
 * rendered with @huggingface/jinja, the JavaScript implementation Hugging Face maintains for
 * exactly these templates (it provides `raise_exception`, `strftime_now` and Python-style `tojson`).
 * Reference: https://huggingface.co/docs/transformers/main/en/chat_templating
 */
import type { Template } from '@huggingface/jinja';
import { requiredOnFirstUse } from '../core/on-first-use.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { Warning } from '../interlingua/warning.js';
import { InterlinguaError } from '../interlingua/error.js';
import { joinText, templateFeatures, templateMessages, templateTools, type TemplateFeatures } from './template-messages.js';

export interface ChatTemplate {
  /** The Jinja source, e.g. the `chat_template` string of a model's tokenizer_config.json. */
  source: string;
  /** `bos_token` of the tokenizer (Llama 3: `<|begin_of_text|>`); templates print it themselves. */
  bosToken?: string;
  /** `eos_token` of the tokenizer (Mistral: `</s>`), printed after assistant turns by some templates. */
  eosToken?: string;
  /**
   * Whether the upstream's tokenizer puts `bos_token` in front of a prompt itself (tokenizer_config.json
   * `add_bos_token`); absent means it does (see `promptForTokenizer`).
   */
  addBosToken?: boolean;
  /** End with the header that opens the assistant's turn; default true (the model answers next). */
  addGenerationPrompt?: boolean;
  /**
   * Extra variables some templates read, passed as `apply_chat_template(**kwargs)` would:
   * Llama 3.x `date_string` (otherwise today's date via `strftime_now`), Qwen3 `enable_thinking`.
   */
  variables?: Record<string, unknown>;
}

export interface RenderedPrompt {
  prompt: string;
  warnings: Warning[];
}

/** The Jinja engine loads with the first template, at start when a provider is configured with one. */
const jinja = requiredOnFirstUse<typeof import('@huggingface/jinja')>('@huggingface/jinja');

/**
 * Parsing a template costs far more than rendering it, and a deployment uses one template for
 * every request, so parsed templates are kept by source. The bound only guards against a config
 * that generates sources; real deployments hold a handful.
 */
const parsedTemplates = new Map<string, { template: Template; features: TemplateFeatures }>();
const maxParsedTemplates = 64;

function parsed(source: string): { template: Template; features: TemplateFeatures } {
  const cached = parsedTemplates.get(source);
  if (cached !== undefined) return cached;
  const { Template } = jinja();
  let template: Template;
  try {
    template = new Template(source);
  } catch (cause) {
    throw new InterlinguaError('internal', `The configured chat template could not be parsed: ${messageOf(cause)}`, { cause });
  }
  const entry = { template, features: templateFeatures(source) };
  if (parsedTemplates.size >= maxParsedTemplates) parsedTemplates.clear();
  parsedTemplates.set(source, entry);
  return entry;
}

/** Parses a template now, so a configuration error shows at startup rather than on a request. */
export function checkChatTemplate(template: ChatTemplate): void {
  parsed(template.source);
}

/**
 * Renders the request's conversation (system prompt, turns, tool calls and results) and, when
 * the template reads them, its tool definitions. Parts a text prompt cannot hold (images,
 * reasoning the template ignores) are reported as warnings. A template that refuses the
 * conversation (`raise_exception`, e.g. Mistral's "roles must alternate") is the caller's
 * `invalid_request`, carrying the template's own words.
 */
export function renderChatPrompt(request: ChatRequest, template: ChatTemplate): RenderedPrompt {
  const { template: compiled, features } = parsed(template.source);
  const warnings: Warning[] = [];
  const context: Record<string, unknown> = {
    ...template.variables,
    messages: templateMessages(request, features, warnings),
    add_generation_prompt: template.addGenerationPrompt ?? true,
    bos_token: template.bosToken ?? '',
    eos_token: template.eosToken ?? '',
  };
  if (request.tools !== undefined && request.tools.length > 0) {
    if (features.tools) context['tools'] = templateTools(request);
    else {
      warnings.push({
        type: 'unsupported',
        feature: 'tools',
        message: 'The chat template has no place for tool definitions; the tools were left out of the prompt.',
      });
    }
  }
  let prompt: string;
  try {
    prompt = compiled.render(context);
  } catch (cause) {
    throw new InterlinguaError('invalid_request', `The model's chat template rejected the conversation: ${messageOf(cause)}`, { cause });
  }
  if (systemTexts(request).some((text) => !prompt.includes(text))) {
    warnings.push({
      type: 'unsupported',
      feature: 'system',
      message:
        "The model's chat template left the system prompt out of this conversation " +
        '(Mistral-style templates place it only before a final user turn).',
    });
  }
  return { prompt, warnings };
}

/**
 * The rendered prompt as a completions server should receive it: without the template's leading
 * `bos_token` when the server's tokenizer adds one itself, so the model sees one BOS, not two.
 * `apply_chat_template` output is meant to be tokenized without special tokens, but a completions
 * prompt is tokenized with them:
 * - vLLM's `/v1/completions` tokenizes with `add_special_tokens` true by default (its chat endpoint
 *   passes false because "the chat template takes care of adding all needed special tokens",
 *   vllm-project/vllm#5278); a client-rendered Llama prompt so starts `[128000, 128000, …]`
 *   (vllm-project/vllm#9519 "client.completion … BOS is forced always", #27515 for Llama-3.2-1B-Instruct).
 * - llama.cpp's server adds BOS when the model's GGUF `tokenizer.ggml.add_bos_token` is set and logs
 *   "Added a BOS token to the prompt as specified by the model but the prompt also starts with a BOS
 *   token" (ggml-org/llama.cpp#6982, #7107; LostRuins/koboldcpp#917 for Llama 3).
 * Hugging Face's rule: text formatted by a chat template is tokenized without adding special tokens
 * (abetlen/llama-cpp-python#1439).
 *
 * `addBosToken` absent counts as true: Llama 3's tokenizer_config.json has no `add_bos_token`, yet its
 * tokenizer adds `<|begin_of_text|>` (the vLLM report above), and a tokenizer that adds no BOS usually
 * has none to print (Qwen2.5's `bos_token` is null). Only an explicit `add_bos_token: false` keeps it.
 */
export function promptForTokenizer(prompt: string, template: ChatTemplate): string {
  const bos = template.bosToken;
  if (template.addBosToken === false || bos === undefined || bos === '' || !prompt.startsWith(bos)) return prompt;
  return prompt.slice(bos.length);
}

/** System texts as templates print them (Llama 3 trims them), to see whether a template dropped one. */
function systemTexts(request: ChatRequest): string[] {
  const texts = [joinText(request.system)];
  for (const message of request.messages) if (message.role === 'system') texts.push(joinText(message.content));
  return texts.map((text) => text.trim()).filter((text) => text !== '');
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
