import { useEffect, useState } from 'preact/hooks';

/**
 * The system's colour scheme, followed live: CSS switches by itself through `prefers-color-scheme`,
 * but canvases (the charts) read their colours once and must be redrawn when it changes.
 */
export function useColorScheme(): 'light' | 'dark' {
  const query = '(prefers-color-scheme: dark)';
  const [dark, setDark] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const media = window.matchMedia(query);
    const changed = () => setDark(media.matches);
    media.addEventListener('change', changed);
    return () => media.removeEventListener('change', changed);
  }, []);
  return dark ? 'dark' : 'light';
}
