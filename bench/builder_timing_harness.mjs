// The in-page part of bench/builder_timing.py (bundled with the model by rolldown).
import * as m from "%MODEL%";
function form(n) {
  const sections = Math.max(1, Math.round(n / 10));
  const properties = {};
  for (let s = 0; s < sections; s++) {
    const inner = {};
    for (let i = 0; i < n / sections; i++) inner[`q${i}`] = m.fieldTemplate(i % 3 ? "checklistItem" : "shortText", 2).schema;
    properties[`s${s}`] = { type: "object", title: `S${s}`, "x-title": { "zh-CN": `节${s}`, en: `S${s}` }, properties: inner,
      allOf: [{ if: { properties: { q1: { const: "non_compliant" } }, required: ["q1"] }, then: { properties: { why: { type: "string" } } } }] };
  }
  return { key: "bench", category: "inspection_checklist", title: { "zh-CN": "基准", en: "Bench" },
    schema: { type: "object", properties } };
}
function time(fn, reps) {
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return (performance.now() - t0) / reps;
}
window.bench = (n, reps) => {
  const doc = m.load(form(n));
  const mid = doc.fields[Math.floor(doc.fields.length / 2)];
  const add = time(() => m.addField(doc, "checklistItem", mid.id, 3), reps);
  const first = doc.fields[0];
  const move = time(() => m.moveField(doc, first.id, null, doc.fields.length - 1), reps);
  const answers = { s0: { q1: "non_compliant", q2: "compliant" } };
  const preview = time(() => {
    const s = m.localizedSchema(doc.definition.schema, "zh-CN");
    m.localizedUiSchema(doc.definition.schema, {}, "zh-CN");
    m.hiddenFields(doc, answers);
    m.liveScore(s, answers);
  }, reps);
  return { add, move, preview };
};
