/** A `fetch` for an SDK client that counts its calls: how many times the client asked, retries included. */
export function countingFetch(): { fetch: typeof fetch; count: () => number } {
  let asked = 0;
  return {
    fetch: (input, init) => {
      asked += 1;
      return fetch(input, init);
    },
    count: () => asked,
  };
}
