import { DecoratorHandler, type Dispatcher } from 'undici';

/** Request options with a hook told when undici takes the request from its queue to write it. */
export type HookedRequestOptions = Dispatcher.RequestOptions & { onWriting?: () => void };

/**
 * Tells a request's `onWriting` when undici calls its handler's `onConnect`. In undici 6 that is
 * when a connection takes the request from the pool's queue, just before its first byte is
 * written (`writeH1` in lib/dispatcher/client-h1.js); a request aborted before then is dropped
 * unsent, so the hook tells an abort the upstream never saw from one it did.
 */
export const writingHook: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (options, handler) => {
  const onWriting = (options as HookedRequestOptions).onWriting;
  return dispatch(options, onWriting === undefined ? handler : new WritingHandler(handler, onWriting));
};

/** Undici's DecoratorHandler passes every other callback on; its typings list none of them. */
class WritingHandler extends DecoratorHandler {
  constructor(
    private readonly inner: Dispatcher.DispatchHandlers,
    private readonly onWriting: () => void,
  ) {
    super(inner);
  }

  onConnect(abort: (error?: Error) => void): void {
    this.onWriting();
    this.inner.onConnect?.(abort);
  }
}
