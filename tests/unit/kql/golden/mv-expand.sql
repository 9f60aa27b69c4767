WITH "t1_SigninLogs" AS (
  SELECT "TimeGenerated", coalesce("UserPrincipalName", '') AS "UserPrincipalName", coalesce("AppId", '') AS "AppId", coalesce("AppDisplayName", '') AS "AppDisplayName", coalesce("IPAddress", '') AS "IPAddress", coalesce("ResultType", '') AS "ResultType", "LocationDetails", "ConditionalAccessPolicies" FROM "SigninLogs"
),
"t2_mv_expand" AS (
  SELECT "TimeGenerated", "UserPrincipalName", "AppId", "AppDisplayName", "IPAddress", "ResultType", "LocationDetails", "ConditionalAccessPolicies", kql_mv_item("__mv0", CAST("__loupe_mv_i" AS DOUBLE), 0) AS "Policy", CAST("__loupe_mv_i" AS BIGINT) AS "i" FROM (SELECT *, unnest(range(CAST(greatest(kql_mv_count("__mv0")) AS BIGINT))) AS "__loupe_mv_i" FROM (SELECT *, "ConditionalAccessPolicies" AS "__mv0" FROM t1_SigninLogs))
),
"t3_project" AS (
  SELECT "i", kql_dyn_tostring(CAST(kql_dyn_get(CAST("Policy" AS VARCHAR), CAST('result' AS VARCHAR)) AS VARCHAR)) AS "Result" FROM t2_mv_expand
)
SELECT "i", "Result" FROM t3_project
