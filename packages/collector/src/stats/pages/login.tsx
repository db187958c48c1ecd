// The sign-in form of the stats page.
import { Document } from '../layout.js';

export function LoginPage(props: { next: string; error?: string }) {
  return (
    <Document title="Sign in">
      <main>
        <form class="login form" method="post" action="/stats/login">
          <h1>Pulse</h1>
          <p>Sign in to see your sites' stats.</p>
          {props.error ? (
            <div class="error" role="alert">
              {props.error}
            </div>
          ) : null}
          <input type="hidden" name="next" value={props.next} />
          <label for="password">Admin password</label>
          <input id="password" type="password" name="password" autocomplete="current-password" required autofocus />
          <button type="submit">Sign in</button>
        </form>
      </main>
    </Document>
  );
}
