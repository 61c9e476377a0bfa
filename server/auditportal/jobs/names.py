"""Names of requested jobs, so one domain can request another's job without importing it.

Arguments are JSON objects; the job's module documents them next to its ``@job``.
"""

from __future__ import annotations

# {"customerId": str}: a customer's tier changed, re-plan its future inspections.
REPLAN_CUSTOMER_INSPECTIONS = "replan_customer_inspections"
# {"customerIds": [str] | absent for all}: recompute tiers and risk scores.
RECLASSIFY_CUSTOMERS = "reclassify_customers"
# {"planId": str | absent for every active plan}: materialise due inspections.
SCHEDULE_INSPECTIONS = "schedule_inspections"
# {"importId": str}: a dry run or commit of an uploaded customer file.
RUN_IMPORT = "run_customer_import"
# {"connectionId": str}: pull changed customers from a CRM.
SYNC_CRM = "sync_crm_connection"
# {"formId": str, "versionId": str}: a published version marked values sensitive; seal
# what earlier submissions of the form hold in clear.
SEAL_FORM_SUBMISSIONS = "seal_form_submissions"
# {"formId": str, "owner": "submission" | "customer"}: a published version changed the
# form's search fields; extract them again from its submissions (or customers' attributes).
REINDEX_SEARCH = "reindex_search_fields"
# {"attachmentId": str}: an uploaded image needs its thumbnail.
MAKE_THUMBNAIL = "make_attachment_thumbnail"
# {"exportId": str}: write a requested export (CSV or XLSX) to storage.
RUN_EXPORT = "run_export"
