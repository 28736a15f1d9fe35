/** The app's frame: the sign-in form while signed out, else the header and the page the path names. */
import { useEffect, useState } from "preact/hooks";
import type { ApiClient } from "../../client/api";
import { EventPage } from "./event-page";
import { MyEventsPage } from "./my-events-page";
import { navigate, onLinkClick, usePathname } from "./router";
import { parseRoute } from "./routes";
import type { Session, SignedIn } from "./session";
import { SignInPage } from "./sign-in-page";

export interface AppProps {
  readonly session: Session;
  readonly api: ApiClient;
  /** Uploads in flight at once (config.json). */
  readonly uploadConcurrency: number;
}

function useSignedIn(session: Session): SignedIn | undefined {
  const [user, setUser] = useState(session.current());
  useEffect(() => session.subscribe(() => setUser(session.current())), [session]);
  return user;
}

export function App({ session, api, uploadConcurrency }: AppProps) {
  const user = useSignedIn(session);
  const route = parseRoute(usePathname());
  useEffect(() => {
    document.title = route.page === "events" ? "My events · Event photos" : "Event photos";
  }, [route.page]);

  // Signed out, every path shows the form; after signing in, the same path shows its page (deep links return).
  if (!user) return <SignInPage session={session} />;
  const signOut = () => {
    session.signOut();
    navigate("/", { replace: true });
  };
  return (
    <>
      <header class="bar">
        <a class="brand" href="/" onClick={onLinkClick}>
          Event photos
        </a>
        <span class="who">{user.username}</span>
        <button type="button" class="quiet" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main class="page">
        {route.page === "events" && <MyEventsPage api={api} />}
        {route.page === "event" && <EventPage key={route.eventId} api={api} user={user} eventId={route.eventId} uploadConcurrency={uploadConcurrency} photoId={route.photoId} />}
        {route.page === "not-found" && (
          <>
            <h1>Page not found</h1>
            <p>
              <a href="/" onClick={onLinkClick}>
                Back to my events
              </a>
            </p>
          </>
        )}
      </main>
    </>
  );
}
