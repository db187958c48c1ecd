// The page "Pick on my site" answers in its new tab: it goes on to the admin's own page with the wizard token at once, with a link should it not.
import { Document } from '../layout.js';

/**
 * A meta refresh rather than a redirect: the stats page's CSP (form-action 'self') would stop a
 * form's redirect to another origin, and the token must come from a POST that carries the CSRF token.
 */
export function WizardOpenPage(props: { url: string; site: string }) {
  return (
    <Document title="Opening the picker">
      <meta http-equiv="refresh" content={`0;url=${props.url}`} />
      <main class="opening">
        <section class="card">
          <h1>Opening {props.site} with the picker…</h1>
          <p class="note">
            If nothing happens, <a href={props.url} data-wizard-link>open the page</a>. The link signs the picker in for 2 hours; keep it to yourself.
          </p>
        </section>
      </main>
    </Document>
  );
}
