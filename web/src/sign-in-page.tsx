/** The sign-in form (DESIGN 7: "Email", "Password", "Sign in", an alert on failure). */
import { useState } from "preact/hooks";
import { signInMessage } from "./messages";
import type { Session } from "./session";

export function SignInPage({ session }: { readonly session: Session }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(undefined);
    try {
      await session.signIn(String(form.get("email") ?? "").trim(), String(form.get("password") ?? ""));
    } catch (failure) {
      setError(signInMessage(failure));
      setBusy(false);
    }
  };

  return (
    <main class="page narrow">
      <h1>Event photos</h1>
      <p class="lead">Sign in to see an event's photos and add your own.</p>
      <form class="card stack" onSubmit={submit} aria-busy={busy}>
        <label>
          Email
          <input name="email" type="email" autoComplete="username" inputMode="email" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
