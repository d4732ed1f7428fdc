/** The base64 images of an Anthropic Messages body, in order, tool results included. */
export function anthropicImagesOf(body: unknown): Array<{ mediaType: string; data: string }> {
  const images: Array<{ mediaType: string; data: string }> = [];
  const visit = (blocks: unknown): void => {
    if (!Array.isArray(blocks)) return;
    for (const block of blocks as Array<{ type: string; source?: { media_type?: string; data?: string }; content?: unknown }>) {
      if (block.type === 'image' && block.source?.media_type !== undefined) images.push({ mediaType: block.source.media_type, data: block.source.data ?? '' });
      visit(block.content);
    }
  };
  for (const message of (body as { messages: Array<{ content: unknown }> }).messages) visit(message.content);
  return images;
}
