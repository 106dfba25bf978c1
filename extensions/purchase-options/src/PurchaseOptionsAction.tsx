/** @jsxImportSource preact */
/**
 * The purchase-options action: on a product or variant page, create a plan
 * for it, edit the plan the merchant opened, and add it to or remove it from
 * the app's other plans. A thin view: the data layer (purchase-options.ts)
 * talks to Shopify, the pure modules decide.
 */
import { useEffect, useState } from "preact/hooks";
import { DISCOUNT_TYPES, INTERVALS, planSummary, type DiscountType, type Interval } from "../../../app/plans/plan-display";
import { newPlanForm, type PlanFieldErrors, type PlanForm } from "../../../app/plans/plan-form";
import type { AdminClient } from "./admin-client";
import { addOption, canAddOption, canRemoveOption, formStateFromPlan, removeOption, updateOption, type FormState } from "./form-state";
import { membershipChange, type GroupRow } from "./membership";
import { changeMembership, GROUPS_PER_PAGE, loadPlan, loadResource, MAX_GROUP_PAGES, savePlan, type PageResource } from "./purchase-options";
import { targetFrom, type Target } from "./target";

/** What the view uses of the `shopify` global (the same on both targets). */
export interface ExtensionApi {
  data: { selected: ReadonlyArray<{ id: string; sellingPlanId?: string }> };
  close: () => void;
  i18n: { translate: (key: string, options?: Record<string, string | number>) => string };
}

type Phase =
  | { kind: "loading" }
  | { kind: "failed"; message: string }
  | { kind: "ready"; target: Target; resource: PageResource; edit: { groupId: string; current: PlanForm } | null };

type Notice = { tone: "success" | "critical"; message: string } | null;

const numberOrNull = (text: string) => (text.trim() === "" || Number.isNaN(Number(text)) ? null : Number(text));

export function PurchaseOptionsAction({ api, client }: { api: ExtensionApi; client: AdminClient }) {
  const t = (key: string, options?: Record<string, string | number>) => api.i18n.translate(key, options);
  const [phase, setPhase] = useState<Phase>({ kind: "loading" });
  const [form, setForm] = useState<FormState>(() => formStateFromPlan(newPlanForm()));
  const [errors, setErrors] = useState<PlanFieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [changing, setChanging] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  useEffect(() => {
    let cancelled = false;
    const opened = targetFrom(api.data.selected);
    if (!opened.ok) {
      setPhase({ kind: "failed", message: t(`errors.${opened.reason}`) });
      return;
    }
    const { target } = opened;
    (async () => {
      const [resource, plan] = await Promise.all([loadResource(client, target), target.groupId ? loadPlan(client, target.groupId) : null]);
      if (cancelled) return;
      if (!resource.ok) return setPhase({ kind: "failed", message: resource.message });
      if (plan && !plan.ok) return setPhase({ kind: "failed", message: plan.message });
      if (plan) setForm(formStateFromPlan(plan.value));
      setPhase({ kind: "ready", target, resource: resource.value, edit: plan && target.groupId ? { groupId: target.groupId, current: plan.value } : null });
    })().catch((error: Error) => !cancelled && setPhase({ kind: "failed", message: `${t("errors.load")}: ${error.message}` }));
    return () => {
      cancelled = true;
    };
    // Opened once per target: the admin mounts the extension again for another product.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (phase.kind !== "ready") {
    return (
      <s-admin-action heading={t("heading.create")} loading={phase.kind === "loading"}>
        {phase.kind === "failed" ? <s-banner tone="critical" heading={t("errors.load")}>{phase.message}</s-banner> : null}
        <s-button slot="secondary-actions" onClick={api.close}>
          {t("actions.cancel")}
        </s-button>
      </s-admin-action>
    );
  }

  const { target, resource, edit } = phase;
  const currency = resource.currencyCode;

  async function save() {
    setSaving(true);
    setNotice(null);
    try {
      const result = await savePlan(client, target, form, edit);
      if (result.ok) return api.close();
      setErrors(result.errors);
    } catch (error) {
      setErrors({ form: (error as Error).message });
    } finally {
      setSaving(false);
    }
  }

  async function change(row: GroupRow) {
    setChanging(row.id);
    setNotice(null);
    try {
      const result = await changeMembership(client, target, row);
      if (!result.ok) return setNotice({ tone: "critical", message: result.message });
      const reloaded = await loadResource(client, target);
      if (reloaded.ok) setPhase((current) => (current.kind === "ready" ? { ...current, resource: reloaded.value } : current));
      setNotice({ tone: "success", message: t(result.removed ? "plans.removed" : "plans.added", { plan: row.merchantCode || row.name }) });
    } catch (error) {
      setNotice({ tone: "critical", message: (error as Error).message });
    } finally {
      setChanging(null);
    }
  }

  const discountLabel =
    form.discountType === "PERCENTAGE" ? t("form.percentage") : form.discountType === "PRICE" ? t("form.price", { currency }) : t("form.amount", { currency });
  const summary = planSummary(
    form.discountType,
    form.options.map((row) => ({ frequency: Number(row.frequency) || 1, interval: row.interval, discount: numberOrNull(row.discount) })),
    currency,
  );
  const formError = errors.form ?? errors.products;

  return (
    <s-admin-action heading={t(edit ? "heading.edit" : "heading.create")}>
      <s-stack gap="base">
        {formError || errors.options ? (
          <s-banner tone="critical" heading={t("errors.notSaved")}>
            {[formError, errors.options].filter(Boolean).join(" ")}
          </s-banner>
        ) : null}
        <s-section heading={t("form.heading")}>
          <s-stack gap="base">
            <s-text-field
              label={t("form.name")}
              details={t("form.nameDetails")}
              value={form.name}
              error={errors.name}
              onInput={(event) => setForm({ ...form, name: event.currentTarget.value })}
            />
            <s-text-field
              label={t("form.merchantCode")}
              details={t("form.merchantCodeDetails")}
              value={form.merchantCode}
              error={errors.merchantCode}
              onInput={(event) => setForm({ ...form, merchantCode: event.currentTarget.value })}
            />
            <s-select
              label={t("form.discountType")}
              value={form.discountType}
              onChange={(event) => setForm({ ...form, discountType: event.currentTarget.value as DiscountType })}
            >
              {DISCOUNT_TYPES.map((type) => (
                <s-option key={type} value={type}>
                  {t(`discountTypes.${type}`)}
                </s-option>
              ))}
            </s-select>
          </s-stack>
        </s-section>
        <s-section heading={t("form.optionsHeading")}>
          <s-stack gap="base">
            {form.options.map((row, index) => (
              <s-stack key={row.key} direction="inline" gap="base" alignItems="end">
                <s-number-field
                  label={t("form.frequency")}
                  value={row.frequency}
                  min={1}
                  step={1}
                  error={errors[`options.${index}.frequency`] ?? errors[`options.${index}`]}
                  onInput={(event) => setForm(updateOption(form, row.key, { frequency: event.currentTarget.value }))}
                />
                <s-select
                  label={t("form.interval")}
                  value={row.interval}
                  error={errors[`options.${index}.interval`]}
                  onChange={(event) => setForm(updateOption(form, row.key, { interval: event.currentTarget.value as Interval }))}
                >
                  {INTERVALS.map((interval) => (
                    <s-option key={interval} value={interval}>
                      {t(`intervals.${interval}`)}
                    </s-option>
                  ))}
                </s-select>
                {form.discountType === "NONE" ? null : (
                  <s-number-field
                    label={discountLabel}
                    value={row.discount}
                    min={0}
                    error={errors[`options.${index}.discount`]}
                    onInput={(event) => setForm(updateOption(form, row.key, { discount: event.currentTarget.value }))}
                  />
                )}
                <s-button
                  variant="tertiary"
                  tone="critical"
                  icon="delete"
                  accessibilityLabel={t("form.removeOption", { number: index + 1 })}
                  disabled={!canRemoveOption(form)}
                  onClick={() => setForm(removeOption(form, row.key))}
                />
              </s-stack>
            ))}
            <s-button disabled={!canAddOption(form)} onClick={() => setForm(addOption(form))}>
              {t("form.addOption")}
            </s-button>
            <s-text type="strong">{t("form.summaryHeading")}</s-text>
            {summary.map((line, index) => (
              <s-paragraph key={index}>{line}</s-paragraph>
            ))}
          </s-stack>
        </s-section>
        <s-section heading={t("plans.heading")}>
          <s-stack gap="base">
            {notice ? (
              <s-banner tone={notice.tone} heading={notice.tone === "critical" ? t("errors.notChanged") : undefined}>
                {notice.message}
              </s-banner>
            ) : null}
            {resource.groups.length === 0 ? <s-paragraph>{t("plans.empty")}</s-paragraph> : null}
            {resource.groups.map((row) => {
              const rowChange = membershipChange(target, row);
              const removes = rowChange?.operation === "removeProducts" || rowChange?.operation === "removeProductVariants";
              return (
                <s-stack key={row.id} direction="inline" gap="base" alignItems="center" justifyContent="space-between">
                  <s-stack gap="small">
                    <s-text type="strong">{row.merchantCode || row.name}</s-text>
                    <s-text>{row.name}</s-text>
                    <s-badge tone={row.membership === "none" ? "neutral" : "success"}>{t(`plans.membership.${row.membership}`)}</s-badge>
                  </s-stack>
                  {rowChange ? (
                    <s-button
                      tone={removes ? "critical" : "auto"}
                      loading={changing === row.id}
                      disabled={changing !== null && changing !== row.id}
                      onClick={() => change(row)}
                    >
                      {t(removes ? "plans.remove" : "plans.add")}
                    </s-button>
                  ) : null}
                </s-stack>
              );
            })}
            {resource.truncated ? <s-paragraph>{t("plans.truncated", { count: GROUPS_PER_PAGE * MAX_GROUP_PAGES })}</s-paragraph> : null}
          </s-stack>
        </s-section>
      </s-stack>
      <s-button slot="primary-action" variant="primary" loading={saving} onClick={save}>
        {t(edit ? "actions.save" : "actions.create")}
      </s-button>
      <s-button slot="secondary-actions" onClick={api.close}>
        {t("actions.cancel")}
      </s-button>
    </s-admin-action>
  );
}
