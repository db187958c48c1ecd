// The funnel form's fields (steps[i].event, steps[i].prop / op / value repeated per condition) to and from a definition.
import { firstIssue, type Refusal } from '../validation.js';
import { funnelSchema, type FunnelDefinition, type Funnel } from '../model/funnel.js';

/** The form as typed: strings only, so a refused form comes back as it was sent. */
export interface FunnelForm {
  name: string;
  windowMinutes: string;
  steps: { event: string; where: { prop: string; op: string; value: string }[] }[];
}

type Body = Record<string, string | File | (string | File)[]>;

const strings = (value: Body[string] | undefined): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => (typeof v === 'string' ? v : ''));
const field = /^steps\[(\d{1,2})\]\.(event|prop|op|value)$/;

/** Reads the posted fields; rows left blank (the spare step, an empty condition) are not steps. */
export function readFunnelForm(body: Body): FunnelForm {
  const rows = new Map<number, Record<'event' | 'prop' | 'op' | 'value', string[]>>();
  for (const [key, value] of Object.entries(body)) {
    const match = field.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    if (!rows.has(index)) rows.set(index, { event: [], prop: [], op: [], value: [] });
    rows.get(index)![match[2] as 'event'] = strings(value);
  }
  const steps = [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, row]) => ({
      event: (row.event[0] ?? '').trim(),
      where: Array.from({ length: Math.max(row.prop.length, row.value.length) }, (_, i) => ({
        prop: (row.prop[i] ?? '').trim(),
        op: row.op[i] ?? 'eq',
        value: row.value[i] ?? '',
      }))
        .filter((test) => test.prop !== '' || test.value.trim() !== ''),
    }))
    .filter((step) => step.event !== '' || step.where.length > 0);
  return { name: strings(body.name)[0] ?? '', windowMinutes: strings(body.windowMinutes)[0] ?? '', steps };
}

// A form value is text; numbers and true/false are meant as such (props arrive as JSON).
const scalar = (text: string): string | number | boolean => {
  const value = text.trim();
  if (value !== '' && Number.isFinite(Number(value))) return Number(value);
  return value === 'true' ? true : value === 'false' ? false : value;
};
const listItem = (text: string) => {
  const value = scalar(text);
  return typeof value === 'boolean' ? text.trim() : value;
};

/** How the form names a field: "Step 2 › condition 1 › value" for steps[1].where[0].value. */
function label(path: string): string {
  const human = path
    .replace(/^steps\[(\d+)\]/, (_, i: string) => `Step ${Number(i) + 1}`)
    .replace(/\.where\[(\d+)\]/, (_, i: string) => ` › condition ${Number(i) + 1}`)
    .replace(/\.(event|prop|op|value)$/, (_, f: string) => ` › ${{ event: 'event name', prop: 'prop', op: 'test', value: 'value' }[f]}`)
    .replace(/^windowMinutes$/, 'Window')
    .replace(/^name$/, 'Name')
    .replace(/^steps$/, 'Steps');
  return human;
}

/** The definition the form describes, or the first field that is wrong, named as the form shows it. */
export function parseFunnelForm(form: FunnelForm): { definition: FunnelDefinition } | Refusal {
  const parsed = funnelSchema.safeParse({
    name: form.name,
    windowMinutes: Number(form.windowMinutes),
    steps: form.steps.map((step) => ({
      event: step.event,
      where: step.where.map((test) => ({
        prop: test.prop,
        op: test.op,
        value: test.op === 'in' ? test.value.split(',').filter((v) => v.trim() !== '').map(listItem) : scalar(test.value),
      })),
    })),
  });
  if (parsed.success) return { definition: parsed.data };
  const { field, message } = firstIssue(parsed.error);
  return { field, message: `${label(field)}: ${message.slice(field.length + 2)}` };
}

export function formOfFunnel(funnel: Funnel): FunnelForm {
  return {
    name: funnel.name,
    windowMinutes: String(funnel.windowMinutes),
    steps: funnel.steps.map((step) => ({
      event: step.event,
      where: step.where.map((test) => ({ prop: test.prop, op: test.op, value: Array.isArray(test.value) ? test.value.join(', ') : String(test.value) })),
    })),
  };
}

export const blankFunnelForm: FunnelForm = { name: '', windowMinutes: '1440', steps: [] };
