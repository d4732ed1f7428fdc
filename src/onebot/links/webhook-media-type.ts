/**
 * Whether a webhook post's `Content-Type` names the one body the webhook takes: an implementation
 * MUST send `Content-Type: application/json` with an event in JSON and UTF-8
 * (https://12.onebot.dev/connect/communication/http-webhook/, "请求头", "请求体"). Parameters
 * (`; charset=utf-8`) and case do not matter (RFC 9110 §8.3.1). A post without the header is read as
 * JSON: only an unsupported `Content-Type` the post names is refused (415,
 * https://12.onebot.dev/connect/communication/http/, "错误").
 */
export function takesMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return true;
  const mediaType = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json';
}
