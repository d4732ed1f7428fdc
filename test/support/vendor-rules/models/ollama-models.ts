import { isRecord, type VendorRule } from '../rule.js';

/**
 * Ollama models without the thinking capability. Ollama answers `think` switched on (true or a level)
 * for such a model with 400 `"<model>" does not support thinking` (server/routes.go, ChatHandler and
 * GenerateHandler, at fb30760996871fa9460115c753afd2c60d4ab0f7; `ThinkValue.Bool()` is true for a
 * level). Which models have it is the model's own metadata; these families are recorded refusing it:
 * llama3.1:8b (github.com/Gitlawb/openclaude/issues/1371), gemma3n (github.com/taketwo/llm-ollama/pull/54).
 */
const withoutThinking = /^(?:llama3(?:\.\d+)?|gemma3n)(?::|$)/;

function thinkOn(think: unknown): boolean {
  return think === true || think === 'high' || think === 'medium' || think === 'low' || think === 'max';
}

export const ollamaModelRules: VendorRule[] = [
  {
    id: 'ollama.model.no-thinking',
    source: 'github.com/ollama/ollama server/routes.go ("%q does not support thinking"); openclaude#1371; llm-ollama#54',
    check: ({ body }) => {
      if (!isRecord(body) || typeof body.model !== 'string' || !thinkOn(body.think)) return undefined;
      return withoutThinking.test(body.model) ? `${JSON.stringify(body.model)} does not support thinking` : undefined;
    },
  },
];
