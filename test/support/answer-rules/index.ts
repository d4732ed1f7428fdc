import type { JudgedAnswer } from './answer.js';
import { anthropicAnswerProblems } from './anthropic.js';
import { geminiAnswerProblems } from './gemini.js';
import { ollamaAnswerProblems } from './ollama.js';
import { openaiChatAnswerProblems } from './openai-chat.js';
import { openaiResponsesAnswerProblems } from './openai-responses.js';

export type { JudgedAnswer } from './answer.js';

/** Each caller dialect's answer judge: the places an answer breaks what its clients rely on, none when it keeps it. */
export const answerJudges: Readonly<Record<'openai-chat' | 'anthropic' | 'gemini' | 'ollama' | 'openai-responses', (answer: JudgedAnswer) => string[]>> = {
  'openai-chat': openaiChatAnswerProblems,
  anthropic: anthropicAnswerProblems,
  gemini: geminiAnswerProblems,
  ollama: ollamaAnswerProblems,
  'openai-responses': openaiResponsesAnswerProblems,
};
