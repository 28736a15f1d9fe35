/** Navigation without reloads: the History API, and a hook that follows it. */
import { useEffect, useState } from "preact/hooks";

/** Moves to `path` without a reload, as a link click would. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  dispatchEvent(new PopStateEvent("popstate"));
}

/** The current path, updated on navigation and on the back and forward buttons. */
export function usePathname(): string {
  const [pathname, setPathname] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPathname(location.pathname);
    addEventListener("popstate", update);
    return () => removeEventListener("popstate", update);
  }, []);
  return pathname;
}

/** A click on an in-app link that the app handles itself (not a new tab, not a download). */
export function onLinkClick(event: MouseEvent): void {
  const link = (event.currentTarget as HTMLAnchorElement | null) ?? undefined;
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (link.origin !== location.origin) return;
  event.preventDefault();
  navigate(link.pathname);
}
