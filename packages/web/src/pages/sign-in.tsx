/** Sign-in with an API key (checked against the server before it is kept). */
import { type FormEvent, useState } from "react";
import { Api, ApiError } from "../api/client.js";

export function SignIn({ onSignedIn }: { onSignedIn: (key: string) => void }) {
  const [key, setKey] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await new Api({ key: key.trim() }).projects();
      onSignedIn(key.trim());
    } catch (err) {
      setError(err instanceof ApiError ? `${err.message} ${err.hint}` : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="signin" id="main">
      <form onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">HoneyHive TS</h1>
        <p className="muted">
          Sign in with an API key. The server printed one at first start and saved it in{" "}
          <code>.honeyhive/credentials.json</code>.
        </p>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          required
        />
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || key.trim() === ""}>
          {busy ? "Checking…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
