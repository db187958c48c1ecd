// The Calls page's forms as posted (text fields, a numbers box with one number a line) turned into the API's own inputs, so both are checked by one schema.
import { callSettingsSchema, poolInputSchema, staticNumberSchema } from '../calls/wire.js';
import { callbackWidgetSchema } from '../calls/callback.js';

type Form = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const orNull = (value: unknown) => text(value) || null;

/** A pool form: its text fields as the API takes them, the numbers box split into lines. */
export const parsePoolForm = (form: Form) =>
  poolInputSchema.safeParse({
    name: text(form.name),
    default_number: text(form.default_number),
    published_number: orNull(form.published_number),
    selector: orNull(form.selector),
    numbers: text(form.numbers).split(/[\r\n,]+/).map((line) => line.trim()).filter(Boolean),
    hold_minutes: Number(text(form.hold_minutes) || NaN),
  });

export const parseStaticForm = (form: Form) => staticNumberSchema.safeParse({ number: text(form.number), source: text(form.source), campaign: orNull(form.campaign) });

/** The settings form: a checkbox sends its value only when ticked. */
export const parseCallSettingsForm = (form: Form) => callSettingsSchema.safeParse({ store_callers: form.store_callers === 'on' });

const whole = (value: unknown) => (text(value) === '' ? NaN : Number(text(value)));
const list = (value: unknown) => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** The widget form: checkboxes send their value only when ticked, the segments list every one chosen, an empty minimum score is none. */
export const parseWidgetForm = (form: Form) =>
  callbackWidgetSchema.safeParse({
    enabled: form.enabled === 'on',
    title: text(form.title),
    text: text(form.text),
    button: text(form.button),
    min_score: text(form.min_score) === '' ? null : whole(form.min_score),
    segments: list(form.segments).map(whole),
    min_product_views: whole(form.min_product_views),
    min_seconds_on_page: whole(form.min_seconds_on_page),
    exit_intent: form.exit_intent === 'on',
    on_phones: form.on_phones === 'on',
  });
