WITH "t1_AuditLogs" AS (
  SELECT "TimeGenerated", coalesce("OperationName", '') AS "OperationName", "InitiatedBy", "TargetResources" FROM "AuditLogs"
),
"t2_parse" AS (
  SELECT "TimeGenerated", "OperationName", "InitiatedBy", "TargetResources", CASE WHEN "__loupe_pm" THEN "__loupe_c1" ELSE '' END AS "Verb", CASE WHEN "__loupe_pm" THEN "__loupe_c2" ELSE '' END AS "Rest" FROM (SELECT *, "__loupe_p1" AS "__loupe_c1", "__loupe_p2" AS "__loupe_c2" FROM (SELECT *, regexp_matches("OperationName", '^(.*?) (.*)$') AS "__loupe_pm", regexp_extract("OperationName", '^(.*?) (.*)$', 1) AS "__loupe_p1", regexp_extract("OperationName", '^(.*?) (.*)$', 2) AS "__loupe_p2" FROM t1_AuditLogs))
),
"t3_project" AS (
  SELECT "Verb", "Rest" FROM t2_parse
)
SELECT "Verb", "Rest" FROM t3_project
