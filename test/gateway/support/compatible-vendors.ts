/**
 * The OpenAI-compatible vendors as test upstreams, by their presets (src/providers/presets.ts): the
 * path under its host where each vendor's API lives (its judge knows it by that path), or the judge
 * to name where the path is OpenAI's own, and models whose rules differ.
 */
import { recordedAnswer } from './recorded-answers.js';
import type { SweepUpstream } from './sweep-gateway.js';

const openaiAnswer = recordedAnswer('openai-chat');

export const compatibleVendors: readonly SweepUpstream[] = [
  { dialect: 'zhipu', models: ['glm-4.6'], reply: openaiAnswer, path: '/api/paas/v4' },
  { dialect: 'qwen', models: ['qwen3-max', 'qwen-plus'], reply: openaiAnswer, path: '/compatible-mode/v1' },
  { dialect: 'deepseek', models: ['deepseek-v4-pro', 'deepseek-chat'], reply: openaiAnswer, path: '', vendor: 'deepseek' },
  { dialect: 'moonshot', models: ['kimi-k2-thinking'], reply: openaiAnswer, path: '/v1', vendor: 'moonshot' },
  { dialect: 'mistral', models: ['mistral-large-latest', 'magistral-medium-latest'], reply: openaiAnswer, path: '/v1', vendor: 'mistral' },
  { dialect: 'groq', models: ['llama-3.3-70b-versatile', 'qwen/qwen3.6-27b'], reply: openaiAnswer, path: '/openai/v1', vendor: 'groq' },
  { dialect: 'xai', models: ['grok-4', 'grok-4.5', 'grok-3-mini'], reply: openaiAnswer, path: '/v1', vendor: 'xai' },
];
