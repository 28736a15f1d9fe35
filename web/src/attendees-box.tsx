/** The organizer's Attendees box (DESIGN 7): "Emails", "Register", and who was registered or not found. */
import { useState } from "preact/hooks";
import type { ApiClient, Registration } from "../../client/api";
import { LIMITS } from "../../functions/shared/contract";
import { errorMessage, parseEmailList } from "./messages";

export function AttendeesBox({ api, eventId }: { readonly api: ApiClient; readonly eventId: string }) {
  const [text, setText] = useState("");
  const [result, setResult] = useState<Registration>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const emails = parseEmailList(text);
    setError(undefined);
    if (emails.length === 0) return setError("Enter at least one email address.");
    if (emails.length > LIMITS.registerMaxEmails) return setError(`Register at most ${LIMITS.registerMaxEmails} addresses at a time; you entered ${emails.length}.`);
    setBusy(true);
    try {
      setResult(await api.registerAttendees(eventId, emails));
      setText("");
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="attendees-heading">
      <h2 id="attendees-heading">Attendees</h2>
      <form class="stack" onSubmit={submit} aria-busy={busy}>
        <label>
          Emails
          <textarea rows={3} value={text} placeholder="ana@example.com, ben@example.com" onInput={(event) => setText((event.currentTarget as HTMLTextAreaElement).value)} />
        </label>
        <p class="hint">Separate addresses with commas, spaces or new lines. Each needs an account.</p>
        <button type="submit" disabled={busy}>
          Register
        </button>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <div role="status">
        {result && result.registered.length > 0 && <p class="ok">Registered: {result.registered.map((entry) => entry.email).join(", ")}</p>}
        {result && result.notFound.length > 0 && <p class="error">Not found (no account with this email): {result.notFound.join(", ")}</p>}
      </div>
    </section>
  );
}
