/**
 * Requests as the other vendors' clients write them: Anthropic's (Claude Code), Gemini's (Gemini
 * CLI), Ollama's chat clients and Bedrock Converse's AWS SDK callers, each one its own API takes.
 */
import fc from 'fast-check';
import { gifData, parameters, pdf, pixel, pngData, signature, text, toolName, type Json } from './generated-request-parts.js';

/** A tool's result as Claude Code and MCP clients send one: text, blocks with an image, an error. */
const claudeResult = fc.oneof(
  text.map((result) => ({ content: result === '' ? 'done' : result })),
  fc.constant({ content: [{ type: 'text', text: 'Screenshot:' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: pngData } }] }),
  fc.constant({ content: 'Command failed: exit 1', is_error: true }),
);
const claudeRound = fc
  .tuple(toolName, fc.dictionary(fc.constantFrom('p', 'city'), fc.string({ maxLength: 6 }), { maxKeys: 2 }), claudeResult, signature, fc.boolean(), fc.boolean())
  .map(([name, input, result, sig, withText, redacted]) => ({
    call: (thinking: boolean, id: string) => ({
      role: 'assistant',
      content: [
        ...(thinking ? [redacted ? { type: 'redacted_thinking', data: sig } : { type: 'thinking', thinking: 'Look it up.', signature: sig }] : []),
        ...(withText ? [{ type: 'text', text: 'Let me check.' }] : []),
        { type: 'tool_use', id, name, input },
      ],
    }),
    result: (id: string) => ({ role: 'user', content: [{ type: 'tool_result', tool_use_id: id, ...result }] }),
  }));
const claudeUser = fc.oneof(
  fc.string({ minLength: 1, maxLength: 16 }).filter((value) => value.trim() !== '').map((content) => ({ role: 'user', content })),
  fc.constant({ role: 'user', content: [{ type: 'text', text: 'What is this?', cache_control: { type: 'ephemeral' } }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: pngData } }] }),
  fc.constant({ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/gif', data: gifData } }, { type: 'text', text: 'And this?' }] }),
  fc.constant({
    role: 'user',
    content: [
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdf.file.file_data.slice(pdf.file.file_data.indexOf(',') + 1) }, title: 'note.pdf', cache_control: { type: 'ephemeral', ttl: '1h' } },
      { type: 'text', text: 'Sum this up.' },
    ],
  }),
);
/**
 * Anthropic requests the Messages API itself takes: each tool call answered in the next turn, a
 * signed thinking block before each call while thinking is on, no forced tool choice and no
 * sampling controls beside thinking, a budget below max_tokens.
 */
export const anthropicBody = fc
  .record({
    thinking: fc.boolean(),
    budget: fc.constantFrom(1024, 4000),
    rounds: fc.array(claudeRound, { maxLength: 3 }),
    first: claudeUser,
    last: claudeUser,
    tools: fc.array(fc.record({ name: toolName, description: fc.constantFrom('Does it.', 'x'.repeat(1500)), input_schema: parameters }), { maxLength: 3 }),
    toolChoice: fc.constantFrom(undefined, { type: 'auto' }, { type: 'none' }, { type: 'auto', disable_parallel_tool_use: true }, { type: 'any' }),
    sampling: fc.record(
      { temperature: fc.constantFrom(0, 0.5, 1), top_p: fc.constantFrom(0.9, 1), top_k: fc.constantFrom(5, 40), stop_sequences: fc.array(fc.constantFrom('END', '###', 'STOP'), { maxLength: 3 }) },
      { requiredKeys: [] },
    ),
    system: fc.constantFrom(
      undefined,
      'You are a coding agent.',
      [{ type: 'text', text: 'You are a coding agent.', cache_control: { type: 'ephemeral' } }],
      [
        { type: 'text', text: 'You are Claude Code.' },
        { type: 'text', text: 'Work in /repo.', cache_control: { type: 'ephemeral', ttl: '1h' } },
      ],
    ),
    metadata: fc.constantFrom(undefined, { user_id: 'user_abc_account_1_session_2' }),
    webSearch: fc.boolean(),
    prefill: fc.constantFrom(undefined, '{', 'Sure'),
    stream: fc.boolean(),
  })
  .map(({ thinking, budget, rounds, first, last, tools, toolChoice, sampling, system, metadata, webSearch, prefill, stream }) => {
    // Every tool the history calls is declared, as Claude Code declares all of its tools on every turn.
    const declared = new Map<string, Json>(tools.map((tool) => [tool.name, tool]));
    for (const round of rounds) {
      const { name } = round.call(false, 'x').content.at(-1) as { name: string };
      if (!declared.has(name)) declared.set(name, { name, description: 'Does it.', input_schema: { type: 'object', properties: { p: { type: 'string' } } } });
    }
    const messages: Json[] = [first];
    rounds.forEach((round, index) => messages.push(round.call(thinking, `toolu_${index + 1}`), round.result(`toolu_${index + 1}`)));
    if (rounds.length > 0) (messages.at(-1)!['content'] as Json[]).push({ type: 'text', text: 'Go on.' });
    else messages.push({ role: 'assistant', content: 'Hello.' }, last);
    // Claude continues from a prefill, without thinking or tools (which take none), as a caller asking for JSON sends it.
    if (prefill !== undefined && !thinking && declared.size === 0 && !webSearch) messages.push({ role: 'assistant', content: prefill });
    // Anthropic takes temperature or top_p on its current models, not both; with thinking on, neither, and no forced tool choice.
    const { top_p: topP, ...rest } = sampling;
    const samplingSent = rest.temperature === undefined && topP !== undefined ? { ...rest, top_p: topP } : rest;
    const forced = toolChoice?.type === 'any';
    const allTools = [...declared.values(), ...(webSearch ? [{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }] : [])];
    return {
      max_tokens: budget + 1000,
      stream,
      messages,
      ...(system === undefined ? {} : { system }),
      ...(metadata === undefined ? {} : { metadata }),
      tools: allTools,
      ...(toolChoice === undefined || (forced && (thinking || allTools.length === 0)) ? {} : { tool_choice: toolChoice }),
      ...(thinking ? { thinking: { type: 'enabled', budget_tokens: budget } } : samplingSent),
    };
  });

/**
 * Gemini requests the Gemini API itself takes: each model turn of function calls answered by the
 * next user turn (one response per call, by name), the first call of a turn signed, as Gemini 2.5
 * and 3 return them.
 */
const geminiRound = fc.tuple(fc.array(fc.tuple(toolName, fc.dictionary(fc.constantFrom('p', 'city'), fc.string({ maxLength: 6 }), { maxKeys: 2 })), { minLength: 1, maxLength: 2 }), signature, text).map(([calls, sig, result]) => [
  { role: 'model', parts: calls.map(([name, args], index) => ({ functionCall: { name, args }, ...(index === 0 ? { thoughtSignature: sig } : {}) })) },
  { role: 'user', parts: calls.map(([name]) => ({ functionResponse: { name, response: { output: result } } })) },
]);
export const geminiBody = fc
  .record({
    rounds: fc.array(geminiRound, { maxLength: 2 }),
    question: fc.string({ minLength: 1, maxLength: 16 }),
    thinking: fc.constantFrom(undefined, { thinkingBudget: 0 }, { thinkingBudget: 1024, includeThoughts: true }, { thinkingBudget: -1 }, { thinkingLevel: 'LOW' }),
    sampling: fc.record({ temperature: fc.constantFrom(0, 1, 2), topK: fc.constantFrom(1, 40), topP: fc.constantFrom(0.5, 1), stopSequences: fc.array(fc.constantFrom('END', '\n\n'), { maxLength: 3 }), maxOutputTokens: fc.constantFrom(64, 8192) }, { requiredKeys: [] }),
    system: fc.constantFrom(undefined, 'Be brief.', ['You are Gemini CLI.', 'Work in /repo.']),
    mode: fc.constantFrom(undefined, 'AUTO', 'ANY', 'NONE', 'ANY-search'),
    attachment: fc.constantFrom(undefined, { mimeType: 'image/png', data: pngData }, { mimeType: 'application/pdf', data: pdf.file.file_data.slice(pdf.file.file_data.indexOf(',') + 1) }),
    output: fc.constantFrom(
      undefined,
      { responseMimeType: 'application/json' },
      { responseMimeType: 'application/json', responseSchema: { type: 'OBJECT', properties: { answer: { type: 'STRING' } }, required: ['answer'] } },
      { responseMimeType: 'application/json', responseSchema: { type: 'ARRAY', items: { type: 'OBJECT', properties: { name: { type: 'STRING' } }, required: ['name'] } } },
      { responseMimeType: 'application/json', responseJsonSchema: { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] } },
    ),
    extra: fc.record({ candidateCount: fc.constant(1), presencePenalty: fc.constantFrom(0, 0.5), frequencyPenalty: fc.constantFrom(0, 0.5), seed: fc.constantFrom(1, 7), responseLogprobs: fc.boolean() }, { requiredKeys: [] }),
    safety: fc.boolean(),
  })
  .map(({ rounds, question, thinking, sampling, system, mode, attachment, output, extra, safety }) => {
    const names = new Set(rounds.flat().flatMap((turn) => (turn.role === 'model' ? turn.parts.map((part) => (part as { functionCall: { name: string } }).functionCall.name) : [])));
    names.add('search');
    const config = mode === 'ANY-search' ? { mode: 'ANY', allowedFunctionNames: ['search'] } : mode === undefined ? undefined : { mode };
    return {
      contents: [{ role: 'user', parts: [{ text: question }, ...(attachment === undefined ? [] : [{ inlineData: attachment }])] }, ...rounds.flat()],
      ...(system === undefined ? {} : { systemInstruction: { parts: (Array.isArray(system) ? system : [system]).map((part) => ({ text: part })) } }),
      tools: [{ functionDeclarations: [...names].map((name) => ({ name: name.length > 64 ? name.slice(0, 64) : name, description: 'Does it.', parametersJsonSchema: { type: 'object', properties: { p: { type: 'string' } } } })) }],
      ...(config === undefined ? {} : { toolConfig: { functionCallingConfig: config } }),
      ...(safety ? { safetySettings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', threshold: 'BLOCK_ONLY_HIGH' }] } : {}),
      generationConfig: { ...sampling, ...extra, ...output, ...(thinking === undefined ? {} : { thinkingConfig: thinking }) },
    };
  });

/** Ollama requests: calls carry no id and their results name the tool; images are bare base64. */
/** Ollama takes loose histories: a call nobody answered (the user asked something else first), a result whose call was trimmed away. */
const ollamaRound = fc
  .tuple(toolName, fc.dictionary(fc.constantFrom('city', 'p'), fc.string({ maxLength: 6 }), { maxKeys: 2 }), text, text, fc.constantFrom('whole', 'whole', 'call only', 'result only'))
  .map(([name, args, before, result, kept]) => [
    ...(kept === 'result only' ? [] : [{ role: 'assistant', content: before, tool_calls: [{ function: { name, arguments: args } }] }]),
    ...(kept === 'call only' ? [] : [{ role: 'tool', tool_name: name, content: result }]),
  ]);
export const ollamaBody = fc
  .record({
    system: fc.constantFrom(undefined, 'Be brief.'),
    question: fc.string({ minLength: 1, maxLength: 16 }),
    image: fc.boolean(),
    rounds: fc.array(ollamaRound, { maxLength: 2 }),
    tools: fc.array(fc.record({ name: toolName, parameters }), { maxLength: 2 }),
    think: fc.constantFrom(undefined, true, false, 'low', 'high'),
    format: fc.constantFrom(undefined, 'json', { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] }),
    options: fc.record({ temperature: fc.constantFrom(0, 0.8, 1.5), top_k: fc.constantFrom(1, 40), top_p: fc.constantFrom(0.5, 0.9), num_predict: fc.constantFrom(16, 1024), num_ctx: fc.constantFrom(2048, 8192), stop: fc.array(fc.constantFrom('END', '\n'), { maxLength: 2 }), seed: fc.constantFrom(1, 42) }, { requiredKeys: [] }),
  })
  .map(({ system, question, image, rounds, tools, think, format, options }) => {
    const declared = new Map<string, Json>(tools.map((tool) => [tool.name, { type: 'function', function: { name: tool.name, parameters: tool.parameters } }]));
    for (const [first] of rounds) {
      const call = first as Json | undefined;
      if (call?.['role'] !== 'assistant') continue;
      const name = (call['tool_calls'] as Array<{ function: { name: string } }>)[0]!.function.name;
      if (!declared.has(name)) declared.set(name, { type: 'function', function: { name, parameters: { type: 'object', properties: { city: { type: 'string' } } } } });
    }
    return {
      messages: [
        ...(system === undefined ? [] : [{ role: 'system', content: system }]),
        { role: 'user', content: question, ...(image ? { images: [pixel.slice(pixel.indexOf(',') + 1)] } : {}) },
        ...rounds.flat(),
      ],
      stream: false,
      tools: [...declared.values()],
      ...(think === undefined ? {} : { think }),
      ...(format === undefined ? {} : { format }),
      options,
    };
  });

/**
 * Bedrock Converse requests as the AWS SDK's callers write them (Strands, LangChain's
 * ChatBedrockConverse): one-member content blocks, images and documents as base64 bytes, tool
 * results of text or JSON, Claude's signed reasoning before its calls, cache points, tool names of
 * `[a-zA-Z0-9_-]`, model fields in `additionalModelRequestFields`; streamed or not by the path.
 */
const converseToolName = fc.constantFrom('get_weather', 'search', 'a-b');
const converseRound = fc
  .tuple(converseToolName, fc.dictionary(fc.constantFrom('p', 'city'), fc.string({ maxLength: 6 }), { maxKeys: 2 }), fc.boolean(), signature, fc.constantFrom('text', 'json', 'error'))
  .map(([name, input, worded, sig, result]) => (index: number, thinking: boolean) => [
    {
      role: 'assistant',
      content: [
        // Claude thinking before each call, as it answers with thinking on.
        ...(thinking ? [{ reasoningContent: { reasoningText: { text: 'Look it up.', signature: sig } } }] : []),
        ...(worded ? [{ text: 'Let me check.' }] : []),
        { toolUse: { toolUseId: `tooluse_${index}`, name, input } },
      ],
    },
    {
      role: 'user',
      content: [
        {
          toolResult: {
            toolUseId: `tooluse_${index}`,
            content: result === 'json' ? [{ json: { temperature: 21 } }] : [{ text: result === 'error' ? 'Lookup failed.' : 'Sunny.' }],
            ...(result === 'error' ? { status: 'error' } : {}),
          },
        },
      ],
    },
  ]);
export const converseBody = fc
  .record({
    question: fc.string({ minLength: 1, maxLength: 16 }).filter((value) => value.trim() !== ''),
    attachment: fc.constantFrom(undefined, 'image', 'document'),
    rounds: fc.array(converseRound, { maxLength: 2 }),
    after: fc.constantFrom(undefined, 'And tomorrow?'),
    system: fc.constantFrom(undefined, 'Be brief.'),
    cache: fc.boolean(),
    thinking: fc.boolean(),
    choice: fc.constantFrom(undefined, { auto: {} }, { any: {} }),
    inference: fc.record({ maxTokens: fc.constantFrom(256, 4096), temperature: fc.constantFrom(0, 0.5, 1), topP: fc.constantFrom(0.9, 1), stopSequences: fc.array(fc.constantFrom('END', 'STOP'), { maxLength: 2 }) }, { requiredKeys: [] }),
    stream: fc.boolean(),
  })
  .map(({ question, attachment, rounds, after, system, cache, thinking, choice, inference, stream }) => {
    const first = [
      { text: question },
      ...(attachment === 'image' ? [{ image: { format: 'png', source: { bytes: pngData } } }] : []),
      ...(attachment === 'document' ? [{ document: { format: 'pdf', name: 'note', source: { bytes: pdf.file.file_data.slice(pdf.file.file_data.indexOf(',') + 1) } } }] : []),
      ...(cache ? [{ cachePoint: { type: 'default' } }] : []),
    ];
    const messages: Json[] = [{ role: 'user', content: first }, ...rounds.flatMap((round, index) => round(index + 1, thinking))];
    // A question after the last results joins their turn, as Converse wants the roles to alternate.
    if (after !== undefined) {
      const last = messages.at(-1)!;
      if (rounds.length > 0) (last['content'] as Json[]).push({ text: after });
      else messages.push({ role: 'assistant', content: [{ text: 'Hello.' }] }, { role: 'user', content: [{ text: after }] });
    }
    const names = new Set(['search', ...rounds.flatMap((_, index) => ((rounds[index]!(index + 1, false)[0]!['content'] as Json[]).at(-1)!['toolUse'] as { name: string }).name)]);
    // Claude takes no forced tool choice while thinking, nor sampling beside it: a caller asking for thinking sends neither.
    const { temperature: _temperature, topP: _topP, ...withoutSampling } = inference;
    return {
      stream,
      body: {
        messages,
        ...(system === undefined ? {} : { system: [{ text: system }, ...(cache ? [{ cachePoint: { type: 'default' } }] : [])] }),
        inferenceConfig: thinking ? { ...withoutSampling, maxTokens: 4096 } : inference,
        toolConfig: {
          tools: [...names].map((name) => ({ toolSpec: { name, description: 'Does it.', inputSchema: { json: { type: 'object', properties: { p: { type: 'string' } } } } } })),
          ...(choice === undefined || (thinking && 'any' in choice) ? {} : { toolChoice: choice }),
        },
        ...(thinking ? { additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } } } : {}),
      },
    };
  });
