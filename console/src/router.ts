import { useEffect, useState } from 'preact/hooks';

/** Hash routes (`#/keys`), so the page works from one file and the admin key never meets a URL. */
export function currentRoute(): string[] {
  return window.location.hash.replace(/^#\/?/, '').split('/').filter((part) => part !== '').map(decodedPart);
}

/** A part of the hash as written; a malformed escape (`%E0%A4%A`, from a pasted link) stays as it is instead of throwing and blanking the page. */
function decodedPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export function useRoute(): string[] {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const changed = () => setRoute(currentRoute());
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
}

export function navigate(path: string): void {
  window.location.hash = `#/${path}`;
}
