/** Start-up: config.json, then the session and the API client, then the app. */
import { render, type ComponentChild } from "preact";
import { createApiClient } from "../../client/api";
import { login, refreshTokens } from "../../client/cognito";
import { App } from "./app";
import { loadWebConfig } from "./config";
import { errorMessage } from "./messages";
import { Session } from "./session";
import "./styles.css";

/** Opens connections early to origins the first screens will need (on a slow network, a TLS handshake is a visible wait). */
function preconnect(origin: string, cors: boolean): void {
  const link = document.createElement("link");
  link.rel = "preconnect";
  link.href = origin;
  if (cors) link.crossOrigin = "anonymous";
  document.head.append(link);
}

async function start(root: HTMLElement): Promise<void> {
  // index.html shows "Loading…" until then; Preact adds to a container's children, it does not replace them.
  const show = (app: ComponentChild) => {
    root.replaceChildren();
    render(app, root);
  };
  try {
    const config = await loadWebConfig(fetch, location.origin);
    preconnect(new URL(config.apiUrl).origin, true);
    preconnect(config.photosOrigin, false);
    const session = new Session({
      endpoint: { region: config.region, clientId: config.clientId, ...(config.cognitoEndpoint && { cognitoEndpoint: config.cognitoEndpoint }) },
      storage: localStorage,
      login,
      refresh: refreshTokens,
    });
    const api = createApiClient({
      apiUrl: config.apiUrl,
      token: () => session.token(),
      // A 401 means the tokens are no longer accepted: back to the sign-in form.
      fetch: async (request) => {
        const response = await fetch(request);
        if (response.status === 401) session.signOut();
        return response;
      },
    });
    show(<App session={session} api={api} uploadConcurrency={config.uploadConcurrency} />);
  } catch (error) {
    show(
      <main class="page narrow">
        <h1>Event photos</h1>
        <p role="alert" class="error">
          The app could not start: {errorMessage(error)}
        </p>
      </main>,
    );
  }
}

void start(document.getElementById("app") as HTMLElement);
