import { ORDER_FIELD_LIMITS } from '../../orders/order-fields';
import { webTexts } from '../../texts/ru/web';
import type { WebVisitor } from '../auth/web-auth.service';
import { html, Html } from './html';
import { csrfField, layout, Page } from './layout';

const t = webTexts.order;
const f = t.fields;
const limits = ORDER_FIELD_LIMITS;

/** What the form holds: the order's values, or what was typed before a refusal. */
export interface OrderFormValues {
  equipmentType: string;
  problem: string;
  clientAddress: string;
  clientName: string;
  clientPhone: string;
  notes: string;
  arrival: string;
}

export const EMPTY_FORM: OrderFormValues = {
  equipmentType: '',
  problem: '',
  clientAddress: '',
  clientName: '',
  clientPhone: '',
  notes: '',
  arrival: '',
};

export interface OrderFormModel {
  /** Absent when creating. */
  orderId?: number;
  version?: number;
  /** The creation key: a form submitted twice creates one order. */
  creationKey?: string;
  values: OrderFormValues;
  equipmentTypes: readonly string[];
  /** The refused field and why (the domain's own message). */
  problem?: { field?: string; message: string };
}

export function orderFormPage(visitor: WebVisitor, model: OrderFormModel): Html {
  const editing = model.orderId !== undefined;
  const title = editing ? `${t.edit} — ${t.title(model.orderId as number)}` : t.create;
  const flash: Page['flash'] = model.problem
    ? { text: model.problem.message, error: true }
    : undefined;
  const v = model.values;
  const problemOf = (name: string) =>
    model.problem?.field === name ? html`<div class="problem">${model.problem.message}</div>` : '';
  return layout({
    title,
    visitor,
    section: editing ? 'board' : 'create',
    flash,
    body: html`<h1>${title}</h1>
      <form
        method="post"
        action="${editing ? `/web/orders/${model.orderId}/edit` : '/web/orders'}"
        class="form panel"
      >
        ${csrfField(visitor)}
        ${model.version !== undefined ? html`<input type="hidden" name="version" value="${model.version}" />` : ''}
        ${model.creationKey ? html`<input type="hidden" name="creationKey" value="${model.creationKey}" />` : ''}
        <label for="equipmentType">${f.equipmentType}</label>
        <select id="equipmentType" name="equipmentType" required>
          ${model.equipmentTypes.map((type) => html`<option${type === v.equipmentType ? ' selected' : ''}>${type}</option>`)}</select
        >${problemOf('equipmentType')}
        <label for="problem">${f.problem}</label>
        <textarea id="problem" name="problem" required maxlength="${limits.problem.max}">
${v.problem}</textarea
        >${problemOf('problem')}
        <label for="clientAddress">${f.clientAddress}</label>
        <input
          id="clientAddress"
          name="clientAddress"
          required
          maxlength="${limits.clientAddress.max}"
          value="${v.clientAddress}"
          size="60"
        />${problemOf('clientAddress')}
        <label for="clientName">${f.clientName}</label>
        <input
          id="clientName"
          name="clientName"
          required
          maxlength="${limits.clientName.max}"
          value="${v.clientName}"
        />${problemOf('clientName')}
        <label for="clientPhone">${f.clientPhone}</label>
        <input
          id="clientPhone"
          name="clientPhone"
          type="tel"
          required
          value="${v.clientPhone}"
        />${problemOf('clientPhone')}
        <label for="notes">${f.notes}</label>
        <textarea
          id="notes"
          name="notes"
          maxlength="${limits.notes.max}"
          placeholder="${t.hints.notes}"
        >
${v.notes}</textarea
        >${problemOf('notes')}
        <label for="arrival">${f.arrival}</label>
        <input
          id="arrival"
          name="arrival"
          maxlength="${limits.arrival.max}"
          value="${v.arrival}"
          size="40"
        />
        <div class="hint">${t.hints.arrival}</div>
        ${problemOf('arrival')}
        <p><button type="submit">${editing ? t.save : t.create}</button></p>
      </form>`,
  });
}
