// The form that creates or edits a funnel: a name, a window, and 2–8 steps with optional prop conditions.
import { Page, query, type PageContext } from '../layout.js';
import type { FunnelForm } from '../../funnels/form.js';
import { funnelPath } from './funnels.js';
import { type Funnel, windowChoices } from '../../model/funnel.js';

const opChoices = [
  ['eq', 'is'],
  ['ne', 'is not'],
  ['gt', '>'],
  ['gte', '≥'],
  ['lt', '<'],
  ['lte', '≤'],
  ['in', 'is one of'],
] as const;
const maxSteps = 8;

function ConditionRow(props: { step: number; test: { prop: string; op: string; value: string } }) {
  const { step, test } = props;
  return (
    <div class="cond-row" data-cond-row>
      <input name={`steps[${step}].prop`} value={test.prop} placeholder="prop, e.g. category" aria-label="Prop" maxlength={64} />
      <select name={`steps[${step}].op`} aria-label="Test">
        {opChoices.map(([op, label]) => (
          <option value={op} selected={op === test.op}>
            {label}
          </option>
        ))}
      </select>
      <input name={`steps[${step}].value`} value={test.value} placeholder="value" aria-label="Value" maxlength={1024} />
      <button type="button" class="link" data-remove-cond aria-label="Remove condition">
        ×
      </button>
    </div>
  );
}

function StepRow(props: { index: number; step: FunnelForm['steps'][number] }) {
  const { index, step } = props;
  const blank = { prop: '', op: 'eq', value: '' };
  return (
    <li class="step-row" data-step-row>
      <div class="step-main">
        <span class="funnel-n" data-step-n aria-hidden="true">
          {index + 1}
        </span>
        <input name={`steps[${index}].event`} value={step.event} placeholder="event name, e.g. product_view" aria-label={`Step ${index + 1} event`} list="event-names" maxlength={100} />
        <button type="button" class="link" data-remove-step>
          Remove
        </button>
      </div>
      <div class="conds" data-conds>
        {(step.where.length ? step.where : [blank]).map((test) => (
          <ConditionRow step={index} test={test} />
        ))}
      </div>
      <button type="button" class="link add" data-add-cond hidden>
        + condition
      </button>
    </li>
  );
}

export function FunnelFormPage(props: { ctx: PageContext; form: FunnelForm; funnel?: Funnel; events: string[]; error?: string }) {
  const { ctx, form, funnel } = props;
  // Room for what was typed, at least two steps, and one spare row for those without the script.
  const steps = [...form.steps];
  while (steps.length < 2) steps.push({ event: '', where: [] });
  if (steps.length < maxSteps) steps.push({ event: '', where: [] });
  const action = funnel ? funnelPath(ctx, funnel) : `/stats/funnels${query(ctx, {})}`;
  return (
    <Page ctx={ctx} title={funnel ? `Edit ${funnel.name}` : 'New funnel'}>
      <p class="funnel-meta">
        <a href={funnel ? funnelPath(ctx, funnel) : `/stats/funnels${query(ctx, {})}`}>← Back</a>
      </p>
      {props.error && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
      <form method="post" action={action} class="card funnel-form">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <div class="form-row">
          <label>
            Name
            <input name="name" value={form.name} required maxlength={100} placeholder="e.g. Checkout" />
          </label>
          <label>
            Completed within
            <select name="windowMinutes">
              {windowChoices.map(([minutes, label]) => (
                <option value={String(minutes)} selected={String(minutes) === form.windowMinutes}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <fieldset>
          <legend>Steps, in order</legend>
          <ol class="step-rows" data-steps data-max={maxSteps}>
            {steps.map((step, i) => (
              <StepRow index={i} step={step} />
            ))}
          </ol>
          <button type="button" class="link add" data-add-step hidden>
            + Add step
          </button>
        </fieldset>
        <p class="note">
          A condition tests a prop of the step's event. Numbers and true / false are compared as such; for “is one of”, separate the
          values with commas. Empty rows are left out. Saving new steps recomputes the funnel from the stored events.
        </p>
        <datalist id="event-names">
          {props.events.map((name) => (
            <option value={name}></option>
          ))}
        </datalist>
        <button type="submit" class="primary">
          {funnel ? 'Save funnel' : 'Create funnel'}
        </button>
      </form>
      {funnel && (
        <form method="post" action={funnelPath(ctx, funnel, '/delete')} class="card danger">
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <span>Deleting a funnel removes its numbers; the events stay.</span>
          <button type="submit">Delete funnel</button>
        </form>
      )}
      <script src="/stats/assets/funnels.js" defer></script>
    </Page>
  );
}
