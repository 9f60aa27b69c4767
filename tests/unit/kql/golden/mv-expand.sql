WITH "t1_SigninLogs" AS (
  SELECT "TimeGenerated", coalesce("UserPrincipalName", '') AS "UserPrincipalName", coalesce("AppId", '') AS "AppId", coalesce("AppDisplayName", '') AS "AppDisplayName", coalesce("IPAddress", '') AS "IPAddress", coalesce("ResultType", '') AS "ResultType", "LocationDetails", "ConditionalAccessPolicies" FROM "SigninLogs"
),
"t2_mv_expand" AS (
  SELECT "TimeGenerated", "UserPrincipalName", "AppId", "AppDisplayName", "IPAddress", "ResultType", "LocationDetails", "ConditionalAccessPolicies", nullif("__mvl0"["__loupe_mv_i" + 1], 'null') AS "Policy", CAST("__loupe_mv_i" AS BIGINT) AS "i" FROM (SELECT *, unnest(range(CAST(greatest(len("__mvl0")) AS BIGINT))) AS "__loupe_mv_i" FROM (SELECT *, CASE WHEN "__mv0" IS NULL THEN [CAST(NULL AS VARCHAR)] WHEN "__mv0" = '[]' THEN CAST([] AS VARCHAR[]) WHEN regexp_full_match("__mv0", '\[(?:[-+.0-9eEtruefalsn]+|"[^",\\]*")(?:,(?:[-+.0-9eEtruefalsn]+|"[^",\\]*"))*\]') THEN string_split("__mv0"[2:-2], ',') WHEN "__mvt0" = '' THEN CAST([] AS VARCHAR[]) ELSE string_split("__mvt0", chr(31)) END AS "__mvl0" FROM (SELECT *, CASE WHEN NOT regexp_full_match("__mv0", '\[(?:[-+.0-9eEtruefalsn]+|"[^",\\]*")(?:,(?:[-+.0-9eEtruefalsn]+|"[^",\\]*"))*\]') THEN kql_mv_items("__mv0", 0) END AS "__mvt0" FROM (SELECT *, "ConditionalAccessPolicies" AS "__mv0" FROM t1_SigninLogs))))
),
"t3_project" AS (
  SELECT "i", kql_dyn_tostring(CAST(kql_dyn_get(CAST("Policy" AS VARCHAR), CAST('result' AS VARCHAR)) AS VARCHAR)) AS "Result" FROM t2_mv_expand
)
SELECT "i", "Result" FROM t3_project
